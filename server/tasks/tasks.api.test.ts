import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

// The start page and the unit's month on Region Exempel. The clock is injected: November 2025,
// when October is the month to report (the demo's cycle has a monthly report for October).
const NOW = '2025-11-03T09:00:00Z';
const MONTH = '2025-10';

describe('tasks and the unit month on Region Exempel', () => {
  let ctx: TestContext;
  let units: Map<string, string>;
  beforeAll(async () => {
    const seeded = await createDemoContext();
    ctx = seeded;
    ({ units } = seeded.demo);
  });
  afterAll(async () => ctx.close());
  const unit = (key: string) => units.get(key) as string;
  const as = async (username: string, at = NOW) => {
    ctx.clock.set(at);
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };

  it('opens every page on the newest followed-up month that has ended, by the injected clock', async () => {
    const politician = await as('politiker');
    expect((await politician.json('GET', '/api/periods/current')).body).toEqual({ month: MONTH, today: '2025-11-03' });
    // The interim report is per juli and August's tertial has not ended: in August the month is July.
    ctx.clock.set('2025-08-10T09:00:00Z');
    expect((await politician.json('GET', '/api/periods/current')).body.month).toBe('2025-07');
    // Before July has ended, the newest followed-up month is June's.
    ctx.clock.set('2025-07-20T09:00:00Z');
    expect((await politician.json('GET', '/api/periods/current')).body.month).toBe('2025-06');
    const anonymous = await ctx.agent().json('GET', '/api/periods/current');
    expect(anonymous.status).toBe(401);
  });

  it("gives a division manager the returned report with its comment and the month's reports to hand in", async () => {
    const chef = await as('chef.kirurgi');
    const { status, body } = await chef.json('GET', '/api/me/tasks?month=2025-09');
    expect(status).toBe(200);
    expect(body.month).toBe('2025-09');
    const returned = body.tasks.find((t: any) => t.kind === 'returned' && t.unitId === unit('anop'));
    expect(returned).toMatchObject({ unitName: 'Område Anestesi och operation', late: true });
    expect(returned.comment).toMatch(/övertiden/);
    expect(returned.href).toBe(`/enheter/${unit('anop')}/manad/2025-09?enhet=${unit('anop')}&manad=2025-09`);
    // Kirurgi itself is in progress: the manager's own report to hand in, with its deadline.
    expect(body.tasks.find((t: any) => t.kind === 'submit' && t.unitId === unit('kirurgi'))).toMatchObject({
      dueOn: '2025-10-08',
    });
    // Approved reports ask for nothing.
    expect(body.tasks.some((t: any) => t.unitId === unit('ortokir') && t.kind === 'submit')).toBe(false);
    // Nothing of another division.
    expect(body.tasks.some((t: any) => t.unitId === unit('medicin'))).toBe(false);
  });

  it('gives a controller the reports waiting for approval across the region, and a politician only the news', async () => {
    const controller = await as('controller');
    const { status, body } = await controller.json('GET', '/api/me/tasks?month=2025-09');
    expect(status).toBe(200);
    const approvals = body.tasks.filter((t: any) => t.kind === 'approve');
    expect(approvals.map((t: any) => t.unitId)).toContain(unit('medicin'));
    // A controller hands in only the report of the unit the role is given for.
    expect(body.tasks.filter((t: any) => t.kind === 'submit').every((t: any) => t.unitId === unit('region'))).toBe(
      true,
    );

    // The autumn of 2024: the reports sent to the August meeting and the meetings around it.
    const politician = await as('politiker', '2024-09-10T09:00:00Z');
    const news = await politician.json('GET', '/api/me/tasks');
    expect(news.status).toBe(200);
    const kinds = new Set(news.body.tasks.map((t: any) => t.kind));
    expect(kinds.has('report_sent')).toBe(true);
    expect(kinds.has('meeting')).toBe(true);
    for (const k of ['submit', 'approve', 'returned', 'missing_values']) expect(kinds.has(k)).toBe(false);
    const sent = news.body.tasks.find((t: any) => t.kind === 'report_sent');
    expect(sent.href).toMatch(/^\/rapporter\//);
  });

  it('refuses a month that is not a month, naming the field', async () => {
    const chef = await as('chef.ortokir');
    const bad = await chef.json('GET', '/api/me/tasks?month=2025-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('month');
  });

  it('lets a manager do a leaf unit month on one page, forecasts included, until nothing is missing, and the approver decide it', async () => {
    const leaf = unit('2111-1');
    const manager = await as('chef.ortokir');
    const tasks = await manager.json('GET', `/api/me/tasks?month=${MONTH}`);
    expect(tasks.body.tasks.find((t: any) => t.kind === 'submit' && t.unitId === leaf)).toMatchObject({
      unitName: 'Kirurgavdelning 1',
      dueOn: '2025-11-04',
    });
    const path = `/api/units/${leaf}/months/${MONTH}`;
    let view = (await manager.json('GET', path)).body;
    expect(view).toMatchObject({
      unitName: 'Kirurgavdelning 1',
      leaf: true,
      can: { edit: true },
      status: 'not_started',
    });
    expect(view.indicators.length).toBeGreaterThan(0);
    const kinds = new Set(view.missing.map((m: any) => m.kind));
    for (const k of ['indicator_outcome', 'indicator_forecast', 'goal_analysis', 'analysis'])
      expect(kinds).toContain(k);
    // A ratio is entered as its parts.
    const ratio = view.indicators.find((i: any) => i.aggregation === 'ratio' && i.enteredHere);
    if (ratio) expect(ratio.parts.map((p: any) => p.role)).toEqual(['numerator', 'denominator']);

    // Every part of every due indicator, outcome and forecast, in one write.
    const rows = view.indicators
      .filter((i: any) => i.due && i.enteredHere)
      .flatMap((i: any) =>
        i.parts.flatMap((p: any) =>
          (['outcome', 'forecast'] as const).map((kind) => ({
            indicatorId: p.indicatorId,
            unitId: leaf,
            period: MONTH,
            kind,
            value: p.role === 'denominator' ? '200' : kind === 'outcome' ? '10' : '12',
            basedOn: p[kind]?.enteredAt ?? null,
          })),
        ),
      );
    const unique = [...new Map(rows.map((r: any) => [`${r.indicatorId}|${r.kind}`, r])).values()];
    expect((await manager.json('PUT', '/api/values', { values: unique })).status).toBe(200);
    for (const g of view.goals)
      expect(
        (
          await manager.json('PUT', `/api/goals/${g.id}/analyses`, {
            unitId: leaf,
            period: MONTH,
            text: `Analys av ${g.title}.`,
            version: g.analysis?.version ?? null,
          })
        ).status,
      ).toBe(200);
    for (const m of view.measures.filter((x: any) => !x.reported))
      expect(
        (
          await manager.json('POST', `/api/measures/${m.id}/reports`, {
            version: m.version,
            period: MONTH,
            forecastKr: 1000,
          })
        ).status,
      ).toBe(200);
    const saved = await manager.json('PUT', `/api/followup/submissions/${leaf}/${MONTH}`, {
      version: view.version,
      analysis: 'Månaden i nivå med budget.',
    });
    expect(saved.status).toBe(200);

    view = (await manager.json('GET', path)).body;
    expect(view.missing).toEqual([]);
    expect(view.status).toBe('in_progress');
    // The forecast entered is the unit's forecast for the month: the kept roll-ups carry it.
    const sum = view.indicators.find((i: any) => i.aggregation === 'sum' && i.enteredHere && i.due);
    if (sum) {
      expect(sum.parts[0].forecast.value).toMatch(/^12(\.0+)?$/);
      expect(sum.forecast).toBe(12);
    }
    const submitted = await manager.json('POST', `/api/followup/submissions/${leaf}/${MONTH}/submit`, {
      version: view.version,
    });
    expect(submitted.status).toBe(200);

    // The approver sees the same page read-only, with the figures, and the task on the start page.
    const approver = await as('chef.kirurgi');
    const waiting = await approver.json('GET', `/api/me/tasks?month=${MONTH}`);
    expect(waiting.body.tasks.find((t: any) => t.kind === 'approve' && t.unitId === leaf)).toBeTruthy();
    const review = (await approver.json('GET', path)).body;
    expect(review).toMatchObject({ status: 'submitted', can: { edit: false, decide: true }, missing: [] });
    expect(review.indicators.some((i: any) => i.outcome !== null)).toBe(true);
    const approved = await approver.json('POST', `/api/followup/submissions/${leaf}/${MONTH}/approve`, {
      version: review.version,
    });
    expect(approved.status).toBe(200);
    // After approval nothing is asked for, of anyone.
    const after = (await (await as('chef.ortokir')).json('GET', path)).body;
    expect(after).toMatchObject({ status: 'approved', can: { edit: false }, missing: [] });
  });

  it('refuses the month of a unit the user may not read', async () => {
    const chef = await as('chef.ortokir');
    const denied = await chef.json('GET', `/api/units/${unit('medicin')}/months/${MONTH}`);
    expect(denied.status).toBe(403);
  });
});
