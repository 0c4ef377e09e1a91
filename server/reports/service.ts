import { randomUUID } from 'node:crypto';
import { actorName } from '../../domain/actors';
import { compareSwedish } from '../../domain/collation';
import { DomainError, notFound } from '../../domain/errors';
import { followUpStatus } from '../../domain/followup/uppdrag';
import { parseMonth } from '../../domain/indicators/months';
import { OrgIndex } from '../../domain/org';
import { formatPeriod } from '../../domain/periods';
import {
  isInternalControlReport,
  type ReportContent,
  type ReportKind,
  type Sbar,
  withFiguresAsText,
} from '../../domain/reports/content';
import { INTERIM_RULE, interimCoversLawfulPart } from '../../domain/reports/interim';
import { NOTED_FLAG_AT, notedInARow, type Outcome } from '../../domain/reports/series';
import { bodyNamesByIds } from '../bodies/reads';
import { scopeOfBody } from '../bodies/scope';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { idempotent } from '../core/idempotency';
import { authorizeReadSomewhere, readable, readableInherited } from '../core/read-scope';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { unitsOn } from '../org/queries';
import { currentTree, today } from '../org/service';
import { createAssignmentIn, openAssignmentsOfBodies } from '../steering/assignments';
import { createDecisionIn } from '../steering/decisions';
import { decisionsById, planKindOf } from '../steering/reads';
import { buildContent, contentHash, type ReportHead } from './build';
import { bodyOfUnit } from './internal-control';

type ReportRow = Awaited<ReturnType<typeof reportRow>>;

async function reportRow(db: Executor, id: string) {
  const row = await db.selectFrom('board_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Rapporten');
  return row;
}

const sbarOf = (r: NonNullable<ReportRow>): Sbar => ({
  situation: r.situation,
  background: r.background,
  assessment: r.assessment,
  recommendation: r.recommendation,
});

/** The agenda item a report was placed on, with its meeting, body and recorded decision. */
async function placements(db: Executor, reportIds: readonly string[]) {
  if (reportIds.length === 0) return new Map<string, Placement>();
  const rows = await db
    .selectFrom('agenda_items as i')
    .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
    .select([
      'i.report_id',
      'i.id as item_id',
      'i.paragraph',
      'i.decision_id',
      'm.id as meeting_id',
      'm.meets_on',
      'm.body_id',
    ])
    .where('i.report_id', 'in', reportIds)
    .execute();
  const [bodyNames, decisions] = await Promise.all([
    bodyNamesByIds(
      db,
      rows.map((r) => r.body_id),
    ),
    decisionsById(
      db,
      rows.map((r) => r.decision_id),
    ),
  ]);
  return new Map(
    rows.flatMap((r) => {
      const bodyName = bodyNames.get(r.body_id);
      if (bodyName === undefined) return [];
      const d = r.decision_id === null ? undefined : decisions.get(r.decision_id);
      const placement: Placement = {
        itemId: r.item_id,
        meetingId: r.meeting_id,
        bodyId: r.body_id,
        bodyName,
        meetsOn: r.meets_on,
        paragraph: r.paragraph,
        outcome: (d?.kind as Outcome | undefined) ?? null,
        decision: d ? { id: d.id, title: d.title, text: d.text, scopeUnitId: d.scopeUnitId } : null,
      };
      return [[r.report_id as string, placement] as const];
    }),
  );
}

interface Placement {
  itemId: string;
  meetingId: string;
  bodyId: string;
  bodyName: string;
  meetsOn: string;
  paragraph: string;
  outcome: Outcome | null;
  decision: { id: string; title: string; text: string; scopeUnitId: string | null } | null;
}

async function treeAndNames(services: Services, db: Executor) {
  const units = await unitsOn(db, today(services));
  return { tree: new OrgIndex(units), names: new Map(units.map((u) => [u.id, u.name])) };
}

