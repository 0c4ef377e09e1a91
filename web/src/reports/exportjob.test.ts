import { describe, expect, it } from 'vitest';
import {
  type ExportState,
  exportReducer,
  fallbackFileName,
  fileNameFrom,
  idleExport,
  isBusy,
  percentOf,
} from './exportjob';

const running = (progress: number, step: string) => ({ status: 'running' as const, progress, step, error: null });

describe('export job course', () => {
  it('starts, follows the progress and step, and ends in the download', () => {
    let s: ExportState = exportReducer(idleExport, { type: 'start', format: 'pdf' });
    expect(s).toEqual({ phase: 'starting', format: 'pdf' });
    expect(isBusy(s)).toBe(true);
    s = exportReducer(s, { type: 'started', jobId: 'j1' });
    expect(s).toMatchObject({ phase: 'running', jobId: 'j1', progress: 0, polls: 0 });
    s = exportReducer(s, { type: 'polled', jobId: 'j1', job: running(0.25, 'Hämtar handlingsplanen') });
    expect(s).toMatchObject({ phase: 'running', progress: 25, step: 'Hämtar handlingsplanen', polls: 1 });
    // The same answer twice still counts as an answer, so the next question is asked.
    s = exportReducer(s, { type: 'polled', jobId: 'j1', job: running(0.25, 'Hämtar handlingsplanen') });
    expect(s).toMatchObject({ progress: 25, polls: 2 });
    s = exportReducer(s, {
      type: 'polled',
      jobId: 'j1',
      job: { status: 'done', progress: 1, step: 'Klar', error: null },
    });
    expect(s).toEqual({ phase: 'downloading', format: 'pdf', jobId: 'j1', progress: 100, step: 'Klar' });
    s = exportReducer(s, { type: 'downloaded', jobId: 'j1' });
    expect(s.phase).toBe('done');
    expect(isBusy(s)).toBe(false);
  });

  it('never moves the bar backwards and keeps the last step when none is said', () => {
    let s: ExportState = { phase: 'running', format: 'xlsx', jobId: 'j', progress: 60, step: 'Skriver', polls: 3 };
    s = exportReducer(s, { type: 'polled', jobId: 'j', job: running(0.4, '') });
    expect(s).toMatchObject({ progress: 60, step: 'Skriver' });
  });

  it('ignores late answers about another job and a second start while busy', () => {
    const s: ExportState = { phase: 'running', format: 'docx', jobId: 'new', progress: 10, step: 'a', polls: 1 };
    expect(exportReducer(s, { type: 'polled', jobId: 'old', job: running(0.9, 'b') })).toBe(s);
    expect(exportReducer(s, { type: 'start', format: 'pdf' })).toBe(s);
    expect(exportReducer(s, { type: 'downloaded', jobId: 'new' })).toBe(s);
  });

  it('says why it failed, from the job or the request', () => {
    const s: ExportState = { phase: 'running', format: 'pdf', jobId: 'j', progress: 10, step: 'a', polls: 1 };
    expect(
      exportReducer(s, {
        type: 'polled',
        jobId: 'j',
        job: { status: 'failed', progress: 0.1, step: 'a', error: 'Slut på minne' },
      }),
    ).toEqual({ phase: 'failed', format: 'pdf', error: 'Slut på minne' });
    expect(exportReducer(s, { type: 'error', message: 'Nätverksfel' })).toEqual({
      phase: 'failed',
      format: 'pdf',
      error: 'Nätverksfel',
    });
    expect(exportReducer(idleExport, { type: 'error', message: 'x' })).toBe(idleExport);
    // A failed export may be tried again.
    expect(exportReducer({ phase: 'failed', format: 'pdf', error: 'x' }, { type: 'start', format: 'pdf' }).phase).toBe(
      'starting',
    );
  });

  it('turns any fraction into a whole percent between 0 and 100', () => {
    expect(percentOf(0.456)).toBe(46);
    expect(percentOf(-1)).toBe(0);
    expect(percentOf(3)).toBe(100);
    expect(percentOf(Number.NaN)).toBe(0);
  });
});

describe('file names', () => {
  it("takes the server's name, encoded or plain, else one from the title", () => {
    expect(fileNameFrom("attachment; filename*=UTF-8''M%C3%A5nadsrapport%20sept.pdf", 'x.pdf')).toBe(
      'Månadsrapport sept.pdf',
    );
    expect(fileNameFrom('attachment; filename="rapport.docx"', 'x.docx')).toBe('rapport.docx');
    expect(fileNameFrom('attachment; filename=rapport.xlsx', 'x.xlsx')).toBe('rapport.xlsx');
    expect(fileNameFrom(null, 'x.pdf')).toBe('x.pdf');
    expect(fileNameFrom('attachment', 'x.pdf')).toBe('x.pdf');
    expect(fallbackFileName('Månadsrapport HS, september 2025', 'pdf')).toBe('Månadsrapport-HS-september-2025.pdf');
    expect(fallbackFileName('///', 'xlsx')).toBe('rapport.xlsx');
  });
});
