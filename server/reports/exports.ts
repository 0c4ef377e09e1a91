import { randomUUID } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import { type Actor, actorId, type Services } from '../core/context';
import { type ReportFormat, renderReport, reportFileName } from './render';
import { reportContent } from './service';

/** One export under way or done: kept in memory a while for its owner to fetch. */
interface Job {
  owner: string | null;
  status: 'running' | 'done' | 'failed';
  progress: number;
  step: string;
  error: string | null;
  file: { body: Buffer; contentType: string; name: string } | null;
  finishedAt: number | null;
}

const KEEP_MS = 15 * 60_000;
const jobs = new Map<string, Job>();

function sweep(now: number) {
  for (const [id, job] of jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_MS) jobs.delete(id);
}

/** Renders a report to a file: its content (frozen, or built now) then the format. */
export async function exportReport(
  services: Services,
  actor: Actor,
  reportId: string,
  format: ReportFormat,
  onProgress: (fraction: number, step: string) => void = () => {},
) {
  const content = await reportContent(services, actor, reportId, (f, step) => onProgress(f * 0.5, step));
  const file = await renderReport(content, format, (f, step) => onProgress(0.5 + f * 0.5, step));
  return { ...file, name: reportFileName(content, file.extension) };
}

/**
 * Starts an export in the background and answers at once with a job id; the client follows
 * its progress and fetches the file when it is done. Permission is checked before it starts.
 */
export async function startExport(services: Services, actor: Actor, reportId: string, format: ReportFormat) {
  // Reading the content checks that the actor may read the report, before any job exists.
  await reportContent(services, actor, reportId).then(() => undefined);
  sweep(Date.now());
  const id = randomUUID();
  const job: Job = {
    owner: actorId(actor),
    status: 'running',
    progress: 0,
    step: 'Startar',
    error: null,
    file: null,
    finishedAt: null,
  };
  jobs.set(id, job);
  void exportReport(services, actor, reportId, format, (f, step) => {
    job.progress = Math.max(job.progress, Math.min(1, f));
    job.step = step;
  })
    .then((file) => {
      job.file = file;
      job.status = 'done';
      job.progress = 1;
      job.step = 'Klar';
    })
    .catch((err: unknown) => {
      job.status = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
    })
    .finally(() => {
      job.finishedAt = Date.now();
    });
  return { jobId: id };
}

function jobFor(actor: Actor, id: string): Job {
  const job = jobs.get(id);
  if (!job || job.owner !== actorId(actor))
    throw new DomainError('not_found', 'Exporten finns inte (eller är för gammal).');
  return job;
}

export function exportStatus(actor: Actor, id: string) {
  const job = jobFor(actor, id);
  return { status: job.status, progress: job.progress, step: job.step, error: job.error };
}

export function exportFile(actor: Actor, id: string) {
  const job = jobFor(actor, id);
  if (job.status !== 'done' || !job.file) throw new DomainError('conflict', 'Exporten är inte klar.');
  return job.file;
}