/** Every report the actor may read, newest month first, with the series each belongs to. */
export async function listReports(services: Services, actor: Actor) {
  const { tree, names } = await treeAndNames(services, services.db);
  authorizeReadSomewhere(actor, tree);
  const may = readable(actor, tree);
  const rows = (await services.db.selectFrom('board_reports').selectAll().execute()).filter((r) => may(r.unit_id));
  const placed = await placements(
    services.db,
    rows.map((r) => r.id),
  );
  const reports = rows
    .map((r) => {
      const p = placed.get(r.id);
      return {
        id: r.id,
        title: r.title,
        kind: r.kind as ReportKind,
        unitId: r.unit_id,
        unitName: names.get(r.unit_id) ?? '',
        period: r.period,
        status: r.sent_at === null ? ('draft' as const) : ('sent' as const),
        sentAt: r.sent_at === null ? null : new Date(r.sent_at).toISOString(),
        contentHash: r.content_hash,
        meeting: p ? { id: p.meetingId, bodyName: p.bodyName, meetsOn: p.meetsOn, paragraph: p.paragraph } : null,
        outcome: p?.outcome ?? null,
      };
    })
    .sort(
      (a, b) =>
        (b.meeting?.meetsOn ?? b.period).localeCompare(a.meeting?.meetsOn ?? a.period) ||
        compareSwedish(a.title, b.title),
    );
  // A series: what one body was told about one unit, meeting after meeting.
  const series = new Map<string, { bodyName: string; unitName: string; items: typeof reports }>();
  for (const r of reports) {
    if (!r.meeting) continue;
    const p = placed.get(r.id) as Placement;
    const key = `${p.bodyId}:${r.unitId}`;
    const s = series.get(key) ?? { bodyName: p.bodyName, unitName: r.unitName, items: [] };
    s.items.push(r);
    series.set(key, s);
  }
  return {
    reports,
    series: [...series.values()]
      .map((s) => {
        const ordered = [...s.items].sort((a, b) => (a.meeting?.meetsOn ?? '').localeCompare(b.meeting?.meetsOn ?? ''));
        const run = notedInARow(ordered.map((r) => r.outcome));
        return {
          bodyName: s.bodyName,
          unitName: s.unitName,
          reports: ordered.map((r) => ({ id: r.id, title: r.title, meetsOn: r.meeting?.meetsOn, outcome: r.outcome })),
          notedInARow: run,
          flagged: run >= NOTED_FLAG_AT,
        };
      })
      .sort((a, b) => b.notedInARow - a.notedInARow || compareSwedish(a.bodyName, b.bodyName)),
  };
}

function headOf(r: NonNullable<ReportRow>): ReportHead {
  return {
    title: r.title,
    kind: r.kind as ReportKind,
    unitId: r.unit_id,
    period: r.period,
    planId: r.plan_id,
    sbar: sbarOf(r),
    proposedDecision: r.proposed_decision,
    meeting: null,
  };
}

const parseContent = (value: unknown): ReportContent =>
  (typeof value === 'string' ? JSON.parse(value) : value) as ReportContent;

/** A report's content: frozen once sent, otherwise built from the data as it is now. */
export async function reportContent(
  services: Services,
  actor: Actor,
  id: string,
  onProgress?: (fraction: number, step: string) => void,
): Promise<ReportContent> {
  const r = await reportRow(services.db, id);
  const tree = await currentTree(services);
  authorize(actor, 'data.read', { unitId: r.unit_id }, tree);
  if (r.content !== null) {
    onProgress?.(1, 'Klar');
    return parseContent(r.content);
  }
  return buildContent(services, actor, headOf(r), onProgress);
}

export async function getReport(services: Services, actor: Actor, id: string) {
  const r = await reportRow(services.db, id);
  const { tree, names } = await treeAndNames(services, services.db);
  authorize(actor, 'data.read', { unitId: r.unit_id }, tree);
  // Content frozen by older versions may hold figures as JSON numbers; the answer gives them as
  // text, as the contract (and every renderer) reads them.
  const content =
    r.content !== null ? withFiguresAsText(parseContent(r.content)) : await buildContent(services, actor, headOf(r));
  const p = (await placements(services.db, [id])).get(id);
  return {
    id: r.id,
    version: r.version,
    title: r.title,
    kind: r.kind,
    unitId: r.unit_id,
    unitName: names.get(r.unit_id) ?? '',
    period: r.period,
    planId: r.plan_id,
    status: r.sent_at === null ? 'draft' : 'sent',
    sentAt: r.sent_at === null ? null : new Date(r.sent_at).toISOString(),
    sentByName: r.sent_by_name,
    contentHash: r.content_hash,
    sbar: sbarOf(r),
    proposedDecision: r.proposed_decision,
    content,
    meeting: p ? { id: p.meetingId, bodyName: p.bodyName, meetsOn: p.meetsOn, paragraph: p.paragraph } : null,
    // The body's decision shows as the decisions register would show it to this actor.
    followedBy:
      p?.decision && readableInherited(actor, tree)(p.decision.scopeUnitId)
        ? [
            {
              meetingId: p.meetingId,
              bodyName: p.bodyName,
              meetsOn: p.meetsOn,
              paragraph: p.paragraph,
              outcome: p.outcome,
              decisionId: p.decision.id,
              decisionTitle: p.decision.title,
              decisionText: p.decision.text,
            },
          ]
        : [],
    can: reportAbilities(actor, tree, r),
  };
}

