import { randomUUID } from 'node:crypto';
import { competentFor } from '../../domain/competence/competent';
import type { ControlFrequency, ControlPlanStatus } from '../../domain/control/rules';
import { mustBeDraft } from '../../domain/control/rules';
import type { IsoDate } from '../../domain/dates';
import { DomainError, notFound } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import { can } from '../../domain/permissions';
import { Judge } from '../competence/judge';
import type { Actor, Executor, Services } from '../core/context';
import { mustExist } from '../core/refs';
import { authorize, write } from '../core/write';
import { currentTree } from '../org/service';
import { citation, decisionRecords } from '../steering/decisions';
import {
  bump,
  type ControlBody,
  controlBodies,
  controlBody,
  mayRead,
  mustPlan,
  mustRead,
  type PlanRow,
  planRows,
  planState,
  pointRecord,
  pointRows,
  pointState,
} from './store';

const MATTER = 'plan.internkontrollplan' as const;

export async function planRecord(services: Services, db: Executor, actor: Actor, tree: OrgIndex, plan: PlanRow) {
  const body = await controlBody(services, db, tree, plan.body_id);
  const points = await pointRows(db, { planIds: [plan.id] });
  const [decision] = plan.decision_id ? await decisionRecords(db, { ids: [plan.decision_id] }) : [];
  const may = (action: 'control_plan.write' | 'control_plan.decide') =>
    actor.kind === 'system' ||
    can(actor.principal, action, { unitId: body.scope && tree.has(body.scope) ? body.scope : null }, tree);
  return {
    id: plan.id,
    version: plan.version,
    bodyId: body.id,
    bodyName: body.name,
    bodyKind: body.kind,
    year: plan.year,
    status: plan.status as ControlPlanStatus,
    decisionId: plan.decision_id,
    decisionCitation: decision ? citation(decision) : null,
    points: points.map((p) => pointRecord(actor, tree, p, plan, body.scope)),
    can: {
      edit: plan.status === 'draft' && may('control_plan.write'),
      decide: plan.status === 'draft' && may('control_plan.decide'),
    },
  };
}

/** The year's plans the actor reads, and the bodies that may have one. */
export async function listPlans(services: Services, actor: Actor, year: number) {
  const tree = await currentTree(services);
  const bodies = await controlBodies(services, services.db, tree);
  const readable = mayRead(actor, tree);
  const visible = bodies.filter((b) => readable(b.scope));
  if (actor.kind === 'user' && visible.length === 0) mustRead(actor, tree, null);
  const plans = await planRows(services.db, { year });
  const points = await pointRows(services.db, { planIds: plans.map((p) => p.id) });
  return {
    year,
    plans: plans
      .filter((p) => visible.some((b) => b.id === p.body_id))
      .map((p) => ({
        id: p.id,
        bodyId: p.body_id,
        bodyName: (visible.find((b) => b.id === p.body_id) as ControlBody).name,
        year: p.year,
        status: p.status as ControlPlanStatus,
        points: points.filter((x) => x.plan_id === p.id).length,
      })),
    bodies: visible.map((b) => ({
      id: b.id,
      name: b.name,
      kind: b.kind,
      canCreate:
        actor.kind === 'system' ||
        can(actor.principal, 'control_plan.write', { unitId: b.scope && tree.has(b.scope) ? b.scope : null }, tree),
    })),
  };
}

export async function getPlan(services: Services, actor: Actor, id: string) {
  const tree = await currentTree(services);
  const plan = await mustPlan(services.db, id);
  const body = await controlBody(services, services.db, tree, plan.body_id);
  mustRead(actor, tree, body.scope);
  return planRecord(services, services.db, actor, tree, plan);
}

