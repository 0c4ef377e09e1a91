import type { ExportFormat, ExportJob } from './types';

// An export runs on the server as a job: it is started, asked about every few hundred
// milliseconds while it runs, and its file fetched when it is done. This is that course as a
// reducer, so the page only reacts to its phase and a late answer about an old job is ignored.

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'starting'; format: ExportFormat }
  | { phase: 'running'; format: ExportFormat; jobId: string; progress: number; step: string; polls: number }
  | { phase: 'downloading'; format: ExportFormat; jobId: string; progress: number; step: string }
  | { phase: 'done'; format: ExportFormat; jobId: string; progress: number; step: string }
  | { phase: 'failed'; format: ExportFormat; error: string };

export type ExportEvent =
  | { type: 'start'; format: ExportFormat }
  | { type: 'started'; jobId: string }
  | { type: 'polled'; jobId: string; job: ExportJob }
  | { type: 'downloaded'; jobId: string }
  | { type: 'error'; message: string };

export const idleExport: ExportState = { phase: 'idle' };

/** A fraction 0–1 as a whole percent, whatever the server sends. */
export function percentOf(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}

/** Whether an export is under way (no second one is started meanwhile). */
export const isBusy = (s: ExportState): boolean =>
  s.phase === 'starting' || s.phase === 'running' || s.phase === 'downloading';

export function exportReducer(state: ExportState, event: ExportEvent): ExportState {
  switch (event.type) {
    case 'start':
      return isBusy(state) ? state : { phase: 'starting', format: event.format };
    case 'started':
      if (state.phase !== 'starting') return state;
      return { phase: 'running', format: state.format, jobId: event.jobId, progress: 0, step: '', polls: 0 };
    case 'polled': {
      if (state.phase !== 'running' || state.jobId !== event.jobId) return state;
      const { job } = event;
      if (job.status === 'failed') return { phase: 'failed', format: state.format, error: job.error ?? job.step };
      const progress = Math.max(state.progress, percentOf(job.progress));
      if (job.status === 'done')
        return { phase: 'downloading', format: state.format, jobId: state.jobId, progress: 100, step: job.step };
      return { ...state, progress, step: job.step || state.step, polls: state.polls + 1 };
    }
    case 'downloaded':
      if (state.phase !== 'downloading' || state.jobId !== event.jobId) return state;
      return { ...state, phase: 'done' };
    case 'error':
      if (state.phase === 'idle') return state;
      return { phase: 'failed', format: state.format, error: event.message };
  }
}

/** The file name the server gives in Content-Disposition, else the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
  return name || fallback;
}

/** A file name from a report's title: letters, digits and dashes, with the format's extension. */
export function fallbackFileName(title: string, format: ExportFormat): string {
  const base = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'rapport'}.${format}`;
}