/**
 * What the caller may do with a board report: the permission for its unit combined with its
 * state. A sent report is frozen (immutable): nobody edits or sends it again. Exporting reads it,
 * so whoever reads the report may export it, draft or sent.
 */
function reportAbilities(actor: Actor, tree: OrgIndex, r: { unit_id: string; sent_at: unknown }) {
  const may = abilities(actor, tree)(r.unit_id, { write: 'report.write', read: 'data.read' });
  const draft = r.sent_at === null;
  return { edit: draft && may.write, send: draft && may.write, export: may.read };
}

export interface NewReport {
  kind: ReportKind;
  title: string;
  unitId: string;
  period: string;
  planId: string | null;
  sbar?: Partial<Sbar>;
  proposedDecision?: string;
}

export async function createReportIn(services: Services, w: WriteTx, input: NewReport, id = randomUUID()) {
  const period = formatPeriod(parseMonth(input.period, 'period'));
  if (input.kind === 'interim' && !interimCoversLawfulPart(period))
    throw new DomainError('unprocessable', INTERIM_RULE, { fields: [{ field: 'period', message: INTERIM_RULE }] });
  const tree = await currentTree(services, w.trx);
  if (!tree.has(input.unitId))
    throw new DomainError('unprocessable', 'Enheten finns inte.', {
      fields: [{ field: 'unitId', message: 'finns inte' }],
    });
  authorize(w.actor, 'report.write', { unitId: input.unitId }, tree);
  if (isInternalControlReport(input.kind)) await mustSuitInternalControl({ ...services, db: w.trx }, input);
  if (input.planId !== null) {
    if ((await planKindOf(w.trx, input.planId)) !== 'handlingsplan')
      throw new DomainError('unprocessable', 'Handlingsplanen finns inte.', {
        fields: [{ field: 'planId', message: 'ska vara en handlingsplan' }],
      });
  }
  const who = actorName(w.actor);
  await w.trx
    .insertInto('board_reports')
    .values({
      id,
      kind: input.kind,
      title: input.title,
      unit_id: input.unitId,
      period,
      plan_id: input.planId,
      situation: input.sbar?.situation ?? '',
      background: input.sbar?.background ?? '',
      assessment: input.sbar?.assessment ?? '',
      recommendation: input.sbar?.recommendation ?? '',
      proposed_decision: input.proposedDecision ?? '',
      created_at: w.now,
      created_by_name: who,
      updated_at: w.now,
    })
    .execute();
  await w.record({
    kind: 'report.created',
    entity: 'report',
    entityId: id,
    unitId: input.unitId,
    before: null,
    after: input,
  });
  return { id };
}

/**
 * An internkontrollrapport is a body's: its unit must belong to a nämnd or the styrelse, and it
 * carries no action plan (issue 14).
 */
async function mustSuitInternalControl(services: Services, input: NewReport) {
  const fields: { field: string; message: string }[] = [];
  if (input.planId !== null)
    fields.push({ field: 'planId', message: 'En internkontrollrapport har ingen handlingsplan.' });
  if ((await bodyOfUnit(services, input.unitId)) === null)
    fields.push({ field: 'unitId', message: 'Enheten hör inte till någon nämnd eller styrelse.' });
  if (fields.length > 0)
    throw new DomainError('unprocessable', 'Internkontrollrapporten kan inte skapas för det valda.', { fields });
}

export async function createReport(services: Services, actor: Actor, input: NewReport) {
  return write(services, actor, (w) => createReportIn(services, w, input));
}

