import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext } from '../../test/support/context';

/** Issue 12 item 7: the interim report's period (LKBR 13:1) and the statutory steps of the cycle. */
describe('statutory timing', () => {
  let ctx: Awaited<ReturnType<typeof createDemoContext>>;
  // The demo copy takes long on a loaded machine; the default hook timeout is a minute.
  beforeAll(async () => {
    ctx = await createDemoContext();
  }, 300_000);
  afterAll(async () => ctx.close());
  const as = async (username: string) => {
    ctx.clock.set('2025-10-20T10:00:00Z');
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };

  it('refuses a delårsrapport covering less than half or more than two thirds of the year, naming the period', async () => {
    const controller = await as('controller');
    const report = (period: string) =>
      controller.json('POST', '/api/reports', {
        kind: 'interim',
        title: `Delårsrapport ${period}`,
        unitId: ctx.demo.units.get('region'),
        period,
        planId: null,
      });
    for (const period of ['2025-05', '2025-09']) {
      const refused = await report(period);
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields).toEqual([
        { field: 'period', message: expect.stringMatching(/LKBR 13 kap\. 1 §/) },
      ]);
    }
    expect((await report('2025-08')).status).toBe(201);
    // A monthly report of the same month is no interim report and is not held to the rule.
    const month = await controller.json('POST', '/api/reports', {
      kind: 'month',
      title: 'Månadsrapport september',
      unitId: ctx.demo.units.get('region'),
      period: '2025-09',
      planId: null,
    });
    expect(month.status).toBe(201);
  }, 180_000);

  it('keeps the styrelse, revisorer and fullmäktige steps after the units for the interim and annual reports', async () => {
    const { body } = await (await as('politiker')).json('GET', '/api/cycle?year=2025');
    expect(body.levels).toContain('revisorer');
    const interim = body.occasions.find((o: any) => o.kind === 'interim');
    expect(interim.period).toBe('2025-07');
    const due = (o: any, level: string) => o.deadlines.find((d: any) => d.level === level)?.dueOn;
    expect(due(interim, 'styrelse') < due(interim, 'revisorer')).toBe(true);
    expect(due(interim, 'revisorer') < due(interim, 'fullmaktige')).toBe(true);
    expect(interim.steps.map((s: any) => s.level)).toEqual(['styrelse', 'revisorer', 'fullmaktige']);
    const annual = body.occasions.find((o: any) => o.kind === 'annual');
    expect(due(annual, 'styrelse').slice(5, 7)).toBe('03');
    expect(due(annual, 'revisorer') < due(annual, 'fullmaktige')).toBe(true);
    expect(annual.steps.find((s: any) => s.level === 'fullmaktige').label).toMatch(/ansvarsprövning/);

    const admin = await as('admin');
    // Only the units' deadlines given: the statutory steps are added with their defaults.
    const created = await admin.json('POST', '/api/cycle/occasions', {
      year: 2026,
      kind: 'interim',
      period: '2026-08',
      title: 'Delårsrapport per augusti',
      deadlines: [{ level: 'enhet', dueOn: '2026-09-04' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.deadlines).toEqual([
      { level: 'enhet', dueOn: '2026-09-04' },
      { level: 'styrelse', dueOn: '2026-10-15' },
      { level: 'revisorer', dueOn: '2026-10-29' },
      { level: 'fullmaktige', dueOn: '2026-11-26' },
    ]);
    const early = await admin.json('POST', '/api/cycle/occasions', {
      year: 2026,
      kind: 'interim',
      period: '2026-04',
      title: 'Delårsrapport per april',
      deadlines: [{ level: 'enhet', dueOn: '2026-05-04' }],
    });
    expect(early.status).toBe(422);
    expect(early.body.error.fields.map((f: any) => f.field)).toContain('period');
    const annual2026 = await admin.json('POST', '/api/cycle/occasions', {
      year: 2026,
      kind: 'annual',
      period: '2026-12',
      title: 'Årsredovisning 2026',
      deadlines: [
        { level: 'enhet', dueOn: '2027-01-14' },
        { level: 'fullmaktige', dueOn: '2027-09-01' },
      ],
    });
    expect(annual2026.status).toBe(422);
    expect(annual2026.body.error.fields).toContainEqual({
      field: 'deadlines.1.dueOn',
      message: expect.stringMatching(/senast 2027-06-30/),
    });
  }, 180_000);
});
