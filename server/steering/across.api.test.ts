import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createDemoContext, type TestContext } from '../../test/support/context';
import type { Seeded } from '../../test/support/demo-ids';

// The test clock is 2025-06-15, so the demo's values run to 2025-05.
const PERIOD = '2025-05';

// The cross-unit view files kept rows per unit by position and cuts each lineage to the units
// that set targets; these hold it to the scorecard's own figure, field for field, targets
// included. The view shows one month across the units: its figures carry no trend.
const withoutTrend = ({ trend, ...figure }: any) => {
  expect(Array.isArray(trend)).toBe(true);
  return figure;
};
describe('the cross-unit view', () => {
  let ctx: TestContext & { demo: Seeded };
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());

  it('gives every unit the month’s figure its scorecard gives, targets included, without the trend', async () => {
    const agent = ctx.agent();
    await agent.login('controller');
    const keys = ['region', 'medicin', 'kirurgi', 'psykiatri', 'pvnorr'];
    let compared = 0;
    let withTarget = 0;
    const cards = new Map<string, any[]>();
    for (const key of keys) {
      const { status, body } = await agent.json(
        'GET',
        `/api/scorecard?unit=${ctx.demo.units.get(key)}&period=${PERIOD}`,
      );
      expect(status).toBe(200);
      cards.set(
        key,
        body.goals.flatMap((g: any) => g.indicators),
      );
    }
    const ids = new Set([...cards.values()].flat().map((f: any) => f.id as string));
    for (const id of ids) {
      const across = await agent.json('GET', `/api/indicators/${id}/across?period=${PERIOD}`);
      expect(across.status).toBe(200);
      const byUnit = new Map(across.body.rows.map((r: any) => [r.unitId, r.figure]));
      for (const key of keys) {
        const figure = cards.get(key)?.find((f: any) => f.id === id);
        if (!figure) continue;
        expect(byUnit.get(ctx.demo.units.get(key) as string)).toStrictEqual(withoutTrend(figure));
        compared++;
        if (figure.target !== null) withTarget++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    expect(withTarget).toBeGreaterThan(0);
  });

  /** Every page of an indicator's view, `limit` units at a time, as one list and the totals answered. */
  async function walk(agent: Agent, path: string, limit: number) {
    const rows: any[] = [];
    const totals = new Set<number>();
    for (let offset = 0; ; offset += limit) {
      const { status, body } = await agent.json('GET', `${path}&limit=${limit}&offset=${offset}`);
      expect(status).toBe(200);
      expect(body.offset).toBe(offset);
      expect(body.limit).toBe(limit);
      expect(body.rows.length).toBeLessThanOrEqual(limit);
      totals.add(body.total);
      rows.push(...body.rows);
      if (body.rows.length < limit) break;
    }
    return { rows, totals: [...totals] };
  }
  const signedIn = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };
  const indicatorKeys = () => [...ctx.demo.steering.indicators.values()];

  it('pages through every unit exactly once in tree order, each with the figure the unpaged view gives', async () => {
    const agent = await signedIn('controller');
    let walked = 0;
    for (const id of indicatorKeys().slice(0, 4)) {
      const path = `/api/indicators/${id}/across?period=${PERIOD}`;
      // One page of the most a page holds: the demo region fits in it, so it is the whole view.
      const whole = await agent.json('GET', `${path}&limit=500`);
      expect(whole.status).toBe(200);
      expect(whole.body.rows.length).toBe(whole.body.total);
      expect(whole.body.rows[0].unitId).toBe(ctx.demo.units.get('region'));
      expect(whole.body.unitId).toBe(ctx.demo.units.get('region'));
      const { rows, totals } = await walk(agent, path, 7);
      expect(totals).toEqual([whole.body.total]);
      expect(rows.map((r) => r.unitId)).toEqual(whole.body.rows.map((r: any) => r.unitId));
      expect(new Set(rows.map((r) => r.unitId)).size).toBe(rows.length);
      expect(rows).toEqual(whole.body.rows);
      // Depths follow the parent links: the chosen unit at 0, every other one below its parent.
      const depth = new Map(rows.map((r) => [r.unitId, r.depth]));
      expect(rows[0].depth).toBe(0);
      for (const r of rows.slice(1)) expect(r.depth).toBe((depth.get(r.parentId) ?? -99) + 1);
      walked += rows.length;
    }
    expect(walked).toBeGreaterThan(4 * 20);
  });

  it('gives on a later page the figure of the unit’s own scorecard', async () => {
    const agent = await signedIn('controller');
    const ward = ctx.demo.units.get('pvnorr') as string;
    const card = await agent.json('GET', `/api/scorecard?unit=${ward}&period=${PERIOD}`);
    const figures = card.body.goals.flatMap((g: any) => g.indicators);
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) {
      const path = `/api/indicators/${figure.id}/across?period=${PERIOD}`;
      const order = (await agent.json('GET', `${path}&limit=500`)).body.rows.map((r: any) => r.unitId);
      const at = order.indexOf(ward);
      expect(at).toBeGreaterThanOrEqual(5);
      const offset = at - (at % 5);
      const page = await agent.json('GET', `${path}&limit=5&offset=${offset}`);
      expect(page.body.rows[at - offset].unitId).toBe(ward);
      expect(page.body.rows[at - offset].figure).toStrictEqual(withoutTrend(figure));
    }
  });

  it('answers a default page of 100 units, and the two levels of the chart with depth', async () => {
    const agent = await signedIn('controller');
    const id = indicatorKeys()[0];
    const path = `/api/indicators/${id}/across?period=${PERIOD}`;
    const first = await agent.json('GET', path);
    expect(first.status).toBe(200);
    expect(first.body.limit).toBe(100);
    expect(first.body.offset).toBe(0);
    expect(first.body.rows.length).toBe(Math.min(100, first.body.total));
    // The demo region fits the default page: other tests find a unit's row in the first page.
    expect(first.body.total).toBeLessThanOrEqual(100);
    const whole = await agent.json('GET', `${path}&limit=500`);
    const top = await agent.json('GET', `${path}&depth=2&limit=500`);
    expect(top.status).toBe(200);
    const expected = whole.body.rows.filter((r: any) => r.depth <= 2);
    expect(top.body.rows).toEqual(expected);
    expect(top.body.total).toBe(expected.length);
    expect(top.body.total).toBeLessThan(whole.body.total);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=tio', 'limit'],
    ['limit=2.5', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=x', 'offset'],
    ['depth=-1', 'depth'],
  ])('refuses %s with 400 naming the field', async (query, field) => {
    const agent = await signedIn('controller');
    const id = indicatorKeys()[0];
    const { status, body } = await agent.json('GET', `/api/indicators/${id}/across?period=${PERIOD}&${query}`);
    expect(status).toBe(400);
    expect(body.error.fields.map((f: any) => f.field)).toEqual([field]);
  });

  it('gives each unit with nothing reported below it the target set on its own lineage', async () => {
    // Such units' figures are finished once per set of targets on their lineage: two of them with
    // different targets must each show their own.
    const admin = await signedIn('admin');
    const controller = await signedIn('controller');
    for (const [name, code] of [
      ['Nystartad enhet A', '99101'],
      ['Nystartad enhet B', '99102'],
    ])
      expect(
        (
          await admin.json('POST', '/api/org-units', {
            parentId: ctx.demo.units.get('kirurgi'),
            name,
            level: 'enhet',
            code,
          })
        ).status,
      ).toBe(201);
    const id = indicatorKeys()[0];
    const path = `/api/indicators/${id}/across?period=${PERIOD}&limit=500`;
    const before = await admin.json('GET', path);
    expect(before.status).toBe(200);
    const empty = before.body.rows.filter((r: any) => r.figure.reported === 0 && r.figure.outcome === null);
    expect(empty.length).toBeGreaterThanOrEqual(2);
    const [a, b] = empty as [any, any];
    expect(a.figure).toStrictEqual(b.figure);
    for (const [row, target] of [
      [a, '11'],
      [b, '22'],
    ] as const) {
      const put = await controller.json('PUT', `/api/indicators/${id}/targets`, {
        unitId: row.unitId,
        period: PERIOD,
        target,
        tolerance: '1',
      });
      expect(put.status).toBe(200);
    }
    const after = await admin.json('GET', path);
    const figureOf = (unitId: string) => after.body.rows.find((r: any) => r.unitId === unitId).figure;
    expect([figureOf(a.unitId).target, figureOf(a.unitId).tolerance]).toEqual([11, 1]);
    expect([figureOf(b.unitId).target, figureOf(b.unitId).tolerance]).toEqual([22, 1]);
    // The others keep what they had (none of them is below a or b with a target of its own).
    for (const row of before.body.rows)
      if (row.unitId !== a.unitId && row.unitId !== b.unitId && row.parentId !== a.unitId && row.parentId !== b.unitId)
        expect(figureOf(row.unitId).target).toBe(row.figure.target);
  });

  it('gives a unit manager pages of their own subtree only, and no other subtree', async () => {
    const agent = await signedIn('chef.medicin');
    const controller = await signedIn('controller');
    const medicin = ctx.demo.units.get('medicin') as string;
    const id = indicatorKeys()[0];
    const path = `/api/indicators/${id}/across?period=${PERIOD}&unit=${medicin}`;
    const { rows, totals } = await walk(agent, path, 3);
    expect(rows[0].unitId).toBe(medicin);
    // Every unit below the first is below a unit listed before it: the pages stay in the subtree.
    const seen = new Set([medicin]);
    for (const r of rows.slice(1)) {
      expect(seen.has(r.parentId)).toBe(true);
      seen.add(r.unitId);
    }
    const all = await controller.json('GET', `/api/indicators/${id}/across?period=${PERIOD}&limit=500`);
    expect(totals).toEqual([rows.length]);
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThan(all.body.total);
    const kirurgi = ctx.demo.units.get('kirurgi') as string;
    expect((await agent.json('GET', `/api/indicators/${id}/across?period=${PERIOD}&unit=${kirurgi}`)).status).toBe(403);
    expect((await agent.json('GET', `/api/indicators/${id}/across?period=${PERIOD}&offset=100`)).status).toBe(403);
  });
});
