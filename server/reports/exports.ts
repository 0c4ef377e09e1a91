import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DomainError } from '../../domain/errors';
import { type Actor, actorId, type Services } from '../core/context';
import { type ReportFormat, renderReport, reportFileName } from './render';
import { reportContent } from './service';

/** Finished jobs and their files are kept this long for their owner to fetch (by the clock). */
export const EXPORT_KEEP_MS = 15 * 60_000;
/** A running job of another process that has not moved for this long is taken as abandoned. */
export const EXPORT_ABANDONED_MS = 2 * 60_000;
/** Progress is written at most this often (of work, not of the injected clock). */
const PROGRESS_EVERY_MS = 300;

/**
 * This server process, so that a job can tell whether the process running it is still this one.
 * A new id every start: after a restart every earlier running job belongs to a process that is gone.
 */
export const PROCESS_ID = randomUUID();

export const ABANDONED_MESSAGE =
  'Exporten avbröts eftersom servern som gjorde den startades om eller stoppades. Starta exporten igen.';

/** Deletes jobs (and their files) that have not moved for EXPORT_KEEP_MS. */
export async function sweepExportJobs(services: Services): Promise<number> {
  const cutoff = new Date(services.clock.now().getTime() - EXPORT_KEEP_MS);
  const deleted = await services.db
    .deleteFrom('export_jobs')
    .where((eb) => eb.fn.coalesce('finished_at', 'progressed_at'), '<', cutoff)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
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
 * its progress and fetches the file when it is done, through any server process on the same
 * database. Permission is checked before it starts.
 */
export async function startExport(services: Services, actor: Actor, reportId: string, format: ReportFormat) {
  // Reading the content checks that the actor may read the report, before any job exists.
  await reportContent(services, actor, reportId).then(() => undefined);
  await sweepExportJobs(services);
  const id = randomUUID();
  const now = services.clock.now();
  await services.db
    .insertInto('export_jobs')
    .values({
      id,
      owner_id: actorId(actor),
      report_id: reportId,
      format,
      status: 'running',
      progress: 0,
      step: 'Startar',
      process_id: PROCESS_ID,
      created_at: now,
      progressed_at: now,
    })
    .execute();
  void runJob(services, actor, id, reportId, format);
  return { jobId: id };
}

async function runJob(services: Services, actor: Actor, id: string, reportId: string, format: ReportFormat) {
  const { db, clock } = services;
  let progress = 0;
  let step = 'Startar';
  let lastWrite = performance.now();
  // One progress write at a time: a write still under way makes the next tick skip, not queue.
  let writing: Promise<void> | null = null;
  const onProgress = (fraction: number, nextStep: string) => {
    progress = Math.max(progress, Math.min(1, fraction));
    step = nextStep;
    if (writing || performance.now() - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = performance.now();
    writing = db
      .updateTable('export_jobs')
      .set({ progress, step, progressed_at: clock.now() })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute()
      .then(
        () => undefined,
        () => undefined, // a lost progress tick is harmless; the final write reports the outcome
      )
      .finally(() => {
        writing = null;
      });
  };
  let outcome: { status: 'done'; file: Awaited<ReturnType<typeof exportReport>> } | { status: 'failed'; error: string };
  try {
    outcome = { status: 'done', file: await exportReport(services, actor, reportId, format, onProgress) };
  } catch (err) {
    outcome = { status: 'failed', error: err instanceof Error ? err.message : String(err) };
  }
  await writing;
  const now = clock.now();
  try {
    // Only a job still running is finished: one already failed as abandoned stays failed.
    await db
      .updateTable('export_jobs')
      .set(
        outcome.status === 'done'
          ? {
              status: 'done',
              progress: 1,
              step: 'Klar',
              file: outcome.file.body,
              content_type: outcome.file.contentType,
              file_name: outcome.file.name,
              progressed_at: now,
              finished_at: now,
            }
          : { status: 'failed', error: outcome.error, progressed_at: now, finished_at: now },
      )
      .where('id', '=', id)
      .where('status', '=', 'running')
      .execute();
  } catch {
    // The database is gone (the process is stopping): the job is then failed as abandoned later.
  }
}

/**
 * The actor's job, or not_found for anyone else's. A running job of another process that has
 * not moved for EXPORT_ABANDONED_MS is marked failed here: that process stopped (or restarted,
 * which gives it a new id) while it ran. A job of this process is never taken as abandoned,
 * since this process would have finished it; every process checks the others' jobs this way,
 * so no start-up pass is needed.
 */
async function jobFor(services: Services, actor: Actor, id: string) {
  const job = await services.db
    .selectFrom('export_jobs')
    .select(['id', 'owner_id', 'status', 'progress', 'step', 'error', 'process_id', 'progressed_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!job || job.owner_id !== actorId(actor))
    throw new DomainError('not_found', 'Exporten finns inte (eller är för gammal).');
  const now = services.clock.now();
  if (
    job.status === 'running' &&
    job.process_id !== PROCESS_ID &&
    now.getTime() - new Date(job.progressed_at).getTime() > EXPORT_ABANDONED_MS
  ) {
    await services.db
      .updateTable('export_jobs')
      .set({ status: 'failed', error: ABANDONED_MESSAGE, finished_at: now })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('process_id', '=', job.process_id)
      .where('progressed_at', '=', job.progressed_at)
      .execute();
    return { ...job, status: 'failed' as const, error: ABANDONED_MESSAGE };
  }
  return job;
}

export async function exportStatus(services: Services, actor: Actor, id: string) {
  const job = await jobFor(services, actor, id);
  return { status: job.status, progress: job.progress, step: job.step, error: job.error };
}

export async function exportFile(services: Services, actor: Actor, id: string) {
  const job = await jobFor(services, actor, id);
  const row =
    job.status === 'done'
      ? await services.db
          .selectFrom('export_jobs')
          .select(['file', 'content_type', 'file_name'])
          .where('id', '=', id)
          .executeTakeFirst()
      : undefined;
  if (!row?.file || !row.content_type || !row.file_name) throw new DomainError('conflict', 'Exporten är inte klar.');
  return { body: Buffer.from(row.file), contentType: row.content_type, name: row.file_name };
}