/** The styrelse's region-wide points of a year, which every nämnd's plan carries. */
async function regionWidePoints(services: Services, db: Executor, tree: OrgIndex, year: number) {
  const bodies = await controlBodies(services, db, tree);
  const styrelser = bodies.filter((b) => b.kind === 'styrelse').map((b) => b.id);
  const plans = (await planRows(db, { year })).filter((p) => styrelser.includes(p.body_id));
  return (await pointRows(db, { planIds: plans.map((p) => p.id) })).filter((p) => p.region_wide && !p.source_point_id);
}

export async function createPlan(services: Services, actor: Actor, input: { bodyId: string; year: number }) {
  return write(services, actor, async (w) => {
    const tree = await currentTree(services, w.trx);
    const body = await controlBody(services, w.trx, tree, input.bodyId);
    authorize(actor, 'control_plan.write', { unitId: body.scope && tree.has(body.scope) ? body.scope : null }, tree);
    if ((await planRows(w.trx, { bodyId: body.id, year: input.year })).length > 0)
      throw new DomainError('conflict', `${body.name} har redan en internkontrollplan för ${input.year}.`, {
        fields: [{ field: 'year', message: 'planen finns redan' }],
      });
    const id = randomUUID();
    await w.trx
      .insertInto('control_plans')
      .values({ id, body_id: body.id, year: input.year, created_at: w.now, updated_at: w.now })
      .execute();
    // A nämnd's plan starts with the controls the styrelse requires of every nämnd.
    if (body.kind === 'namnd')
      for (const source of await regionWidePoints(services, w.trx, tree, input.year))
        await insertPoint(w.trx, w.now, id, { ...fromRow(source), regionWide: true }, source.id);
    const plan = await mustPlan(w.trx, id);
    await w.record({
      kind: 'control_plan.created',
      entity: 'control_plan',
      entityId: id,
      unitId: body.scope,
      before: null,
      after: planState(plan),
    });
    return planRecord(services, w.trx, actor, tree, plan);
  });
}

export interface PointInput {
  riskId: string | null;
  regionWide: boolean;
  unitId: string | null;
  what: string;
  method: string;
  frequency: ControlFrequency;
  checkerUserId: string | null;
  recipient: string;
  dueOn: IsoDate | null;
}

const fromRow = (p: Awaited<ReturnType<typeof pointRows>>[number]): PointInput => ({
  riskId: p.risk_id,
  regionWide: p.region_wide,
  unitId: null,
  what: p.what,
  method: p.method,
  frequency: p.frequency as ControlFrequency,
  checkerUserId: null,
  recipient: p.recipient,
  dueOn: p.due_on === null ? null : String(p.due_on),
});

