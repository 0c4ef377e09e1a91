import type { DelegationLevel } from '../../domain/economy/delegation';
import { notFound } from '../../domain/errors';
import { parseMonth } from '../../domain/indicators/months';
import type { OrgIndex, UnitLevel } from '../../domain/org';
import { formatPeriod } from '../../domain/periods';
import type { Actor, Executor, Services } from '../core/context';
import { authorize } from '../core/write';
import type { UnitRecord } from '../org/queries';
import { currentTree, todaysUnits } from '../org/service';
import { planRecords } from '../steering/plans';
import { loadPlanData, measureFigures, type PlanData } from './figures';

// What every economy read and write starts from: the org tree of today, the plan, kronor as text.
// Whole kronor leave the API as strings of digits: a JSON number loses kronor above 2^53.
export const kr = (v: bigint | string) => BigInt(v).toString();

export async function context(services: Services, db: Executor = services.db) {
  // Today's units and tree are kept between reading requests per data version (a plan's summary
  // is asked for often, and reading 5 000 units each time was most of it); a write's transaction
  // reads its own.
  const [units, tree] = await Promise.all([todaysUnits(services, db), currentTree(services, db)]);
  return { units, tree, ...lookupsOf(units) };
}

type Lookups = {
  levels: ReadonlyMap<string, UnitLevel>;
  names: ReadonlyMap<string, string>;
  parents: ReadonlyMap<string, string | null>;
};
// Derived from a units array alone, so kept with it: shared by the requests that share the array.
const lookupsKept = new WeakMap<readonly UnitRecord[], Lookups>();
function lookupsOf(units: readonly UnitRecord[]): Lookups {
  let lookups = lookupsKept.get(units);
  if (!lookups) {
    lookups = {
      levels: new Map(units.map((u) => [u.id, u.level as UnitLevel])),
      names: new Map(units.map((u) => [u.id, u.name])),
      parents: new Map(units.map((u) => [u.id, u.parentId])),
    };
    lookupsKept.set(units, lookups);
  }
  return lookups;
}

export async function planOrThrow(db: Executor, planId: string) {
  const [plan] = await planRecords(db, [planId]);
  if (plan?.kind !== 'handlingsplan') throw notFound('Handlingsplanen');
  return plan;
}

/** Refuses a user who may read steering data nowhere the plan could concern. */
export function authorizePlanRead(actor: Actor, plan: { ownerUnitId: string | null }, tree: OrgIndex) {
  // An action plan is read across the organisation: whoever may read steering data for any
  // unit sees its totals; measures are shown by their owners' units.
  authorize(actor, 'data.readSomewhere', { unitId: plan.ownerUnitId ?? null }, tree);
}

/** A plan's data and every measure's figures for a month, for a reader of the plan. */
export async function figuresFor(services: Services, actor: Actor, planId: string, periodText: string) {
  const month = formatPeriod(parseMonth(periodText, 'period'));
  const plan = await planOrThrow(services.db, planId);
  const ctx = await context(services);
  authorizePlanRead(actor, plan, ctx.tree);
  const data = (await loadPlanData(services.db, planId, ctx.levels, month)) as PlanData;
  return { month, plan, ctx, data, figures: measureFigures(data, month, ctx.levels) };
}

export async function measurePlanId(db: Executor, id: string) {
  const m = await db
    .selectFrom('measures')
    .select(['plan_id', 'owner_unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!m) throw notFound('Åtgärden');
  return m;
}

export const levelName = (levels: DelegationLevel[], amount: bigint) =>
  [...levels].sort((a, b) => a.rank - b.rank).find((l) => l.maxAmountKr === null || amount <= l.maxAmountKr)?.name ??
  null;
