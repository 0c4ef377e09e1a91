import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import {
  type ControlActionStatus,
  type ControlFrequency,
  type ControlPlanStatus,
  isLate,
  occasionsOf,
} from '../../domain/control/rules';
import type { IsoDate } from '../../domain/dates';
import { DomainError, forbidden, notFound, staleVersion } from '../../domain/errors';
import type { BodyKind, OrgIndex } from '../../domain/org';
import { can } from '../../domain/permissions';
import { isNamedChecker } from '../../domain/permissions/control';
import { scopeOfBody } from '../bodies/scope';
import { type BodyRecord, listBodies } from '../bodies/service';
import { abilities } from '../core/abilities';
import { type Actor, type Executor, type Services, systemActor } from '../core/context';
import type { DB } from '../db/schema';

// Reads of the control tables and the records the API answers with. The body list and a body's
// scope come from the bodies capability; risk titles and people's names are joined (see the
// boundaries test's ALLOWED list).

export type PlanRow = Selectable<DB['control_plans']>;

/** The bodies that keep a plan (nämnder and the styrelse), with the unit their records belong to. */
export interface ControlBody {
  id: string;
  name: string;
  kind: BodyKind;
  scope: string | null;
}

export async function controlBodies(services: Services, db: Executor, tree: OrgIndex): Promise<ControlBody[]> {
  const all: BodyRecord[] = await listBodies({ ...services, db: db as Services['db'] }, systemActor('control'));
  const out: ControlBody[] = [];
  for (const b of all)
    if (b.kind === 'namnd' || b.kind === 'styrelse')
      out.push({ id: b.id, name: b.name, kind: b.kind, scope: await scopeOfBody(db, b.id, tree) });
  return out;
}

export async function controlBody(services: Services, db: Executor, tree: OrgIndex, id: string): Promise<ControlBody> {
  const b = (await controlBodies(services, db, tree)).find((x) => x.id === id);
  if (!b)
    throw new DomainError('unprocessable', 'Bara en nämnd eller styrelsen har en internkontrollplan.', {
      fields: [{ field: 'bodyId', message: 'är ingen nämnd eller styrelse' }],
    });
  return b;
}

/** 403 unless the actor reads the body's internal control. */
export function mustRead(actor: Actor, tree: OrgIndex, scope: string | null) {
  if (actor.kind === 'user' && !can(actor.principal, 'control.read', { unitId: placed(tree, scope) }, tree))
    throw forbidden();
}

export const placed = (tree: OrgIndex, unitId: string | null) => (unitId && tree.has(unitId) ? unitId : null);

export const mayRead = (actor: Actor, tree: OrgIndex) => (scope: string | null) =>
  actor.kind === 'system' || can(actor.principal, 'control.read', { unitId: placed(tree, scope) }, tree);

/** Whether the actor records results of a point: its named checker, or the chef or controller of its unit. */
export function mayRecord(actor: Actor, tree: OrgIndex, unitId: string | null, checkerUserId: string | null): boolean {
  if (actor.kind === 'system') return true;
  const ctx = { principal: actor.principal, tree };
  return (
    can(actor.principal, 'control_result.write', { unitId: placed(tree, unitId) }, tree) ||
    isNamedChecker(ctx, checkerUserId)
  );
}

export async function planRows(db: Executor, where: { id?: string; year?: number; bodyId?: string }) {
  let q = db.selectFrom('control_plans').selectAll();
  if (where.id !== undefined) q = q.where('id', '=', where.id);
  if (where.year !== undefined) q = q.where('year', '=', where.year);
  if (where.bodyId !== undefined) q = q.where('body_id', '=', where.bodyId);
  return q.orderBy('year').orderBy('id').execute();
}

export async function mustPlan(db: Executor, id: string): Promise<PlanRow> {
  const [p] = await planRows(db, { id });
  if (!p) throw notFound('Internkontrollplanen');
  return p;
}

/**
 * A control table's rows under some parents (an empty list answers none) or the one with `id`,
 * in `order` and then id: points, results and actions are read alike.
 */
function narrowed<S, T extends keyof S, O>(
  q: SelectQueryBuilder<S, T, O>,
  alias: string,
  columns: { parent: string; order: string },
  where: { parents?: readonly string[]; id?: string },
): Promise<O[]> {
  let query = q;
  if (where.parents) {
    if (where.parents.length === 0) return Promise.resolve([]);
    query = query.where(sql.ref(`${alias}.${columns.parent}`), 'in', [...where.parents]);
  }
  if (where.id !== undefined) query = query.where(sql.ref(`${alias}.id`), '=', where.id);
  return query
    .orderBy(sql.ref(`${alias}.${columns.order}`))
    .orderBy(sql.ref(`${alias}.id`))
    .execute();
}

export async function pointRows(db: Executor, where: { planIds?: readonly string[]; id?: string }) {
  const q = db
    .selectFrom('control_points as p')
    .leftJoin('risks as r', 'r.id', 'p.risk_id')
    .leftJoin('users as u', 'u.id', 'p.checker_user_id')
    .selectAll('p')
    .select(['r.title as risk_title', 'u.display_name as checker_name']);
  return narrowed(q, 'p', { parent: 'plan_id', order: 'created_at' }, { parents: where.planIds, id: where.id });
}
export type PointRow = Awaited<ReturnType<typeof pointRows>>[number];

export async function resultRows(db: Executor, where: { pointIds?: readonly string[]; id?: string }) {
  const q = db
    .selectFrom('control_results as r')
    .leftJoin('users as u', 'u.id', 'r.recorded_by')
    .selectAll('r')
    .select('u.display_name as recorded_by_name');
  return narrowed(q, 'r', { parent: 'point_id', order: 'occasion' }, { parents: where.pointIds, id: where.id });
}
export type ResultRow = Awaited<ReturnType<typeof resultRows>>[number];

