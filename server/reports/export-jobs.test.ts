import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import { buildApp } from '../app';
import { defaultSessionPolicy } from '../auth/service';
import { defaultMailConfig } from '../followup/reminders';
import { ABANDONED_MESSAGE, EXPORT_ABANDONED_MS, EXPORT_KEEP_MS, PROCESS_ID, sweepExportJobs } from './exports';

const NOW = '2025-10-20T10:00:00Z';

describe('export jobs in the database', () => {
  let ctx: TestContext;
  let reportId: string;
  let controllerId: string;
  beforeAll(async () => {
    ctx = await createDemoContext();
    ctx.clock.set(NOW);
    const controller = await signedIn(ctx.app, 'controller');
    const list = await controller('GET', '/api/reports');
    reportId = (list.body.reports as { id: string; meeting?: { paragraph: string } }[]).find(
      (r) => r.meeting?.paragraph === '140',
    )?.id as string;
    const user = await ctx.services.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'controller')
      .executeTakeFirstOrThrow();
    controllerId = user.id;
  });
  afterAll(async () => ctx.close());

  /** A second app over the same database, as a second server process would build it. */
  const secondApp = () =>
    buildApp({
      services: ctx.services,
      config: {
        secure: false,
        trustProxy: false,
        sessionPolicy: defaultSessionPolicy,
        maxBodyBytes: 64 * 1024,
        maxUploadBytes: 1024 * 1024,
        version: 'test',
        webRoot: null,
        log: () => {},
        mail: defaultMailConfig,
      },
    });

  /** A job row as another server process would have written it. */
  const insertJob = (id: string, fields: Partial<Record<string, unknown>> = {}) =>
    ctx.services.db
      .insertInto('export_jobs')
      .values({
        id,
        owner_id: controllerId,
        report_id: reportId,
        format: 'pdf',
        status: 'running',
        progress: 0.3,
        step: 'Ritar',
        process_id: 'a-process-that-is-gone',
        created_at: ctx.clock.now(),
        progressed_at: ctx.clock.now(),
        ...fields,
      })
      .execute();

  it('follows and fetches through a second app a job started through the first', async () => {
    ctx.clock.set(NOW);
    const first = await signedIn(ctx.app, 'controller');
    const second = await signedIn(secondApp(), 'controller');
    const started = await first('POST', `/api/reports/${reportId}/exports`, { format: 'docx' });
    expect(started.status).toBe(202);
    const jobId = started.body.jobId as string;
    let job = (await second('GET', `/api/exports/${jobId}`)).body;
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await second('GET', `/api/exports/${jobId}`)).body;
    }
    expect(job).toMatchObject({ status: 'done', progress: 1, step: 'Klar', error: null });
    const file = await second.raw('GET', `/api/exports/${jobId}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('officedocument.wordprocessingml');
    // A .docx is a zip archive.
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const row = await ctx.services.db
      .selectFrom('export_jobs')
      .select(['owner_id', 'status', 'process_id', 'finished_at'])
      .where('id', '=', jobId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ owner_id: controllerId, status: 'done', process_id: PROCESS_ID });
    expect(new Date(row.finished_at as Date).toISOString()).toBe(new Date(NOW).toISOString());
  });

  it('answers from the database for a job another process finished, to its owner only', async () => {
    ctx.clock.set(NOW);
    await insertJob('done-elsewhere', {
      status: 'done',
      progress: 1,
      step: 'Klar',
      file: Buffer.from('%PDF-från en annan process'),
      content_type: 'application/pdf',
      file_name: 'rapport.pdf',
      finished_at: ctx.clock.now(),
    });
    const controller = await signedIn(ctx.app, 'controller');
    expect((await controller('GET', '/api/exports/done-elsewhere')).body).toEqual({
      status: 'done',
      progress: 1,
      step: 'Klar',
      error: null,
    });
    const file = await controller.raw('GET', '/api/exports/done-elsewhere/file');
    expect(file.headers.get('content-disposition')).toContain('rapport.pdf');
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-från en annan process');
    const stranger = await signedIn(ctx.app, 'politiker');
    expect((await stranger('GET', '/api/exports/done-elsewhere')).status).toBe(404);
    expect((await stranger.raw('GET', '/api/exports/done-elsewhere/file')).status).toBe(404);
  });

  it('reports a running job abandoned by another process as failed once it has not moved for two minutes', async () => {
    ctx.clock.set(NOW);
    await insertJob('abandoned');
    await insertJob('ours', { process_id: PROCESS_ID });
    const controller = await signedIn(ctx.app, 'controller');
    ctx.clock.advance(EXPORT_ABANDONED_MS);
    expect((await controller('GET', '/api/exports/abandoned')).body).toMatchObject({ status: 'running' });
    expect((await controller('GET', '/api/exports/abandoned/file')).status).toBe(409);
    ctx.clock.advance(1000);
    expect((await controller('GET', '/api/exports/abandoned')).body).toEqual({
      status: 'failed',
      progress: 0.3,
      step: 'Ritar',
      error: ABANDONED_MESSAGE,
    });
    const row = await ctx.services.db
      .selectFrom('export_jobs')
      .select(['status', 'finished_at'])
      .where('id', '=', 'abandoned')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(new Date(row.finished_at as Date).getTime()).toBe(ctx.clock.now().getTime());
    expect((await controller('GET', '/api/exports/abandoned/file')).status).toBe(409);
    // A job of this very process is still being worked on here, however slow.
    expect((await controller('GET', '/api/exports/ours')).body).toMatchObject({ status: 'running' });
  });

  it('sweeps jobs that have not moved for 15 minutes, when an export starts and by the timer', async () => {
    ctx.clock.set(NOW);
    await insertJob('old-done', {
      status: 'done',
      file: Buffer.from('gammal'),
      content_type: 'application/pdf',
      file_name: 'gammal.pdf',
      finished_at: ctx.clock.now(),
    });
    await insertJob('old-running');
    ctx.clock.advance(5 * 60_000);
    await insertJob('recent', { status: 'failed', error: 'Något gick fel', finished_at: ctx.clock.now() });
    ctx.clock.set(new Date(new Date(NOW).getTime() + EXPORT_KEEP_MS + 1000));
    const controller = await signedIn(ctx.app, 'controller');
    const started = await controller('POST', `/api/reports/${reportId}/exports`, { format: 'xlsx' });
    expect(started.status).toBe(202);
    expect((await controller('GET', '/api/exports/old-done')).status).toBe(404);
    expect((await controller('GET', '/api/exports/old-running')).status).toBe(404);
    expect((await controller('GET', '/api/exports/recent')).body).toMatchObject({ status: 'failed' });
    let job = (await controller('GET', `/api/exports/${started.body.jobId}`)).body;
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await controller('GET', `/api/exports/${started.body.jobId}`)).body;
    }
    expect(job.status).toBe('done');
    // The hourly timer sweeps the rest once they too are 15 minutes old.
    ctx.clock.advance(EXPORT_KEEP_MS + 1000);
    expect(await sweepExportJobs(ctx.services)).toBeGreaterThanOrEqual(2);
    expect((await controller('GET', '/api/exports/recent')).status).toBe(404);
    expect((await controller('GET', `/api/exports/${started.body.jobId}`)).status).toBe(404);
  });
});

/** A signed-in client of `app` (sessions live in the database, so any app over it accepts them). */
async function signedIn(app: ReturnType<typeof buildApp>, username: string) {
  let cookie = '';
  const raw = (method: string, path: string, body?: unknown) =>
    app.request(`http://localhost${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' ? { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const login = await raw('POST', '/api/auth/login', { username, password: 'demo' });
  if (login.status !== 200) throw new Error(`login ${username} failed: ${login.status}`);
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const client = async (method: string, path: string, body?: unknown) => {
    const res = await raw(method, path, body);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
  };
  return Object.assign(client, { raw });
}