const frozen = () => new DomainError('conflict', 'Rapporten är skickad och låst: den kan inte ändras.');

export async function updateReport(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; title: string; sbar: Sbar; proposedDecision: string },
) {
  return write(services, actor, async (w) => {
    const before = await reportRow(w.trx, id);
    authorize(actor, 'report.write', { unitId: before.unit_id }, await currentTree(services, w.trx));
    if (before.sent_at !== null) throw frozen();
    await bumpVersion(w.trx, 'board_reports', id, input.version, () => reportRow(w.trx, id));
    await w.trx
      .updateTable('board_reports')
      .set({ title: input.title, ...input.sbar, proposed_decision: input.proposedDecision, updated_at: w.now })
      .where('id', '=', id)
      .execute();
    await w.record({
      kind: 'report.updated',
      entity: 'report',
      entityId: id,
      unitId: before.unit_id,
      before: { title: before.title, sbar: sbarOf(before), proposedDecision: before.proposed_decision },
      after: { title: input.title, sbar: input.sbar, proposedDecision: input.proposedDecision },
    });
    return { id, version: before.version + 1 };
  });
}

/** The Swedish calendar day of a send, YYYY-MM-DD (sv-SE writes dates that way). */
const SEND_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/**
 * Sends a report to a meeting: places it on the agenda under `paragraph` and freezes it, its
 * content built now and stored with its hash. A report without a recommendation and a proposed
 * decision is not sent (seeds 002 and 004: boards were only informed).
 */
export async function sendReportIn(
  services: Services,
  w: WriteTx,
  id: string,
  input: { version: number; meetingId: string; paragraph: string },
) {
  const before = await reportRow(w.trx, id);
  authorize(w.actor, 'report.write', { unitId: before.unit_id }, await currentTree(services, w.trx));
  if (before.sent_at !== null) throw frozen();
  await bumpVersion(w.trx, 'board_reports', id, input.version, () => reportRow(w.trx, id));
  const fields: { field: string; message: string }[] = [];
  if (before.recommendation.trim() === '')
    fields.push({ field: 'recommendation', message: 'Skriv en rekommendation innan rapporten skickas.' });
  if (before.proposed_decision.trim() === '')
    fields.push({ field: 'proposedDecision', message: 'Skriv ett förslag till beslut innan rapporten skickas.' });
  const meetingRow = await w.trx
    .selectFrom('meetings')
    .select(['meetings.id', 'meetings.meets_on', 'meetings.body_id'])
    .where('meetings.id', '=', input.meetingId)
    .executeTakeFirst();
  const meetingBody = meetingRow
    ? (await bodyNamesByIds(w.trx, [meetingRow.body_id])).get(meetingRow.body_id)
    : undefined;
  const meeting = meetingRow && meetingBody !== undefined ? { ...meetingRow, body_name: meetingBody } : undefined;
  if (!meeting) fields.push({ field: 'meetingId', message: 'Sammanträdet finns inte.' });
  // Sending puts an item on the body's agenda: only who may add items to that body's meetings may.
  const meetingScope = meeting ? await authorizeBody(services, w, meeting.body_id) : null;
  if (fields.length > 0) throw new DomainError('unprocessable', 'Rapporten kan inte skickas ännu.', { fields });
  const taken = await w.trx
    .selectFrom('agenda_items')
    .select('id')
    .where('meeting_id', '=', input.meetingId)
    .where('paragraph', '=', input.paragraph)
    .executeTakeFirst();
  if (taken)
    throw new DomainError('conflict', `Sammanträdet har redan ett ärende § ${input.paragraph}.`, {
      fields: [{ field: 'paragraph', message: 'används redan' }],
    });
  const m = meeting as NonNullable<typeof meeting>;
  const who = actorName(w.actor);
  const head = {
    ...headOf(before),
    meeting: { bodyName: m.body_name, meetsOn: m.meets_on, paragraph: input.paragraph },
    sent: { on: SEND_DATE.format(w.now), byName: who },
  };
  // Built inside the transaction, so the frozen content is what this very send saw.
  const content = await buildContent({ ...services, db: w.trx }, w.actor, head);
  const hash = contentHash(content);
  const itemId = randomUUID();
  await w.trx
    .insertInto('agenda_items')
    .values({
      id: itemId,
      meeting_id: input.meetingId,
      paragraph: input.paragraph,
      title: before.title,
      report_id: id,
      created_at: w.now,
    })
    .execute();
  await w.trx
    .updateTable('board_reports')
    .set({ sent_at: w.now, sent_by_name: who, content: JSON.stringify(content), content_hash: hash, updated_at: w.now })
    .where('id', '=', id)
    .execute();
  await w.record({
    kind: 'report.sent',
    entity: 'report',
    entityId: id,
    unitId: before.unit_id,
    before: null,
    after: { meetingId: input.meetingId, paragraph: input.paragraph, contentHash: hash },
  });
  // The meeting's own history shows every item on its agenda, sent reports included.
  await w.record({
    kind: 'meeting.item_added',
    entity: 'meeting',
    entityId: input.meetingId,
    unitId: meetingScope,
    before: null,
    after: { id: itemId, paragraph: input.paragraph, title: before.title, reportId: id },
  });
  return { id, sentAt: w.now.toISOString(), contentHash: hash };
}

