import type { z } from '@hono/zod-openapi';
import { swedishDate } from '../../domain/dates';
import { deadlineFor } from '../../domain/followup/cycle';
import { parseMonth } from '../../domain/indicators/months';
import type { UnitLevel } from '../../domain/org';
import { currentFollowupMonth, formatPeriod } from '../../domain/periods';
import type { Role } from '../../domain/permissions/roles';
import type { Actor, Services } from '../core/context';
import { getCycle } from '../followup/cycle';
import { followupStatus } from '../followup/submissions';
import { currentTree } from '../org/service';
import { listMeetings, listReports } from '../reports/service';
import { listAssignments } from '../steering/assignments';
import { unitMonth } from './month';
import type { TaskSchema } from './schemas';

type Task = z.infer<typeof TaskSchema>;

/** How many tasks of one kind the start page lists; the rest are counted as omitted. */
export const TASKS_PER_KIND = 25;
/** How many days ahead a cycle deadline is a reminder, and how far back board news reaches. */
export const REMINDER_DAYS = 7;
export const NEWS_DAYS = 31;

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The current follow-up month by the server's clock and the annual cycle (this year's and last). */
export async function currentMonth(services: Services, actor: Actor) {
  const now = services.clock.now();
  const year = Number(swedishDate(now).slice(0, 4));
  const cycles = await Promise.all([getCycle(services, actor, year - 1), getCycle(services, actor, year)]);
  const followedUp = cycles.flatMap((c) => c.occasions.map((o) => o.period)).filter((p): p is string => p !== null);
  return { month: currentFollowupMonth(now, followedUp), today: swedishDate(now) };
}

const monthPath = (unitId: string, month: string) => `/enheter/${unitId}/manad/${month}?enhet=${unitId}&manad=${month}`;

/**
 * What the signed-in user must do in a month, and for those who govern (politicians, auditors)
 * what is new: reports to hand in with their deadline, returned reports with the comment,
 * reports waiting for the user's approval, assignments to report back, figures missing at the
 * user's own units, near deadlines of the cycle, reports sent, meetings and flagged series.
 */
