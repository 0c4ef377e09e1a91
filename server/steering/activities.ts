import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { actorName } from '../../domain/actors';
import type { IsoDate } from '../../domain/dates';
import { DomainError, notFound } from '../../domain/errors';
import { parseMonth } from '../../domain/indicators/months';
import type { OrgIndex } from '../../domain/org';
import { formatPeriod } from '../../domain/periods';
import type { ActivityStatus } from '../../domain/steering';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { authorizeReadSomewhere, readableInherited } from '../core/read-scope';
import { mustExist } from '../core/refs';
import { authorize, bumpVersion, write } from '../core/write';
import { currentTree } from '../org/service';
import type { ActivitySchema } from './schemas';

export type ActivityRecord = Omit<z.infer<typeof ActivitySchema>, 'can'>;

/** An activity as answered to `actor`: with what they may do with it. */
const answer = (actor: Actor, tree: OrgIndex) => (a: ActivityRecord) => ({
  ...a,
  can: abilities(actor, tree)(a.ownerUnitId, { edit: 'activity.write', report: 'value.write' }),
});

async function activityRecords(
  db: Executor,
  filter: { ids?: readonly string[]; goalId?: string } = {},
): Promise<ActivityRecord[]> {
  let q = db.selectFrom('activities').selectAll();
  if (filter.ids) q = q.where('id', 'in', filter.ids.length > 0 ? [...filter.ids] : ['']);
  if (filter.goalId) {
    const goalId = filter.goalId;
    q = q.where('id', 'in', (eb) =>
      eb.selectFrom('activity_goals').select('activity_id').where('goal_id', '=', goalId),
    );
  }
  const rows = await q.orderBy('start_on').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [goals, updates] = await Promise.all([
    db.selectFrom('activity_goals').selectAll().where('activity_id', 'in', ids).execute(),
    db.selectFrom('activity_updates').selectAll().where('activity_id', 'in', ids).orderBy('period').execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    title: r.title,
    description: r.description,
    ownerUnitId: r.owner_unit_id,
    responsibleName: r.responsible_name,
    startOn: r.start_on,
    endOn: r.end_on,
    status: r.status as ActivityStatus,
    progress: r.progress,
    goalIds: goals.filter((g) => g.activity_id === r.id).map((g) => g.goal_id),
    updates: updates
      .filter((u) => u.activity_id === r.id)
      .map((u) => ({
        period: u.period,
        status: u.status as ActivityStatus,
        progress: u.progress,
        comment: u.comment,
        enteredByName: u.entered_by_name,
        enteredAt: new Date(u.entered_at).toISOString(),
      })),
  }));
}

export async function listActivities(services: Services, actor: Actor, filter: { unitId?: string; goalId?: string }) {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  const may = readableInherited(actor, tree);
  const inScope = filter.unitId ? new Set(tree.subtree(filter.unitId)) : null;
  return (await activityRecords(services.db, { goalId: filter.goalId }))
    .filter((a) => may(a.ownerUnitId) && (!inScope || inScope.has(a.ownerUnitId)))
    .map(answer(actor, tree));
}

export interface ActivityInput {
  title: string;
  description: string;
  ownerUnitId: string;
  responsibleName: string;
  startOn: IsoDate;
  endOn: IsoDate;
  status: ActivityStatus;
  progress: number;
  goalIds: string[];
}

async function check(db: Executor, input: ActivityInput) {
  await mustExist(db, 'org_units', [input.ownerUnitId], 'ownerUnitId');
  await mustExist(db, 'goals', input.goalIds, 'goalIds');
  if (input.endOn < input.startOn)
    throw new DomainError('unprocessable', 'Aktiviteten kan inte sluta innan den börjar.', {
      fields: [{ field: 'endOn', message: 'är före startdatumet' }],
    });
}

async function writeGoals(db: Executor, id: string, goalIds: readonly string[]) {
  await db.deleteFrom('activity_goals').where('activity_id', '=', id).execute();
  const unique = [...new Set(goalIds)];
  if (unique.length > 0)
    await db
      .insertInto('activity_goals')
      .values(unique.map((goal_id) => ({ activity_id: id, goal_id })))
      .execute();
}