export async function sendReport(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; meetingId: string; paragraph: string },
  idempotencyKey?: string,
) {
  return idempotent(services, actor, idempotencyKey, `report.send:${id}`, (w) => sendReportIn(services, w, id, input));
}

// ---------------------------------------------------------------------------------------------
// Meetings

/**
 * Meetings are written by whoever writes for the units the body governs. Returns the body's
 * scope unit, under which the meeting's history is recorded so that it can be scoped.
 */
async function authorizeBody(services: Services, w: WriteTx, bodyId: string): Promise<string | null> {
  const tree = await currentTree(services, w.trx);
  if (!(await bodyNamesByIds(w.trx, [bodyId])).has(bodyId))
    throw new DomainError('unprocessable', 'Organet finns inte.', {
      fields: [{ field: 'bodyId', message: 'finns inte' }],
    });
  const scope = await scopeOfBody(w.trx, bodyId, tree);
  authorize(w.actor, 'meeting.write', { unitId: scope }, tree);
  return scope;
}

/** Stands in for an item's title when the title was copied from a report the actor may not read. */
const HIDDEN_REPORT_TITLE = 'Rapport (du saknar behörighet att läsa den)';

/**
 * The meetings of the bodies whose records the actor reads as decisions are read (the body's
 * scope, inherited from above); an item that carries a report shows the report only to who
 * may read the report itself.
 */
