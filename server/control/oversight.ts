import { randomUUID } from 'node:crypto';
import {
  addCounts,
  type ControlCounts,
  type ControlPlanStatus,
  emptyCounts,
  escalations,
  isLate,
  type Judgement,
  type RollupRow,
  rollUpResults,
} from '../../domain/control/rules';
import { forbidden } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import { can } from '../../domain/permissions';
import { listMembers } from '../bodies/members';
import { type Actor, type Executor, type Services, systemActor } from '../core/context';
import { mustExist } from '../core/refs';
import { write } from '../core/write';
import { currentTree, today } from '../org/service';
import {
  type ActionRow,
  actionRows,
  bump,
  type ControlBody,
  controlBodies,
  controlBody,
  mayRead,
  mustRead,
  placed,
  planRows,
  pointRows,
  resultRows,
} from './store';

/** Every result of the year's plans of `bodies`, with its point, plan and actions. */
async function yearFacts(db: Executor, bodies: readonly ControlBody[], year: number) {
  const plans = (await planRows(db, { year })).filter((p) => bodies.some((b) => b.id === p.body_id));
  const points = await pointRows(db, { planIds: plans.map((p) => p.id) });
  const results = await resultRows(db, { pointIds: points.map((p) => p.id) });
  const actions = await actionRows(db, { resultIds: results.map((r) => r.id) });
  return { plans, points, results, actions };
}

function rollupRows(
  facts: Awaited<ReturnType<typeof yearFacts>>,
  bodies: readonly ControlBody[],
  day: string,
): RollupRow[] {
  return facts.results.map((r) => {
    const point = facts.points.find((p) => p.id === r.point_id) as (typeof facts.points)[number];
    const plan = facts.plans.find((p) => p.id === point.plan_id) as (typeof facts.plans)[number];
    const body = bodies.find((b) => b.id === plan.body_id) as ControlBody;
    const mine = facts.actions.filter((a) => a.result_id === r.id);
    return {
      bodyId: body.id,
      unitId: point.unit_id,
      done: r.done,
      deviation: r.deviation,
      openActions: mine.filter((a) => a.status === 'open').length,
      lateActions: mine.filter((a) => isLate({ dueOn: String(a.due_on), status: a.status as 'open' | 'done' }, day))
        .length,
    };
  });
}

async function assessmentRows(db: Executor, where: { year: number; bodyId?: string }) {
  let q = db.selectFrom('control_assessments').selectAll().where('year', '=', where.year);
  if (where.bodyId) q = q.where('body_id', '=', where.bodyId);
  return q.execute();
}

const assessmentRecord = (a: Awaited<ReturnType<typeof assessmentRows>>[number]) => ({
  id: a.id,
  version: a.version,
  bodyId: a.body_id,
  year: a.year,
  judgement: a.judgement as Judgement,
  reasons: a.reasons,
  decisionId: a.decision_id,
});

const mayAssess = (actor: Actor, tree: OrgIndex, scope: string | null) =>
  actor.kind === 'system' || can(actor.principal, 'control_assessment.write', { unitId: placed(tree, scope) }, tree);

/** The styrelse's uppsikt: per nämnd (and the styrelse) plan status, points, results, actions and judgement. */
export async function uppsikt(services: Services, actor: Actor, year: number) {
  const tree = await currentTree(services);
  const readable = mayRead(actor, tree);
  const bodies = (await controlBodies(services, services.db, tree)).filter((b) => readable(b.scope));
  if (actor.kind === 'user' && bodies.length === 0) mustRead(actor, tree, null);
  const facts = await yearFacts(services.db, bodies, year);
  const rolled = rollUpResults(rollupRows(facts, bodies, today(services)));
  const assessments = await assessmentRows(services.db, { year });
  let total: ControlCounts = emptyCounts();
  const rows = bodies.map((b) => {
    const plan = facts.plans.find((p) => p.body_id === b.id) ?? null;
    const r = rolled.get(b.id);
    const counts = r?.total ?? emptyCounts();
    total = addCounts(total, counts);
    return {
      bodyId: b.id,
      bodyName: b.name,
      bodyKind: b.kind,
      planId: plan?.id ?? null,
      planStatus: plan ? (plan.status as ControlPlanStatus) : null,
      points: plan ? facts.points.filter((p) => p.plan_id === plan.id).length : 0,
      counts,
      units: r ? [...r.units].map(([unitId, c]) => ({ unitId, counts: c })) : [],
      judgement: (assessments.find((a) => a.body_id === b.id)?.judgement as Judgement | undefined) ?? null,
    };
  });
  return { year, bodies: rows, total };
}

/**
 * What goes to a body's ordförande and controller: serious deviations not dealt with and late
 * actions, for the bodies the actor reads, as of the clock's today.
 */
