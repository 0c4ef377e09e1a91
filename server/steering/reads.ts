import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { DecisionKind } from '../../domain/steering';
import type { Executor } from '../core/context';
import type { DB } from '../db/schema';
import type { LinkEntity } from './decisions';

/** Reads of steering's records for other capabilities (decision 015), each answering one question. */

export interface DecisionHead {
  id: string;
  kind: DecisionKind;
  bodyId: string | null;
  decidedOn: string;
  paragraph: string | null;
  officialName: string | null;
  diarienummer: string | null;
  title: string;
  text: string;
  scopeUnitId: string | null;
}

const FACTS = [
  'd.id',
  'd.kind',
  'd.body_id',
  'd.decided_on',
  'd.paragraph',
  'd.official_name',
  'd.diarienummer',
  'd.title',
  'd.text',
  'd.scope_unit_id',
] as const;

const factsOf = (r: {
  id: string;
  kind: string;
  body_id: string | null;
  decided_on: string;
  paragraph: string | null;
  official_name: string | null;
  diarienummer: string | null;
  title: string;
  text: string;
  scope_unit_id: string | null;
}): DecisionHead => ({
  id: r.id,
  kind: r.kind as DecisionKind,
  bodyId: r.body_id,
  decidedOn: r.decided_on,
  paragraph: r.paragraph,
  officialName: r.official_name,
  diarienummer: r.diarienummer,
  title: r.title,
  text: r.text,
  scopeUnitId: r.scope_unit_id,
});

/**
 * The records of one kind that the caller names either by a list of ids or, for sets too large
 * for a list (a plan's tens of thousands of measures), by a subquery over the caller's own table.
 */
export type EntityIds =
  | readonly string[]
  | ((eb: ExpressionBuilder<DB, any>) => SelectQueryBuilder<DB, any, { id: string }>);

/**
 * The decisions linked to records of the given kinds, one row per link: to the given records
 * only, or (no ids) to every record of those kinds.
 */
export async function decisionsLinkedTo(
  db: Executor,
  entity: LinkEntity | readonly LinkEntity[],
  entityIds?: EntityIds,
): Promise<{ entity: LinkEntity; entityId: string; decision: DecisionHead }[]> {
  if (Array.isArray(entityIds) && entityIds.length === 0) return [];
  let q = db
    .selectFrom('decision_links as l')
    .innerJoin('decisions as d', 'd.id', 'l.decision_id')
    .select(['l.entity', 'l.entity_id', ...FACTS])
    .where('l.entity', 'in', typeof entity === 'string' ? [entity] : [...entity]);
  if (entityIds !== undefined)
    q = q.where('l.entity_id', 'in', (Array.isArray(entityIds) ? [...entityIds] : entityIds) as never);
  const rows = await q.execute();
  return rows.map((r) => ({ entity: r.entity as LinkEntity, entityId: r.entity_id, decision: factsOf(r) }));
}

/** The decisions that decided a plan or a goal, with the record's title then: every plan version past draft, every goal wording. */
export async function decidingDecisions(
  db: Executor,
  entity: 'plan' | 'goal',
  ids?: readonly string[],
): Promise<{ entityId: string; recordTitle: string; decision: DecisionHead }[]> {
  if (ids !== undefined && ids.length === 0) return [];
  if (entity === 'plan') {
    let q = db
      .selectFrom('plan_versions as v')
      .innerJoin('decisions as d', 'd.id', 'v.decision_id')
      .select(['v.plan_id as entity_id', 'v.title as record_title', ...FACTS])
      .where('v.status', '!=', 'draft');
    if (ids) q = q.where('v.plan_id', 'in', [...ids]);
    const rows = await q.execute();
    return rows.map((r) => ({ entityId: r.entity_id, recordTitle: r.record_title, decision: factsOf(r) }));
  }
  let q = db
    .selectFrom('goal_wordings as w')
    .innerJoin('decisions as d', 'd.id', 'w.decision_id')
    .select(['w.goal_id as entity_id', 'w.title as record_title', ...FACTS]);
  if (ids) q = q.where('w.goal_id', 'in', [...ids]);
  const rows = await q.execute();
  return rows.map((r) => ({ entityId: r.entity_id, recordTitle: r.record_title, decision: factsOf(r) }));
}

