import { randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { swedishDate } from '../../domain/dates';
import { forbidden } from '../../domain/errors';
import { deadlineFor, isFollowupKind } from '../../domain/followup/cycle';
import { dueReminders, reminderKey, type SubmissionStatus } from '../../domain/followup/submissions';
import { OrgIndex } from '../../domain/org';
import { can } from '../../domain/permissions';
import { controlReminders } from '../control/reminders';
import type { Actor, Services } from '../core/context';
import { unitsOn } from '../org/queries';
import { currentTree, today } from '../org/service';
import { managersToRemind } from '../users/reads';
import { occasions } from './cycle';

/** How reminders leave: by SMTP when a server is configured, otherwise they wait in the outbox. */
export interface MailConfig {
  /** `smtp://user:pass@host:port` (or smtps://); null keeps mail in the outbox. */
  smtpUrl: string | null;
  from: string;
  /** The "before" reminder goes this many days ahead of the deadline. */
  reminderDaysBefore: number;
}

export const defaultMailConfig: MailConfig = { smtpUrl: null, from: 'rodtrad@localhost', reminderDaysBefore: 3 };

export interface Mailer {
  transport: 'smtp' | 'outbox';
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export function mailerFor(config: MailConfig): Mailer {
  if (!config.smtpUrl) return { transport: 'outbox', send: async () => {} };
  const smtpUrl = config.smtpUrl;
  // nodemailer is loaded with the first message, not at start.
  let transporter: Promise<Transporter> | null = null;
  return {
    transport: 'smtp',
    async send(m) {
      transporter ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(smtpUrl));
      await (await transporter).sendMail({ from: config.from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

const LABEL = { before: 'Påminnelse', after: 'Försenad' } as const;

/**
 * Makes the reminders due today for every follow-up occasion and every unit that has not
 * handed in, and sends them. Each reminder's key is unique in the database, so a reminder is
 * made once: the insert that would make it again does nothing. A mail that fails to send is
 * kept with its error, for the administrator to see; it is not made again.
 */
export async function runReminders(services: Services, config: MailConfig, mailer: Mailer) {
  const day = swedishDate(services.clock.now());
  const now = services.clock.now();
  const units = await unitsOn(services.db, today(services));
  const tree = new OrgIndex(units);
  const year = Number(day.slice(0, 4));
  const all = [
    ...(await occasions(services.db, { year: year - 1 })),
    ...(await occasions(services.db, { year })),
    ...(await occasions(services.db, { year: year + 1 })),
  ];
  const control = all.filter((o) => o.kind === 'internal_control');
  const open = all.filter((o) => isFollowupKind(o.kind) && o.period !== null);
  let created = 0;
  const pending: { id: string; to: string | null; subject: string; body: string }[] = [];
  // The internal-control occasions remind by the same rule and outbox (issue 14).
  for (const r of await controlReminders(services, day, config.reminderDaysBefore, control)) {
    const id = randomUUID();
    const row = await services.db
      .insertInto('outbox')
      .values({
        id,
        reminder_key: r.key,
        user_id: r.userId,
        to_address: r.to,
        subject: r.subject,
        body: r.body,
        created_at: now,
        transport: mailer.transport,
      })
      .onConflict((oc) => oc.column('reminder_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    created++;
    pending.push({ id, to: r.to, subject: r.subject, body: r.body });
  }
  if (open.length === 0) return { created, sent: await send(services, mailer, pending) };
  const submissions = await services.db
    .selectFrom('followup_submissions')
    .select(['unit_id', 'period', 'status'])
    .where(
      'period',
      'in',
      open.map((o) => o.period as string),
    )
    .execute();
  const statusOf = new Map(submissions.map((s) => [`${s.unit_id}:${s.period}`, s.status as SubmissionStatus]));
  const people = await managersToRemind(services.db);
  const managersOf = new Map<string, typeof people>();
  for (const p of people) {
    if (!tree.has(p.unit_id)) continue;
    managersOf.set(p.unit_id, [...(managersOf.get(p.unit_id) ?? []), p]);
  }
  for (const occasion of open) {
    for (const unit of units) {
      const deadline = deadlineFor(occasion.deadlines, unit.level);
      if (deadline === null) continue;
      const status = statusOf.get(`${unit.id}:${occasion.period}`) ?? 'not_started';
      for (const r of dueReminders(deadline, day, status, config.reminderDaysBefore)) {
        for (const person of managersOf.get(unit.id) ?? []) {
          const subject = `${LABEL[r.when]}: ${occasion.title} för ${unit.name} ska lämnas senast ${deadline}`;
          const body = [
            `Hej ${person.display_name},`,
            '',
            r.when === 'before'
              ? `${unit.name} ska lämna in sin rapport för ${occasion.period} senast ${deadline}.`
              : `${unit.name} har inte lämnat in sin rapport för ${occasion.period}. Sista dagen var ${deadline}.`,
            'Fyll i utfall och prognoser, analysen per mål och enhetens samlade analys, och lämna in under Uppföljning i Röd tråd.',
          ].join('\n');
          const id = randomUUID();
          const row = await services.db
            .insertInto('outbox')
            .values({
              id,
              reminder_key: reminderKey(occasion.id, unit.id, person.id, r.when),
              user_id: person.id,
              to_address: person.email,
              subject,
              body,
              created_at: now,
              transport: mailer.transport,
            })
            .onConflict((oc) => oc.column('reminder_key').doNothing())
            .returning('id')
            .executeTakeFirst();
          if (!row) continue;
          created++;
          pending.push({ id, to: person.email, subject, body });
        }
      }
    }
  }
  return { created, sent: await send(services, mailer, pending) };
}

/** Sends the reminders just made when SMTP is configured; returns how many left. */
async function send(
  services: Services,
  mailer: Mailer,
  pending: { id: string; to: string | null; subject: string; body: string }[],
) {
  let sent = 0;
  if (mailer.transport === 'smtp') {
    for (const m of pending) {
      let error: string | null = null;
      if (m.to === null) error = 'Mottagaren saknar e-postadress.';
      else
        try {
          await mailer.send({ to: m.to, subject: m.subject, text: m.body });
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
      await services.db
        .updateTable('outbox')
        .set(error === null ? { sent_at: services.clock.now() } : { error })
        .where('id', '=', m.id)
        .execute();
      if (error === null) sent++;
    }
  }
  return sent;
}

async function authorizeAdmin(services: Services, actor: Actor) {
  if (actor.kind === 'system') return;
  if (!can(actor.principal, 'orgUnit.write', { unitId: null }, await currentTree(services)))
    throw forbidden('Bara administratören kan se utkorgen och skicka påminnelser.');
}

export async function runRemindersAs(services: Services, actor: Actor, config: MailConfig, mailer: Mailer) {
  await authorizeAdmin(services, actor);
  return runReminders(services, config, mailer);
}

export async function listOutbox(services: Services, actor: Actor) {
  await authorizeAdmin(services, actor);
  const rows = await services.db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at === null ? null : new Date(r.sent_at).toISOString(),
    transport: r.transport,
    error: r.error,
  }));
}
