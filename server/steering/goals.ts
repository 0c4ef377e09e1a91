import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { compareSwedish } from '../../domain/collation';
import { DomainError, forbidden, notFound } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import type { Perspective } from '../../domain/steering';
import { mayCite } from '../competence/citations';
import { competentPairs, Judge } from '../competence/judge';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { authorizeReadSomewhere, readableInherited } from '../core/read-scope';
import { badRef, mustExist } from '../core/refs';
import { authorize, bumpVersion, write } from '../core/write';
import { currentTree, today } from '../org/service';
import { citation, decisionRecords, linkDecision } from './decisions';
import { actorLabel, latestIsDecided, planIsDecided } from './plans';
import type { GoalSchema, GoalWordingSchema } from './schemas';

export type GoalWording = z.infer<typeof GoalWordingSchema>;
export type GoalRecord = Omit<z.infer<typeof GoalSchema>, 'can'>;

/** A goal as answered to `actor`: with what they may do with it. */
const answer = (actor: Actor, tree: OrgIndex) => (g: GoalRecord) => ({
  ...g,
  can: abilities(actor, tree)(g.ownerUnitId, { edit: 'goal.write' }),
});

export async function goalRecords(
  db: Executor,
  filter: { ids?: readonly string[]; planId?: string } = {},
): Promise<GoalRecord[]> {
  let q = db.selectFrom('goals as g').innerJoin('plans as p', 'p.id', 'g.plan_id').selectAll('g');
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('g.id', 'in', [...filter.ids]);
  }
  if (filter.planId) q = q.where('g.plan_id', '=', filter.planId);
  const goals = await q.execute();
  if (goals.length === 0) return [];
  const ids = goals.map((g) => g.id);
  const planIds = [...new Set(goals.map((g) => g.plan_id))];
  const [wordings, links, indicatorLinks, versions, linkedDecisions] = await Promise.all([
    db.selectFrom('goal_wordings').selectAll().where('goal_id', 'in', ids).orderBy('seq').execute(),
    db
      .selectFrom('goal_links')
      .selectAll()
      .where((eb) => eb.or([eb('goal_id', 'in', ids), eb('parent_goal_id', 'in', ids)]))
      .execute(),
    db.selectFrom('indicator_goals').selectAll().where('goal_id', 'in', ids).execute(),
    db
      .selectFrom('plan_versions')
      .select(['plan_id', 'seq', 'title', 'status'])
      .where('plan_id', 'in', planIds)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('decision_links')
      .select(['decision_id', 'entity_id'])
      .where('entity', '=', 'goal')
      .where('entity_id', 'in', ids)
      .execute(),
  ]);
  const decisionIds = [
    ...new Set([
      ...wordings.map((w) => w.decision_id).filter((d): d is string => !!d),
      ...linkedDecisions.map((l) => l.decision_id),
    ]),
  ];
  const decisions = new Map((await decisionRecords(db, { ids: decisionIds })).map((d) => [d.id, d]));
  // A wording is backed only by a decision whose maker may decide the goal's plan.
  const competent = await competentPairs(
    db,
    'goal',
    wordings.flatMap((w) => {
      const d = w.plan_decided && w.decision_id ? decisions.get(w.decision_id) : undefined;
      return d ? [{ entityId: w.goal_id, decision: { ...d, unitId: d.scopeUnitId } }] : [];
    }),
  );
  return goals.map((g) => {
    const own = wordings
      .filter((w) => w.goal_id === g.id)
      .map(
        (w): GoalWording => ({
          seq: w.seq,
          title: w.title,
          description: w.description,
          decisionId: w.decision_id,
          decision:
            w.decision_id && decisions.get(w.decision_id) ? citation(decisions.get(w.decision_id) as never) : null,
          drift: w.plan_decided && (w.decision_id === null || !competent.has(`${g.id}:${w.decision_id}`)),
          createdAt: new Date(w.created_at).toISOString(),
          createdBy: w.created_by,
        }),
      );
    const current = own.at(-1) as GoalWording;
    const planVersions = versions.filter((v) => v.plan_id === g.plan_id);
    const goalDecisionIds = new Set([
      ...own.map((w) => w.decisionId).filter((d): d is string => !!d),
      ...linkedDecisions.filter((l) => l.entity_id === g.id).map((l) => l.decision_id),
    ]);
    return {
      id: g.id,
      version: g.version,
      planId: g.plan_id,
      planTitle: planVersions.at(-1)?.title ?? '',
      planDecided: planVersions.some((v) => v.status === 'decided'),
      perspective: g.perspective as Perspective,
      focusArea: g.focus_area,
      ownerUnitId: g.owner_unit_id,
      targetYear: g.target_year,
      title: current.title,
      description: current.description,
      drift: current.drift,
      decidedWording: [...own].reverse().find((w) => !w.drift) ?? null,
      wordings: own,
      parentGoalIds: links.filter((l) => l.goal_id === g.id).map((l) => l.parent_goal_id),
      childGoalIds: links.filter((l) => l.parent_goal_id === g.id).map((l) => l.goal_id),
      indicatorIds: indicatorLinks.filter((l) => l.goal_id === g.id).map((l) => l.indicator_id),
      decisions: [...goalDecisionIds]
        .map((id) => decisions.get(id))
        .filter((d): d is NonNullable<typeof d> => !!d)
        .map((d) => ({ id: d.id, kind: d.kind, title: d.title, citation: citation(d) })),
    };
  });
}