export async function listMeetings(services: Services, actor: Actor, bodyId?: string) {
  const { tree, names } = await treeAndNames(services, services.db);
  authorizeReadSomewhere(actor, tree);
  const mayReadBody = readableInherited(actor, tree);
  const mayReadReport = readable(actor, tree);
  let q = services.db
    .selectFrom('meetings')
    .select(['meetings.id', 'meetings.body_id', 'meetings.meets_on', 'meetings.title']);
  if (bodyId) q = q.where('meetings.body_id', '=', bodyId);
  const rows = await q.orderBy('meetings.meets_on', 'desc').execute();
  const bodyNames = await bodyNamesByIds(
    services.db,
    rows.map((m) => m.body_id),
  );
  const all = rows.flatMap((m) => {
    const bodyName = bodyNames.get(m.body_id);
    return bodyName === undefined ? [] : [{ ...m, body_name: bodyName }];
  });
  const scopes = new Map<string, string | null>();
  for (const id of new Set(all.map((m) => m.body_id))) scopes.set(id, await scopeOfBody(services.db, id, tree));
  const meetings = all.filter((m) => mayReadBody(scopes.get(m.body_id) ?? null));
  const itemRows =
    meetings.length === 0
      ? []
      : await services.db
          .selectFrom('agenda_items as i')
          .leftJoin('board_reports as r', 'r.id', 'i.report_id')
          .select([
            'i.id',
            'i.meeting_id',
            'i.paragraph',
            'i.title',
            'i.report_id',
            'i.decision_id',
            'r.title as report_title',
            'r.unit_id as report_unit_id',
          ])
          .where(
            'i.meeting_id',
            'in',
            meetings.map((m) => m.id),
          )
          .execute();
  const itemDecisions = await decisionsById(
    services.db,
    itemRows.map((i) => i.decision_id),
  );
  const items = itemRows.map((i) => {
    const d = i.decision_id === null ? undefined : itemDecisions.get(i.decision_id);
    return { ...i, decision_id: d?.id ?? null, outcome: d?.kind ?? null, decision_text: d?.text ?? null };
  });
  const paragraphOrder = (p: string) => Number.parseInt(p.replace(/\D/g, ''), 10) || 0;
  const canOn = abilities(actor, tree);
  // The body's open uppdrag are followed up on each of its meetings after they were given.
  const open = await openAssignmentsOfBodies(services.db, [...new Set(meetings.map((m) => m.body_id))]);
  const day = today(services);
  return {
    meetings: meetings.map((m) => ({
      can: canOn(scopes.get(m.body_id) ?? null, { edit: 'meeting.write' }),
      id: m.id,
      bodyId: m.body_id,
      bodyName: m.body_name,
      meetsOn: m.meets_on,
      title: m.title,
      followUp: open
        .filter((a) => a.bodyId === m.body_id && a.givenOn < m.meets_on)
        .map((a) => ({
          assignmentId: a.id,
          title: a.title,
          givenOn: a.givenOn,
          paragraph: a.decisionParagraph,
          assigneeName: a.assigneeUnitId
            ? (names.get(a.assigneeUnitId) ?? a.assigneeName ?? '')
            : (a.assigneeName ?? ''),
          reportBackOn: a.reportBackOn,
          status: followUpStatus(a, day),
        })),
      items: items
        .filter((i) => i.meeting_id === m.id)
        .sort((a, b) => paragraphOrder(a.paragraph) - paragraphOrder(b.paragraph))
        .map((i) => {
          // The item's title was copied from the report when it was sent: hidden with it.
          const hidden = i.report_id !== null && !mayReadReport(i.report_unit_id);
          return {
            id: i.id,
            paragraph: i.paragraph,
            title: hidden ? HIDDEN_REPORT_TITLE : i.title,
            reportId: hidden ? null : i.report_id,
            reportTitle: hidden ? null : i.report_title,
            outcome: (i.outcome as Outcome | null) ?? null,
            decisionId: i.decision_id,
            decisionText: i.decision_text,
          };
        }),
    })),
  };
}

export async function createMeetingIn(
  services: Services,
  w: WriteTx,
  input: { bodyId: string; meetsOn: string; title: string },
  id = randomUUID(),
) {
  const scope = await authorizeBody(services, w, input.bodyId);
  await w.trx
    .insertInto('meetings')
    .values({ id, body_id: input.bodyId, meets_on: input.meetsOn, title: input.title, created_at: w.now })
    .execute();
  await w.record({
    kind: 'meeting.created',
    entity: 'meeting',
    entityId: id,
    unitId: scope,
    before: null,
    after: input,
  });
  return { id };
}

export const createMeeting = (
  services: Services,
  actor: Actor,
  input: { bodyId: string; meetsOn: string; title: string },
) => write(services, actor, (w) => createMeetingIn(services, w, input));

async function meetingOrThrow(db: Executor, id: string) {
  const m = await db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw notFound('Sammanträdet');
  return m;
}

export async function addItemIn(
  services: Services,
  w: WriteTx,
  meetingId: string,
  input: { paragraph: string; title: string; reportId?: string | null },
  id = randomUUID(),
) {
  const meeting = await meetingOrThrow(w.trx, meetingId);
  const scope = await authorizeBody(services, w, meeting.body_id);
  if (input.reportId)
    throw new DomainError('unprocessable', 'En rapport läggs på ett sammanträde genom att skickas.', {
      fields: [{ field: 'reportId', message: 'Skicka rapporten till sammanträdet i stället.' }],
    });
  const taken = await w.trx
    .selectFrom('agenda_items')
    .select('id')
    .where('meeting_id', '=', meetingId)
    .where('paragraph', '=', input.paragraph)
    .executeTakeFirst();
  if (taken)
    throw new DomainError('conflict', `Sammanträdet har redan ett ärende § ${input.paragraph}.`, {
      fields: [{ field: 'paragraph', message: 'används redan' }],
    });
  await w.trx
    .insertInto('agenda_items')
    .values({
      id,
      meeting_id: meetingId,
      paragraph: input.paragraph,
      title: input.title,
      report_id: null,
      created_at: w.now,
    })
    .execute();
  await w.record({
    kind: 'meeting.item_added',
    entity: 'meeting',
    entityId: meetingId,
    unitId: scope,
    before: null,
    after: { id, ...input },
  });
  return { id };
}

