import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { IsoDate } from '../../domain/dates';
import { DomainError, notFound } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import type { AssignmentStatus } from '../../domain/steering';
import { bodyNamesByIds } from '../bodies/reads';
import { scopeOfBody } from '../bodies/scope';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { authorizeReadSomewhere, readableInherited } from '../core/read-scope';
import { mustExist } from '../core/refs';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { currentTree, today } from '../org/service';
import { linkDecision } from './decisions';
import type { AssignmentSchema } from './schemas';

/** An uppdrag from a body to a unit or an official, with its report-back. */
export type AssignmentRecord = Omit<z.infer<typeof AssignmentSchema>, 'can'>;

const DONE: AssignmentStatus[] = ['reported', 'closed'];

export const isOverdue = (
  a: { reportBackOn: IsoDate | null; dueOn: IsoDate; status: AssignmentStatus },
  day: IsoDate,
) => !DONE.includes(a.status) && (a.reportBackOn ?? a.dueOn) < day;

async function assignmentRecords(db: Executor, day: IsoDate, ids?: readonly string[]) {
  let q = db.selectFrom('assignments as a').selectAll('a');
  if (ids) q = q.where('a.id', 'in', [...ids]);
  const rows = await q.orderBy('a.due_on').execute();
  const bodyNames = await bodyNamesByIds(
    db,
    rows.map((r) => r.body_id),
  );
  return rows.map((r) => {
    const record = {
      id: r.id,
      version: r.version,
      title: r.title,
      description: r.description,
      bodyId: r.body_id,
      bodyName: bodyNames.get(r.body_id) ?? '',
      decisionId: r.decision_id,
      assigneeUnitId: r.assignee_unit_id,
      assigneeName: r.assignee_name,
      dueOn: r.due_on,
      reportBackOn: r.report_back_on,
      status: r.status as AssignmentStatus,
      reportedOn: r.reported_on,
      overdue: false,
      scopeUnitId: r.scope_unit_id,
    };
    record.overdue = isOverdue(record, day);
    return record;
  });
}

const strip = <T extends { scopeUnitId: string | null }>({ scopeUnitId: _, ...rest }: T) => rest;

/**
 * An assignment as answered to `actor`: changed by who writes for the body's scope; reported
 * back (status and date only) by who writes for the assignee unit, as updateAssignment checks.
 */
const answer =
  (actor: Actor, tree: OrgIndex) =>
  <T extends { scopeUnitId: string | null; assigneeUnitId: string | null }>(a: T) => {
    const canOn = abilities(actor, tree);
    const { edit } = canOn(a.scopeUnitId, { edit: 'assignment.write' });
    const report = a.assigneeUnitId === null ? edit : canOn(a.assigneeUnitId, { r: 'assignment.write' }).r;
    return { ...strip(a), can: { edit, report } };
  };

export async function listAssignments(
  services: Services,
  actor: Actor,
  filter: { overdue?: boolean; unitId?: string },
) {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  const may = readableInherited(actor, tree);
  const within = filter.unitId ? new Set(tree.subtree(filter.unitId)) : null;
  return (await assignmentRecords(services.db, today(services)))
    .filter((a) => may(a.assigneeUnitId) || may(a.scopeUnitId))
    .filter((a) => filter.overdue === undefined || a.overdue === filter.overdue)
    .filter((a) => !within || (a.assigneeUnitId !== null && within.has(a.assigneeUnitId)))
    .map(answer(actor, tree));
}

export interface AssignmentInput {
  title: string;
  description: string;
  bodyId: string;
  decisionId: string | null;
  assigneeUnitId: string | null;
  assigneeName: string | null;
  dueOn: IsoDate;
  reportBackOn: IsoDate | null;
  status: AssignmentStatus;
  reportedOn: IsoDate | null;
}

async function check(db: Executor, input: AssignmentInput) {
  await mustExist(db, 'bodies', [input.bodyId], 'bodyId');
  if (input.decisionId) await mustExist(db, 'decisions', [input.decisionId], 'decisionId');
  if (input.assigneeUnitId) await mustExist(db, 'org_units', [input.assigneeUnitId], 'assigneeUnitId');
  if (!input.assigneeUnitId && !input.assigneeName)
    throw new DomainError('unprocessable', 'Ett uppdrag ges till en enhet eller en tjänsteperson.', {
      fields: [{ field: 'assigneeUnitId', message: 'ange en enhet eller en tjänsteperson som får uppdraget' }],
    });
  if (input.status === 'reported' && !input.reportedOn)
    throw new DomainError('unprocessable', 'Ange när uppdraget återrapporterades.', {
      fields: [{ field: 'reportedOn', message: 'krävs när status är reported' }],
    });
}

export async function createAssignment(services: Services, actor: Actor, input: AssignmentInput, id = randomUUID()) {
  return write(services, actor, (w) => createAssignmentIn(services, w, input, id));
}