/**
 * The goals each goal is broken down into, kept to those the caller may read: a division
 * manager on a region goal sees their own division's sub-goals, not links to a sibling's that
 * would only answer 403.
 */
async function withReadableChildren<G extends { childGoalIds: string[] }>(
  db: Executor,
  goals: G[],
  may: (unitId: string | null) => boolean,
): Promise<G[]> {
  const childIds = [...new Set(goals.flatMap((g) => g.childGoalIds))];
  if (childIds.length === 0) return goals;
  const owners = new Map(
    (await db.selectFrom('goals').select(['id', 'owner_unit_id']).where('id', 'in', childIds).execute()).map((r) => [
      r.id,
      r.owner_unit_id,
    ]),
  );
  return goals.map((g) => ({ ...g, childGoalIds: g.childGoalIds.filter((c) => may(owners.get(c) ?? null)) }));
}

export async function listGoals(
  services: Services,
  actor: Actor,
  filter: { planId?: string; unitId?: string; drift?: boolean },
) {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  const may = readableInherited(actor, tree);
  const records = (await goalRecords(services.db, { planId: filter.planId })).filter((g) => may(g.ownerUnitId));
  return (await withReadableChildren(services.db, records, may))
    .filter((g) => !filter.unitId || g.ownerUnitId === filter.unitId)
    .filter((g) => filter.drift === undefined || g.drift === filter.drift)
    .sort((a, b) => compareSwedish(a.title, b.title))
    .map(answer(actor, tree));
}

export async function getGoal(services: Services, actor: Actor, id: string) {
  const [g] = await goalRecords(services.db, { ids: [id] });
  if (!g) throw notFound('Målet');
  const tree = await currentTree(services);
  const may = readableInherited(actor, tree);
  if (!may(g.ownerUnitId)) throw forbidden();
  const [readable] = await withReadableChildren(services.db, [g], may);
  const competence = await new Judge(services.db).record('goal', id, today(services));
  return { ...answer(actor, tree)(readable as typeof g), ...(competence ? { competence } : {}) };
}

export interface GoalInput {
  planId: string;
  perspective: Perspective;
  focusArea: string | null;
  ownerUnitId: string;
  targetYear: number | null;
  title: string;
  description: string;
  parentGoalIds: string[];
}

async function checkParents(db: Executor, self: string, parentIds: readonly string[]) {
  await mustExist(db, 'goals', parentIds, 'parentGoalIds');
  // A goal may not serve itself, however far up the links go.
  const seen = new Set<string>();
  let frontier = [...parentIds];
  while (frontier.length > 0) {
    if (frontier.includes(self))
      throw badRef('parentGoalIds', 'ger en slinga: målet skulle tjäna sig självt', 'Målen skulle bilda en slinga.');
    for (const f of frontier) seen.add(f);
    const up = await db.selectFrom('goal_links').select('parent_goal_id').where('goal_id', 'in', frontier).execute();
    frontier = up.map((u) => u.parent_goal_id).filter((p) => !seen.has(p));
  }
}

async function mustBeBeslut(db: Executor, decisionId: string) {
  const [d] = await decisionRecords(db, { ids: [decisionId] });
  if (!d) throw badRef('decisionId', 'finns inte');
  if (d.kind !== 'beslut') throw badRef('decisionId', 'är inte ett beslut', 'Ärendet är inget beslut.');
}

