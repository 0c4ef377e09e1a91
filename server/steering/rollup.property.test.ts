import Decimal from 'decimal.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import type { MonthText } from '../../domain/indicators/months';
import { EMPTY_PARTS, mergeAll, type Parts, partsOf } from '../../domain/indicators/rollup';
import type { ValueKind } from '../../domain/steering';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit } from '../../test/support/factories';
import { systemActor } from '../core/context';
import { closeUnit, currentTree, today, updateUnit } from '../org/service';
import { figuresForUnit, finishFigure, monthsNeeded } from './figures';
import {
  checkValues,
  createIndicator,
  type IndicatorRecord,
  indicatorRecords,
  setValues,
  updateIndicator,
  type ValueInput,
} from './indicators';
import { verifyIndicatorRollups } from './rollup-verify';
import { importValueRows } from './values-import';

const MONTH = '2025-05' as MonthText;
const PERIODS = ['2025-04', '2025-05'];
const DAY = 24 * 60 * 60 * 1000;
const actor = systemActor('property');

const value = fc.option(
  fc.tuple(fc.integer({ min: -50, max: 500 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`),
  { freq: 6 },
);
const slot = fc.record({
  unit: fc.nat(),
  indicator: fc.nat(),
  period: fc.constantFrom(...PERIODS),
  kind: fc.constantFrom<ValueKind>('outcome', 'forecast'),
  value,
});
const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('set' as const), rows: fc.array(slot, { minLength: 1, maxLength: 1 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('set' as const), rows: fc.array(slot, { minLength: 2, maxLength: 6 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('import' as const), rows: fc.array(slot, { minLength: 1, maxLength: 6 }) }),
  },
  {
    weight: 2,
    // A move dated today, or tomorrow: then it takes effect overnight with no write (`night`).
    arbitrary: fc.record({ t: fc.constant('move' as const), unit: fc.nat(), to: fc.nat(), ahead: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('night' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('close' as const), unit: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('rename' as const), unit: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('redefine' as const), which: fc.boolean() }) },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

describe('kept indicator roll-ups', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => ctx.close());

  const unitVersion = async (id: string) =>
    (await ctx.services.db.selectFrom('org_units').select('version').where('id', '=', id).executeTakeFirstOrThrow())
      .version;

  /** A small tree and one indicator of each aggregation, fresh for each run. */
  async function world(run: number) {
    const s = ctx.services;
    const root = await makeUnit(s, `Region ${run}`);
    const a = await makeUnit(s, `A ${run}`, root);
    const b = await makeUnit(s, `B ${run}`, root);
    await makeUnit(s, `A1 ${run}`, a);
    await makeUnit(s, `A2 ${run}`, a);
    await makeUnit(s, `B1 ${run}`, b);
    const define = (name: string, extra: Partial<Parameters<typeof createIndicator>[2]>) =>
      createIndicator(s, actor, {
        code: null,
        name: `${name} ${run}`,
        description: '',
        measureUnit: 'st',
        direction: 'higher',
        frequency: 'month',
        aggregation: 'sum',
        numeratorId: null,
        denominatorId: null,
        weightId: null,
        scale: '1',
        rollingMonths: null,
        source: 'entered',
        goalIds: [],
        ...extra,
      });
    const sum = await define('Summa', {});
    const base = await define('Bas', {});
    const ratio = await define('Kvot', {
      aggregation: 'ratio',
      numeratorId: sum.id,
      denominatorId: base.id,
      scale: '100',
      source: 'formula',
    });
    const weighted = await define('Vägd', { aggregation: 'weighted', weightId: base.id });
    const latest = await define('Senast', { aggregation: 'latest' });
    const own = await define('Egen', { aggregation: 'none' });
    return {
      root,
      ids: [sum.id, base.id, ratio.id, weighted.id, latest.id, own.id],
      entered: [sum, base, weighted, latest, own],
    };
  }

  /** The step's value rows, made valid for today's tree: aggregated values on leaves only, one per slot. */
  async function rowsFor(root: string, entered: { id: string }[], rows: Extract<Step, { rows: unknown }>['rows']) {
    const tree = await currentTree(ctx.services);
    const [records, units] = [
      await indicatorRecords(
        ctx.services.db,
        entered.map((e) => e.id),
      ),
      tree.subtree(root),
    ];
    const leaves = units.filter((u) => tree.children(u).length === 0);
    const seen = new Set<string>();
    const out: ValueInput[] = [];
    for (const r of rows) {
      const indicator = records[r.indicator % records.length] as IndicatorRecord;
      const pool = indicator.aggregation === 'none' ? units : leaves;
      const unitId = pool[r.unit % pool.length] as string;
      const key = `${indicator.id}|${unitId}|${r.period}|${r.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ indicatorId: indicator.id, unitId, period: r.period, kind: r.kind, value: r.value, comment: '' });
    }
    return out;
  }

  /**
   * A change to the organisation the rules may refuse, writing nothing: with moves dated tomorrow,
   * a move under a unit that one of them puts below it, a change dated before a unit's planned
   * state begins, a closing of a unit that gets a child tomorrow.
   */
  async function refusable(change: () => Promise<unknown>) {
    try {
      await change();
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }

  async function apply(root: string, entered: { id: string }[], ids: string[], s: Step) {
    const services = ctx.services;
    const tree = await currentTree(services);
    const units = tree.subtree(root);
    if (s.t === 'set') await setValues(services, actor, await rowsFor(root, entered, s.rows));
    else if (s.t === 'import') {
      const rows = await rowsFor(root, entered, s.rows);
      await checkValues(services, services.db, actor, rows, (i, f) => `${i}.${f}`);
      await importValueRows(services, actor, rows);
    } else if (s.t === 'move') {
      const movable = units.filter((u) => u !== root);
      const unit = movable[s.unit % movable.length] as string;
      const targets = units.filter((u) => !tree.isInSubtree(u, unit) && u !== tree.lineage(unit)[1]);
      if (targets.length === 0) return;
      const tomorrow = new Date(ctx.clock.now().getTime() + DAY);
      await refusable(async () =>
        updateUnit(services, actor, unit, {
          version: await unitVersion(unit),
          effectiveFrom: s.ahead ? today({ ...services, clock: { now: () => tomorrow } }) : today(services),
          parentId: targets[s.to % targets.length] as string,
        }),
      );
    } else if (s.t === 'night') {
      ctx.clock.advance(DAY);
    } else if (s.t === 'close') {
      const leaves = units.filter((u) => u !== root && tree.children(u).length === 0);
      if (leaves.length === 0) return;
      const unit = leaves[s.unit % leaves.length] as string;
      const tomorrow = new Date(ctx.clock.now().getTime() + DAY);
      await refusable(async () =>
        closeUnit(services, actor, unit, {
          version: await unitVersion(unit),
          closedFrom: today({ ...services, clock: { now: () => tomorrow } }),
        }),
      );
      // The closure takes effect overnight: the next reader finds today's tree changed.
      ctx.clock.advance(DAY);
    } else if (s.t === 'rename') {
      const unit = units[s.unit % units.length] as string;
      await refusable(async () =>
        updateUnit(services, actor, unit, {
          version: await unitVersion(unit),
          effectiveFrom: today(services),
          name: `Omdöpt ${s.unit}`,
        }),
      );
    } else {
      const all = await indicatorRecords(services.db, ids);
      const [sum, base, , weighted, latest] = ids.map((id) => all.find((i) => i.id === id) as IndicatorRecord) as [
        IndicatorRecord,
        IndicatorRecord,
        IndicatorRecord,
        IndicatorRecord,
        IndicatorRecord,
      ];
      const target = s.which ? weighted : latest;
      const { id, version, ...input } = target;
      const change = s.which
        ? { weightId: input.weightId === base.id ? sum.id : base.id }
        : { aggregation: input.aggregation === 'latest' ? ('sum' as const) : ('latest' as const) };
      await updateIndicator(services, actor, id, { ...input, ...change, version });
    }
  }

  /** Figures recomputed from the raw values with the domain's rules, independently of the kept rows. */
  async function independentFigures(unitId: string, indicators: IndicatorRecord[]) {
    const tree = await currentTree(ctx.services);
    const values = await ctx.services.db
      .selectFrom('indicator_values')
      .select(['indicator_id', 'unit_id', 'kind', 'period', 'value', 'entered_at'])
      .where(
        'indicator_id',
        'in',
        [...new Set(indicators.flatMap((i) => [i.id, i.numeratorId, i.denominatorId, i.weightId]))].filter(
          (x): x is string => x !== null,
        ),
      )
      .execute();
    const out = new Map<string, unknown>();
    for (const indicator of indicators) {
      const units = new Set(indicator.aggregation === 'none' ? [unitId] : tree.subtree(unitId));
      const rows = (id: string | null, kind: string, m: string) =>
        values.filter((v) => v.indicator_id === id && v.kind === kind && v.period === m && units.has(v.unit_id));
      const sheet = { outcome: new Map<MonthText, Parts>(), forecast: new Map<MonthText, Parts>() };
      const reported = new Map<MonthText, number>();
      for (const m of monthsNeeded(indicator, MONTH).all) {
        for (const kind of ['outcome', 'forecast'] as const) {
          let parts: Parts | null = null;
          const own = rows(indicator.id, kind, m);
          if (indicator.aggregation === 'ratio') {
            const num = rows(indicator.numeratorId, kind, m);
            const den = rows(indicator.denominatorId, kind, m);
            const total = (rs: typeof num) => rs.reduce((t, r) => t.plus(r.value), new Decimal(0));
            if (den.length > 0)
              parts = { ...EMPTY_PARTS, numerator: total(num), denominator: total(den), count: num.length };
          } else if (indicator.aggregation === 'weighted') {
            const pairs = own.flatMap((r) => {
              const w = values.find(
                (x) =>
                  x.indicator_id === indicator.weightId &&
                  x.unit_id === r.unit_id &&
                  x.period === m &&
                  x.kind === 'outcome',
              );
              return w ? [partsOf({ value: r.value, weight: w.value })] : [];
            });
            if (pairs.length > 0) parts = mergeAll(pairs);
          } else if (indicator.aggregation === 'latest') {
            const newest = [...own].sort(
              (x, y) =>
                new Date(y.entered_at).getTime() - new Date(x.entered_at).getTime() ||
                new Decimal(y.value).comparedTo(x.value),
            )[0];
            if (newest) parts = partsOf({ value: newest.value });
          } else if (own.length > 0) parts = mergeAll(own.map((r) => partsOf({ value: r.value })));
          if (parts) sheet[kind].set(m, parts);
        }
        const counted = indicator.aggregation === 'ratio' ? indicator.numeratorId : indicator.id;
        const n = rows(counted, 'outcome', m).length;
        if (n > 0) reported.set(m, n);
      }
      const expected = Math.max(0, ...reported.values());
      out.set(
        indicator.id,
        finishFigure(
          indicator,
          MONTH,
          (kind, m) => sheet[kind].get(m) ?? null,
          { reported, expected },
          tree.lineage(unitId),
          [],
        ),
      );
    }
    return out;
  }

  it('keeps roll-ups equal to a recomputation through writes, imports, moves (some taking effect overnight), closures and redefinitions', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        run += 1;
        const { root, ids, entered } = await world(run);
        for (const s of steps) {
          await apply(root, entered, ids, s);
          const tree = await currentTree(ctx.services);
          const indicators = await indicatorRecords(ctx.services.db, ids);
          for (const unit of tree.subtree(root)) {
            const kept = await figuresForUnit(ctx.services.db, tree, unit, indicators, MONTH);
            const fresh = await independentFigures(unit, indicators);
            for (const i of indicators) expect(kept.get(i.id), `${s.t} ${i.name} at ${unit}`).toEqual(fresh.get(i.id));
          }
          const verified = await verifyIndicatorRollups(ctx.services.db, { repair: false, day: today(ctx.services) });
          expect(verified.differences, s.t).toEqual([]);
          expect(verified.checked).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 15 },
    );
  }, 300_000);
});
