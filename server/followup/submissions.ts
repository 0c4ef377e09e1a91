import { actorName, shownActorName } from '../../domain/actors';
import { swedishDate } from '../../domain/dates';
import { DomainError, forbidden, staleVersion } from '../../domain/errors';
import { daysLate, deadlineFor } from '../../domain/followup/cycle';
import {
  isHandedIn,
  mayTake,
  nextStatus,
  SUBMISSION_STATUS_LABELS,
  SUBMISSION_STATUSES,
  type SubmissionAction,
  type SubmissionStatus,
  submissionHistoryKind,
  trailActionOf,
} from '../../domain/followup/submissions';
import { parseMonth } from '../../domain/indicators/months';
import { OrgIndex, type UnitLevel } from '../../domain/org';
import { formatPeriod } from '../../domain/periods';
import { can } from '../../domain/permissions';
import { submissionAbilities } from '../core/abilities';
import { type Actor, actorId, type Executor, type Services } from '../core/context';
import { idempotent } from '../core/idempotency';
import { authorizeReadSomewhere, readable } from '../core/read-scope';
import { authorize, type WriteTx } from '../core/write';
import { unitsWithMeasureReports, unreportedMeasures } from '../economy/reports';
import { historyEntriesOf } from '../history/service';
import { unitsOn } from '../org/queries';
import { today } from '../org/service';
import { plansCoveringYear } from '../steering/coverage';
import { unitsWithSteeringEntries } from '../steering/entries';
import { displayNamesOf } from '../users/names';
import { occasionOf } from './cycle';

interface Ctx {
  tree: OrgIndex;
  names: ReadonlyMap<string, string>;
  levels: ReadonlyMap<string, UnitLevel>;
  parents: Map<string, string | null>;
}

async function orgContext(services: Services, db: Executor): Promise<Ctx> {
  const units = await unitsOn(db, today(services));
  return {
    tree: new OrgIndex(units),
    names: new Map(units.map((u) => [u.id, u.name])),
    levels: new Map(units.map((u) => [u.id, u.level])),
    parents: new Map(units.map((u) => [u.id, u.parentId])),
  };
}

const month = (period: string) => formatPeriod(parseMonth(period, 'period'));

/** Units that have entered something for the month: values, measure reports or goal analyses. */
async function unitsWithEntries(db: Executor, period: string, unitIds?: readonly string[]): Promise<Set<string>> {
  const [steering, measures] = await Promise.all([
    unitsWithSteeringEntries(db, period, unitIds),
    unitsWithMeasureReports(db, period, unitIds),
  ]);
  return new Set([...steering, ...measures]);
}

