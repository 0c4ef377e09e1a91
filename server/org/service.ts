import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { sortBySwedishName } from '../../domain/collation';
import { type IsoDate, swedishDate } from '../../domain/dates';
import { DomainError, notFound } from '../../domain/errors';
import { type BodyKind, OrgIndex, type UnitLevel } from '../../domain/org';
import type { Action } from '../../domain/permissions';
import { bodiesGoverning } from '../bodies/reads';
import { keptForRequest } from '../cache/request-versions';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { treeOn as rollupTreeOn, syncRollupTree } from '../steering/rollups';
import { statesOf, type UnitRecord, unitsOn, unitVersion } from './queries';

export type { UnitRecord } from './queries';

export const today = (services: Services): IsoDate => swedishDate(services.clock.now());

/** The tree as it is today, for permission checks. */
export async function currentTree(services: Services, db: Executor = services.db): Promise<OrgIndex> {
  const day = today(services);
  const load = async () => new OrgIndex(await todaysUnits(services, db));
  // Inside a transaction the tree must be the transaction's own; a reading request shares it.
  return db === services.db ? keptForRequest(services, ['org'], `tree|${day}`, load) : load();
}

/**
 * Every unit as it is today, kept between reading requests as the tree is (see `currentTree`).
 * Shared with other requests: read it, never change it.
 */
export async function todaysUnits(services: Services, db: Executor = services.db): Promise<readonly UnitRecord[]> {
  const day = today(services);
  const load = () => unitsOn(db, day);
  return db === services.db ? keptForRequest(services, ['org'], `units|${day}`, load) : load();
}

export async function treeOn(db: Executor, day: IsoDate): Promise<OrgIndex> {
  return new OrgIndex(await unitsOn(db, day));
}

/** The organisation tree as it was on `asOf` (default today), names in Swedish order. */
export async function listUnits(services: Services, actor: Actor, asOf?: IsoDate): Promise<readonly UnitRecord[]> {
  const now = today(services);
  // Permission is judged on today's tree; today's units are kept, as the tree is.
  const [units, tree] = await Promise.all([
    (asOf ?? now) === now ? todaysUnits(services) : unitsOn(services.db, asOf as IsoDate),
    currentTree(services),
  ]);
  authorize(actor, 'orgUnit.read', { unitId: null }, tree);
  return inSwedishOrder(units);
}

// Today's units are one array while the tree stands (see `todaysUnits`), and so is their order.
const ordered = new WeakMap<readonly UnitRecord[], readonly UnitRecord[]>();
/** The units in Swedish order of their names; for today's units kept with them. Read it, never change it. */
function inSwedishOrder(units: readonly UnitRecord[]): readonly UnitRecord[] {
  let sorted = ordered.get(units);
  if (!sorted) {
    sorted = Object.freeze(sortBySwedishName(units, (u) => u.name));
    ordered.set(units, sorted);
  }
  return sorted;
}

/**
 * What the caller may do in a unit of the tree, for records not yet made: change or close the unit
 * (edit), read its data, enter its values, and give it goals, activities, plans, decisions,
 * targets and board reports. Pickers and "new" buttons offer exactly these; a record that exists carries its own `can`.
 */
export const UNIT_ABILITIES = {
  edit: 'orgUnit.write',
  read: 'data.read',
  enterValues: 'value.write',
  addGoal: 'goal.write',
  addActivity: 'activity.write',
  addPlan: 'plan.write',
  addDecision: 'decision.write',
  setTargets: 'target.write',
  addReport: 'report.write',
} as const satisfies Record<string, Action>;

type UnitAbilities = Readonly<Record<keyof typeof UNIT_ABILITIES, boolean>>;

/**
 * The tree as listUnits gives it on `asOf`, each unit with what the caller may do in it
 * (UNIT_ABILITIES), as the JSON `{ asOf, units }` encoded in UTF-8. Copied together from each
 * unit's JSON, encoded once and kept with the list of units (today's is one array while the tree
 * stands), and the reader's kept abilities: for 5 000 units a 2 MB answer. Joined as text, the
 * answer cost as much again to encode as to join, every request.
 */