async function insertPoint(db: Executor, now: Date, planId: string, input: PointInput, sourceId: string | null) {
  const id = randomUUID();
  await db
    .insertInto('control_points')
    .values({
      id,
      plan_id: planId,
      risk_id: input.riskId,
      region_wide: input.regionWide,
      source_point_id: sourceId,
      unit_id: input.unitId,
      what: input.what,
      method: input.method,
      frequency: input.frequency,
      checker_user_id: input.checkerUserId,
      recipient: input.recipient,
      due_on: input.dueOn,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** A point's risk must be in the body's register (or that of a unit the body governs); its unit in the body's area. */
async function checkPoint(db: Executor, tree: OrgIndex, body: ControlBody, input: PointInput, services: Services) {
  if (input.riskId) {
    const risk = await db
      .selectFrom('risks')
      .select(['id', 'body_id', 'unit_id'])
      .where('id', '=', input.riskId)
      .executeTakeFirst();
    const governed = (await controlBodies(services, db, tree)).find((b) => b.id === body.id)?.scope ?? null;
    const inArea =
      risk &&
      (risk.body_id === body.id ||
        (risk.unit_id !== null &&
          governed !== null &&
          tree.has(risk.unit_id) &&
          tree.isInSubtree(risk.unit_id, governed)));
    if (!inArea)
      throw new DomainError('unprocessable', 'Kontrollpunkten ska väljas ur organets riskregister.', {
        fields: [{ field: 'riskId', message: risk ? 'risken hör inte till organets register' : 'finns inte' }],
      });
  }
  if (input.regionWide && body.kind !== 'styrelse')
    throw new DomainError('unprocessable', 'Bara styrelsen kräver kontroller av varje nämnd.', {
      fields: [{ field: 'regionWide', message: 'bara i styrelsens plan' }],
    });
  if (input.unitId) await mustExist(db, 'org_units', [input.unitId], 'unitId');
  if (input.checkerUserId) await mustExist(db, 'users', [input.checkerUserId], 'checkerUserId');
}

async function mustWritePlan(services: Services, w: { trx: Executor }, actor: Actor, planId: string) {
  const tree = await currentTree(services, w.trx);
  const plan = await mustPlan(w.trx, planId);
  const body = await controlBody(services, w.trx, tree, plan.body_id);
  authorize(actor, 'control_plan.write', { unitId: body.scope && tree.has(body.scope) ? body.scope : null }, tree);
  mustBeDraft({ status: plan.status as ControlPlanStatus });
  return { tree, plan, body };
}

/** Copies a styrelse's region-wide point into every nämnd's plan of the year not yet decided. */
async function spreadRegionWide(
  services: Services,
  db: Executor,
  now: Date,
  tree: OrgIndex,
  year: number,
  sourceId: string,
) {
  const [source] = await pointRows(db, { id: sourceId });
  if (!source) return;
  const namnder = (await controlBodies(services, db, tree)).filter((b) => b.kind === 'namnd').map((b) => b.id);
  const plans = (await planRows(db, { year })).filter((p) => namnder.includes(p.body_id) && p.status === 'draft');
  for (const p of plans) {
    const copy = await db
      .selectFrom('control_points')
      .select('id')
      .where('plan_id', '=', p.id)
      .where('source_point_id', '=', sourceId)
      .executeTakeFirst();
    if (copy)
      await db
        .updateTable('control_points')
        .set((eb) => ({
          what: source.what,
          method: source.method,
          frequency: source.frequency,
          risk_id: source.risk_id,
          recipient: source.recipient,
          due_on: source.due_on,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', copy.id)
        .execute();
    else await insertPoint(db, now, p.id, { ...fromRow(source), regionWide: true }, sourceId);
  }
}

export async function addPoint(services: Services, actor: Actor, planId: string, input: PointInput) {
  return write(services, actor, async (w) => {
    const { tree, plan, body } = await mustWritePlan(services, w, actor, planId);
    await checkPoint(w.trx, tree, body, input, services);
    const id = await insertPoint(w.trx, w.now, planId, input, null);
    if (input.regionWide) await spreadRegionWide(services, w.trx, w.now, tree, plan.year, id);
    const [row] = await pointRows(w.trx, { id });
    if (!row) throw notFound('Kontrollpunkten');
    await w.record({
      kind: 'control_point.created',
      entity: 'control_point',
      entityId: id,
      unitId: body.scope,
      before: null,
      after: pointState(row),
    });
    return pointRecord(actor, tree, row, plan, body.scope);
  });
}

export async function updatePoint(
  services: Services,
  actor: Actor,
  id: string,
  input: PointInput & { version: number },
) {
  return write(services, actor, async (w) => {
    const [before] = await pointRows(w.trx, { id });
    if (!before) throw notFound('Kontrollpunkten');
    const { tree, plan, body } = await mustWritePlan(services, w, actor, before.plan_id);
    if (before.source_point_id)
      throw new DomainError('unprocessable', 'Kontrollen krävs av styrelsen och ändras i styrelsens plan.', {
        fields: [{ field: 'id', message: 'regiongemensam kontroll' }],
      });
    await checkPoint(w.trx, tree, body, input, services);
    await bump(w.trx, 'control_points', id, input.version, async () => {
      const [now] = await pointRows(w.trx, { id });
      return now ? pointRecord(actor, tree, now, plan, body.scope) : null;
    });
    await w.trx
      .updateTable('control_points')
      .set({
        risk_id: input.riskId,
        region_wide: input.regionWide,
        unit_id: input.unitId,
        what: input.what,
        method: input.method,
        frequency: input.frequency,
        checker_user_id: input.checkerUserId,
        recipient: input.recipient,
        due_on: input.dueOn,
        updated_at: w.now,
      })
      .where('id', '=', id)
      .execute();
    if (input.regionWide || before.region_wide) await spreadRegionWide(services, w.trx, w.now, tree, plan.year, id);
    const [after] = await pointRows(w.trx, { id });
    if (!after) throw notFound('Kontrollpunkten');
    await w.record({
      kind: 'control_point.updated',
      entity: 'control_point',
      entityId: id,
      unitId: body.scope,
      before: pointState(before),
      after: pointState(after),
    });
    return pointRecord(actor, tree, after, plan, body.scope);
  });
}

/**
 * Decides the plan through a registered beslut of the body competent for an internkontrollplan
 * (the plan's own nämnd, or fullmäktige): the same judging as every decision (server/competence).
 */
export async function decidePlan(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; decisionId: string },
) {
  return write(services, actor, async (w) => {
    const tree = await currentTree(services, w.trx);
    const plan = await mustPlan(w.trx, id);
    const body = await controlBody(services, w.trx, tree, plan.body_id);
    authorize(actor, 'control_plan.decide', { unitId: body.scope && tree.has(body.scope) ? body.scope : null }, tree);
    mustBeDraft({ status: plan.status as ControlPlanStatus });
    const [decision] = await decisionRecords(w.trx, { ids: [input.decisionId] });
    if (!decision)
      throw new DomainError('unprocessable', 'Beslutet finns inte.', {
        fields: [{ field: 'decisionId', message: 'finns inte' }],
      });
    if (decision.kind !== 'beslut')
      throw new DomainError('unprocessable', 'Planen antas genom ett beslut, inte ett uppdrag eller en information.', {
        fields: [{ field: 'decisionId', message: 'är inget beslut' }],
      });
    const judge = new Judge(w.trx);
    const maker = await judge.maker({
      kind: decision.kind,
      bodyId: decision.bodyId,
      officialName: decision.officialName,
      unitId: null,
      decidedOn: decision.decidedOn,
    });
    const verdict = competentFor(
      { kind: MATTER, unitLineage: [], ownerBody: { id: body.id, name: body.name, kind: body.kind }, amountKr: null },
      maker,
      await judge.loadRules(),
      decision.decidedOn,
    );
    if (!verdict.competent)
      throw new DomainError('unprocessable', `Beslutet kan inte anta planen. ${verdict.reason}`, {
        fields: [{ field: 'decisionId', message: `${verdict.reason} Beslutas av: ${verdict.required}.` }],
      });
    if ((await pointRows(w.trx, { planIds: [id] })).length === 0)
      throw new DomainError('unprocessable', 'Planen har inga kontrollpunkter.', {
        fields: [{ field: 'planId', message: 'lägg till minst en kontrollpunkt' }],
      });
    await bump(w.trx, 'control_plans', id, input.version, async () =>
      planRecord(services, w.trx, actor, tree, await mustPlan(w.trx, id)),
    );
    await w.trx
      .updateTable('control_plans')
      .set({ status: 'decided', decision_id: decision.id, updated_at: w.now })
      .where('id', '=', id)
      .execute();
    const after = await mustPlan(w.trx, id);
    await w.record({
      kind: 'control_plan.decided',
      entity: 'control_plan',
      entityId: id,
      unitId: body.scope,
      before: planState(plan),
      after: planState(after),
    });
    return planRecord(services, w.trx, actor, tree, after);
  });
}
