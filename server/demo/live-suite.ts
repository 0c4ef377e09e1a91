import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';
import { fixedClock } from '../core/clock';
import { seedDemo } from './seed';

/**
 * The live demo checked through the API as a newcomer meets it, seeded once on `at`: values up
 * to last month, this month's report open with its deadlines ahead, a current action plan, and a
 * start page that lists this month's report. One seed per file (about half a minute on PGlite).
 */
export function describeLiveDemo(at: string, expected: { today: string; lastMonth: string; thisMonth: string }) {
  const year = Number(expected.today.slice(0, 4));
  describe(`the demo seeded on ${expected.today}`, () => {
    let ctx: TestContext;
    let units: Map<string, string>;
    let actionPlanId: string | null;
    beforeAll(async () => {
      ctx = await createTestContext({ clock: fixedClock(at) });
      const started = performance.now();
      const seeded = await seedDemo(ctx.services);
      // In the log: what a newcomer waits for on a first start on this day.
      console.info(`seedDemo on ${expected.today}: ${Math.round(performance.now() - started)} ms`);
      units = seeded.units;
      actionPlanId = seeded.live.actionPlanId;
    }, 600_000);
    afterAll(async () => ctx?.close());
    const unit = (key: string) => units.get(key) as string;
    const as = async (username: string) => {
      const agent = ctx.agent();
      await agent.login(username);
      return agent;
    };

    it('has values up to last month and opens every page on it', async () => {
      const controller = await as('controller');
      expect((await controller.json('GET', '/api/periods/latest')).body).toEqual({ period: expected.lastMonth });
      expect((await controller.json('GET', '/api/periods/current')).body).toEqual({
        month: expected.lastMonth,
        today: expected.today,
      });
      // The scorecard of the region opens on that month with figures under goals in force.
      const card = await controller.json('GET', `/api/scorecard?unit=${unit('region')}&period=${expected.lastMonth}`);
      expect(card.status).toBe(200);
      const figures = card.body.goals.flatMap((g: any) => g.indicators);
      expect(card.body.goals.length).toBeGreaterThan(5);
      expect(figures.filter((f: any) => f.outcomeMonth === expected.lastMonth).length).toBeGreaterThan(5);
      expect(card.body.goals.some((g: any) => g.planWithoutDecision === false && /Regionplan/.test(g.planTitle))).toBe(
        true,
      );
      // A division's scorecard keeps its own goals: its verksamhetsplan has a decided version for the year.
      const division = await controller.json(
        'GET',
        `/api/scorecard?unit=${unit('kirurgi')}&period=${expected.lastMonth}`,
      );
      const own = division.body.goals.filter((g: any) => g.ownerUnitId === unit('kirurgi'));
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((g: any) => g.planTitle === `Verksamhetsplan Kirurgi ${year}` && !g.planWithoutDecision)).toBe(
        true,
      );
      expect(own.flatMap((g: any) => g.indicators).some((f: any) => f.outcomeMonth === expected.lastMonth)).toBe(true);
    });

    it("has this year's årshjul with this month's and last month's reports due after today", async () => {
      const controller = await as('controller');
      const cycle = (await controller.json('GET', `/api/cycle?year=${year}`)).body;
      const kinds = new Set(cycle.occasions.map((o: any) => o.kind));
      for (const kind of ['month', 'internal_control', 'budget']) expect(kinds).toContain(kind);
      const thisMonth = cycle.occasions.find((o: any) => o.period === expected.thisMonth);
      expect(thisMonth).toBeDefined();
      expect(thisMonth.deadlines.every((d: any) => d.dueOn > expected.today)).toBe(true);
      const lastYear = Number(expected.lastMonth.slice(0, 4));
      const live = (await controller.json('GET', `/api/cycle?year=${lastYear}`)).body.occasions.find(
        (o: any) => o.period === expected.lastMonth,
      );
      expect(live.deadlines.length).toBeGreaterThan(3);
      expect(live.deadlines.every((d: any) => d.dueOn > expected.today)).toBe(true);
    });

    it("has no report of the month to hand in overdue, and last month's all handed in and approved", async () => {
      const controller = await as('controller');
      const now = (await controller.json('GET', `/api/followup/status?period=${expected.lastMonth}`)).body;
      expect(now.units.length).toBeGreaterThan(60);
      expect(now.units.filter((r: any) => r.late || r.daysLate > 0)).toEqual([]);
      expect(now.counts.submitted).toBeGreaterThan(5);
      expect(now.counts.returned).toBeGreaterThanOrEqual(1);
      expect(now.counts.in_progress).toBeGreaterThan(5);
      const before = (await controller.json('GET', `/api/followup/status?period=${shiftBack(expected.lastMonth)}`))
        .body;
      expect(before.counts.approved).toBe(before.units.length);
    });

    it(`has a decided action plan for ${year} whose measures reported up to last month`, async () => {
      const controller = await as('controller');
      const { plans } = (await controller.json('GET', '/api/action-plans')).body;
      const current = plans.find((p: any) => p.id === actionPlanId);
      expect(current).toMatchObject({ title: `Ekonomi i balans ${year}` });
      const tree = (
        await controller.json('GET', `/api/action-plans/${actionPlanId}/measures?period=${expected.lastMonth}`)
      ).body;
      expect(tree.measures.length).toBeGreaterThanOrEqual(6);
      expect(tree.measures.every((m: any) => m.responsibleName && BigInt(m.planned) > 0n)).toBe(true);
      const last = tree.measures.map((m: any) => m.lastReport?.period ?? null);
      if (expected.lastMonth.startsWith(`${year}-`)) {
        expect(last.filter((p: string | null) => p === expected.lastMonth).length).toBe(tree.measures.length - 1);
        // One measure has not reported last month yet: the staleness a controller follows up.
        expect(tree.measures.filter((m: any) => m.stale).length).toBe(1);
      } else expect(last.every((p: string | null) => p === null)).toBe(true);
    });

    it("lists a unit manager's report of the month with a deadline ahead, and the returned one", async () => {
      const chef = await as('chef.ortokir');
      const { status, body } = await chef.json('GET', '/api/me/tasks');
      expect(status).toBe(200);
      expect(body.month).toBe(expected.lastMonth);
      const own = body.tasks.find((t: any) => t.kind === 'submit' && t.unitId === unit('ortokir'));
      expect(own).toMatchObject({ late: false });
      expect(own.dueOn > expected.today).toBe(true);
      const returned = body.tasks.find((t: any) => t.kind === 'returned' && t.unitId === unit('2111-2'));
      expect(returned.comment).toMatch(/lämna in igen/);
      expect(returned.dueOn > expected.today).toBe(true);
      expect(body.tasks.filter((t: any) => t.late)).toEqual([]);
    });
  });
}

const shiftBack = (month: string) => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};
