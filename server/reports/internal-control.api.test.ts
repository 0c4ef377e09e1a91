import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext } from '../../test/support/context';

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'rt-ic-'));
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

async function workbookOf(data: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

/** The values of the first row of `sheet` whose first cell is `first`. */
function rowOf(wb: ExcelJS.Workbook, sheet: string, first: string): unknown[] {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  let found: unknown[] | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === first) found = (row.values as unknown[]).slice(1);
  });
  if (!found) throw new Error(`no row ${first} in ${sheet}`);
  return found;
}

const HEADINGS = ['Riskmatris och de högsta riskerna', 'Kontrollresultat och öppna avvikelser'];
const SHEETS = ['Riskmatris', 'Högsta risker', 'Kontrollresultat', 'Öppna avvikelser'];

/** Issue 14: a board report carries its body's risk matrix and control results, frozen when sent. */
describe('a board report carries the risk matrix and the internal control of its body', () => {
  let ctx: Awaited<ReturnType<typeof createDemoContext>>;
  beforeAll(async () => {
    ctx = await createDemoContext();
  }, 400_000);
  afterAll(async () => ctx.close());
  const unit = (key: string) => ctx.demo.units.get(key) as string;
  const body = (key: string) => ctx.demo.bodies.get(key) as string;
  const as = async (username: string) => {
    ctx.clock.set('2025-10-20T10:00:00Z');
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };

  it('freezes HSN’s matrix and control results when sent, exports them, and lets a revisor read but not write', async () => {
    const controller = await as('controller');
    const created = await controller.json('POST', '/api/reports', {
      kind: 'tertial',
      title: 'Tertialrapport 2 2025 med intern kontroll',
      unitId: unit('hs'),
      period: '2025-08',
      planId: null,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const draft = (await controller.json('GET', `/api/reports/${id}`)).body;
    const risk = draft.content.riskMatrix;
    expect(risk.bodyName).toBe('Hälso- och sjukvårdsnämnden');
    expect(risk.cells).toHaveLength(risk.probabilitySteps.length * risk.consequenceSteps.length);
    expect(risk.topRisks.length).toBeGreaterThan(0);
    const values = risk.topRisks.map((r: any) => r.value);
    expect(values).toEqual([...values].sort((a: number, b: number) => b - a));
    // Every top risk sits in a counted cell.
    const counted = risk.cells.reduce((n: number, c: any) => n + c.count, 0);
    expect(counted).toBeGreaterThanOrEqual(risk.topRisks.length);

    const control = draft.content.controlResults;
    expect(control).toMatchObject({ bodyName: 'Hälso- och sjukvårdsnämnden', year: 2025, planStatus: 'decided' });
    expect(control.points).toHaveLength(5);
    const sum = (key: string) => control.points.reduce((n: number, p: any) => n + p[key], 0);
    // The same facts as the uppsikt (server/control/demo.api.test.ts).
    expect([sum('done'), sum('notDone'), sum('deviations'), sum('lateActions')]).toEqual([5, 1, 3, 1]);
    const late = control.openDeviations.find((d: any) => d.late);
    expect(late).toMatchObject({ occasion: '2025-T1' });
    expect(late.action).toMatch(/senast 2025-06-01/);

    // Sent to HSN's meeting: frozen.
    const saved = await controller.json('PUT', `/api/reports/${id}`, {
      version: 1,
      title: draft.title,
      sbar: { situation: 'S', background: 'B', assessment: 'A', recommendation: 'Nämnden följer upp åtgärden.' },
      proposedDecision: 'Nämnden lägger rapporten till handlingarna.',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const meeting = await controller.json('POST', '/api/meetings', {
      bodyId: body('hsn'),
      meetsOn: '2025-10-30',
      title: 'Sammanträde om intern kontroll',
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const sent = await controller.json('POST', `/api/reports/${id}/send`, {
      version: 2,
      meetingId: meeting.body.id,
      paragraph: '140',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const frozen = (await controller.json('GET', `/api/reports/${id}`)).body.content;
    expect(frozen.controlResults.openDeviations.some((d: any) => d.late)).toBe(true);

    // The late action is done afterwards.
    const escalations = (await controller.json('GET', '/api/control/escalations?year=2025')).body;
    const item = escalations.items.find((i: any) => i.reason === 'late_action');
    const results = (await controller.json('GET', `/api/control/points/${item.pointId}/results`)).body;
    const action = results.results.flatMap((r: any) => r.actions).find((a: any) => a.id === item.actionId);
    const done = await controller.json('PUT', `/api/control/actions/${action.id}`, {
      version: action.version,
      what: action.what,
      ownerUserId: action.ownerUserId,
      dueOn: action.dueOn,
      status: 'done',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    // A new draft sees the change; the sent report does not.
    const fresh = await controller.json('POST', '/api/reports', {
      kind: 'tertial',
      title: 'Efter åtgärden',
      unitId: unit('hs'),
      period: '2025-08',
      planId: null,
    });
    const now = (await controller.json('GET', `/api/reports/${fresh.body.id}`)).body.content.controlResults;
    expect(now.points.reduce((n: number, p: any) => n + p.lateActions, 0)).toBe(0);
    expect((await controller.json('GET', `/api/reports/${id}`)).body.content).toEqual(frozen);

    // Every export shows both sections, as frozen.
    const pdf = pdfText(await bytes(await controller.request('GET', `/api/reports/${id}/export?format=pdf`)));
    for (const heading of HEADINGS) expect(pdf).toContain(heading);
    expect(pdf).toContain(risk.topRisks[0].title.slice(0, 20));
    // The status column is narrow: its words wrap onto lines shared with other columns.
    expect(pdf).toContain('Öppna avvikelser');
    expect(pdf).toContain('försenad');
    const docx = await mammoth.extractRawText({
      buffer: Buffer.from(await bytes(await controller.request('GET', `/api/reports/${id}/export?format=docx`))),
    });
    for (const heading of HEADINGS) expect(docx.value).toContain(heading);
    const wb = await workbookOf(await bytes(await controller.request('GET', `/api/reports/${id}/export?format=xlsx`)));
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(SHEETS));
    const latePoint = frozen.controlResults.points.find((p: any) => p.lateActions > 0);
    expect(rowOf(wb, 'Kontrollresultat', latePoint.what).slice(2)).toEqual([
      latePoint.occasions,
      latePoint.done,
      latePoint.notDone,
      latePoint.deviations,
      latePoint.openActions,
      1,
    ]);
    expect(rowOf(wb, 'Högsta risker', risk.topRisks[0].title)[2]).toBe(risk.topRisks[0].value);
    const statuses: unknown[] = [];
    wb.getWorksheet('Öppna avvikelser')?.eachRow((row) => statuses.push(row.getCell(5).value));
    expect(statuses).toContain('Åtgärden är försenad');

    // The revisor reads it and its exports, and writes nothing.
    const revisor = await as('revisor');
    const read = await revisor.json('GET', `/api/reports/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.content.controlResults).toEqual(frozen.controlResults);
    expect(read.body.can.edit).toBe(false);
    expect((await revisor.request('GET', `/api/reports/${id}/export?format=xlsx`)).status).toBe(200);
    const write = await revisor.json('POST', '/api/reports', {
      kind: 'tertial',
      title: 'Revisorns rapport',
      unitId: unit('hs'),
      period: '2025-08',
      planId: null,
    });
    expect(write.status).toBe(403);
    const change = await revisor.json('PUT', `/api/reports/${fresh.body.id}`, {
      version: 1,
      title: 'x',
      sbar: { situation: '', background: '', assessment: '', recommendation: '' },
      proposedDecision: '',
    });
    expect(change.status).toBe(403);
  }, 300_000);

  it('still reads and exports a report frozen before the sections were carried', async () => {
    const agent = await as('revisor');
    const list = (await agent.json('GET', '/api/reports')).body;
    const sent = list.reports.find((r: any) => r.status === 'sent');
    const row = await ctx.services.db
      .selectFrom('board_reports')
      .selectAll()
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    const content = typeof row.content === 'string' ? JSON.parse(row.content) : (row.content as any);
    const { riskMatrix: _r, controlResults: _c, ...older } = content;
    const oldId = randomUUID();
    await ctx.services.db
      .insertInto('board_reports')
      .values({ ...row, id: oldId, content: JSON.stringify(older) })
      .execute();
    const read = await agent.json('GET', `/api/reports/${oldId}`);
    expect(read.status).toBe(200);
    expect(read.body.content).not.toHaveProperty('riskMatrix');
    expect(read.body.content).not.toHaveProperty('controlResults');
    const pdf = pdfText(await bytes(await agent.request('GET', `/api/reports/${oldId}/export?format=pdf`)));
    for (const heading of HEADINGS) expect(pdf).not.toContain(heading);
    const wb = await workbookOf(await bytes(await agent.request('GET', `/api/reports/${oldId}/export?format=xlsx`)));
    for (const name of SHEETS) expect(wb.getWorksheet(name)).toBeUndefined();
  }, 120_000);
});