export async function createGoal(services: Services, actor: Actor, input: GoalInput, id = randomUUID()) {
  return write(services, actor, async (w) => {
    await mustExist(w.trx, 'plans', [input.planId], 'planId');
    await mustExist(w.trx, 'org_units', [input.ownerUnitId], 'ownerUnitId');
    authorize(actor, 'goal.write', { unitId: input.ownerUnitId }, await currentTree(services, w.trx));
    if (await latestIsDecided(w.trx, input.planId))
      throw new DomainError(
        'unprocessable',
        'Planen är beslutad och kan inte ändras. Gör en ny version av planen först.',
        {
          fields: [{ field: 'planId', message: 'planen är beslutad' }],
        },
      );
    await checkParents(w.trx, id, input.parentGoalIds);
    await w.trx
      .insertInto('goals')
      .values({
        id,
        plan_id: input.planId,
        perspective: input.perspective,
        focus_area: input.focusArea,
        owner_unit_id: input.ownerUnitId,
        target_year: input.targetYear,
        created_at: w.now,
      })
      .execute();
    await w.trx
      .insertInto('goal_wordings')
      .values({
        goal_id: id,
        seq: 1,
        title: input.title,
        description: input.description,
        decision_id: null,
        plan_decided: false,
        created_at: w.now,
        created_by: actorLabel(w),
      })
      .execute();
    const parents = [...new Set(input.parentGoalIds)];
    if (parents.length > 0)
      await w.trx
        .insertInto('goal_links')
        .values(parents.map((p) => ({ goal_id: id, parent_goal_id: p })))
        .execute();
    const [after] = await goalRecords(w.trx, { ids: [id] });
    await w.record({
      kind: 'goal.created',
      entity: 'goal',
      entityId: id,
      unitId: input.ownerUnitId,
      before: null,
      after,
    });
    return answer(actor, await currentTree(services, w.trx))(after as GoalRecord);
  });
}

export interface GoalChange {
  version: number;
  title?: string;
  description?: string;
  /** The decision behind a new wording; needed once the plan is decided, or the goal drifts. */
  decisionId?: string | null;
  perspective?: Perspective;
  focusArea?: string | null;
  targetYear?: number | null;
  parentGoalIds?: string[];
}

/**
 * Changes a goal. A new wording is kept beside the earlier ones; written after the plan was
 * decided without citing a decision, it is drift and shows as such everywhere.
 */
export async function updateGoal(services: Services, actor: Actor, id: string, change: GoalChange) {
  return write(services, actor, async (w) => {
    const [before] = await goalRecords(w.trx, { ids: [id] });
    if (!before) throw notFound('Målet');
    authorize(actor, 'goal.write', { unitId: before.ownerUnitId }, await currentTree(services, w.trx));
    await bumpVersion(
      w.trx,
      'goals',
      id,
      change.version,
      async () => (await goalRecords(w.trx, { ids: [id] }))[0] ?? null,
    );
    if (change.parentGoalIds) await checkParents(w.trx, id, change.parentGoalIds);
    if (change.decisionId) await mustBeBeslut(w.trx, change.decisionId);
    const newTitle = change.title ?? before.title;
    const newDescription = change.description ?? before.description;
    const reworded = newTitle !== before.title || newDescription !== before.description;
    if (reworded) {
      await w.trx
        .insertInto('goal_wordings')
        .values({
          goal_id: id,
          seq: (before.wordings.at(-1)?.seq ?? 0) + 1,
          title: newTitle,
          description: newDescription,
          decision_id: change.decisionId ?? null,
          plan_decided: await planIsDecided(w.trx, before.planId),
          created_at: w.now,
          created_by: actorLabel(w),
        })
        .execute();
      if (change.decisionId) {
        await mayCite(services, w, 'goal', id, [change.decisionId], () => 'decisionId');
        await linkDecision(w.trx, change.decisionId, 'goal', id);
      }
    }
    await w.trx
      .updateTable('goals')
      .set({
        perspective: change.perspective ?? before.perspective,
        focus_area: change.focusArea === undefined ? before.focusArea : change.focusArea,
        target_year: change.targetYear === undefined ? before.targetYear : change.targetYear,
      })
      .where('id', '=', id)
      .execute();
    if (change.parentGoalIds) {
      await w.trx.deleteFrom('goal_links').where('goal_id', '=', id).execute();
      const parents = [...new Set(change.parentGoalIds)];
      if (parents.length > 0)
        await w.trx
          .insertInto('goal_links')
          .values(parents.map((p) => ({ goal_id: id, parent_goal_id: p })))
          .execute();
    }
    const [after] = await goalRecords(w.trx, { ids: [id] });
    await w.record({
      kind: reworded ? 'goal.reworded' : 'goal.updated',
      entity: 'goal',
      entityId: id,
      unitId: before.ownerUnitId,
      before,
      after,
    });
    return answer(actor, await currentTree(services, w.trx))(after as GoalRecord);
  });
}
