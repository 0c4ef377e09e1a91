import { randomUUID } from 'node:crypto';
import { sortBySwedishName } from '../../domain/collation';
import type { IsoDate } from '../../domain/dates';
import { DomainError, notFound } from '../../domain/errors';
import type { BodyKind } from '../../domain/org';
import { bodyScope } from '../../domain/scopes';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { authorize, bumpVersion, write } from '../core/write';
import { existingUnitIds } from '../org/reads';
import { currentTree, today } from '../org/service';

/** A political body (politiskt organ): fullmäktige, styrelse, nämnd … and the units it governs. */
export interface BodyRecord {
  id: string;
  version: number;
  name: string;
  kind: BodyKind;
  parentBodyId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  unitIds: string[];
}

async function bodyRecords(db: Executor, id?: string): Promise<BodyRecord[]> {
  let q = db.selectFrom('bodies').selectAll();
  if (id) q = q.where('id', '=', id);
  const rows = await q.execute();
  let lq = db.selectFrom('body_units').selectAll();
  if (id) lq = lq.where('body_id', '=', id);
  const links = await lq.execute();
  return rows.map((b) => ({
    id: b.id,
    version: b.version,
    name: b.name,
    kind: b.kind as BodyKind,
    parentBodyId: b.parent_body_id,
    validFrom: b.valid_from,
    validTo: b.valid_to,
    unitIds: links.filter((l) => l.body_id === b.id).map((l) => l.unit_id),
  }));
}

export async function listBodies(services: Services, actor: Actor): Promise<BodyRecord[]> {
  authorize(actor, 'body.read', { unitId: null }, await currentTree(services));
  return sortBySwedishName(await bodyRecords(services.db), (b) => b.name);
}

/**
 * The bodies as listBodies gives them, each with what the caller may give it today: a plan, a
 * decision, an assignment, a meeting. Judged on the body's scope (domain/scopes `bodyScope`) as the writes
 * are, and only for a body in office today: new records are not given to a body that is gone.
 */
export async function listedBodies(services: Services, actor: Actor) {
  const [bodies, tree] = await Promise.all([listBodies(services, actor), currentTree(services)]);
  const day = today(services);
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const can = abilities(actor, tree);
  return bodies.map((b) => {
    const inOffice = b.validFrom <= day && (b.validTo === null || b.validTo >= day);
    const may = can(
      bodyScope(b.id, (id) => byId.get(id), tree),
      {
        addPlan: 'plan.write',
        addDecision: 'decision.write',
        addAssignment: 'assignment.write',
        addMeeting: 'meeting.write',
      },
    );
    return {
      ...b,
      can: {
        addPlan: inOffice && may.addPlan,
        addDecision: inOffice && may.addDecision,
        addAssignment: inOffice && may.addAssignment,
        addMeeting: inOffice && may.addMeeting,
      },
    };
  });
}

export interface BodyInput {
  name: string;
  kind: BodyKind;
  parentBodyId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  unitIds: string[];
}

async function checkRefs(db: Executor, input: BodyInput, self: string | null) {
  if (input.parentBodyId) {
    if (input.parentBodyId === self)
      throw new DomainError('unprocessable', 'Ett organ kan inte ligga under sig självt.', {
        fields: [{ field: 'parentBodyId', message: 'är organet självt' }],
      });
    const parent = await db.selectFrom('bodies').select('id').where('id', '=', input.parentBodyId).executeTakeFirst();
    if (!parent)
      throw new DomainError('unprocessable', 'Överordnat organ finns inte.', {
        fields: [{ field: 'parentBodyId', message: 'finns inte' }],
      });
  }
  if (input.validTo !== null && input.validTo <= input.validFrom)
    throw new DomainError('unprocessable', 'Slutdatum måste vara efter startdatum.', {
      fields: [{ field: 'validTo', message: 'måste vara efter giltig från' }],
    });
  if (input.unitIds.length > 0) {
    const found = await existingUnitIds(db, input.unitIds);
    const missing = input.unitIds.filter((u) => !found.has(u));
    if (missing.length > 0)
      throw new DomainError('unprocessable', 'Någon av enheterna finns inte.', {
        fields: [{ field: 'unitIds', message: `finns inte: ${missing.join(', ')}` }],
      });
  }
}

export async function createBody(services: Services, actor: Actor, input: BodyInput, id = randomUUID()) {
  return write(services, actor, async (w) => {
    authorize(actor, 'body.write', { unitId: null }, await currentTree(services, w.trx));
    await checkRefs(w.trx, input, null);
    await w.trx
      .insertInto('bodies')
      .values({
        id,
        name: input.name,
        kind: input.kind,
        parent_body_id: input.parentBodyId,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        created_at: w.now,
      })
      .execute();
    const unitIds = [...new Set(input.unitIds)];
    if (unitIds.length > 0)
      await w.trx
        .insertInto('body_units')
        .values(unitIds.map((unit_id) => ({ body_id: id, unit_id })))
        .execute();
    const [after] = await bodyRecords(w.trx, id);
    await w.record({ kind: 'body.created', entity: 'body', entityId: id, unitId: null, before: null, after });
    return after as BodyRecord;
  });
}

export async function updateBody(services: Services, actor: Actor, id: string, input: BodyInput & { version: number }) {
  return write(services, actor, async (w) => {
    authorize(actor, 'body.write', { unitId: null }, await currentTree(services, w.trx));
    const [before] = await bodyRecords(w.trx, id);
    if (!before) throw notFound('Organet');
    await bumpVersion(w.trx, 'bodies', id, input.version, async () => (await bodyRecords(w.trx, id))[0] ?? null);
    await checkRefs(w.trx, input, id);
    await w.trx
      .updateTable('bodies')
      .set({
        name: input.name,
        kind: input.kind,
        parent_body_id: input.parentBodyId,
        valid_from: input.validFrom,
        valid_to: input.validTo,
      })
      .where('id', '=', id)
      .execute();
    await w.trx.deleteFrom('body_units').where('body_id', '=', id).execute();
    const unitIds = [...new Set(input.unitIds)];
    if (unitIds.length > 0)
      await w.trx
        .insertInto('body_units')
        .values(unitIds.map((unit_id) => ({ body_id: id, unit_id })))
        .execute();
    const [after] = await bodyRecords(w.trx, id);
    await w.record({ kind: 'body.updated', entity: 'body', entityId: id, unitId: null, before, after });
    return after as BodyRecord;
  });
}
