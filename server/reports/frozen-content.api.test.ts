import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

/**
 * Content frozen by older versions held amounts and indicator values as JSON numbers and had
 * neither `layout` nor `sent`. Such a report must still be shown, and its answer must still
 * meet the declared ReportContent (the contract check turns a violation into a 500).
 */
describe('a report frozen by an older version', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());

  it('is answered with its figures as text, as the contract declares', async () => {
    ctx.clock.set('2025-10-20T10:00:00Z');
    const agent = ctx.agent();
    await agent.login('revisor');
    const list = (await agent.json('GET', '/api/reports')).body;
    const sent = list.reports.find((r: any) => r.meeting?.paragraph === '155');
    const row = await ctx.services.db
      .selectFrom('board_reports')
      .selectAll()
      .where('id', '=', sent.id)
      .executeTakeFirstOrThrow();
    const content = typeof row.content === 'string' ? JSON.parse(row.content) : (row.content as any);
    const asNumber = (v: string | null) => (v === null ? null : Number(v));
    const { layout: _layout, sent: _sent, ...older } = content;
    const old = {
      ...older,
      actionPlan: {
        ...content.actionPlan,
        layout: undefined,
        totals: Object.fromEntries(Object.entries(content.actionPlan.totals).map(([k, v]) => [k, Number(v)])),
        rows: content.actionPlan.rows.map((r: any) => ({
          ...r,
          targetKr: Number(r.targetKr),
          forecastKr: asNumber(r.forecastKr),
          deviationKr: asNumber(r.deviationKr),
        })),
      },
      scorecard: {
        ...content.scorecard,
        goals: content.scorecard.goals.map((g: any) => ({
          ...g,
          indicators: g.indicators.map((i: any) => ({
            ...i,
            target: asNumber(i.target),
            outcome: asNumber(i.outcome),
          })),
        })),
      },
    };
    expect(old.actionPlan.totals.forecastKr).toBe(197_000_000);
    // A sent report cannot be changed (a trigger refuses): the older one is stored beside it.
    const id = randomUUID();
    await ctx.services.db
      .insertInto('board_reports')
      .values({ ...row, id, content: JSON.stringify(old) })
      .execute();

    const { status, body } = await agent.json('GET', `/api/reports/${id}`);
    expect(status).toBe(200);
    expect(body.content.actionPlan.totals.forecastKr).toBe('197000000');
    expect(body.content.actionPlan.rows.every((r: any) => typeof r.targetKr === 'string')).toBe(true);
    expect(body.content).not.toHaveProperty('sent');
    expect(body.content.actionPlan).not.toHaveProperty('layout');
  });
});