export async function escalationList(services: Services, actor: Actor, year: number) {
  const tree = await currentTree(services);
  const readable = mayRead(actor, tree);
  const bodies = (await controlBodies(services, services.db, tree)).filter((b) => readable(b.scope));
  if (actor.kind === 'user' && bodies.length === 0) mustRead(actor, tree, null);
  const facts = await yearFacts(services.db, bodies, year);
  const day = today(services);
  const actionsOf = (resultId: string) => facts.actions.filter((a) => a.result_id === resultId);
  const list = escalations(
    facts.results.map((r) => ({
      resultId: r.id,
      serious: r.serious,
      actions: actionsOf(r.id).map((a) => ({ id: a.id, dueOn: String(a.due_on), status: a.status as 'open' | 'done' })),
    })),
    day,
  );
  const recipients = new Map<string, { userId: string; name: string; as: 'ordforande' | 'controller' }[]>();
  const recipientsOf = async (body: ControlBody) => {
    let r = recipients.get(body.id);
    if (!r) {
      const chairs = (await listMembers(services, systemActor('control'), body.id))
        .filter((m) => m.role === 'ordforande' && m.validFrom <= day && (m.validTo === null || day < m.validTo))
        .map((m) => ({ userId: m.userId, name: m.displayName, as: 'ordforande' as const }));
      r = [...chairs, ...(await controllersOver(services.db, tree, body.scope))];
      recipients.set(body.id, r);
    }
    return r;
  };
  const items = [];
  for (const e of list) {
    const result = facts.results.find((r) => r.id === e.resultId) as (typeof facts.results)[number];
    const point = facts.points.find((p) => p.id === result.point_id) as (typeof facts.points)[number];
    const plan = facts.plans.find((p) => p.id === point.plan_id) as (typeof facts.plans)[number];
    const body = bodies.find((b) => b.id === plan.body_id) as ControlBody;
    const action: ActionRow | undefined = e.actionId ? facts.actions.find((a) => a.id === e.actionId) : undefined;
    items.push({
      reason: e.reason,
      bodyId: body.id,
      bodyName: body.name,
      pointId: point.id,
      what: point.what,
      resultId: result.id,
      occasion: result.occasion,
      actionId: action?.id ?? null,
      actionWhat: action?.what ?? null,
      dueOn: action ? String(action.due_on) : null,
      ownerName: action?.owner_name ?? null,
      recipients: await recipientsOf(body),
    });
  }
  return { year, today: day, items };
}

/** The controllers over a body's scope: those holding the role on the scope's unit or above it. */
export async function controllersOver(db: Executor, tree: OrgIndex, scope: string | null) {
  const units = scope && tree.has(scope) ? tree.lineage(scope) : tree.roots();
  if (units.length === 0) return [];
  const rows = await db
    .selectFrom('role_assignments as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['u.id', 'u.display_name'])
    .where('g.role', '=', 'controller')
    .where('g.unit_id', 'in', units)
    .where('u.disabled', '=', false)
    .orderBy('u.display_name')
    .execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ userId: r.id, name: r.display_name, as: 'controller' as const }));
}

/** A body's yearly assessment, with the year's counts it judges. */
export async function getAssessment(services: Services, actor: Actor, bodyId: string, year: number) {
  const tree = await currentTree(services);
  const body = await controlBody(services, services.db, tree, bodyId);
  mustRead(actor, tree, body.scope);
  return assessmentView(services, services.db, actor, tree, body, year);
}

async function assessmentView(
  services: Services,
  db: Executor,
  actor: Actor,
  tree: OrgIndex,
  body: ControlBody,
  year: number,
) {
  const facts = await yearFacts(db, [body], year);
  const rolled = rollUpResults(rollupRows(facts, [body], today(services)));
  const [a] = await assessmentRows(db, { year, bodyId: body.id });
  return {
    bodyId: body.id,
    bodyName: body.name,
    year,
    assessment: a ? assessmentRecord(a) : null,
    points: facts.points.length,
    counts: rolled.get(body.id)?.total ?? emptyCounts(),
    can: { edit: mayAssess(actor, tree, body.scope) },
  };
}

export interface AssessmentInput {
  version: number | null;
  judgement: Judgement;
  reasons: string;
  decisionId: string | null;
}

/** Writes the body's judgement of its internal control for the year: the nämnd's controller. */
export async function saveAssessment(
  services: Services,
  actor: Actor,
  bodyId: string,
  year: number,
  input: AssessmentInput,
) {
  return write(services, actor, async (w) => {
    const tree = await currentTree(services, w.trx);
    const body = await controlBody(services, w.trx, tree, bodyId);
    if (!mayAssess(actor, tree, body.scope)) throw forbidden();
    if (input.decisionId) await mustExist(w.trx, 'decisions', [input.decisionId], 'decisionId');
    const [existing] = await assessmentRows(w.trx, { year, bodyId });
    const current = async () => (await assessmentView(services, w.trx, actor, tree, body, year)).assessment;
    const values = {
      judgement: input.judgement,
      reasons: input.reasons,
      decision_id: input.decisionId,
      updated_at: w.now,
    };
    let id: string;
    if (existing) {
      if (input.version === null) await bump(w.trx, 'control_assessments', existing.id, -1, current);
      else await bump(w.trx, 'control_assessments', existing.id, input.version, current);
      await w.trx.updateTable('control_assessments').set(values).where('id', '=', existing.id).execute();
      id = existing.id;
    } else {
      id = randomUUID();
      await w.trx
        .insertInto('control_assessments')
        .values({ id, body_id: bodyId, year, created_at: w.now, ...values })
        .execute();
    }
    const [after] = await assessmentRows(w.trx, { year, bodyId });
    const state = (a: typeof after) =>
      a
        ? { bodyId: a.body_id, year: a.year, judgement: a.judgement, reasons: a.reasons, decisionId: a.decision_id }
        : null;
    await w.record({
      kind: existing ? 'control_assessment.updated' : 'control_assessment.created',
      entity: 'control_assessment',
      entityId: id,
      unitId: body.scope,
      before: state(existing),
      after: state(after),
    });
    return assessmentView(services, w.trx, actor, tree, body, year);
  });
}
