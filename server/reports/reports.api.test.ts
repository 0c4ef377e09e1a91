import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

/** The text of a PDF as poppler's pdftotext reads it, spaces of every kind made plain. */
function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'rt-pdf-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
      /[\u00a0\u202f\u2009]/g,
      ' ',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('board reports and meetings', () => {
  let ctx: TestContext;
  let units: Map<string, string>;
  let bodies: Map<string, string>;
  let planId: string;
  let measures: Map<string, string>;
  beforeAll(async () => {
    const demoCtx = await createDemoContext();
    ctx = demoCtx;
    const seeded = demoCtx.demo;
    ({ units, bodies } = seeded);
    ({ planId, measures } = seeded.economy);
  });
  afterAll(async () => ctx.close());
  const unit = (key: string) => units.get(key) as string;
  const as = async (username: string) => {
    ctx.clock.set('2025-10-20T10:00:00Z');
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };

  it('lists the autumn 2024 reports as sent, and flags the series the boards only noted', async () => {
    const { status, body } = await (await as('politiker')).json('GET', '/api/reports');
    expect(status).toBe(200);
    const sent = body.reports.filter((r: any) => r.sentAt !== null);
    // Seed 002's autumn: HSN's, the styrelse's and KTN's (§ 55, the interim report) reports.
    expect(sent).toHaveLength(17);
    for (const r of sent) expect(r.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const rs198 = sent.find((r: any) => r.meeting.bodyName === 'Regionstyrelsen' && r.meeting.paragraph === '198');
    expect(rs198).toMatchObject({ meeting: { meetsOn: '2024-12-09' }, outcome: 'information', period: '2024-10' });
    const hsn111 = sent.find((r: any) => r.meeting.paragraph === '111');
    expect(hsn111.outcome).toBe('uppdrag');
    const rsOnHs = body.series.find(
      (s: any) => s.bodyName === 'Regionstyrelsen' && s.unitName === 'Hälso- och sjukvård',
    );
    expect(rsOnHs).toMatchObject({ notedInARow: 3, flagged: true });
    const hsnOnHs = body.series.find(
      (s: any) => s.bodyName === 'Hälso- och sjukvårdsnämnden' && s.unitName === 'Hälso- och sjukvård',
    );
    expect(hsnOnHs).toMatchObject({ notedInARow: 1, flagged: false });
    expect(body.reports.some((r: any) => r.status === 'draft' && r.period === '2025-09')).toBe(true);
  });

  it('shows a sent report exactly as the board saw it: September 2024, 197,0 of 343,6 mnkr', async () => {
    const { body: list } = await (await as('revisor')).json('GET', '/api/reports');
    const rs155 = list.reports.find((r: any) => r.meeting?.paragraph === '155');
    const { body } = await (await as('revisor')).json('GET', `/api/reports/${rs155.id}`);
    expect(body.status).toBe('sent');
    expect(body.can.edit).toBe(false);
    expect(body.content.actionPlan.totals).toMatchObject({
      targetKr: '343600000',
      forecastKr: '197000000',
      deviationKr: '-146600000',
    });
    expect(body.content.meeting).toEqual({ bodyName: 'Regionstyrelsen', meetsOn: '2024-10-22', paragraph: '155' });
    expect(body.followedBy[0]).toMatchObject({ outcome: 'information', paragraph: '155' });
    const text = pdfText(
      await bytes(await (await as('revisor')).request('GET', `/api/reports/${rs155.id}/export?format=pdf`)),
    );
    expect(text).toContain('343,6');
    expect(text).toContain('197,0');
    expect(text).toMatch(/[−-]146,6/);
    expect(text).toContain('Förslag till beslut');
    // Seed 002: HS's figures were not current in the autumn; Primärvård's agency-staff measure
    // last reported in October, so the report to HSN § 139 (per November) lists it as stale.
    const hsn139 = list.reports.find((r: any) => r.meeting?.paragraph === '139');
    const november = (await (await as('revisor')).json('GET', `/api/reports/${hsn139.id}`)).body.content;
    const staleMeasures = november.stale.filter((s: any) => s.kind === 'measure');
    expect(staleMeasures.length).toBeGreaterThan(0);
    expect(staleMeasures.every((s: any) => s.asOf === '2024-10')).toBe(true);
    expect(november.actionPlan.rows.some((r: any) => r.stale)).toBe(true);
  });

  it('builds a draft from the data, refuses to send it without a proposed decision, then freezes it with its hash', async () => {
    const controller = await as('controller');
    const created = await controller.json('POST', '/api/reports', {
      kind: 'month',
      title: 'Månadsrapport september 2024, Hälso- och sjukvård',
      unitId: unit('hs'),
      period: '2024-09',
      planId,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const draft = (await controller.json('GET', `/api/reports/${id}`)).body;
    expect(draft).toMatchObject({ status: 'draft', can: { edit: true }, version: 1 });
    expect(draft.content.actionPlan.totals.forecastKr).toBe('197000000');
    for (const row of draft.content.stale) expect(row.asOf).not.toBe('2024-09');
    expect(draft.content.scorecard.goals.length).toBeGreaterThan(0);

    const meeting = await controller.json('POST', '/api/meetings', {
      bodyId: bodies.get('hsn'),
      meetsOn: '2024-10-08',
      title: 'Extra sammanträde',
    });
    expect(meeting.status).toBe(201);
    const unready = await controller.json('POST', `/api/reports/${id}/send`, {
      version: 1,
      meetingId: meeting.body.id,
      paragraph: '120',
    });
    expect(unready.status).toBe(422);
    expect(unready.body.error.fields.map((f: any) => f.field).sort()).toEqual(['proposedDecision', 'recommendation']);

    const sbar = {
      situation: 'Prognosen är 197 mnkr mot målet 343,6 mnkr.',
      background: 'Handlingsplanen Hållbar framtid beslutades 2023.',
      assessment: 'Åtgärderna räcker inte.',
      recommendation: 'Nämnden beslutar om nya åtgärder för 146,6 mnkr.',
    };
    const saved = await controller.json('PUT', `/api/reports/${id}`, {
      version: 1,
      title: draft.title,
      sbar,
      proposedDecision:
        'Hälso- och sjukvårdsdirektören uppdras att ta fram åtgärder för 146,6 mnkr till nästa sammanträde.',
    });
    expect(saved.body.version).toBe(2);
    const stale = await controller.json('PUT', `/api/reports/${id}`, {
      version: 1,
      title: 'x',
      sbar,
      proposedDecision: 'x',
    });
    expect(stale.status).toBe(409);

    const key = { 'Idempotency-Key': `send-${id}` };
    const send = { version: 2, meetingId: meeting.body.id, paragraph: '120' };
    const first = await controller.json('POST', `/api/reports/${id}/send`, send, key);
    expect(first.status).toBe(200);
    const retry = await controller.json('POST', `/api/reports/${id}/send`, send, key);
    expect(retry.body).toEqual(first.body);
    const items = await ctx.services.db.selectFrom('agenda_items').select('id').where('report_id', '=', id).execute();
    expect(items).toHaveLength(1);
    expect(
      (await controller.json('PUT', `/api/reports/${id}`, { version: 3, title: 'x', sbar, proposedDecision: 'x' }))
        .status,
    ).toBe(409);
    // The database itself refuses to change a sent report.
    await expect(
      sql`UPDATE board_reports SET title = 'ändrad' WHERE id = ${id}`.execute(ctx.services.db),
    ).rejects.toThrow(/frozen/);

    // The exports before a change to the data...
    const pdfBefore = pdfText(await bytes(await controller.request('GET', `/api/reports/${id}/export?format=pdf`)));
    const docxBefore = Buffer.from(
      await bytes(await controller.request('GET', `/api/reports/${id}/export?format=docx`)),
    );
    const xlsxBefore = await bytes(await controller.request('GET', `/api/reports/${id}/export?format=xlsx`));
    // ...the September forecast of a measure is corrected afterwards...
    const measureId = measures.get('narakut') as string;
    const m = (await controller.json('GET', `/api/measures/${measureId}?period=2024-09`)).body;
    const corrected = await controller.json('POST', `/api/measures/${measureId}/reports`, {
      version: m.version,
      period: '2024-09',
      forecastKr: 99_000_000,
      comment: 'Rättad i efterhand',
    });
    expect(corrected.body.error ?? null).toBeNull();
    const redraft = await controller.json('POST', '/api/reports', {
      kind: 'month',
      title: 'Samma månad, byggd i dag',
      unitId: unit('hs'),
      period: '2024-09',
      planId,
    });
    const today = (await controller.json('GET', `/api/reports/${redraft.body.id}`)).body;
    expect(today.content.actionPlan.totals.forecastKr).not.toBe('197000000');
    // ...and the sent report is exactly what the board saw.
    const after = (await controller.json('GET', `/api/reports/${id}`)).body;
    expect(after.content.actionPlan.totals.forecastKr).toBe('197000000');
    expect(after.contentHash).toBe(first.body.contentHash);
    const pdfAfter = pdfText(await bytes(await controller.request('GET', `/api/reports/${id}/export?format=pdf`)));
    expect(pdfAfter).toBe(pdfBefore);
    expect(pdfAfter).toContain('197,0');
    expect(pdfAfter).toContain('Hälso- och sjukvårdsdirektören uppdras');
    const docxAfter = Buffer.from(
      await bytes(await controller.request('GET', `/api/reports/${id}/export?format=docx`)),
    );
    const wordBefore = (await mammoth.extractRawText({ buffer: docxBefore })).value;
    expect((await mammoth.extractRawText({ buffer: docxAfter })).value).toBe(wordBefore);
    expect(wordBefore).toContain('197,0');
    expect(wordBefore).toMatch(/[−-]146,6/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsxBefore as unknown as ArrayBuffer);
    const numbers: number[] = [];
    book.getWorksheet('Åtgärdsplan')?.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'number') numbers.push(cell.value);
      }),
    );
    expect(numbers).toContain(343.6);
    expect(numbers).toContain(197);
    expect(numbers).toContain(-146.6);
  });

  it('exports in the background with progress, for the one who asked', async () => {
    const controller = await as('controller');
    const { body: list } = await controller.json('GET', '/api/reports');
    const report = list.reports.find((r: any) => r.meeting?.paragraph === '140');
    const started = await controller.json('POST', `/api/reports/${report.id}/exports`, { format: 'pdf' });
    expect(started.status).toBe(202);
    let job = (await controller.json('GET', `/api/exports/${started.body.jobId}`)).body;
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await controller.json('GET', `/api/exports/${started.body.jobId}`)).body;
    }
    expect(job).toMatchObject({ status: 'done', progress: 1 });
    const file = await controller.request('GET', `/api/exports/${started.body.jobId}/file`);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await bytes(file))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const stranger = await as('politiker');
    expect((await stranger.json('GET', `/api/exports/${started.body.jobId}`)).status).toBe(404);
    expect((await controller.json('POST', `/api/reports/${report.id}/exports`, { format: 'odt' })).status).toBe(400);
  });

  it('records what a board decided on an item, once, in the decisions register', async () => {
    const controller = await as('controller');
    const meeting = await controller.json('POST', '/api/meetings', {
      bodyId: bodies.get('rs'),
      meetsOn: '2025-11-10',
      title: 'Regionstyrelsen 2025-11-10',
    });
    const item = await controller.json('POST', `/api/meetings/${meeting.body.id}/items`, {
      paragraph: '201',
      title: 'Ekonomisk information',
    });
    expect(item.status).toBe(201);
    const clash = await controller.json('POST', `/api/meetings/${meeting.body.id}/items`, {
      paragraph: '201',
      title: 'x',
    });
    expect(clash.status).toBe(409);
    const recorded = await controller.json('POST', `/api/meetings/${meeting.body.id}/items/${item.body.id}/decision`, {
      outcome: 'information',
      text: 'Informationen antecknas till protokollet.',
    });
    expect(recorded.status).toBe(200);
    const decision = await ctx.services.db
      .selectFrom('decisions')
      .selectAll()
      .where('id', '=', recorded.body.decisionId)
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ kind: 'information', paragraph: '201', decided_on: '2025-11-10' });
    const twice = await controller.json('POST', `/api/meetings/${meeting.body.id}/items/${item.body.id}/decision`, {
      outcome: 'beslut',
      text: 'x',
    });
    expect(twice.status).toBe(409);
    const { body } = await controller.json('GET', `/api/meetings?body=${bodies.get('rs')}`);
    const listed = body.meetings.find((m: any) => m.id === meeting.body.id);
    expect(listed.items[0]).toMatchObject({ paragraph: '201', outcome: 'information' });
  });

  it('lets only those who write for a unit make, change and send its reports', async () => {
    const kirurgi = await as('chef.kirurgi');
    const denied = await kirurgi.json('POST', '/api/reports', {
      kind: 'month',
      title: 'x',
      unitId: unit('hs'),
      period: '2025-09',
      planId: null,
    });
    expect(denied.status).toBe(403);
    const own = await kirurgi.json('POST', '/api/reports', {
      kind: 'dialogue',
      title: 'Dialog Kirurgi',
      unitId: unit('kirurgi'),
      period: '2025-09',
      planId: null,
    });
    expect(own.status).toBe(201);
    const politician = await as('politiker');
    expect((await politician.json('GET', `/api/reports/${own.body.id}`)).body.can.edit).toBe(false);
    const meeting = await politician.json('POST', '/api/meetings', {
      bodyId: bodies.get('rs'),
      meetsOn: '2025-12-01',
      title: 'x',
    });
    expect(meeting.status).toBe(403);
    const medicin = await as('chef.medicin');
    expect((await medicin.json('GET', `/api/reports/${own.body.id}`)).status).toBe(403);
  });
});