export async function listedUnitsJson(
  services: Services,
  actor: Actor,
  asOf: IsoDate,
): Promise<Uint8Array<ArrayBuffer>> {
  const [units, tree] = await Promise.all([listUnits(services, actor, asOf), currentTree(services)]);
  const can = unitAbilities(actor, tree, units);
  const open = openJsonOf(units);
  const canBytes = new Map<UnitAbilities, Uint8Array>();
  const canOf = (c: UnitAbilities) => {
    let bytes = canBytes.get(c);
    if (bytes === undefined) {
      // The unit's closing brace comes with it.
      bytes = UTF8.encode(`${JSON.stringify(c)}}`);
      canBytes.set(c, bytes);
    }
    return bytes;
  };
  const head = UTF8.encode(`{"asOf":${JSON.stringify(asOf)},"units":[`);
  let length = head.length + 2 + Math.max(0, units.length - 1);
  for (let i = 0; i < units.length; i++)
    length += (open[i] as Uint8Array).length + canOf(can[i] as UnitAbilities).length;
  const out = new Uint8Array(length);
  out.set(head, 0);
  let at = head.length;
  for (let i = 0; i < units.length; i++) {
    if (i > 0) out[at++] = COMMA;
    const o = open[i] as Uint8Array;
    out.set(o, at);
    at += o.length;
    const c = canOf(can[i] as UnitAbilities);
    out.set(c, at);
    at += c.length;
  }
  out[at++] = CLOSE_BRACKET;
  out[at++] = CLOSE_BRACE;
  return out;
}

const UTF8 = new TextEncoder();
// The bytes of ',', ']' and '}' in UTF-8.
const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

// Each unit's JSON up to its abilities (`{…,"can":`), encoded, per list of units.
const openJson = new WeakMap<readonly UnitRecord[], readonly Uint8Array[]>();
function openJsonOf(units: readonly UnitRecord[]): readonly Uint8Array[] {
  let out = openJson.get(units);
  if (!out) {
    out = units.map((u) => UTF8.encode(`${JSON.stringify(u).slice(0, -1)},"can":`));
    openJson.set(units, out);
  }
  return out;
}

// Per list of units (today's is one array while the tree stands) and reader (a principal is one
// object while its session and roles hold), with the tree they were judged on: a reader who opens
// the organisation again is not judged again in 5 000 units × 9 actions.
const judged = new WeakMap<readonly UnitRecord[], WeakMap<object, { tree: OrgIndex; can: readonly UnitAbilities[] }>>();
const SYSTEM_READER = {};

/** What `actor` may do in each of `units` (UNIT_ABILITIES), in their order. */
function unitAbilities(actor: Actor, tree: OrgIndex, units: readonly UnitRecord[]): readonly UnitAbilities[] {
  const reader = actor.kind === 'system' ? SYSTEM_READER : actor.principal;
  let byReader = judged.get(units);
  if (!byReader) {
    byReader = new WeakMap();
    judged.set(units, byReader);
  }
  const kept = byReader.get(reader);
  if (kept?.tree === tree) return kept.can;
  const of = abilities(actor, tree);
  // Most units answer alike: one frozen record per distinct answer.
  const distinct = new Map<string, UnitAbilities>();
  const can = units.map((u) => {
    const answer = of(u.id, UNIT_ABILITIES);
    const key = Object.values(answer).join();
    let shared = distinct.get(key);
    if (!shared) {
      shared = Object.freeze(answer);
      distinct.set(key, shared);
    }
    return shared;
  });
  byReader.set(reader, { tree, can });
  return can;
}

