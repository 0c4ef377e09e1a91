import { type ControlStep, deadlineAtOrAbove, occasionsDueBy } from '../../domain/control/occasions';
import type { ControlFrequency } from '../../domain/control/rules';
import type { IsoDate } from '../../domain/dates';
import type { Deadline } from '../../domain/followup/cycle';
import { dueReminders, type ReminderWhen, reminderKey } from '../../domain/followup/submissions';
import { OrgIndex } from '../../domain/org';
import type { Services } from '../core/context';
import { unitsOn } from '../org/queries';
import { controllersOver } from './oversight';
import { controlBodies, planRows, pointRows, resultRows } from './store';

/** An internal-control occasion of the årshjul, as the follow-up's reminder run reads it. */
export interface ControlOccasion {
  id: string;
  year: number;
  title: string;
  /** The step the administrator chose for the occasion; the title is only its name. */
  controlStep: ControlStep | null;
  deadlines: Deadline[];
}

/** A reminder to make: its unique key, whom it goes to, and what it says. */
export interface ControlReminder {
  key: string;
  userId: string;
  to: string | null;
  subject: string;
  body: string;
}

const LABEL = { before: 'Påminnelse', after: 'Försenad' } as const;

/**
 * The reminders due on `day` for the internal-control occasions (issue 14), by the follow-up's
 * rule (`dueReminders`: from `daysBefore` days ahead until the deadline, and after it while late):
 * - a control period's results go to each point's checker (or, when it names none, the
 *   controllers over its body) at the deadline of the point's unit's level, until every occasion
 *   of the point due by then has a result;
 * - at the nämnd's (or styrelse's) own deadline its controllers are reminded until the results
 *   due are in, the plan is decided, or the yearly assessment is written, as the occasion asks.
 * The risk analysis leaves no record to check, so it is not reminded. Each reminder's key names
 * the occasion, the unit or body, the person and before/after, so it is made once.
 */