/** Creates an uppdrag inside a write already open (a meeting recording its decision). */
export async function createAssignmentIn(services: Services, w: WriteTx, input: AssignmentInput, id = randomUUID()) {
  const actor = w.actor;
  await check(w.trx, input);
  const tree = await currentTree(services, w.trx);
  const scope = await scopeOfBody(w.trx, input.bodyId, tree);
  authorize(actor, 'assignment.write', { unitId: scope }, tree);
  await w.trx
    .insertInto('assignments')
    .values({
      id,
      title: input.title,
      description: input.description,
      body_id: input.bodyId,
      decision_id: input.decisionId,
      assignee_unit_id: input.assigneeUnitId,
      assignee_name: input.assigneeName,
      scope_unit_id: scope,
      due_on: input.dueOn,
      report_back_on: input.reportBackOn,
      status: input.status,
      reported_on: input.reportedOn,
      created_at: w.now,
    })
    .execute();
  if (input.decisionId) await linkDecision(w.trx, input.decisionId, 'assignment', id);
  const [after] = await assignmentRecords(w.trx, today(services), [id]);
  await w.record({
    kind: 'assignment.created',
    entity: 'assignment',
    entityId: id,
    unitId: scope,
    before: null,
    after,
  });
  return answer(actor, await currentTree(services, w.trx))(after as NonNullable<typeof after>);
}

/**
 * Changes an assignment. The body's side (its scope) may change anything; the assignee may
 * report on it (status and report date).
 */
export async function updateAssignment(
  services: Services,
  actor: Actor,
  id: string,
  input: AssignmentInput & { version: number },
) {
  return write(services, actor, async (w) => {
    const [before] = await assignmentRecords(w.trx, today(services), [id]);
    if (!before) throw notFound('Uppdraget');
    const tree = await currentTree(services, w.trx);
    const onlyReporting =
      before.title === input.title &&
      before.description === input.description &&
      before.bodyId === input.bodyId &&
      before.assigneeUnitId === input.assigneeUnitId &&
      before.assigneeName === input.assigneeName &&
      before.decisionId === input.decisionId &&
      before.dueOn === input.dueOn &&
      before.reportBackOn === input.reportBackOn;
    authorize(
      actor,
      'assignment.write',
      { unitId: onlyReporting && before.assigneeUnitId ? before.assigneeUnitId : before.scopeUnitId },
      tree,
    );
    await check(w.trx, input);
    await bumpVersion(
      w.trx,
      'assignments',
      id,
      input.version,
      async () => (await assignmentRecords(w.trx, today(services), [id]))[0] ?? null,
    );
    const scope = await scopeOfBody(w.trx, input.bodyId, tree);
    await w.trx
      .updateTable('assignments')
      .set({
        title: input.title,
        description: input.description,
        body_id: input.bodyId,
        decision_id: input.decisionId,
        assignee_unit_id: input.assigneeUnitId,
        assignee_name: input.assigneeName,
        scope_unit_id: scope,
        due_on: input.dueOn,
        report_back_on: input.reportBackOn,
        status: input.status,
        reported_on: input.reportedOn,
      })
      .where('id', '=', id)
      .execute();
    const [after] = await assignmentRecords(w.trx, today(services), [id]);
    await w.record({ kind: 'assignment.updated', entity: 'assignment', entityId: id, unitId: scope, before, after });
    return answer(actor, await currentTree(services, w.trx))(after as NonNullable<typeof after>);
  });
}

/** An open uppdrag of a body, as its next meetings show it. */
export interface BodyAssignment {
  id: string;
  bodyId: string;
  title: string;
  assigneeUnitId: string | null;
  assigneeName: string | null;
  reportBackOn: IsoDate;
  status: AssignmentStatus;
  /** When the body gave the uppdrag: its decision's day, or the day it was registered. */
  givenOn: IsoDate;
  decisionParagraph: string | null;
}

/** The uppdrag of these bodies that are not closed, for their meetings' agendas. */
export async function openAssignmentsOfBodies(db: Executor, bodyIds: readonly string[]): Promise<BodyAssignment[]> {
  if (bodyIds.length === 0) return [];
  const rows = await db
    .selectFrom('assignments as a')
    .leftJoin('decisions as d', 'd.id', 'a.decision_id')
    .select([
      'a.id',
      'a.body_id',
      'a.title',
      'a.assignee_unit_id',
      'a.assignee_name',
      'a.due_on',
      'a.report_back_on',
      'a.status',
      'a.created_at',
      'd.decided_on',
      'd.paragraph',
    ])
    .where('a.body_id', 'in', [...bodyIds])
    .where('a.status', '!=', 'closed')
    .orderBy('a.due_on')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    bodyId: r.body_id,
    title: r.title,
    assigneeUnitId: r.assignee_unit_id,
    assigneeName: r.assignee_name,
    reportBackOn: r.report_back_on ?? r.due_on,
    status: r.status as AssignmentStatus,
    givenOn: r.decided_on ?? new Date(r.created_at).toISOString().slice(0, 10),
    decisionParagraph: r.paragraph,
  }));
}