export async function getUnit(services: Services, actor: Actor, id: string, asOf?: IsoDate) {
  const now = today(services);
  const day = asOf ?? now;
  // Today's units and tree are kept per data version; another day's are read.
  const [units, tree] =
    day === now
      ? await Promise.all([todaysUnits(services), currentTree(services)])
      : await unitsOn(services.db, day).then((u) => [u, new OrgIndex(u)] as const);
  const todaysTree = day === now ? tree : await currentTree(services);
  authorize(actor, 'orgUnit.read', { unitId: id }, todaysTree);
  const unit = units.find((u) => u.id === id);
  if (!unit) {
    if ((await unitVersion(services.db, id)) === null) throw notFound('Enheten');
    throw new DomainError('not_found', `Enheten fanns inte den ${day}.`);
  }
  const byId = new Map(units.map((u) => [u.id, u]));
  const governingBodies = await bodiesGoverning(services.db, tree.lineage(id));
  return {
    unit,
    path: tree
      .lineage(id)
      .reverse()
      .map((uid) => ({ id: uid, name: byId.get(uid)?.name ?? '' })),
    children: tree.children(id).map((cid) => byId.get(cid) as UnitRecord),
    // The bodies table holds only the domain's kinds (see bodies/service.ts).
    bodies: sortBySwedishName(governingBodies, (b) => b.name).map((b) => ({ ...b, kind: b.kind as BodyKind })),
    states: await statesOf(services.db, id),
    can: abilities(actor, todaysTree)(id, {
      edit: 'orgUnit.write',
      history: 'history.read',
    }),
  };
}

export interface NewUnit {
  parentId: string | null;
  name: string;
  level: UnitLevel;
  code: string | null;
  managerName: string | null;
  managerUserId?: string | null;
  validFrom: IsoDate;
}

export async function createUnit(services: Services, actor: Actor, input: NewUnit, id = randomUUID()) {
  return write(services, actor, (w) => createUnitIn(services, w, input, id));
}

/** Creates a unit inside a write already under way (an import writes many in one). */
export async function createUnitIn(services: Services, w: WriteTx, input: NewUnit, id = randomUUID()) {
  const tree = await currentTree(services, w.trx);
  authorize(w.actor, 'orgUnit.write', { unitId: input.parentId }, tree);
  if (input.parentId !== null) await requireOpenOn(w.trx, input.parentId, input.validFrom, 'parentId');
  await requireFreeCode(w.trx, input.code, input.validFrom, null);
  await w.trx.insertInto('org_units').values({ id, created_at: w.now }).execute();
  await w.trx
    .insertInto('org_unit_states')
    .values({
      unit_id: id,
      valid_from: input.validFrom,
      valid_to: null,
      parent_id: input.parentId,
      name: input.name,
      level: input.level,
      code: input.code,
      manager_name: input.managerName,
      manager_user_id: input.managerUserId ?? null,
    })
    .execute();
  const after = await unitAsLatest(w.trx, id);
  // Kept indicator roll-ups follow today's tree in the same transaction (reorganisation hook).
  await syncRollupTree(w.trx, rollupTreeOn(today(services)));
  await w.record({ kind: 'org_unit.created', entity: 'org_unit', entityId: id, unitId: id, before: null, after });
  return after;
}

export interface UnitChange {
  version: number;
  /** The day from which the change holds. Earlier days keep the unit as it was. */
  effectiveFrom: IsoDate;
  name?: string;
  parentId?: string | null;
  level?: UnitLevel;
  code?: string | null;
  managerName?: string | null;
  managerUserId?: string | null;
}

/**
 * Renames, moves or otherwise changes a unit from `effectiveFrom`. A change on the day its
 * latest state began corrects that state; a later day closes it and opens a new one, so the
 * tree before that day is unchanged. Days before the latest state began cannot be rewritten.
 */
export async function updateUnit(services: Services, actor: Actor, id: string, change: UnitChange) {
  return write(services, actor, (w) => updateUnitIn(services, w, id, change));
}

