import { areaBodyOf, DELEGATING_BODY_KINDS, inForceOn } from '../../domain/competence/delegation';
import type { IsoDate } from '../../domain/dates';
import { notFound } from '../../domain/errors';
import { OrgIndex } from '../../domain/org';
import type { Actor, Executor, Services } from '../core/context';
import { authorizeReadSomewhere } from '../core/read-scope';
import { unitsOn } from '../org/queries';
import { currentTree, today } from '../org/service';
import { lastMeetingDayOf, meetingById, meetingsOf, nextMeetingOf } from '../reports/reads';
import { citation } from '../steering/decisions';
import { beslutByOfficialsOrBodies } from '../steering/reads';
import { bodiesWithUnits } from './reads';

/** A decision taken on a body's behalf, to be reported to it (anmälan av delegationsbeslut). */
export interface ReportedDecision {
  id: string;
  citation: string;
  title: string;
  decidedOn: IsoDate;
  /** Who decided: the official, or the committee. */
  decidedBy: string;
  scopeUnitId: string | null;
}

export interface DelegationReport {
  bodyId: string;
  bodyName: string;
  /** The meeting the decisions are reported to; null when the body has no meeting ahead. */
  meeting: { id: string; meetsOn: IsoDate; title: string } | null;
  /** Decisions taken from this day (the previous meeting) … */
  from: IsoDate | null;
  /** … up to, not including, this day (the meeting). */
  to: IsoDate | null;
  decisions: ReportedDecision[];
}

/**
 * The beslut taken on `bodyId`'s behalf in [from, to): an official's decision whose unit lies in
 * the body's area on its day, and its committees' decisions. They are reported to the body.
 */
export async function delegatedDecisions(
  db: Executor,
  bodyId: string,
  from: IsoDate | null,
  to: IsoDate | null,
): Promise<ReportedDecision[]> {
  const bodies = await bodiesWithUnits(db);
  const committees = bodies.filter((b) => b.parentBodyId === bodyId && b.kind === 'utskott').map((b) => b.id);
  const nameOf = new Map(bodies.map((b) => [b.id, b.name]));
  const rows = (await beslutByOfficialsOrBodies(db, committees, from, to)).map((d) => ({
    id: d.id,
    title: d.title,
    decided_on: d.decidedOn,
    paragraph: d.paragraph,
    diarienummer: d.diarienummer,
    official_name: d.officialName,
    body_id: d.bodyId,
    body_name: d.bodyId === null ? null : (nameOf.get(d.bodyId) ?? null),
    scope_unit_id: d.scopeUnitId,
  }));
  const trees = new Map<IsoDate, Promise<OrgIndex>>();
  const treeOn = (day: IsoDate) => {
    let t = trees.get(day);
    if (!t) {
      t = unitsOn(db, day).then((units) => new OrgIndex(units));
      trees.set(day, t);
    }
    return t;
  };
  const out: ReportedDecision[] = [];
  for (const r of rows) {
    const day = String(r.decided_on);
    let ours = r.body_id !== null && committees.includes(r.body_id);
    if (!ours && r.official_name !== null && r.scope_unit_id) {
      const tree = await treeOn(day);
      const lineage = tree.has(r.scope_unit_id) ? tree.lineage(r.scope_unit_id) : [r.scope_unit_id];
      const area = areaBodyOf(
        lineage,
        bodies.filter((b) => DELEGATING_BODY_KINDS.includes(b.kind) && inForceOn(b, day)),
      );
      ours = area?.id === bodyId;
    }
    if (!ours) continue;
    out.push({
      id: r.id,
      title: r.title,
      decidedOn: day,
      decidedBy: r.official_name ?? r.body_name ?? '',
      scopeUnitId: r.scope_unit_id,
      citation: citation({
        bodyName: r.body_name,
        officialName: r.official_name,
        decidedOn: day,
        paragraph: r.paragraph,
        diarienummer: r.diarienummer,
      }),
    });
  }
  return out;
}