export async function myTasks(services: Services, actor: Actor, monthText?: string) {
  const current = await currentMonth(services, actor);
  const month = monthText ? formatPeriod(parseMonth(monthText, 'month')) : current.month;
  const today = current.today;
  const tree = await currentTree(services);
  const grants = actor.kind === 'user' ? actor.principal.roles.filter((g) => tree.has(g.unitId)) : [];
  const has = (...roles: Role[]) => grants.some((g) => roles.includes(g.role));
  // The units whose reports are the user's to hand in: a manager's whole subtree (the units'
  // own managers may have no account), anyone else's own units only.
  const own = new Set(grants.map((g) => g.unitId));
  const responsible = new Set(
    grants.flatMap((g) => (g.role === 'manager' || g.role === 'reporter' ? tree.subtree(g.unitId) : [g.unitId])),
  );
  const tasks: Task[] = [];

  const works = has('administrator', 'controller', 'manager', 'reporter');
  if (works) {
    const status = await followupStatus(services, actor, month);
    for (const row of status.units) {
      const href = monthPath(row.unitId, month);
      if (row.can.submit && responsible.has(row.unitId))
        tasks.push({
          kind: row.status === 'returned' ? 'returned' : 'submit',
          title: row.status === 'returned' ? `Återsänd: ${row.name}, ${month}` : `Lämna in ${row.name}, ${month}`,
          detail: row.statusLabel,
          unitId: row.unitId,
          unitName: row.name,
          dueOn: row.deadline,
          late: row.late,
          comment: row.status === 'returned' ? row.returnComment : null,
          href,
        });
      if (row.can.decide)
        tasks.push({
          kind: 'approve',
          title: `Granska och godkänn ${row.name}, ${month}`,
          detail: row.submittedByName ? `Inlämnad av ${row.submittedByName}` : row.statusLabel,
          unitId: row.unitId,
          unitName: row.name,
          dueOn: null,
          late: false,
          comment: null,
          href,
        });
    }
    // Figures missing at the user's own units (the month page lists them one by one).
    for (const unitId of own) {
      const row = status.units.find((u) => u.unitId === unitId);
      if (!row?.can.submit) continue;
      const view = await unitMonth(services, actor, unitId, month);
      const values = view.missing.filter((m) => m.kind === 'indicator_outcome' || m.kind === 'indicator_forecast');
      const measures = view.missing.filter((m) => m.kind === 'measure');
      if (values.length > 0)
        tasks.push({
          kind: 'missing_values',
          title: `${view.unitName}: ${values.length} indikatorvärden saknas för ${month}`,
          detail: values
            .slice(0, 3)
            .map((m) => m.label)
            .join(', '),
          unitId,
          unitName: view.unitName,
          dueOn: view.deadline,
          late: view.late,
          comment: null,
          href: monthPath(unitId, month),
        });
      if (measures.length > 0)
        tasks.push({
          kind: 'missing_measures',
          title: `${view.unitName}: ${measures.length} åtgärder saknar prognos för ${month}`,
          detail: measures
            .slice(0, 3)
            .map((m) => m.label)
            .join(', '),
          unitId,
          unitName: view.unitName,
          dueOn: view.deadline,
          late: view.late,
          comment: null,
          href: `${monthPath(unitId, month)}#atgarder`,
        });
    }
    for (const a of await listAssignments(services, actor, {})) {
      if (a.status === 'reported' || a.status === 'closed') continue;
      if (!a.assigneeUnitId || !responsible.has(a.assigneeUnitId)) continue;
      tasks.push({
        kind: 'assignment',
        title: `Återrapportera uppdraget ${a.title}`,
        detail: a.bodyName,
        unitId: a.assigneeUnitId,
        unitName: status.units.find((u) => u.unitId === a.assigneeUnitId)?.name ?? null,
        dueOn: a.reportBackOn ?? a.dueOn,
        late: a.overdue,
        comment: null,
        href: `/uppdrag?enhet=${a.assigneeUnitId}&manad=${month}`,
      });
    }
    // Deadlines of the cycle within the coming days, at the levels of the user's own units.
    const year = Number(today.slice(0, 4));
    const horizon = addDays(today, REMINDER_DAYS);
    const cycle = (await getCycle(services, actor, year)).occasions.concat(
      today.slice(5) >= '12-20' ? (await getCycle(services, actor, year + 1)).occasions : [],
    );
    const levels = new Set<UnitLevel>(status.units.filter((u) => own.has(u.unitId)).map((u) => u.level));
    for (const o of cycle)
      for (const level of levels) {
        const dueOn = deadlineFor(o.deadlines, level);
        if (dueOn && dueOn >= today && dueOn <= horizon)
          tasks.push({
            kind: 'reminder',
            title: `${o.title}: sista dag ${dueOn}`,
            detail: `Nivå ${level}`,
            unitId: null,
            unitName: null,
            dueOn,
            late: false,
            comment: null,
            href: o.period ? `/uppfoljning?manad=${o.period}` : '/arshjul',
          });
      }
  }

  if (has('politician', 'auditor', 'administrator', 'controller')) {
    const since = addDays(today, -NEWS_DAYS);
    const { reports, series } = await listReports(services, actor);
    for (const r of reports)
      if (r.status === 'sent' && r.sentAt && r.sentAt.slice(0, 10) >= since)
        tasks.push({
          kind: 'report_sent',
          title: `Rapport skickad: ${r.title}`,
          detail: r.meeting ? `${r.meeting.bodyName} ${r.meeting.meetsOn} § ${r.meeting.paragraph}` : r.unitName,
          unitId: r.unitId,
          unitName: r.unitName,
          dueOn: r.meeting?.meetsOn ?? null,
          late: false,
          comment: null,
          href: `/rapporter/${r.id}`,
        });
    for (const m of (await listMeetings(services, actor)).meetings)
      if (m.meetsOn >= since && m.meetsOn <= addDays(today, NEWS_DAYS))
        tasks.push({
          kind: 'meeting',
          title: `${m.bodyName}: ${m.title}`,
          detail: `${m.items.length} ärenden`,
          unitId: null,
          unitName: null,
          dueOn: m.meetsOn,
          late: false,
          comment: null,
          href: `/sammantraden?organ=${m.bodyId}`,
        });
    for (const s of series)
      if (s.flagged)
        tasks.push({
          kind: 'flag',
          title: `${s.bodyName} har informerats ${s.notedInARow} gånger i rad om ${s.unitName} utan beslut`,
          detail: s.reports.at(-1)?.title ?? '',
          unitId: null,
          unitName: s.unitName,
          dueOn: null,
          late: false,
          comment: null,
          href: '/rapporter',
        });
  }

  // Returned first, then late, then by deadline; a long list keeps the first of each kind.
  const order = ['returned', 'approve', 'submit', 'missing_values', 'missing_measures', 'assignment', 'reminder'];
  tasks.sort(
    (a, b) =>
      (order.indexOf(a.kind) + 1 || 99) - (order.indexOf(b.kind) + 1 || 99) ||
      Number(b.late) - Number(a.late) ||
      (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
      a.title.localeCompare(b.title, 'sv'),
  );
  const perKind = new Map<string, number>();
  const kept = tasks.filter((t) => {
    const n = (perKind.get(t.kind) ?? 0) + 1;
    perKind.set(t.kind, n);
    return n <= TASKS_PER_KIND;
  });
  return { month, today, tasks: kept, omitted: tasks.length - kept.length };
}
