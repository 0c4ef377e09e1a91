import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import type { Seeded } from '../../test/support/demo-ids';
import { plansCoveringYear } from './coverage';

// Which plans cover a year is one rule (domain/steering `planCoversYear`: the version in force),
// asked by the scorecard, the follow-up's missing reports and its deviations. A draft second
// version with other years must change none of the three.
describe('plan coverage with two versions', () => {
  let ctx: TestContext;
  let demo: Seeded;
  beforeAll(async () => {
    const seeded = await createDemoContext();
    ctx = seeded;
    demo = seeded.demo;
  });
  afterAll(async () => ctx.close());
  const unit = (key: string) => demo.units.get(key) as string;

  it('counts the version in force in the scorecard, the missing reports and the deviations alike', async () => {
    const controller = ctx.agent();
    await controller.login('controller');
    const regionplan = demo.steering.plans.get('regionplan') as string;
    const actionPlan = demo.economy.planId;
    const actionMeasures = new Set(demo.economy.measures.values());

    const scorecardPlans = async (period: string) => {
      const { status, body } = await controller.json('GET', `/api/scorecard?unit=${unit('region')}&period=${period}`);
      expect(status).toBe(200);
      return new Set<string>(body.goals.map((g: any) => g.planId));
    };
    const deviatingMeasures = async (period: string) => {
      const { status, body } = await controller.json(
        'GET',
        `/api/followup/deviations?period=${period}&unit=${unit('hs')}`,
      );
      expect(status).toBe(200);
      return body.deviations
        .filter((d: any) => d.kind === 'measure')
        .map((d: any) => d.id as string)
        .sort();
    };
    const missingMeasures = async (period: string) => {
      const { status, body } = await controller.json('GET', `/api/followup/submissions/${unit('hs')}/${period}`);
      expect(status).toBe(200);
      return body.missingMeasureReports.map((m: any) => m.id as string).sort();
    };
    const answers = async () => ({
      card2025: await scorecardPlans('2025-05'),
      deviations2024: await deviatingMeasures('2024-09'),
      missing2024: await missingMeasures('2024-09'),
      deviations2025: await deviatingMeasures('2025-05'),
      missing2025: await missingMeasures('2025-05'),
    });

    const before = await answers();
    // The regionplan (2025–2027) steers 2025; the action plan (2023–2024) asks for 2024 only.
    expect(before.card2025.has(regionplan)).toBe(true);
    expect(before.deviations2024.length).toBeGreaterThan(0);
    expect([...before.deviations2025, ...before.missing2025].some((id) => actionMeasures.has(id))).toBe(false);

    // Each plan gets a draft second version with other years: not in force until decided. The
    // action plan's draft also runs 2025, which counting any version would wrongly take for 2025.
    for (const [id, years] of [
      [regionplan, { startYear: 2030, endYear: 2031 }],
      [actionPlan, { startYear: 2024, endYear: 2025 }],
    ] as const) {
      const plan = await controller.json('GET', `/api/plans/${id}`);
      const revised = await controller.json('PATCH', `/api/plans/${id}`, { version: plan.body.version, ...years });
      expect(revised.status).toBe(200);
      expect(revised.body.versions.map((v: any) => v.status)).toEqual(['decided', 'draft']);
    }

    expect(await answers()).toEqual(before);
    expect(await plansCoveringYear(ctx.services.db, 2024, { kind: 'handlingsplan' })).toContain(actionPlan);
    expect(await plansCoveringYear(ctx.services.db, 2025, { kind: 'handlingsplan' })).not.toContain(actionPlan);
    expect(await plansCoveringYear(ctx.services.db, 2025, { planIds: [regionplan] })).toEqual([regionplan]);
    expect(await plansCoveringYear(ctx.services.db, 2030, { planIds: [regionplan] })).toEqual([]);
  });
});