/** Changes a unit inside a write already under way (an import writes many in one). */
export async function updateUnitIn(services: Services, w: WriteTx, id: string, change: UnitChange) {
  const tree = await currentTree(services, w.trx);
  authorize(w.actor, 'orgUnit.write', { unitId: id }, tree);
  const latest = await latestState(w.trx, id);
  const before = await unitAsLatest(w.trx, id);
  await bumpVersion(w.trx, 'org_units', id, change.version, () => unitAsLatest(w.trx, id));
  if (latest.validTo !== null) throw new DomainError('unprocessable', 'Enheten är avvecklad och kan inte ändras.');
  if (change.effectiveFrom < latest.validFrom)
    throw new DomainError(
      'unprocessable',
      `Ändringen kan inte gälla före ${latest.validFrom}, då enhetens nuvarande uppgifter började gälla.`,
      {
        fields: [{ field: 'effectiveFrom', message: `måste vara ${latest.validFrom} eller senare` }],
      },
    );
  const next = {
    parent_id: change.parentId === undefined ? latest.parentId : change.parentId,
    name: change.name ?? latest.name,
    level: change.level ?? latest.level,
    code: change.code === undefined ? latest.code : change.code,
    manager_name: change.managerName === undefined ? latest.managerName : change.managerName,
    manager_user_id: change.managerUserId === undefined ? latest.managerUserId : change.managerUserId,
  };
  if (next.parent_id !== latest.parentId) {
    if (next.parent_id === null)
      throw new DomainError('unprocessable', 'En enhet kan inte flyttas till toppen av trädet.', {
        fields: [{ field: 'parentId', message: 'måste anges' }],
      });
    authorize(w.actor, 'orgUnit.write', { unitId: next.parent_id }, tree);
    await requireOpenOn(w.trx, next.parent_id, change.effectiveFrom, 'parentId');
    const circle =
      next.parent_id === id ? change.effectiveFrom : await circleFrom(w.trx, id, next.parent_id, change.effectiveFrom);
    if (circle !== null)
      throw new DomainError('unprocessable', `Enheten kan inte placeras under sig själv (från ${circle}).`, {
        fields: [{ field: 'parentId', message: `ligger under enheten själv från ${circle}` }],
      });
  }
  if (next.code !== latest.code) await requireFreeCode(w.trx, next.code, change.effectiveFrom, id);
  if (change.effectiveFrom === latest.validFrom) {
    await w.trx.updateTable('org_unit_states').set(next).where('id', '=', latest.stateId).execute();
  } else {
    await w.trx
      .updateTable('org_unit_states')
      .set({ valid_to: change.effectiveFrom })
      .where('id', '=', latest.stateId)
      .execute();
    await w.trx
      .insertInto('org_unit_states')
      .values({ unit_id: id, valid_from: change.effectiveFrom, valid_to: null, ...next })
      .execute();
  }
  const after = await unitAsLatest(w.trx, id);
  await syncRollupTree(w.trx, rollupTreeOn(today(services)));
  await w.record({ kind: 'org_unit.updated', entity: 'org_unit', entityId: id, unitId: id, before, after });
  return after;
}

/**
 * The first day from `from` on which `parentId` lies below `id`, so that moving `id` under it
 * would close a circle; null when there is none. The new parent holds from `from` for good, so
 * every later day on which the tree changes (a reorganisation already dated then) is checked as
 * well as `from` itself: a move that is sound today can meet one planned for next month.
 */
async function circleFrom(db: Executor, id: string, parentId: string, from: IsoDate): Promise<IsoDate | null> {
  const { rows } = await sql<{ day: IsoDate }>`
    SELECT valid_from AS day FROM org_unit_states WHERE valid_from > ${from}
    UNION SELECT valid_to FROM org_unit_states WHERE valid_to > ${from}
    ORDER BY day`.execute(db);
  for (const day of [from, ...rows.map((r) => r.day)]) if ((await treeOn(db, day)).wouldCycle(id, parentId)) return day;
  return null;
}

