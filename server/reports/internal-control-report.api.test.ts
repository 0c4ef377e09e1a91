import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext } from '../../test/support/context';
import { makeUser, PASSWORD } from '../../test/support/factories';

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'rt-icr-'));
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

const TITLE = 'Internkontrollplan, resultat och bedömning';
const IC_SHEETS = ['Kontrollpunkter', 'Resultat per tillfälle', 'Åtgärder', 'Bedömning'];

/** Issue 14: the internkontrollrapport, a report kind of its own, to the nämnd and then the styrelse. */
describe('the internal-control report', () => {
  let ctx: Awaited<ReturnType<typeof createDemoContext>>;
  beforeAll(async () => {
    ctx = await createDemoContext();
    // A controller of another nämnd's förvaltning (Kollektivtrafiknämnden's).
    await makeUser(ctx.services, 'ctl.ktn', [{ role: 'controller', unitId: ctx.demo.units.get('kt') as string }]);
  }, 400_000);
  afterAll(async () => ctx.close());
  const unit = (key: string) => ctx.demo.units.get(key) as string;
  const body = (key: string) => ctx.demo.bodies.get(key) as string;
  const as = async (username: string, password?: string) => {
    ctx.clock.set('2025-10-20T10:00:00Z');
    const agent = ctx.agent();
    await agent.login(username, password);
    return agent;
  };
  const sendTo = async (
    agent: Awaited<ReturnType<typeof as>>,
    id: string,
    bodyId: string,
    meetsOn: string,
    paragraph: string,
  ) => {
    const draft = (await agent.json('GET', `/api/reports/${id}`)).body;
    const saved = await agent.json('PUT', `/api/reports/${id}`, {
      version: draft.version,
      title: draft.title,
      sbar: { situation: 'S', background: 'B', assessment: 'A', recommendation: 'Nämnden följer upp åtgärderna.' },
      proposedDecision: 'Rapporten läggs till handlingarna.',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const meeting = await agent.json('POST', '/api/meetings', { bodyId, meetsOn, title: `Sammanträde ${meetsOn}` });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const sent = await agent.json('POST', `/api/reports/${id}/send`, {
      version: saved.body.version,
      meetingId: meeting.body.id,
      paragraph,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  };

  it('refuses an action plan and a unit outside every nämnd, naming the field', async () => {
    const controller = await as('controller');
    const plans = (await controller.json('GET', '/api/plans')).body;
    const plan = (plans.plans ?? plans).find((p: any) => p.kind === 'handlingsplan');
    const withPlan = await controller.json('POST', '/api/reports', {
      kind: 'internal_control',
      title: 'Med handlingsplan',
      unitId: unit('hs'),
      period: '2025-12',
      planId: plan?.id ?? 'any-plan',
    });
    expect(withPlan.status).toBe(422);
    expect(withPlan.body.error.fields.map((f: any) => f.field)).toContain('planId');
  });

  it('holds HSN’s plan, results, actions, assessment and risks, frozen when sent, in three formats', async () => {
    const controller = await as('controller');
    const created = await controller.json('POST', '/api/reports', {
      kind: 'internal_control',
      title: 'Internkontrollrapport 2025',
      unitId: unit('hs'),
      period: '2025-12',
      planId: null,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const draft = (await controller.json('GET', `/api/reports/${id}`)).body;
    expect(draft.kind).toBe('internal_control');
    const ic = draft.content.internalControl;
    expect(ic).toMatchObject({ bodyName: 'Hälso- och sjukvårdsnämnden', bodyKind: 'namnd', year: 2025 });
    expect(ic.planStatus).toBe('decided');
    expect(ic.oversight).toBeNull();
    // The same facts as the uppsikt (server/control/demo.api.test.ts): 5 points, 5 done, 1 not, 3 deviations.
    expect(ic.points).toHaveLength(5);
    expect(ic.results.filter((r: any) => r.done)).toHaveLength(5);
    expect(ic.results.filter((r: any) => !r.done)).toHaveLength(1);
    expect(ic.results.filter((r: any) => r.deviation)).toHaveLength(3);
    const late = ic.actions.filter((a: any) => a.late);
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ occasion: '2025-T1', status: 'open', dueOn: '2025-06-01' });
    expect(ic.assessment).not.toBeNull();
    // Its risk matrix and the control summary, and none of the month's figures.
    expect(draft.content.riskMatrix.topRisks.length).toBeGreaterThan(0);
    expect(draft.content.controlResults.points).toHaveLength(5);
    expect(draft.content.actionPlan).toBeNull();
    expect(draft.content.scorecard.goals).toEqual([]);

    await sendTo(controller, id, body('hsn'), '2025-11-04', '160');
    const frozen = (await controller.json('GET', `/api/reports/${id}`)).body.content;
    expect(frozen.internalControl.results).toHaveLength(6);

    // A later result: the sent report keeps what the nämnd was shown; a new draft sees it.
    const plans = (await controller.json('GET', '/api/control/plans?year=2025')).body.plans;
    const hsnPlan = plans.find((p: any) => p.bodyId === body('hsn'));
    const plan = (await controller.json('GET', `/api/control/plans/${hsnPlan.id}`)).body;
    const taken = new Set(frozen.internalControl.results.map((r: any) => `${r.what}|${r.occasion}`));
    const point = plan.points.find((p: any) => p.occasions.some((o: string) => !taken.has(`${p.what}|${o}`)));
    const occasion = point.occasions.find((o: string) => !taken.has(`${point.what}|${o}`));
    const recorded = await controller.json('PUT', `/api/control/points/${point.id}/results/${occasion}`, {
      done: true,
      findings: 'Senare kontroll utan anmärkning',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect((await controller.json('GET', `/api/reports/${id}`)).body.content).toEqual(frozen);
    const fresh = await controller.json('POST', '/api/reports', {
      kind: 'internal_control',
      title: 'Efter resultatet',
      unitId: unit('hs'),
      period: '2025-12',
      planId: null,
    });
    const now = (await controller.json('GET', `/api/reports/${fresh.body.id}`)).body.content.internalControl;
    expect(now.results).toHaveLength(7);
    expect(now.results.map((r: any) => r.findings)).toContain('Senare kontroll utan anmärkning');

    // Every export renders the frozen section.
    const pdf = pdfText(await bytes(await controller.request('GET', `/api/reports/${id}/export?format=pdf`)));
    expect(pdf).toContain(TITLE);
    expect(pdf).toContain('Resultat per kontrolltillfälle');
    expect(pdf).not.toContain('Senare kontroll utan anmärkning');
    expect(pdf).not.toContain('Styrkort');
    const docx = await mammoth.extractRawText({
      buffer: Buffer.from(await bytes(await controller.request('GET', `/api/reports/${id}/export?format=docx`))),
    });
    expect(docx.value).toContain(TITLE);
    expect(docx.value).toContain(frozen.internalControl.actions[0].action);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bytes(await controller.request('GET', `/api/reports/${id}/export?format=xlsx`))) as any);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(IC_SHEETS));
    expect(names).not.toContain('Styrkort');
    expect(wb.getWorksheet('Resultat per tillfälle')?.rowCount).toBe(1 + 6);
    const lateRow: unknown[] = [];
    wb.getWorksheet('Åtgärder')?.eachRow((row) => {
      if (row.getCell(6).value === 'Försenad') lateRow.push(row.getCell(5).value);
    });
    expect(lateRow).toEqual(['2025-06-01']);

    // Another nämnd's controller cannot read it; the revisorer read it and its exports.
    const other = await as('ctl.ktn', PASSWORD);
    expect((await other.json('GET', `/api/reports/${id}`)).status).toBe(403);
    expect((await other.request('GET', `/api/reports/${id}/export?format=pdf`)).status).toBe(403);
    expect((await other.json('GET', '/api/reports')).body.reports.map((r: any) => r.id)).not.toContain(id);
    const revisor = await as('revisor');
    const read = await revisor.json('GET', `/api/reports/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.content.internalControl).toEqual(frozen.internalControl);
    expect((await revisor.request('GET', `/api/reports/${id}/export?format=docx`)).status).toBe(200);
  }, 300_000);

  it('gives the styrelse the uppsikt over every nämnd, sent to its own meeting', async () => {
    const controller = await as('controller');
    const created = await controller.json('POST', '/api/reports', {
      kind: 'internal_control',
      title: 'Regionstyrelsens internkontrollrapport 2025',
      unitId: unit('region'),
      period: '2025-12',
      planId: null,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const ic = (await controller.json('GET', `/api/reports/${id}`)).body.content.internalControl;
    expect(ic).toMatchObject({ bodyName: 'Regionstyrelsen', bodyKind: 'styrelse' });
    const uppsikt = (await controller.json('GET', '/api/control/uppsikt?year=2025')).body;
    expect(ic.oversight.map((o: any) => o.bodyName)).toEqual(uppsikt.bodies.map((b: any) => b.bodyName));
    for (const b of uppsikt.bodies) {
      const row = ic.oversight.find((o: any) => o.bodyName === b.bodyName);
      expect(row).toMatchObject({
        planStatus: b.planStatus,
        points: b.points,
        done: b.counts.done,
        deviations: b.counts.deviations,
        lateActions: b.counts.lateActions,
        judgement: b.judgement,
      });
    }
    expect(ic.oversight.map((o: any) => o.bodyName)).toEqual(
      expect.arrayContaining(['Hälso- och sjukvårdsnämnden', 'Kollektivtrafiknämnden']),
    );
    await sendTo(controller, id, body('rs'), '2025-11-18', '210');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bytes(await controller.request('GET', `/api/reports/${id}/export?format=xlsx`))) as any);
    expect(wb.getWorksheet('Uppsikt')?.rowCount).toBe(1 + ic.oversight.length);
    const revisor = await as('revisor');
    expect((await revisor.json('GET', `/api/reports/${id}`)).body.content.internalControl.oversight).toEqual(
      ic.oversight,
    );
  }, 300_000);
});