export interface StatusRow {
  unitId: string;
  name: string;
  level: UnitLevel;
  parentId: string | null;
  status: SubmissionStatus;
  statusLabel: string;
  deadline: string | null;
  late: boolean;
  daysLate: number;
  submittedAt: string | null;
  submittedByName: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  returnComment: string | null;
  version: number;
  /** What the caller may do with the report now (server/core/abilities.ts). */
  can: { edit: boolean; submit: boolean; decide: boolean };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

async function statusRows(services: Services, db: Executor, actor: Actor, ctx: Ctx, period: string, unitIds: string[]) {
  const occasion = await occasionOf(db, period);
  const rows =
    unitIds.length === 0
      ? []
      : await db
          .selectFrom('followup_submissions')
          .selectAll()
          .where('period', '=', period)
          .where('unit_id', 'in', unitIds)
          .execute();
  const byUnit = new Map(rows.map((r) => [r.unit_id, r]));
  const entered = await unitsWithEntries(
    db,
    period,
    unitIds.filter((id) => !byUnit.has(id)),
  );
  const day = swedishDate(services.clock.now());
  const out: StatusRow[] = unitIds.map((unitId) => {
    const row = byUnit.get(unitId);
    const status: SubmissionStatus = row
      ? (row.status as SubmissionStatus)
      : entered.has(unitId)
        ? 'in_progress'
        : 'not_started';
    const level = ctx.levels.get(unitId) as UnitLevel;
    const deadline = occasion ? deadlineFor(occasion.deadlines, level) : null;
    const lateBy = daysLate(deadline, day, isHandedIn(status));
    return {
      unitId,
      name: ctx.names.get(unitId) ?? '',
      level,
      parentId: ctx.parents.get(unitId) ?? null,
      status,
      statusLabel: SUBMISSION_STATUS_LABELS[status],
      deadline,
      late: lateBy > 0,
      daysLate: lateBy,
      submittedAt: iso(row?.submitted_at ?? null),
      submittedByName: row?.submitted_by_name ?? null,
      decidedAt: iso(row?.decided_at ?? null),
      decidedByName: row?.decided_by_name ?? null,
      returnComment: row?.return_comment ?? null,
      version: row?.version ?? 0,
      can: submissionAbilities(actor, ctx.tree, unitId, { status, submittedBy: row?.submitted_by ?? null }),
    };
  });
  return { occasion, rows: out };
}

/** Where every unit the actor reads stands for a month, top down, with deadlines and lateness. */
export async function followupStatus(services: Services, actor: Actor, periodText: string, unitId?: string) {
  const period = month(periodText);
  const ctx = await orgContext(services, services.db);
  authorizeReadSomewhere(actor, ctx.tree);
  const may = readable(actor, ctx.tree);
  if (unitId !== undefined && !ctx.tree.has(unitId))
    throw new DomainError('bad_request', 'Enheten finns inte.', { fields: [{ field: 'unit', message: 'finns inte' }] });
  const scope = unitId !== undefined ? ctx.tree.subtree(unitId) : ctx.tree.roots().flatMap((r) => ctx.tree.subtree(r));
  const unitIds = scope.filter((id) => may(id));
  const { occasion, rows } = await statusRows(services, services.db, actor, ctx, period, unitIds);
  const counts = Object.fromEntries(SUBMISSION_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
  return {
    period,
    occasion: occasion ? { id: occasion.id, kind: occasion.kind, title: occasion.title } : null,
    counts: { ...counts, late: rows.filter((r) => r.late).length },
    units: rows,
  };
}

const entityId = (unitId: string, period: string) => `${unitId}:${period}`;

/** Leaf measures owned in the unit's subtree, still running, without a report for the month. */
async function missingMeasureReports(db: Executor, ctx: Ctx, unitId: string, period: string) {
  // Only the action plans whose version in force runs in the month's year ask for a report.
  const plans = await plansCoveringYear(db, Number(period.slice(0, 4)), { kind: 'handlingsplan' });
  const missing = await unreportedMeasures(db, ctx.tree.subtree(unitId), plans, period);
  return missing.map((m) => ({
    id: m.id,
    title: m.title,
    unitId: m.ownerUnitId,
    unitName: ctx.names.get(m.ownerUnitId) ?? '',
  }));
}

async function detailIn(services: Services, db: Executor, actor: Actor, ctx: Ctx, unitId: string, period: string) {
  const { occasion, rows } = await statusRows(services, db, actor, ctx, period, [unitId]);
  const children = await statusRows(services, db, actor, ctx, period, ctx.tree.children(unitId));
  const row = await db
    .selectFrom('followup_submissions')
    .select('analysis')
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .executeTakeFirst();
  const trail = await historyEntriesOf(db, 'submission', entityId(unitId, period));
  const names = await displayNamesOf(
    db,
    trail.map((t) => t.actorId),
  );
  return {
    ...(rows[0] as StatusRow),
    period,
    occasion: occasion ? { id: occasion.id, kind: occasion.kind, title: occasion.title } : null,
    analysis: row?.analysis ?? '',
    missingMeasureReports: await missingMeasureReports(db, ctx, unitId, period),
    children: children.rows.map((c) => ({
      unitId: c.unitId,
      name: c.name,
      status: c.status,
      statusLabel: c.statusLabel,
      late: c.late,
    })),
    trail: trail.flatMap((t) => {
      const action = trailActionOf(t.kind);
      if (action === null) return [];
      const actorName = (t.actorId !== null ? names.get(t.actorId) : undefined) ?? shownActorName(t.actorName);
      return [{ at: t.at, actorName, action, comment: commentOf(t.after) }];
    }),
  };
}

/** The comment a submission step was recorded with, or none. */
const commentOf = (after: unknown): string =>
  after !== null && typeof after === 'object' && 'comment' in after && typeof after.comment === 'string'
    ? after.comment
    : '';

export type SubmissionDetail = Awaited<ReturnType<typeof detailIn>>;

function checkUnit(ctx: Ctx, unitId: string) {
  if (!ctx.tree.has(unitId)) throw new DomainError('not_found', 'Enheten finns inte.');
}

export async function getSubmission(services: Services, actor: Actor, unitId: string, periodText: string) {
  const period = month(periodText);
  const ctx = await orgContext(services, services.db);
  checkUnit(ctx, unitId);
  authorize(actor, 'data.read', { unitId }, ctx.tree);
  return detailIn(services, services.db, actor, ctx, unitId, period);
}

const REFUSED: Record<SubmissionAction, string> = {
  save: 'Rapporten är inlämnad och kan inte ändras nu.',
  submit: 'Rapporten är redan inlämnad.',
  return: 'Bara en inlämnad rapport kan återsändas.',
  approve: 'Bara en inlämnad rapport kan godkännas.',
};

export interface TransitionInput {
  version: number;
  analysis?: string;
  comment?: string;
}

async function transitionIn(
  services: Services,
  w: WriteTx,
  action: SubmissionAction,
  unitId: string,
  period: string,
  input: TransitionInput,
) {
  const ctx = await orgContext(services, w.trx);
  checkUnit(ctx, unitId);
  if (action === 'save' || action === 'submit') authorize(w.actor, 'submission.submit', { unitId }, ctx.tree);
  else if (w.actor.kind !== 'system' && !can(w.actor.principal, 'submission.decide', { unitId }, ctx.tree))
    throw forbidden('Bara nivån ovanför enheten kan godkänna eller återsända dess rapport.');
  const row = await w.trx
    .selectFrom('followup_submissions')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('period', '=', period)
    .forUpdate()
    .executeTakeFirst();
  const version = row?.version ?? 0;
  if (version !== input.version) throw staleVersion(await detailIn(services, w.trx, w.actor, ctx, unitId, period));
  const from: SubmissionStatus = row ? (row.status as SubmissionStatus) : 'not_started';
  if (!mayTake(action, from)) throw new DomainError('conflict', REFUSED[action]);
  const analysis = (input.analysis ?? row?.analysis ?? '').trim();
  const comment = (input.comment ?? '').trim();
  const fields: { field: string; message: string }[] = [];
  if (action === 'return' && comment === '')
    fields.push({ field: 'comment', message: 'Skriv varför rapporten återsänds.' });
  if (action === 'submit') {
    if (analysis === '')
      fields.push({ field: 'analysis', message: 'Skriv enhetens samlade analys innan du lämnar in.' });
    for (const m of await missingMeasureReports(w.trx, ctx, unitId, period))
      fields.push({ field: `measures.${m.id}`, message: `${m.title} (${m.unitName}) saknar prognos för ${period}.` });
  }
  if (
    (action === 'approve' || action === 'return') &&
    row?.submitted_by != null &&
    row.submitted_by === actorId(w.actor)
  )
    throw forbidden('Den som lämnat in rapporten kan inte själv godkänna eller återsända den.');
  if (fields.length > 0)
    throw new DomainError(
      'unprocessable',
      action === 'submit' ? 'Rapporten är inte klar att lämna in. Inget har ändrats.' : 'Uppgifter saknas.',
      { fields },
    );
  const to = nextStatus(action, from);
  const who = actorName(w.actor);
  const values = {
    status: to,
    analysis,
    updated_at: w.now,
    ...(action === 'submit'
      ? {
          submitted_at: w.now,
          submitted_by: actorId(w.actor),
          submitted_by_name: who,
          decided_at: null,
          decided_by_name: null,
        }
      : {}),
    ...(action === 'return' ? { decided_at: w.now, decided_by_name: who, return_comment: comment } : {}),
    ...(action === 'approve' ? { decided_at: w.now, decided_by_name: who, return_comment: null } : {}),
  };
  if (row)
    await w.trx
      .updateTable('followup_submissions')
      .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
      .where('unit_id', '=', unitId)
      .where('period', '=', period)
      .execute();
  else {
    // The row lock above guards nothing while the month has no row yet: the primary key
    // decides which of several first writers wins, and the others meet a stale version.
    const inserted = await w.trx
      .insertInto('followup_submissions')
      .values({ unit_id: unitId, period, ...values })
      .onConflict((oc) => oc.columns(['unit_id', 'period']).doNothing())
      .returning('version')
      .executeTakeFirst();
    if (!inserted) throw staleVersion(await detailIn(services, w.trx, w.actor, ctx, unitId, period));
  }
  await w.record({
    kind: submissionHistoryKind(action),
    entity: 'submission',
    entityId: entityId(unitId, period),
    unitId,
    // What was written, not only where the report went: the analysis before and after, and
    // the comment that came with the step.
    before: { status: from, analysis: row?.analysis ?? '' },
    after: { status: to, analysis, comment: comment === '' ? null : comment },
  });
  return detailIn(services, w.trx, w.actor, ctx, unitId, period);
}

/** Save, submit, return or approve a unit's report for a month; retried with a key, done once. */
export async function transition(
  services: Services,
  actor: Actor,
  action: SubmissionAction,
  unitId: string,
  periodText: string,
  input: TransitionInput,
  idempotencyKey?: string,
) {
  const period = month(periodText);
  return idempotent(services, actor, idempotencyKey, `submission.${action}:${unitId}:${period}`, (w) =>
    transitionIn(services, w, action, unitId, period, input),
  );
}

export { transitionIn as submissionTransitionIn };
