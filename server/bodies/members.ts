import { randomUUID } from 'node:crypto';
import { compareSwedish } from '../../domain/collation';
import type { IsoDate } from '../../domain/dates';
import { DomainError, notFound, staleVersion } from '../../domain/errors';
import type { BodyKind } from '../../domain/org';
import { MEMBER_ROLES, type MemberRole } from '../../domain/permissions/bodies';
import type { Actor, Executor, Services } from '../core/context';
import { authorize, write } from '../core/write';
import { currentTree } from '../org/service';
import { accountNamesOf } from '../users/reads';
import { withBodyTables } from './tables';

export { MEMBER_ROLES, type MemberRole };

/** A seat in a body (ordförande, ledamot, ersättare …) from a day, to a day (exclusive). */
export interface MemberRecord {
  id: string;
  version: number;
  bodyId: string;
  userId: string;
  displayName: string;
  username: string;
  role: MemberRole;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

async function members(db: Executor, where: { bodyId?: string; id?: string }): Promise<MemberRecord[]> {
  let q = withBodyTables(db)
    .selectFrom('body_members as m')
    .select(['m.id', 'm.version', 'm.body_id', 'm.user_id', 'm.role', 'm.valid_from', 'm.valid_to']);
  if (where.bodyId) q = q.where('m.body_id', '=', where.bodyId);
  if (where.id) q = q.where('m.id', '=', where.id);
  const rows = await q.execute();
  const accounts = await accountNamesOf(
    db,
    rows.map((r) => r.user_id),
  );
  return rows
    .flatMap((r) => {
      const account = accounts.get(r.user_id);
      if (!account) return [];
      const record: MemberRecord = {
        id: r.id,
        version: r.version,
        bodyId: r.body_id,
        userId: r.user_id,
        displayName: account.displayName,
        username: account.username,
        role: r.role as MemberRole,
        validFrom: String(r.valid_from),
        validTo: r.valid_to === null ? null : String(r.valid_to),
      };
      return [record];
    })
    .sort(
      (a, b) =>
        (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0) ||
        compareSwedish(a.displayName, b.displayName) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** Who sits in a body is public knowledge, like the bodies themselves. */
export async function listMembers(services: Services, actor: Actor, bodyId: string): Promise<MemberRecord[]> {
  authorize(actor, 'body.read', { unitId: null }, await currentTree(services));
  const body = await services.db.selectFrom('bodies').select('id').where('id', '=', bodyId).executeTakeFirst();
  if (!body) throw notFound('Organet');
  return members(services.db, { bodyId });
}

export interface MemberInput {
  userId: string;
  role: MemberRole;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

function checkDates(input: { validFrom: IsoDate; validTo: IsoDate | null }) {
  if (input.validTo !== null && input.validTo <= input.validFrom)
    throw new DomainError('unprocessable', 'Slutdatum måste vara efter startdatum.', {
      fields: [{ field: 'validTo', message: 'måste vara efter giltig från' }],
    });
}

export async function addMember(
  services: Services,
  actor: Actor,
  bodyId: string,
  input: MemberInput,
  id = randomUUID(),
): Promise<MemberRecord> {
  return write(services, actor, async (w) => {
    authorize(actor, 'body.write', { unitId: null }, await currentTree(services, w.trx));
    const body = await w.trx.selectFrom('bodies').select('id').where('id', '=', bodyId).executeTakeFirst();
    if (!body) throw notFound('Organet');
    if (!(await accountNamesOf(w.trx, [input.userId])).has(input.userId))
      throw new DomainError('unprocessable', 'Användaren finns inte.', {
        fields: [{ field: 'userId', message: 'finns inte' }],
      });
    checkDates(input);
    await withBodyTables(w.trx)
      .insertInto('body_members')
      .values({
        id,
        version: 1,
        body_id: bodyId,
        user_id: input.userId,
        role: input.role,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        created_at: w.now,
      })
      .execute();
    const [after] = await members(w.trx, { id });
    await w.record({
      kind: 'body_member.added',
      entity: 'body_member',
      entityId: id,
      unitId: null,
      before: null,
      after,
    });
    return after as MemberRecord;
  });
}

/** Changes a seat's role or dates (ending it is setting `validTo`); the history keeps what it was. */
export async function updateMember(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; role: MemberRole; validFrom: IsoDate; validTo: IsoDate | null },
): Promise<MemberRecord> {
  return write(services, actor, async (w) => {
    authorize(actor, 'body.write', { unitId: null }, await currentTree(services, w.trx));
    const [before] = await members(w.trx, { id });
    if (!before) throw notFound('Ledamoten');
    checkDates(input);
    const bumped = await withBodyTables(w.trx)
      .updateTable('body_members')
      .set((eb) => ({
        role: input.role,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) === 0) throw staleVersion(before);
    const [after] = await members(w.trx, { id });
    await w.record({ kind: 'body_member.updated', entity: 'body_member', entityId: id, unitId: null, before, after });
    return after as MemberRecord;
  });
}

/** A seat of the signed-in user, with the body's name and what it governs (for `/api/me`). */
export interface Seat {
  bodyId: string;
  bodyName: string;
  bodyKind: BodyKind;
  role: MemberRole;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  /** The units the body governs; a committee's are those of the body above it. */
  unitIds: string[];
}

/**
 * The seats `userId` holds on `day` or later (ended seats are history, not "sits in"). The web
 * shows them and builds its principal's memberships from them, as the server does from the
 * same rows.
 */
export async function seatsOf(db: Executor, userId: string, day: IsoDate): Promise<Seat[]> {
  const rows = await withBodyTables(db)
    .selectFrom('body_members as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select(['m.body_id', 'b.name', 'b.kind', 'b.parent_body_id', 'm.role', 'm.valid_from', 'm.valid_to'])
    .where('m.user_id', '=', userId)
    .where((eb) => eb.or([eb('m.valid_to', 'is', null), eb('m.valid_to', '>', day)]))
    .orderBy('m.valid_from')
    .orderBy('b.name')
    .execute();
  if (rows.length === 0) return [];
  const links = await db.selectFrom('body_units').select(['body_id', 'unit_id']).execute();
  const unitsOf = (id: string | null) => links.filter((l) => l.body_id === id).map((l) => l.unit_id);
  return rows.map((r) => {
    const own = unitsOf(r.body_id);
    return {
      bodyId: r.body_id,
      bodyName: r.name,
      bodyKind: r.kind as BodyKind,
      role: r.role as MemberRole,
      validFrom: String(r.valid_from),
      validTo: r.valid_to === null ? null : String(r.valid_to),
      unitIds: own.length > 0 ? own : unitsOf(r.parent_body_id),
    };
  });
}