export async function controlReminders(
  services: Services,
  day: IsoDate,
  daysBefore: number,
  occasions: readonly ControlOccasion[],
): Promise<ControlReminder[]> {
  if (occasions.length === 0) return [];
  const units = await unitsOn(services.db, day);
  const tree = new OrgIndex(units);
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const bodies = await controlBodies(services, services.db, tree);
  const years = [...new Set(occasions.map((o) => o.year))];
  const plans = (await Promise.all(years.map((year) => planRows(services.db, { year })))).flat();
  const points = await pointRows(services.db, { planIds: plans.map((p) => p.id) });
  const results = await resultRows(services.db, { pointIds: points.map((p) => p.id) });
  const recorded = new Set(results.map((r) => `${r.point_id}|${r.occasion}`));
  const assessed = new Set(
    (
      await services.db
        .selectFrom('control_assessments')
        .select(['body_id', 'year'])
        .where('year', 'in', years)
        .execute()
    ).map((a) => `${a.body_id}|${a.year}`),
  );
  const people = new Map<string, { name: string; email: string | null }>();
  const ids = [...new Set(points.map((p) => p.checker_user_id).filter((u): u is string => u !== null))];
  const controllers = new Map<string, { userId: string; name: string }[]>();
  for (const b of bodies) {
    const c = await controllersOver(services.db, tree, b.scope);
    controllers.set(b.id, c);
    ids.push(...c.map((x) => x.userId));
  }
  if (ids.length > 0)
    for (const u of await services.db
      .selectFrom('users')
      .select(['id', 'display_name', 'email'])
      .where('id', 'in', [...new Set(ids)])
      .where('disabled', '=', false)
      .execute())
      people.set(u.id, { name: u.display_name, email: u.email });

  const out: ControlReminder[] = [];
  const remind = (
    occasion: ControlOccasion,
    where: string,
    userId: string,
    when: ReminderWhen,
    subject: string,
    lines: string[],
  ) => {
    const person = people.get(userId);
    if (!person) return;
    out.push({
      key: reminderKey(occasion.id, where, userId, when),
      userId,
      to: person.email,
      subject,
      body: [`Hej ${person.name},`, '', ...lines, 'Registrera det under Intern kontroll i Röd tråd.'].join('\n'),
    });
  };
  const missingOf = (point: (typeof points)[number], year: number, deadline: string) =>
    occasionsDueBy(point.frequency as ControlFrequency, year, deadline).filter(
      (o) => !recorded.has(`${point.id}|${o}`),
    );

  for (const occasion of occasions) {
    const step = occasion.controlStep;
    // No step is no internal-control occasion (the database keeps every one with a step).
    if (step === null || step === 'risk_analysis') continue;
    const yearPlans = plans.filter((p) => p.year === occasion.year);
    for (const body of bodies) {
      const plan = yearPlans.find((p) => p.body_id === body.id);
      const decided = plan?.status === 'decided';
      const mine = decided ? points.filter((p) => p.plan_id === plan.id) : [];
      // The checkers: a control period's results, at their unit's level's deadline.
      if (step === 'results') {
        const byPerson = new Map<string, { where: string; deadline: string; missing: string[] }>();
        for (const point of mine) {
          const unitId = point.unit_id ?? body.scope;
          const level = (unitId && unitOf.get(unitId)?.level) || 'enhet';
          const deadline = deadlineAtOrAbove(occasion.deadlines, level);
          if (deadline === null) continue;
          const missing = missingOf(point, occasion.year, deadline);
          const who = point.checker_user_id
            ? [point.checker_user_id]
            : (controllers.get(body.id) ?? []).map((c) => c.userId);
          for (const userId of who) {
            const key = `${userId}|${unitId ?? body.id}|${deadline}`;
            const entry = byPerson.get(key) ?? { where: unitId ?? `body:${body.id}`, deadline, missing: [] };
            entry.missing.push(...missing.map((o) => `${point.what} (${o})`));
            byPerson.set(key, entry);
          }
        }
        for (const [key, e] of byPerson) {
          const userId = key.split('|')[0] as string;
          const status = e.missing.length === 0 ? 'approved' : 'not_started';
          for (const r of dueReminders(e.deadline, day, status, daysBefore))
            remind(
              occasion,
              e.where,
              userId,
              r.when,
              `${LABEL[r.when]}: ${occasion.title} ska rapporteras senast ${e.deadline}`,
              [
                r.when === 'before'
                  ? `Resultaten av dessa kontroller ska registreras senast ${e.deadline}:`
                  : `Resultaten av dessa kontroller är inte registrerade. Sista dagen var ${e.deadline}:`,
                ...e.missing.map((m) => `- ${m}`),
                '',
              ],
            );
        }
      }
      // The nämnd's (or styrelse's) controllers, at the body's own deadline.
      const deadline = deadlineAtOrAbove(occasion.deadlines, body.kind === 'styrelse' ? 'styrelse' : 'namnd');
      if (deadline === null) continue;
      let done: boolean;
      let ask: string;
      if (step === 'plan') {
        done = decided;
        ask = `${body.name}s internkontrollplan ${occasion.year} ska vara beslutad`;
      } else if (step === 'assessment') {
        done = assessed.has(`${body.id}|${occasion.year}`);
        ask = `${body.name}s bedömning av den interna kontrollen ${occasion.year} ska vara skriven`;
      } else {
        if (!decided) continue;
        done = mine.every((p) => missingOf(p, occasion.year, deadline).length === 0);
        ask = `Resultaten i ${body.name}s internkontrollplan ${occasion.year} ska vara registrerade`;
      }
      for (const r of dueReminders(deadline, day, done ? 'approved' : 'not_started', daysBefore))
        for (const c of controllers.get(body.id) ?? [])
          remind(
            occasion,
            `body:${body.id}`,
            c.userId,
            r.when,
            `${LABEL[r.when]}: ${occasion.title} för ${body.name} senast ${deadline}`,
            [r.when === 'before' ? `${ask} senast ${deadline}.` : `${ask}. Sista dagen var ${deadline}.`, ''],
          );
    }
  }
  return out;
}