/**
 * The ids of the decisions that decide one plan or goal: a plan by the decision of a version
 * past draft, a goal's wording by the decision behind its newest wording.
 */
export async function decidingDecisionIds(
  db: Executor,
  entity: 'plan' | 'goal',
  id: string,
): Promise<Set<string | null>> {
  if (entity === 'plan') {
    const rows = await db
      .selectFrom('plan_versions')
      .select('decision_id')
      .where('plan_id', '=', id)
      .where('status', '!=', 'draft')
      .execute();
    return new Set(rows.map((v) => v.decision_id));
  }
  const rows = await db
    .selectFrom('goal_wordings')
    .select('decision_id')
    .where('goal_id', '=', id)
    .orderBy('seq', 'desc')
    .limit(1)
    .execute();
  return new Set(rows.map((w) => w.decision_id));
}

/** The plans' heads as competence judges them: kind, owner and scope; an id with no plan is absent. */
export interface PlanHead {
  kind: string;
  owner_body_id: string | null;
  owner_unit_id: string | null;
  scope_unit_id: string | null;
}

export async function planHeads(db: Executor, ids: readonly string[]): Promise<Map<string, PlanHead>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('plans')
    .select(['id', 'kind', 'owner_body_id', 'owner_unit_id', 'scope_unit_id'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map(({ id, ...p }) => [id, p]));
}

/** The goals' plan and owning unit, by goal id; an id with no goal is absent. */
export async function goalHeads(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { planId: string; ownerUnitId: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('goals')
    .select(['id', 'plan_id', 'owner_unit_id'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((g) => [g.id, { planId: g.plan_id, ownerUnitId: g.owner_unit_id }]));
}

/** The given decisions' own facts, by id; an id with no decision is absent. */
export async function decisionsById(db: Executor, ids: readonly (string | null)[]): Promise<Map<string, DecisionHead>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('decisions as d').select(FACTS).where('d.id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, factsOf(r)]));
}

/** The kind of a plan (styrplan, handlingsplan …), or null when there is no such plan. */
export async function planKindOf(db: Executor, planId: string): Promise<string | null> {
  const row = await db.selectFrom('plans').select('kind').where('id', '=', planId).executeTakeFirst();
  return row?.kind ?? null;
}

/** A plan's latest version: what the plan says today, decided or not; null when there is no such plan. */
export async function latestPlanVersion(db: Executor, planId: string) {
  const v = await db
    .selectFrom('plan_versions')
    .select(['title', 'start_year', 'end_year', 'seq'])
    .where('plan_id', '=', planId)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  if (!v) return null;
  return { title: v.title, startYear: v.start_year, endYear: v.end_year, seq: v.seq };
}

/**
 * The beslut taken by officials or by any of `bodyIds` in [from, to), oldest first: the
 * candidates for anmälan av delegationsbeslut.
 */
export async function beslutByOfficialsOrBodies(
  db: Executor,
  bodyIds: readonly string[],
  from: string | null,
  to: string | null,
): Promise<DecisionHead[]> {
  let q = db
    .selectFrom('decisions as d')
    .select(FACTS)
    .where('d.kind', '=', 'beslut')
    .where((eb) =>
      bodyIds.length > 0
        ? eb.or([eb('d.official_name', 'is not', null), eb('d.body_id', 'in', [...bodyIds])])
        : eb('d.official_name', 'is not', null),
    );
  if (from) q = q.where('d.decided_on', '>=', from);
  if (to) q = q.where('d.decided_on', '<', to);
  const rows = await q.orderBy('d.decided_on').orderBy('d.id').execute();
  return rows.map(factsOf);
}