const columns = (input: ActivityInput) => ({
  title: input.title,
  description: input.description,
  owner_unit_id: input.ownerUnitId,
  responsible_name: input.responsibleName,
  start_on: input.startOn,
  end_on: input.endOn,
  status: input.status,
  progress: input.progress,
});

export async function createActivity(services: Services, actor: Actor, input: ActivityInput, id = randomUUID()) {
  return write(services, actor, async (w) => {
    await check(w.trx, input);
    authorize(actor, 'activity.write', { unitId: input.ownerUnitId }, await currentTree(services, w.trx));
    await w.trx
      .insertInto('activities')
      .values({ id, ...columns(input), created_at: w.now })
      .execute();
    await writeGoals(w.trx, id, input.goalIds);
    const [after] = await activityRecords(w.trx, { ids: [id] });
    await w.record({
      kind: 'activity.created',
      entity: 'activity',
      entityId: id,
      unitId: input.ownerUnitId,
      before: null,
      after,
    });
    return answer(actor, await currentTree(services, w.trx))(after as ActivityRecord);
  });
}

export async function updateActivity(
  services: Services,
  actor: Actor,
  id: string,
  input: ActivityInput & { version: number },
) {
  return write(services, actor, async (w) => {
    const [before] = await activityRecords(w.trx, { ids: [id] });
    if (!before) throw notFound('Aktiviteten');
    const tree = await currentTree(services, w.trx);
    authorize(actor, 'activity.write', { unitId: before.ownerUnitId }, tree);
    authorize(actor, 'activity.write', { unitId: input.ownerUnitId }, tree);
    await check(w.trx, input);
    await bumpVersion(
      w.trx,
      'activities',
      id,
      input.version,
      async () => (await activityRecords(w.trx, { ids: [id] }))[0] ?? null,
    );
    await w.trx.updateTable('activities').set(columns(input)).where('id', '=', id).execute();
    await writeGoals(w.trx, id, input.goalIds);
    const [after] = await activityRecords(w.trx, { ids: [id] });
    await w.record({
      kind: 'activity.updated',
      entity: 'activity',
      entityId: id,
      unitId: input.ownerUnitId,
      before,
      after,
    });
    return answer(actor, await currentTree(services, w.trx))(after as ActivityRecord);
  });
}

/** The month's report on an activity: status, progress and a comment; also becomes its current state. */
export async function reportActivity(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; period: string; status: ActivityStatus; progress: number; comment: string },
) {
  const period = formatPeriod(parseMonth(input.period, 'period'));
  return write(services, actor, async (w) => {
    const [before] = await activityRecords(w.trx, { ids: [id] });
    if (!before) throw notFound('Aktiviteten');
    authorize(actor, 'value.write', { unitId: before.ownerUnitId }, await currentTree(services, w.trx));
    await bumpVersion(
      w.trx,
      'activities',
      id,
      input.version,
      async () => (await activityRecords(w.trx, { ids: [id] }))[0] ?? null,
    );
    const enteredByName = actorName(w.actor);
    await w.trx.deleteFrom('activity_updates').where('activity_id', '=', id).where('period', '=', period).execute();
    await w.trx
      .insertInto('activity_updates')
      .values({
        activity_id: id,
        period,
        status: input.status,
        progress: input.progress,
        comment: input.comment,
        entered_by_name: enteredByName,
        entered_at: w.now,
      })
      .execute();
    // The newest month's report is the activity's current state.
    const newest = await w.trx
      .selectFrom('activity_updates')
      .select(['period'])
      .where('activity_id', '=', id)
      .orderBy('period', 'desc')
      .executeTakeFirst();
    if (newest?.period === period)
      await w.trx
        .updateTable('activities')
        .set({ status: input.status, progress: input.progress })
        .where('id', '=', id)
        .execute();
    const [after] = await activityRecords(w.trx, { ids: [id] });
    await w.record({
      kind: 'activity.reported',
      entity: 'activity',
      entityId: id,
      unitId: before.ownerUnitId,
      before,
      after,
    });
    return answer(actor, await currentTree(services, w.trx))(after as ActivityRecord);
  });
}