export const addItem = (
  services: Services,
  actor: Actor,
  meetingId: string,
  input: { paragraph: string; title: string; reportId?: string | null },
) => write(services, actor, (w) => addItemIn(services, w, meetingId, input));

export interface RecordedDecision {
  outcome: Outcome;
  text: string;
  diarienummer?: string | null;
  /** An uppdrag's follow-up: who reports back, and by when. Required for an uppdrag, refused otherwise. */
  assignment?: { reportBackOn: string; assigneeUnitId?: string | null; assigneeName?: string | null } | null;
}

function checkAssignment(input: RecordedDecision, meetsOn: string) {
  const a = input.assignment ?? null;
  const refuse = (field: string, message: string) => {
    throw new DomainError('unprocessable', message, { fields: [{ field, message }] });
  };
  if (input.outcome !== 'uppdrag') {
    if (a) refuse('assignment', 'Bara ett uppdrag följs upp som uppdrag.');
    return;
  }
  if (!a) return refuse('assignment.reportBackOn', 'Ett uppdrag ska ha en dag för återrapportering.');
  if (a.reportBackOn <= meetsOn) refuse('assignment.reportBackOn', 'Återrapporteringen ska ligga efter sammanträdet.');
  if (!a.assigneeUnitId && !a.assigneeName?.trim())
    refuse('assignment.assigneeUnitId', 'Ange den enhet (eller tjänsteperson) som ansvarar för uppdraget.');
}

/**
 * Records what the body decided on an agenda item: a decision, an assignment or "information
 * noted", registered in the decisions register under the meeting's date and paragraph.
 */
export async function recordDecisionIn(
  services: Services,
  w: WriteTx,
  meetingId: string,
  itemId: string,
  input: RecordedDecision,
) {
  const meeting = await meetingOrThrow(w.trx, meetingId);
  checkAssignment(input, meeting.meets_on);
  const item = await w.trx
    .selectFrom('agenda_items')
    .selectAll()
    .where('id', '=', itemId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!item) throw notFound('Ärendet');
  if (item.decision_id !== null) throw new DomainError('conflict', 'Beslutet i ärendet är redan protokollfört.');
  const links =
    item.report_id === null
      ? []
      : await (async () => {
          const r = await reportRow(w.trx, item.report_id as string);
          return r.plan_id ? [{ entity: 'plan' as const, entityId: r.plan_id }] : [];
        })();
  const decision = await createDecisionIn(services, w, {
    kind: input.outcome,
    bodyId: meeting.body_id,
    officialName: null,
    unitId: null,
    decidedOn: meeting.meets_on,
    paragraph: item.paragraph,
    diarienummer: input.diarienummer ?? null,
    title: item.title,
    text: input.text,
    links,
  });
  await w.trx.updateTable('agenda_items').set({ decision_id: decision.id }).where('id', '=', itemId).execute();
  // An uppdrag is followed up: it becomes an assignment of the body, with its report-back day.
  const assignment = input.assignment
    ? await createAssignmentIn(services, w, {
        title: item.title,
        description: input.text,
        bodyId: meeting.body_id,
        decisionId: decision.id,
        assigneeUnitId: input.assignment.assigneeUnitId ?? null,
        assigneeName: input.assignment.assigneeName ?? null,
        dueOn: input.assignment.reportBackOn,
        reportBackOn: input.assignment.reportBackOn,
        status: 'not_started',
        reportedOn: null,
      })
    : null;
  await w.record({
    kind: 'meeting.decision_recorded',
    entity: 'meeting',
    entityId: meetingId,
    unitId: await scopeOfBody(w.trx, meeting.body_id, await currentTree(services, w.trx)),
    before: null,
    after: { itemId, decisionId: decision.id, outcome: input.outcome, assignmentId: assignment?.id ?? null },
  });
  return { id: itemId, decisionId: decision.id, assignmentId: assignment?.id ?? null };
}

export const recordDecision = (
  services: Services,
  actor: Actor,
  meetingId: string,
  itemId: string,
  input: RecordedDecision,
) => write(services, actor, (w) => recordDecisionIn(services, w, meetingId, itemId, input));
