import { randomUUID } from 'node:crypto';
import { compareSwedish } from '../../domain/collation';
import { type ControlStep, controlStepProblem } from '../../domain/control/occasions';
import { DomainError, forbidden, notFound } from '../../domain/errors';
import {
  annualCouncilLatest,
  DEADLINE_LEVELS,
  type Deadline,
  type DeadlineLevel,
  isFollowupKind,
  type OccasionKind,
  outOfOrder,
  statutorySteps,
  withStatutorySteps,
} from '../../domain/followup/cycle';
import type { OrgIndex } from '../../domain/org';
import { INTERIM_RULE, interimCoversLawfulPart } from '../../domain/reports/interim';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { authorizeReadSomewhere } from '../core/read-scope';
import { bumpVersion, type WriteTx, write } from '../core/write';
import { currentTree } from '../org/service';

export interface Occasion {
  id: string;
  version: number;
  year: number;
  kind: OccasionKind;
  period: string | null;
  title: string;
  /** Which step of the internal control an internal_control occasion is; null for other kinds. */
  controlStep: ControlStep | null;
  deadlines: Deadline[];
  steps: { level: DeadlineLevel; label: string }[];
}

const byLevel = (a: Deadline, b: Deadline) => DEADLINE_LEVELS.indexOf(a.level) - DEADLINE_LEVELS.indexOf(b.level);

/** Occasions with their deadlines; by year, by the months they report on, or by id. */
export async function occasions(
  db: Executor,
  where: { year?: number; periods?: readonly string[]; id?: string },
): Promise<Occasion[]> {
  let q = db.selectFrom('cycle_occasions').selectAll();
  if (where.year !== undefined) q = q.where('year', '=', where.year);
  if (where.periods !== undefined) {
    if (where.periods.length === 0) return [];
    q = q.where('period', 'in', where.periods);
  }
  if (where.id !== undefined) q = q.where('id', '=', where.id);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const deadlines = await db
    .selectFrom('cycle_deadlines')
    .selectAll()
    .where(
      'occasion_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const out = rows.map((r) => ({
    id: r.id,
    version: r.version,
    year: r.year,
    kind: r.kind as OccasionKind,
    period: r.period,
    title: r.title,
    controlStep: r.control_step as ControlStep | null,
    deadlines: deadlines
      .filter((d) => d.occasion_id === r.id)
      .map((d) => ({ level: d.level as DeadlineLevel, dueOn: d.due_on }))
      .sort(byLevel),
    steps: statutorySteps(r.kind as OccasionKind),
  }));
  const first = (o: Occasion) => o.deadlines.map((d) => d.dueOn).sort()[0] ?? `${o.year}-12-31`;
  return out.sort((a, b) => first(a).localeCompare(first(b)) || compareSwedish(a.title, b.title));
}

/** The follow-up occasion of a month, or null when the cycle has none for it. */
export async function occasionOf(db: Executor, period: string): Promise<Occasion | null> {
  return (await occasions(db, { periods: [period] }))[0] ?? null;
}

/**
 * What the caller may do with the cycle: add, change and remove occasions. The cycle is the whole
 * organisation's (target null), kept with `cycle.write`; an occasion has no state that closes it.
 */
const cycleAbilities = (actor: Actor, tree: OrgIndex) =>
  abilities(actor, tree)(null, { create: 'cycle.write', edit: 'cycle.write', remove: 'cycle.write' });

/** An occasion as answered: with what the caller may do with it. */
const withCan = (o: Occasion, actor: Actor, tree: OrgIndex) => {
  const { edit, remove } = cycleAbilities(actor, tree);
  return { ...o, can: { edit, remove } };
};

export async function getCycle(services: Services, actor: Actor, year: number) {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  return {
    year,
    levels: DEADLINE_LEVELS,
    occasions: (await occasions(services.db, { year })).map((o) => withCan(o, actor, tree)),
    can: { create: cycleAbilities(actor, tree).create },
  };
}

/** Keeping the cycle is the administrator's, for the whole organisation. */
async function authorizeCycle(services: Services, actor: Actor, db: Executor) {
  if (!cycleAbilities(actor, await currentTree(services, db)).edit)
    throw forbidden('Bara administratören håller årshjulet.');
}

export interface OccasionInput {
  year: number;
  kind: OccasionKind;
  period: string | null;
  title: string;
  /** Required for an internal_control occasion, absent or null for every other kind. */
  controlStep?: ControlStep | null;
  deadlines: Deadline[];
}

