import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { actorName } from '../../domain/actors';
import { compareSwedish } from '../../domain/collation';
import { DomainError, forbidden, notFound } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import type { PlanKind, PlanStatus } from '../../domain/steering';
import { bodyNamesByIds } from '../bodies/reads';
import { scopeOfBody } from '../bodies/scope';
import { mayCite } from '../competence/citations';
import { competentPairs, Judge } from '../competence/judge';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { authorizeReadSomewhere, readableInherited } from '../core/read-scope';
import { badRef, mustExist } from '../core/refs';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { measureCountsByPlan } from '../economy/reads';
import { refreshPlanFigures } from '../economy/rollups';
import { currentTree, today } from '../org/service';
import { citation, type DecisionRecord, decisionRecords, linkDecision } from './decisions';
import type { PlanSchema, PlanVersionSchema } from './schemas';

export type PlanVersion = z.infer<typeof PlanVersionSchema>;
export type PlanRecord = Omit<z.infer<typeof PlanSchema>, 'can'>;

export async function planRecords(db: Executor, ids?: readonly string[]) {
  let q = db.selectFrom('plans as p').selectAll('p');
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('p.id', 'in', [...ids]);
  }
  const plans = await q.execute();
  if (plans.length === 0) return [];
  const planIds = plans.map((p) => p.id);
  const bodyNames = await bodyNamesByIds(
    db,
    plans.map((p) => p.owner_body_id),
  );
  const versions = await db
    .selectFrom('plan_versions')
    .selectAll()
    .where('plan_id', 'in', planIds)
    .orderBy('seq')
    .execute();
  const goalCounts = await db
    .selectFrom('goals')
    .select(['plan_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('plan_id', 'in', planIds)
    .groupBy('plan_id')
    .execute();
  const measureCounts = await measureCountsByPlan(db, planIds);
  const linked = await db
    .selectFrom('decision_links')
    .select(['decision_id', 'entity_id'])
    .where('entity', '=', 'plan')
    .where('entity_id', 'in', planIds)
    .execute();
  const decisionIds = [
    ...new Set([
      ...versions.map((v) => v.decision_id).filter((d): d is string => !!d),
      ...linked.map((l) => l.decision_id),
    ]),
  ];
  const decisions = await decisionRecords(db, { ids: decisionIds });
  const byId = new Map(decisions.map((d) => [d.id, d]));
  // A plan is decided only by a decision whose maker may decide it (see domain/competence).
  const competent = await competentPairs(
    db,
    'plan',
    versions.flatMap((v) => {
      const d = v.status !== 'draft' && v.decision_id ? byId.get(v.decision_id) : undefined;
      return d ? [{ entityId: v.plan_id, decision: { ...d, unitId: d.scopeUnitId } }] : [];
    }),
  );
  return plans.map((p) => {
    const own = versions
      .filter((v) => v.plan_id === p.id)
      .map(
        (v): PlanVersion => ({
          seq: v.seq,
          title: v.title,
          description: v.description,
          startYear: v.start_year,
          endYear: v.end_year,
          status: v.status as PlanStatus,
          decisionId: v.decision_id,
          decision:
            v.decision_id && byId.get(v.decision_id) ? citation(byId.get(v.decision_id) as DecisionRecord) : null,
          createdAt: new Date(v.created_at).toISOString(),
          createdBy: v.created_by,
        }),
      );
    const latest = own.at(-1) as PlanVersion;
    const inForce = [...own].reverse().find((v) => v.status === 'decided') ?? null;
    const goalCount = Number(goalCounts.find((g) => g.plan_id === p.id)?.n ?? 0);
    const measureCount = measureCounts.get(p.id) ?? 0;
    const decisionIdsOfPlan = new Set([
      ...own.map((v) => v.decisionId).filter((d): d is string => !!d),
      ...linked.filter((l) => l.entity_id === p.id).map((l) => l.decision_id),
    ]);
    const record: PlanRecord & { scopeUnitId: string | null } = {
      id: p.id,
      version: p.version,
      kind: p.kind as PlanKind,
      ownerBodyId: p.owner_body_id,
      ownerBodyName: p.owner_body_id === null ? null : (bodyNames.get(p.owner_body_id) ?? null),
      ownerUnitId: p.owner_unit_id,
      parentPlanId: p.parent_plan_id,
      title: latest.title,
      description: latest.description,
      startYear: latest.startYear,
      endYear: latest.endYear,
      status: latest.status,
      inForce,
      versions: own,
      goalCount,
      measureCount,
      steersWithoutDecision:
        goalCount + measureCount > 0 &&
        !own.some((v) => v.status !== 'draft' && competent.has(`${p.id}:${v.decisionId}`)),
      decisions: [...decisionIdsOfPlan]
        .map((id) => byId.get(id))
        .filter((d): d is NonNullable<typeof d> => !!d)
        .map(({ links: _l, scopeUnitId: _s, ...d }) => d),
      scopeUnitId: p.scope_unit_id,
    };
    return record;
  });
}

const strip = <T extends { scopeUnitId: string | null }>({ scopeUnitId: _, ...rest }: T) => rest;

/** A plan as answered to `actor`: with what they may do with it. */
const answer =
  (actor: Actor, tree: OrgIndex) =>
  <T extends { scopeUnitId: string | null }>(p: T) => ({
    ...strip(p),
    can: abilities(actor, tree)(p.scopeUnitId, { edit: 'plan.write', decide: 'plan.decide' }),
  });

export async function listPlans(services: Services, actor: Actor) {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  const may = readableInherited(actor, tree);
  return (await planRecords(services.db))
    .filter((p) => may(p.scopeUnitId))
    .sort((a, b) => a.startYear - b.startYear || compareSwedish(a.title, b.title))
    .map(answer(actor, tree));
}

export async function getPlan(services: Services, actor: Actor, id: string) {
  const [p] = await planRecords(services.db, [id]);
  if (!p) throw notFound('Planen');
  const tree = await currentTree(services);
  if (!readableInherited(actor, tree)(p.scopeUnitId)) throw forbidden();
  const competence = await new Judge(services.db).record('plan', id, today(services));
  return { ...answer(actor, tree)(p), ...(competence ? { competence } : {}) };
}

export interface PlanInput {
  kind: PlanKind;
  title: string;
  description: string;
  startYear: number;
  endYear: number;
  ownerBodyId: string | null;
  ownerUnitId: string | null;
  parentPlanId: string | null;
}

function checkYears(startYear: number, endYear: number) {
  if (endYear < startYear)
    throw new DomainError('unprocessable', 'Planens slutår kan inte vara före startåret.', {
      fields: [{ field: 'endYear', message: 'är före startåret' }],
    });
}

export async function createPlan(services: Services, actor: Actor, input: PlanInput, id = randomUUID()) {
  return write(services, actor, async (w) => {
    if (!input.ownerBodyId && !input.ownerUnitId)
      throw new DomainError('unprocessable', 'En plan ägs av ett organ eller en enhet.', {
        fields: [{ field: 'ownerUnitId', message: 'ange organet eller enheten som äger planen' }],
      });
    if (input.ownerBodyId) await mustExist(w.trx, 'bodies', [input.ownerBodyId], 'ownerBodyId');
    if (input.ownerUnitId) await mustExist(w.trx, 'org_units', [input.ownerUnitId], 'ownerUnitId');
    if (input.parentPlanId) await mustExist(w.trx, 'plans', [input.parentPlanId], 'parentPlanId');
    checkYears(input.startYear, input.endYear);
    const tree = await currentTree(services, w.trx);
    const scope = input.ownerUnitId ?? (await scopeOfBody(w.trx, input.ownerBodyId as string, tree));
    authorize(actor, 'plan.write', { unitId: scope }, tree);
    await w.trx
      .insertInto('plans')
      .values({
        id,
        kind: input.kind,
        owner_body_id: input.ownerBodyId,
        owner_unit_id: input.ownerUnitId,
        scope_unit_id: scope,
        parent_plan_id: input.parentPlanId,
        created_at: w.now,
      })
      .execute();
    await w.trx
      .insertInto('plan_versions')
      .values({
        plan_id: id,
        seq: 1,
        title: input.title,
        description: input.description,
        start_year: input.startYear,
        end_year: input.endYear,
        status: 'draft',
        created_at: w.now,
        created_by: actorLabel(w),
      })
      .execute();
    const [after] = await planRecords(w.trx, [id]);
    await w.record({
      kind: 'plan.created',
      entity: 'plan',
      entityId: id,
      unitId: scope,
      before: null,
      after: after && strip(after as PlanRecord & { scopeUnitId: string | null }),
    });
    return answer(actor, await currentTree(services, w.trx))(after as PlanRecord & { scopeUnitId: string | null });
  });
}

export const actorLabel = (w: WriteTx) => actorName(w.actor);

async function loadForWrite(
  services: Services,
  w: WriteTx,
  id: string,
  expected: number,
  action: 'plan.write' | 'plan.decide',
) {
  const [before] = await planRecords(w.trx, [id]);
  if (!before) throw notFound('Planen');
  authorize(w.actor, action, { unitId: before.scopeUnitId }, await currentTree(services, w.trx));
  await bumpVersion(w.trx, 'plans', id, expected, async () => (await planRecords(w.trx, [id]))[0] ?? null);
  return before;
}

/**
 * Changes a plan's content. A draft is changed in place; a decided plan is never changed: the
 * change becomes a new draft version, and the decided one stays in force until that is decided.
 */
export async function revisePlan(
  services: Services,
  actor: Actor,
  id: string,
  change: { version: number; title?: string; description?: string; startYear?: number; endYear?: number },
) {
  return write(services, actor, async (w) => {
    const before = await loadForWrite(services, w, id, change.version, 'plan.write');
    const latest = before.versions.at(-1) as PlanVersion;
    const next = {
      title: change.title ?? latest.title,
      description: change.description ?? latest.description,
      start_year: change.startYear ?? latest.startYear,
      end_year: change.endYear ?? latest.endYear,
    };
    checkYears(next.start_year, next.end_year);
    if (latest.status === 'draft') {
      await w.trx
        .updateTable('plan_versions')
        .set(next)
        .where('plan_id', '=', id)
        .where('seq', '=', latest.seq)
        .execute();
    } else {
      await w.trx
        .insertInto('plan_versions')
        .values({
          plan_id: id,
          seq: latest.seq + 1,
          ...next,
          status: 'draft',
          created_at: w.now,
          created_by: actorLabel(w),
        })
        .execute();
    }
    // An action plan's kept figures cover its years (decision 008).
    if (next.start_year !== latest.startYear || next.end_year !== latest.endYear) await refreshPlanFigures(w.trx, [id]);
    const [after] = await planRecords(w.trx, [id]);
    await w.record({
      kind: latest.status === 'draft' ? 'plan.updated' : 'plan.revised',
      entity: 'plan',
      entityId: id,
      unitId: before.scopeUnitId,
      before: strip(before),
      after: strip(after as PlanRecord & { scopeUnitId: string | null }),
    });
    return answer(actor, await currentTree(services, w.trx))(after as PlanRecord & { scopeUnitId: string | null });
  });
}

/**
 * Marks the newest (draft) version decided by a decision (beslut) of a body or an official;
 * the version in force before it is superseded.
 */
export async function decidePlan(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; decisionId: string },
) {
  return write(services, actor, async (w) => {
    const before = await loadForWrite(services, w, id, input.version, 'plan.decide');
    const latest = before.versions.at(-1) as PlanVersion;
    if (latest.status !== 'draft')
      throw new DomainError('unprocessable', 'Planens senaste version är redan beslutad.', {
        fields: [{ field: 'version', message: 'det finns ingen ny version att besluta' }],
      });
    const [decision] = await decisionRecords(w.trx, { ids: [input.decisionId] });
    if (!decision) throw badRef('decisionId', 'finns inte');
    if (decision.kind !== 'beslut')
      throw badRef(
        'decisionId',
        'är inte ett beslut (uppdrag och information beslutar inga planer)',
        'Ärendet är inget beslut.',
      );
    await mayCite(services, w, 'plan', id, [decision.id], () => 'decisionId');
    await w.trx
      .updateTable('plan_versions')
      .set({ status: 'superseded' })
      .where('plan_id', '=', id)
      .where('status', '=', 'decided')
      .execute();
    await w.trx
      .updateTable('plan_versions')
      .set({ status: 'decided', decision_id: decision.id, decided_at: w.now })
      .where('plan_id', '=', id)
      .where('seq', '=', latest.seq)
      .execute();
    await linkDecision(w.trx, decision.id, 'plan', id);
    const [after] = await planRecords(w.trx, [id]);
    await w.record({
      kind: 'plan.decided',
      entity: 'plan',
      entityId: id,
      unitId: before.scopeUnitId,
      before: strip(before),
      after: strip(after as PlanRecord & { scopeUnitId: string | null }),
    });
    return answer(actor, await currentTree(services, w.trx))(after as PlanRecord & { scopeUnitId: string | null });
  });
}

/** Whether a plan has a version that is decided now (goals added to it then need a new version). */
export async function planIsDecided(db: Executor, planId: string): Promise<boolean> {
  const row = await db
    .selectFrom('plan_versions')
    .select('seq')
    .where('plan_id', '=', planId)
    .where('status', '=', 'decided')
    .executeTakeFirst();
  return !!row;
}

/** Whether the newest version of a plan is decided: then it may not change until revised. */
export async function latestIsDecided(db: Executor, planId: string): Promise<boolean> {
  const row = await db
    .selectFrom('plan_versions')
    .select('status')
    .where('plan_id', '=', planId)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return row?.status === 'decided';
}