export async function actionRows(db: Executor, where: { resultIds?: readonly string[]; id?: string }) {
  const q = db
    .selectFrom('control_actions as a')
    .leftJoin('users as u', 'u.id', 'a.owner_user_id')
    .selectAll('a')
    .select('u.display_name as owner_name');
  return narrowed(q, 'a', { parent: 'result_id', order: 'due_on' }, { parents: where.resultIds, id: where.id });
}
export type ActionRow = Awaited<ReturnType<typeof actionRows>>[number];

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : String(d));

/** The unit a point's records belong to: its own unit, or its body's. */
export const pointUnit = (p: Pick<PointRow, 'unit_id'>, scope: string | null) => p.unit_id ?? scope;

export function pointRecord(actor: Actor, tree: OrgIndex, p: PointRow, plan: PlanRow, scope: string | null) {
  const can = abilities(actor, tree)(scope, { edit: 'control_plan.write' });
  const unit = pointUnit(p, scope);
  return {
    id: p.id,
    version: p.version,
    planId: p.plan_id,
    riskId: p.risk_id,
    riskTitle: p.risk_title ?? null,
    regionWide: p.region_wide,
    sourcePointId: p.source_point_id,
    unitId: p.unit_id,
    what: p.what,
    method: p.method,
    frequency: p.frequency as ControlFrequency,
    checkerUserId: p.checker_user_id,
    checkerName: p.checker_name ?? null,
    recipient: p.recipient,
    dueOn: p.due_on === null ? null : String(p.due_on),
    occasions: occasionsOf(p.frequency as ControlFrequency, plan.year),
    can: {
      // A region-wide copy is the styrelse's requirement: the nämnd keeps it as given.
      edit: can.edit && plan.status === 'draft' && p.source_point_id === null,
      record: plan.status === 'decided' && mayRecord(actor, tree, unit, p.checker_user_id),
    },
  };
}

export function actionRecord(actor: Actor, tree: OrgIndex, a: ActionRow, unit: string | null, today: IsoDate) {
  const status = a.status as ControlActionStatus;
  const dueOn = String(a.due_on);
  return {
    id: a.id,
    version: a.version,
    resultId: a.result_id,
    what: a.what,
    ownerUserId: a.owner_user_id,
    ownerName: a.owner_name ?? null,
    dueOn,
    status,
    doneAt: iso(a.done_at),
    late: isLate({ dueOn, status }, today),
    can: {
      edit:
        actor.kind === 'system' ||
        can(actor.principal, 'control_action.write', { unitId: placed(tree, unit) }, tree) ||
        isNamedChecker({ principal: actor.principal, tree }, a.owner_user_id),
    },
  };
}

export function resultRecord(
  actor: Actor,
  tree: OrgIndex,
  r: ResultRow,
  actions: readonly ActionRow[],
  point: PointRow,
  scope: string | null,
  today: IsoDate,
) {
  const unit = pointUnit(point, scope);
  return {
    id: r.id,
    version: r.version,
    pointId: r.point_id,
    occasion: r.occasion,
    done: r.done,
    deviation: r.deviation,
    serious: r.serious,
    sampleSize: r.sample_size,
    findings: r.findings,
    evidence: r.evidence,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name ?? null,
    recordedAt: iso(r.recorded_at) as string,
    actions: actions.filter((a) => a.result_id === r.id).map((a) => actionRecord(actor, tree, a, unit, today)),
    can: { edit: mayRecord(actor, tree, unit, point.checker_user_id) },
  };
}

/** The payloads the history keeps (server/history/schemas.ts declares them). */
export const resultState = (r: ResultRow) => ({
  id: r.id,
  pointId: r.point_id,
  occasion: r.occasion,
  done: r.done,
  deviation: r.deviation,
  serious: r.serious,
  sampleSize: r.sample_size,
  findings: r.findings,
  evidence: r.evidence,
  recordedBy: r.recorded_by,
});
export const actionState = (a: ActionRow) => ({
  id: a.id,
  resultId: a.result_id,
  what: a.what,
  ownerUserId: a.owner_user_id,
  dueOn: String(a.due_on),
  status: a.status,
});
export const pointState = (p: PointRow) => ({
  id: p.id,
  planId: p.plan_id,
  riskId: p.risk_id,
  regionWide: p.region_wide,
  sourcePointId: p.source_point_id,
  unitId: p.unit_id,
  what: p.what,
  method: p.method,
  frequency: p.frequency,
  checkerUserId: p.checker_user_id,
  recipient: p.recipient,
  dueOn: p.due_on === null ? null : String(p.due_on),
});
export const planState = (p: PlanRow) => ({
  id: p.id,
  bodyId: p.body_id,
  year: p.year,
  status: p.status as ControlPlanStatus,
  decisionId: p.decision_id,
});

/**
 * Optimistic concurrency for the control tables: bumps `table` row `id` from `expected`, or 409
 * carrying the current record (from `current`), or 404.
 */
export async function bump(
  db: Executor,
  table: 'control_plans' | 'control_points' | 'control_results' | 'control_actions' | 'control_assessments',
  id: string,
  expected: number,
  current: () => Promise<object | null>,
): Promise<number> {
  const row = await (db as Executor)
    .updateTable(table)
    .set((eb: any) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expected)
    .returning('version')
    .executeTakeFirst();
  if (row) return row.version;
  const now = await current();
  if (!now) throw notFound('Posten');
  throw staleVersion(now);
}