function validate(
  input: Pick<OccasionInput, 'year' | 'kind' | 'period' | 'deadlines'> & { controlStep: ControlStep | null },
) {
  const fields: { field: string; message: string }[] = [];
  const stepProblem = controlStepProblem(input.kind, input.controlStep);
  if (stepProblem) fields.push({ field: 'controlStep', message: stepProblem });
  const followup = isFollowupKind(input.kind);
  if (followup && input.period === null)
    fields.push({ field: 'period', message: 'En uppföljning ska ange vilken månad den avser.' });
  if (!followup && input.period !== null)
    fields.push({ field: 'period', message: 'En planeringshändelse avser ingen månad.' });
  if (
    input.period !== null &&
    Number(input.period.slice(0, 4)) !== input.year &&
    Number(input.period.slice(0, 4)) !== input.year - 1
  )
    fields.push({ field: 'period', message: 'Månaden ska höra till årshjulets år (eller december året före).' });
  if (input.kind === 'interim' && input.period !== null && !interimCoversLawfulPart(input.period))
    fields.push({ field: 'period', message: INTERIM_RULE });
  if (input.deadlines.length === 0) fields.push({ field: 'deadlines', message: 'Ange minst en sista dag.' });
  const seen = new Set<string>();
  input.deadlines.forEach((d, i) => {
    if (seen.has(d.level)) fields.push({ field: `deadlines.${i}.level`, message: 'Nivån finns redan.' });
    seen.add(d.level);
    if (input.period !== null && d.dueOn.slice(0, 7) <= input.period)
      fields.push({ field: `deadlines.${i}.dueOn`, message: 'Sista dagen ska ligga efter månaden som rapporteras.' });
  });
  if (input.kind === 'annual' && input.period !== null) {
    const latest = annualCouncilLatest(input.period);
    const i = input.deadlines.findIndex((d) => d.level === 'fullmaktige');
    if (i >= 0 && (input.deadlines[i] as Deadline).dueOn > latest)
      fields.push({
        field: `deadlines.${i}.dueOn`,
        message: `Fullmäktige godkänner årsredovisningen och prövar ansvarsfrihet senast ${latest}.`,
      });
  }
  for (const i of outOfOrder(input.deadlines))
    fields.push({
      field: `deadlines.${i}.dueOn`,
      message: 'En nivå kan inte ha sista dag före en nivå under den: rapporterna går nerifrån och upp.',
    });
  if (fields.length > 0) throw new DomainError('unprocessable', 'Årshjulet går inte ihop.', { fields });
}

async function writeDeadlines(w: WriteTx, occasionId: string, deadlines: readonly Deadline[]) {
  await w.trx.deleteFrom('cycle_deadlines').where('occasion_id', '=', occasionId).execute();
  if (deadlines.length > 0)
    await w.trx
      .insertInto('cycle_deadlines')
      .values(deadlines.map((d) => ({ occasion_id: occasionId, level: d.level, due_on: d.dueOn })))
      .execute();
}

export async function createOccasionIn(services: Services, w: WriteTx, given: OccasionInput, id = randomUUID()) {
  await authorizeCycle(services, w.actor, w.trx);
  // The interim and annual reports always carry the styrelse, revisorer and fullmäktige steps.
  const input = {
    ...given,
    controlStep: given.controlStep ?? null,
    deadlines: withStatutorySteps(given.kind, given.period, given.deadlines),
  };
  validate(input);
  if (input.period !== null && (await occasionOf(w.trx, input.period)))
    throw new DomainError('conflict', `Årshjulet har redan en uppföljning av ${input.period}.`, {
      fields: [{ field: 'period', message: 'Månaden har redan en uppföljning.' }],
    });
  await w.trx
    .insertInto('cycle_occasions')
    .values({
      id,
      year: input.year,
      kind: input.kind,
      period: input.period,
      title: input.title,
      control_step: input.controlStep,
      created_at: w.now,
    })
    .execute();
  await writeDeadlines(w, id, input.deadlines);
  await w.record({
    kind: 'cycle_occasion.created',
    entity: 'cycle_occasion',
    entityId: id,
    unitId: null,
    before: null,
    after: input,
  });
  return (await occasions(w.trx, { id }))[0] as Occasion;
}

export async function createOccasion(services: Services, actor: Actor, input: OccasionInput) {
  const created = await write(services, actor, (w) => createOccasionIn(services, w, input));
  return withCan(created, actor, await currentTree(services));
}

export async function updateOccasion(
  services: Services,
  actor: Actor,
  id: string,
  // The step may be changed with the title (kind and month may not); absent keeps the stored one.
  input: { version: number; title: string; controlStep?: ControlStep | null; deadlines: Deadline[] },
) {
  const updated = await write(services, actor, async (w) => {
    await authorizeCycle(services, actor, w.trx);
    const [before] = await occasions(w.trx, { id });
    if (!before) throw notFound('Händelsen i årshjulet');
    const deadlines = withStatutorySteps(before.kind, before.period, input.deadlines);
    const controlStep = input.controlStep === undefined ? before.controlStep : input.controlStep;
    validate({ ...before, controlStep, deadlines });
    await bumpVersion(
      w.trx,
      'cycle_occasions',
      id,
      input.version,
      async () => (await occasions(w.trx, { id }))[0] ?? null,
    );
    await w.trx
      .updateTable('cycle_occasions')
      .set({ title: input.title, control_step: controlStep })
      .where('id', '=', id)
      .execute();
    await writeDeadlines(w, id, deadlines);
    const [after] = await occasions(w.trx, { id });
    await w.record({
      kind: 'cycle_occasion.updated',
      entity: 'cycle_occasion',
      entityId: id,
      unitId: null,
      before,
      after,
    });
    return after as Occasion;
  });
  return withCan(updated, actor, await currentTree(services));
}

export async function deleteOccasion(services: Services, actor: Actor, id: string, version: number) {
  await write(services, actor, async (w) => {
    await authorizeCycle(services, actor, w.trx);
    const [before] = await occasions(w.trx, { id });
    if (!before) throw notFound('Händelsen i årshjulet');
    await bumpVersion(w.trx, 'cycle_occasions', id, version, async () => before);
    await w.trx.deleteFrom('cycle_occasions').where('id', '=', id).execute();
    await w.record({
      kind: 'cycle_occasion.deleted',
      entity: 'cycle_occasion',
      entityId: id,
      unitId: null,
      before,
      after: null,
    });
  });
}