/** The window a meeting reports: from the body's previous meeting up to this one. */
async function meetingWindow(db: Executor, meeting: { id: string; body_id: string; meets_on: string | Date }) {
  const meetsOn = String(meeting.meets_on).slice(0, 10);
  return { from: await lastMeetingDayOf(db, meeting.body_id, meetsOn), to: meetsOn };
}

async function report(
  db: Executor,
  body: { id: string; name: string },
  meeting: { id: string; body_id: string; meets_on: string | Date; title: string } | null,
): Promise<DelegationReport> {
  if (!meeting) {
    // No meeting ahead: what has been decided since the last one, waiting for the next.
    const from = await lastMeetingDayOf(db, body.id);
    return {
      bodyId: body.id,
      bodyName: body.name,
      meeting: null,
      from,
      to: null,
      decisions: await delegatedDecisions(db, body.id, from, null),
    };
  }
  const { from, to } = await meetingWindow(db, meeting);
  return {
    bodyId: body.id,
    bodyName: body.name,
    meeting: { id: meeting.id, meetsOn: to, title: meeting.title },
    from,
    to,
    decisions: await delegatedDecisions(db, body.id, from, to),
  };
}

/** The delegation decisions for a body's next meeting (on or after today). */
export async function delegationReportForBody(
  services: Services,
  actor: Actor,
  bodyId: string,
): Promise<DelegationReport> {
  authorizeReadSomewhere(actor, await currentTree(services));
  const body = await services.db
    .selectFrom('bodies')
    .select(['id', 'name'])
    .where('id', '=', bodyId)
    .executeTakeFirst();
  if (!body) throw notFound('Organet');
  const next = await nextMeetingOf(services.db, bodyId, today(services));
  return report(services.db, body, next ?? null);
}

/** The delegation decisions reported at a meeting: those taken since the body's previous meeting. */
export async function delegationReportForMeeting(
  services: Services,
  actor: Actor,
  meetingId: string,
): Promise<DelegationReport> {
  authorizeReadSomewhere(actor, await currentTree(services));
  const meeting = await meetingById(services.db, meetingId);
  if (!meeting) throw notFound('Sammanträdet');
  const body = await services.db
    .selectFrom('bodies')
    .select(['id', 'name'])
    .where('id', '=', meeting.body_id)
    .executeTakeFirstOrThrow();
  return report(services.db, body, meeting);
}

/**
 * Every decision taken on the body's behalf, grouped by the meeting it is (or was) reported to:
 * one group per meeting, newest first, led by the decisions after the last meeting that wait
 * for one not yet scheduled (meeting null; left out when there are none).
 */
export async function delegationReportsOfBody(
  services: Services,
  actor: Actor,
  bodyId: string,
): Promise<{ bodyId: string; bodyName: string; reports: DelegationReport[] }> {
  authorizeReadSomewhere(actor, await currentTree(services));
  const db = services.db;
  const body = await db.selectFrom('bodies').select(['id', 'name']).where('id', '=', bodyId).executeTakeFirst();
  if (!body) throw notFound('Organet');
  const [meetings, decisions] = await Promise.all([meetingsOf(db, bodyId), delegatedDecisions(db, bodyId, null, null)]);
  const reports: DelegationReport[] = [];
  let from: IsoDate | null = null;
  for (const m of meetings) {
    const to = String(m.meets_on).slice(0, 10);
    reports.push({
      bodyId,
      bodyName: body.name,
      meeting: { id: m.id, meetsOn: to, title: m.title },
      from,
      to,
      decisions: decisions.filter((d) => (from === null || d.decidedOn >= from) && d.decidedOn < to),
    });
    from = to;
  }
  const waiting = decisions.filter((d) => from === null || d.decidedOn >= from);
  if (waiting.length > 0)
    reports.push({ bodyId, bodyName: body.name, meeting: null, from, to: null, decisions: waiting });
  return { bodyId, bodyName: body.name, reports: reports.reverse() };
}
