import Decimal from 'decimal.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import type { SteeringIds } from '../demo/steering';

// The test clock is 2025-06-15, so the demo's values run to 2025-05.
const PERIOD = '2025-05';

describe('scorecard API on Region Exempel', () => {
  let ctx: TestContext;
  let units: Map<string, string>;
  let steering: SteeringIds;
  beforeAll(async () => {
    const seeded = await createDemoContext();
    ctx = seeded;
    ({ units, steering } = seeded.demo);
  });
  afterAll(async () => ctx.close());
  const unit = (key: string) => units.get(key) as string;
  const indicator = (key: string) => steering.indicators.get(key) as string;

  async function card(username: string, unitKey: string, period = PERIOD) {
    const agent = ctx.agent();
    await agent.login(username);
    return agent.json('GET', `/api/scorecard?unit=${unit(unitKey)}&period=${period}`);
  }
  const figureIn = (body: any, indicatorId: string) =>
    body.goals.flatMap((g: any) => g.indicators).find((i: any) => i.id === indicatorId);

  it('answers in the agreed shape, with a status from the closed list', async () => {
    const { status, body } = await card('politiker', 'region');
    expect(status).toBe(200);
    expect(body.unitId).toBe(unit('region'));
    expect(body.period).toBe(PERIOD);
    expect(body.goals.length).toBeGreaterThanOrEqual(8);
    for (const g of body.goals) {
      expect(typeof g.id).toBe('string');
      expect(typeof g.title).toBe('string');
      expect(['green', 'yellow', 'red', 'grey']).toContain(g.status);
      for (const i of g.indicators) {
        expect(Object.keys(i)).toEqual(
          expect.arrayContaining(['id', 'name', 'target', 'outcome', 'forecast', 'status', 'stale']),
        );
        expect(['green', 'yellow', 'red', 'grey']).toContain(i.status);
        expect(typeof i.stale).toBe('boolean');
      }
    }
    expect(new Set(body.goals.map((g: any) => g.perspective))).toEqual(
      new Set(['medborgare', 'medarbetare', 'verksamhet', 'ekonomi']),
    );
  });

  it('refuses an invalid period with 400 naming the field, an unknown unit with 404, a stranger with 401', async () => {
    const bad = await card('politiker', 'region', '2025-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('period');
    const agent = ctx.agent();
    await agent.login('politiker');
    expect((await agent.json('GET', `/api/scorecard?unit=nope&period=${PERIOD}`)).status).toBe(404);
    expect((await ctx.agent().json('GET', `/api/scorecard?unit=${unit('region')}&period=${PERIOD}`)).status).toBe(401);
  });

  it('computes the region’s agency-staff share as a ratio of sums over every unit’s entered values', async () => {
    const { body } = await card('politiker', 'region');
    const rows = await ctx.services.db
      .selectFrom('indicator_values')
      .select(['indicator_id', 'value'])
      .where('period', '=', PERIOD)
      .where('kind', '=', 'outcome')
      .where('indicator_id', 'in', [indicator('hyrkostnad'), indicator('personalkostnad')])
      .execute();
    const sum = (id: string) =>
      rows.filter((r) => r.indicator_id === id).reduce((s, r) => s.plus(r.value), new Decimal(0));
    const expected = sum(indicator('hyrkostnad'))
      .div(sum(indicator('personalkostnad')))
      .times(100);
    const figure = figureIn(body, indicator('hyrandel'));
    expect(figure.outcome).toBe(expected.toDecimalPlaces(4).toNumber());
    expect(figure.target).toBe(2);
    expect(figure.status).toBe(expected.lte(2) ? 'green' : expected.lte(2.5) ? 'yellow' : 'red');
    // Not the average of the divisions' shares.
    const divisions = await Promise.all(
      ['kirurgi', 'medicin', 'medserv', 'primarvard', 'psykiatri'].map(
        async (k) => figureIn((await card('politiker', k)).body, indicator('hyrandel')).outcome,
      ),
    );
    const average = divisions.reduce((a, b) => a + b, 0) / divisions.length;
    expect(Math.abs(average - figure.outcome)).toBeGreaterThan(0.01);
    // Seed 002: the divisions lay between 0.5 % and 8 %.
    for (const d of divisions) {
      expect(d).toBeGreaterThanOrEqual(0.5);
      expect(d).toBeLessThanOrEqual(8);
    }
    expect(Math.max(...divisions) - Math.min(...divisions)).toBeGreaterThan(4);
  });

  it('shows a division the same figures whether summed in the database or merged unit by unit', async () => {
    const agent = ctx.agent();
    await agent.login('politiker');
    for (const key of ['region', 'medicin', 'psykiatri', 'pvnorr']) {
      const { body } = await card('politiker', key);
      const figures = body.goals.flatMap((g: any) => g.indicators);
      expect(figures.length).toBeGreaterThan(0);
      for (const f of figures) {
        const across = await agent.json('GET', `/api/indicators/${f.id}/across?period=${PERIOD}`);
        const row = across.body.rows.find((r: any) => r.unitId === unit(key));
        expect({
          name: f.name,
          outcome: row.figure.outcome,
          stale: row.figure.stale,
          status: row.figure.status,
        }).toEqual({
          name: f.name,
          outcome: f.outcome,
          stale: f.stale,
          status: f.status,
        });
      }
    }
  });

  it('marks figures stale where units have not reported, and says how many have', async () => {
    const psyk = figureIn((await card('politiker', 'psykiatri')).body, indicator('hyrandel'));
    expect(psyk.stale).toBe(true);
    expect(psyk.reported).toBeLessThan(psyk.expected);
    const ward = await ctx.services.db
      .selectFrom('org_unit_states')
      .select('unit_id')
      .where('name', '=', 'Avdelning 31')
      .executeTakeFirstOrThrow();
    const agent = ctx.agent();
    await agent.login('politiker');
    const across = await agent.json('GET', `/api/indicators/${indicator('hyrandel')}/across?period=${PERIOD}`);
    const row = across.body.rows.find((r: any) => r.unitId === ward.unit_id);
    expect(row.figure.stale).toBe(true);
    expect(row.figure.outcomeMonth).toBe('2025-03');
    const kirurgi = figureIn((await card('politiker', 'kirurgi')).body, indicator('hyrandel'));
    expect(kirurgi.stale).toBe(false);
    expect(kirurgi.reported).toBe(kirurgi.expected);
  });

  it('gives a unit its own goals and the goals it inherits from above, flagged', async () => {
    const { body } = await card('politiker', 'medicin');
    const own = body.goals.filter((g: any) => !g.inherited).map((g: any) => g.title);
    expect(own).toContain('Egen bemanning på medicinavdelningarna');
    const inherited = body.goals.find((g: any) => g.title === 'Beroendet av inhyrd personal ska upphöra');
    expect(inherited.inherited).toBe(true);
    expect(inherited.ownerUnitName).toBe('Region Exempel');
    expect(inherited.analysis.text).toContain('medicinavdelningarna');
    const roadmap = body.goals.find((g: any) => g.title === 'En fjärdedel av alla besök ska bokas digitalt');
    expect(roadmap.planWithoutDecision).toBe(true);
    const drifted = body.goals.find((g: any) => g.title === 'Andelen nära vård ska öka');
    expect(drifted.drift).toBe(true);
    // The division's own target (4 %) applies rather than the region's 2 %.
    expect(figureIn(body, indicator('hyrandel')).target).toBe(4);
    expect(body.children.map((c: any) => c.name)).toEqual(['Område Akutsjukvård', 'Område Internmedicin']);
  });

  it('lets politicians and auditors read every unit, and a manager only their own subtree', async () => {
    expect((await card('revisor', 'kirurgi')).status).toBe(200);
    expect((await card('chef.medicin', 'medicin')).status).toBe(200);
    expect((await card('chef.medicin', 'akm')).status).toBe(200);
    const refused = await card('chef.medicin', 'kirurgi');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
  });

  it('gives a trend of twelve months with the target of each', async () => {
    const figure = figureIn((await card('politiker', 'region')).body, indicator('digandel'));
    expect(figure.trend).toHaveLength(12);
    expect(figure.trend[0].period).toBe('2024-06');
    expect(figure.trend[11].period).toBe(PERIOD);
    expect(figure.trend[11].outcome).toBe(figure.outcome);
    expect(figure.trend.every((t: any) => t.target === 25)).toBe(true);
    const npe = figureIn((await card('politiker', 'region')).body, indicator('npe'));
    expect(npe.outcomeMonth).toBe('2025-04');
    expect(npe.trend.at(-1).period).toBe('2025-04');
  });
});

describe('roll-ups through the database', () => {
  let ctx: TestContext;
  let units: Map<string, string>;
  let steering: SteeringIds;
  beforeAll(async () => {
    const seeded = await createDemoContext();
    ctx = seeded;
    ({ units, steering } = seeded.demo);
  });
  afterAll(async () => ctx.close());

  it('a sum indicator at any unit equals the sum of the values its leaves entered', async () => {
    const controller = ctx.agent();
    await controller.login('controller');
    const tree = (await controller.json('GET', '/api/org-units')).body.units as {
      id: string;
      parentId: string | null;
    }[];
    const leaves = tree.filter((u) => !tree.some((c) => c.parentId === u.id)).map((u) => u.id);
    const below = (id: string): string[] => [id, ...tree.filter((u) => u.parentId === id).flatMap((u) => below(u.id))];
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...leaves), { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 12, maxLength: 12 }),
        fc.constantFrom(...['region', 'hs', 'medicin', 'primarvard', 'kt', 'rs'].map((k) => units.get(k) as string)),
        async (chosen, cents, at) => {
          run += 1;
          const created = await controller.json('POST', '/api/indicators', {
            code: `prop-${run}`,
            name: `Egenskapstest ${run}`,
            measureUnit: 'kr',
            direction: 'higher',
            frequency: 'month',
            aggregation: 'sum',
          });
          expect(created.status).toBe(201);
          // Linked to a regionplan goal; a unit whose subtree reported none is not shown it.
          const linked = await controller.json('PUT', `/api/indicators/${created.body.id}`, {
            ...created.body,
            goalIds: [steering.goals.get('balans')],
          });
          expect(linked.status).toBe(200);
          const values = chosen.map((unitId, i) => ({
            indicatorId: created.body.id,
            unitId,
            period: PERIOD,
            kind: 'outcome',
            value: new Decimal(cents[i] as number).div(100).toString(),
          }));
          expect((await controller.json('PUT', '/api/values', { values })).status).toBe(200);
          const across = await controller.json('GET', `/api/indicators/${created.body.id}/across?period=${PERIOD}`);
          const inSubtree = new Set(below(at));
          const expected = values
            .filter((v) => inSubtree.has(v.unitId))
            .reduce((s, v) => s.plus(v.value), new Decimal(0));
          const row = across.body.rows.find((r: any) => r.unitId === at);
          const sum = values.some((v) => inSubtree.has(v.unitId)) ? expected.toNumber() : null;
          expect(row.figure.outcome).toBe(sum);
          const card = await controller.json('GET', `/api/scorecard?unit=${at}&period=${PERIOD}`);
          const figure = card.body.goals.flatMap((g: any) => g.indicators).find((i: any) => i.id === created.body.id);
          expect(figure?.outcome ?? null).toBe(sum);
        },
      ),
      { numRuns: 8 },
    );
  });
});