/** Closes (avvecklar) a unit from `closedFrom`; it stays in the tree for earlier days. */
export async function closeUnit(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; closedFrom: IsoDate },
) {
  return write(services, actor, async (w) => {
    const tree = await currentTree(services, w.trx);
    authorize(actor, 'orgUnit.write', { unitId: id }, tree);
    const latest = await latestState(w.trx, id);
    const before = await unitAsLatest(w.trx, id);
    await bumpVersion(w.trx, 'org_units', id, input.version, () => unitAsLatest(w.trx, id));
    if (latest.validTo !== null) throw new DomainError('unprocessable', 'Enheten är redan avvecklad.');
    if (input.closedFrom <= latest.validFrom)
      throw new DomainError('unprocessable', `Avvecklingen måste gälla efter ${latest.validFrom}.`, {
        fields: [{ field: 'closedFrom', message: `måste vara efter ${latest.validFrom}` }],
      });
    const openChildren = await w.trx
      .selectFrom('org_unit_states')
      .select('unit_id')
      .where('parent_id', '=', id)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', input.closedFrom)]))
      .execute();
    if (openChildren.length > 0)
      throw new DomainError(
        'unprocessable',
        `Enheten har ${openChildren.length} underliggande enheter som gäller efter ${input.closedFrom}. Flytta eller avveckla dem först.`,
      );
    await w.trx
      .updateTable('org_unit_states')
      .set({ valid_to: input.closedFrom })
      .where('id', '=', latest.stateId)
      .execute();
    const after = await unitAsLatest(w.trx, id);
    await syncRollupTree(w.trx, rollupTreeOn(today(services)));
    await w.record({ kind: 'org_unit.closed', entity: 'org_unit', entityId: id, unitId: id, before, after });
    return after;
  });
}

async function latestState(db: Executor, id: string) {
  const states = await statesOf(db, id);
  const latest = states.at(-1);
  if (!latest) throw notFound('Enheten');
  return latest;
}

/** The unit in its latest state (which may begin in the future), with its version. */
async function unitAsLatest(db: Executor, id: string): Promise<UnitRecord> {
  const [latest, version] = await Promise.all([latestState(db, id), unitVersion(db, id)]);
  const { stateId: _s, ...state } = latest;
  return { id, version: version ?? 0, ...state };
}

/**
 * A unit placed under `unitId` from `day` stays there for good, so the parent must exist on that
 * day and not be closed from a later one: a child of a closed unit would be left outside the tree.
 */
async function requireOpenOn(db: Executor, unitId: string, day: IsoDate, field: string) {
  const units = await unitsOn(db, day);
  if (!units.some((u) => u.id === unitId))
    throw new DomainError('unprocessable', `Överordnad enhet finns inte den ${day}.`, {
      fields: [{ field, message: `finns inte den ${day}` }],
    });
  const closing = (await latestState(db, unitId)).validTo;
  if (closing !== null)
    throw new DomainError('unprocessable', `Överordnad enhet avvecklas från ${closing}.`, {
      fields: [{ field, message: `avvecklas från ${closing}` }],
    });
}

/**
 * A code given from `day` holds for good, so no other unit may have it on that day or any later
 * one: not today's holder, nor a unit that takes it from a later day. A code freed by a closing
 * or a change before `day` may be given again.
 */
async function requireFreeCode(db: Executor, code: string | null, day: IsoDate, self: string | null) {
  if (!code) return;
  const clash = await db
    .selectFrom('org_unit_states')
    .select(['name', 'valid_from'])
    .where('code', '=', code)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', day)]))
    .$if(self !== null, (q) => q.where('unit_id', '<>', self as string))
    .orderBy('valid_from')
    .executeTakeFirst();
  if (clash) {
    const from = clash.valid_from > day ? ` från ${clash.valid_from}` : '';
    throw new DomainError('conflict', `Kostnadsställe ${code} används redan av ${clash.name}${from}.`, {
      fields: [{ field: 'code', message: `används redan av ${clash.name}${from}` }],
    });
  }
}
