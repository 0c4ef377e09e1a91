import { randomUUID } from 'node:crypto';
import { DomainError, forbidden, notFound, staleVersion } from '../../domain/errors';
import type { RiskStatus } from '../../domain/risk/matrix';
import { listBodies } from '../bodies/service';
import { type Actor, type Services, systemActor } from '../core/context';
import { authorizeReadSomewhere } from '../core/read-scope';
import { mustExist } from '../core/refs';
import { type WriteTx, write } from '../core/write';
import { currentTree } from '../org/service';
import { type AssessmentInput, insertAssessment } from './assessments';
import { authorizeOn } from './guard';
import { insertLink, LINK_TABLES, type LinkRef, resolveLinks } from './links';
import {
  assessmentOut,
  assessmentRows,
  byValue,
  linkCounts,
  mayDo,
  type Risk,
  type RiskContext,
  type RiskRow,
  riskContext,
  riskOut,
  riskRows,
  targetOf,
  writeActions,
} from './records';

/** The bodies that keep a risk register of their own (a nämnd's, the styrelse's). */
const REGISTER_BODY_KINDS = new Set(['namnd', 'styrelse']);

export interface RiskScope {
  bodyId?: string;
  unitId?: string;
  includeBelow: boolean;
  status: RiskStatus | 'all';
}

/**
 * Which owners a scope covers. A unit: itself, with `includeBelow` its whole subtree. A body:
 * its own register; with `includeBelow` also its committees' and the risks of every unit it
 * governs, and for the styrelse every nämnd's (uppsikt, KL 6:1).
 */
function scopeFilter(ctx: RiskContext, scope: RiskScope): (r: RiskRow) => boolean {
  if (scope.unitId !== undefined) {
    const unitId = scope.unitId;
    if (!ctx.tree.has(unitId)) throw notFound('Enheten');
    if (!scope.includeBelow) return (r) => r.unitId === unitId;
    return (r) => r.unitId !== null && ctx.tree.has(r.unitId) && ctx.tree.isInSubtree(r.unitId, unitId);
  }
  if (scope.bodyId !== undefined) {
    const body = ctx.bodies.get(scope.bodyId);
    if (!body) throw notFound('Organet');
    if (!scope.includeBelow) return (r) => r.bodyId === body.id;
    const bodies = new Set([body.id]);
    if (body.kind === 'styrelse') for (const b of ctx.bodies.values()) if (b.kind === 'namnd') bodies.add(b.id);
    // Committees (utskott, beredningar) under any body included so far, to any depth.
    for (let grew = true; grew; ) {
      grew = false;
      for (const b of ctx.bodies.values())
        if (b.parentBodyId && bodies.has(b.parentBodyId) && !bodies.has(b.id)) {
          bodies.add(b.id);
          grew = true;
        }
    }
    const units = [...bodies].flatMap((id) => ctx.bodies.get(id)?.unitIds ?? []).filter((u) => ctx.tree.has(u));
    return (r) =>
      (r.bodyId !== null && bodies.has(r.bodyId)) ||
      (r.unitId !== null && ctx.tree.has(r.unitId) && units.some((u) => ctx.tree.isInSubtree(r.unitId as string, u)));
  }
  return () => true;
}

/** 403 unless the actor may read the register the scope names (the owner's own risks). */
function authorizeScope(actor: Actor, ctx: RiskContext, scope: RiskScope) {
  if (scope.unitId !== undefined && ctx.tree.has(scope.unitId)) {
    if (!mayDo(actor, ctx.tree, 'risk.read', { unitId: scope.unitId })) throw forbidden();
  } else if (scope.bodyId !== undefined && ctx.bodies.has(scope.bodyId)) {
    if (!mayDo(actor, ctx.tree, 'risk.read', targetOf(ctx, { bodyId: scope.bodyId, unitId: null }))) throw forbidden();
  } else authorizeReadSomewhere(actor, ctx.tree);
}

/**
 * What the actor may do with the register the scope names: add a risk to it (the permission a
 * new risk there is written under). Only a single register, a unit's or a body's, takes new risks.
 */
export async function registerAbilities(services: Services, actor: Actor, scope: RiskScope) {
  const ctx = await riskContext(services);
  const owner =
    scope.unitId !== undefined && ctx.tree.has(scope.unitId)
      ? { bodyId: null, unitId: scope.unitId }
      : scope.bodyId !== undefined && REGISTER_BODY_KINDS.has(ctx.bodies.get(scope.bodyId)?.kind ?? '')
        ? { bodyId: scope.bodyId, unitId: null }
        : null;
  return { create: owner !== null && mayDo(actor, ctx.tree, writeActions(owner).edit, targetOf(ctx, owner)) };
}

/** The risks of a scope the actor may read, highest current value first. */
export async function listRisks(services: Services, actor: Actor, scope: RiskScope): Promise<Risk[]> {
  const ctx = await riskContext(services);
  const inScope = scopeFilter(ctx, scope);
  authorizeScope(actor, ctx, scope);
  const rows = (await riskRows(services.db)).filter(
    (r) =>
      inScope(r) &&
      (scope.status === 'all' || r.status === scope.status) &&
      mayDo(actor, ctx.tree, 'risk.read', targetOf(ctx, r)),
  );
  const ids = rows.map((r) => r.id);
  const [assessments, links] = await Promise.all([assessmentRows(services.db, ids), linkCounts(services.db, ids)]);
  return rows.map((r) => riskOut(actor, ctx, r, assessments.get(r.id) ?? [], links.get(r.id) ?? 0)).sort(byValue);
}

async function readableRisk(services: Services, actor: Actor, id: string) {
  const [row] = await riskRows(services.db, [id]);
  if (!row) throw notFound('Risken');
  const ctx = await riskContext(services);
  if (!mayDo(actor, ctx.tree, 'risk.read', targetOf(ctx, row))) throw forbidden();
  return { row, ctx };
}

/** One risk with every assessment (newest first) and the links the actor may follow. */
export async function getRisk(services: Services, actor: Actor, id: string) {
  const { row, ctx } = await readableRisk(services, actor, id);
  const assessments = (await assessmentRows(services.db, [id])).get(id) ?? [];
  const linkRows = await services.db
    .selectFrom('risk_links')
    .select(['target_kind', 'target_id'])
    .where('risk_id', '=', id)
    .orderBy('created_at')
    .orderBy('target_kind')
    .orderBy('target_id')
    .execute();
  const { links, hidden } = await resolveLinks(
    services,
    actor,
    linkRows.map((l) => ({ kind: l.target_kind as 'goal' | 'measure' | 'indicator', targetId: l.target_id })),
  );
  return {
    ...riskOut(actor, ctx, row, assessments, linkRows.length),
    assessments: assessments.map((a) => assessmentOut(ctx, a)),
    links,
    hiddenLinks: hidden,
  };
}

export interface RiskFields {
  title: string;
  description: string;
  cause: string;
  consequence: string;
  process: string;
  ownerUserId: string | null;
  existingControls: string;
  plannedActions: string;
}

const columns = (f: RiskFields) => ({
  title: f.title,
  description: f.description,
  cause: f.cause,
  consequence: f.consequence,
  process: f.process,
  owner_user_id: f.ownerUserId,
  existing_controls: f.existingControls,
  planned_actions: f.plannedActions,
});

/** The risk as the history keeps it: its own fields, camelCase. */
async function recorded(w: WriteTx, id: string): Promise<RiskRow> {
  const [row] = await riskRows(w.trx, [id]);
  if (!row) throw notFound('Risken');
  return row;
}

export async function createRisk(
  services: Services,
  actor: Actor,
  input: RiskFields & { bodyId: string | null; unitId: string | null },
  id = randomUUID(),
) {
  await addRisk(services, actor, input, id);
  return getRisk(services, actor, id);
}

/**
 * Adds a risk without building the answer, in one transaction with its earlier assessments and,
 * for the system (the seed, an import), its links to existing records.
 */
export async function addRisk(
  services: Services,
  actor: Actor,
  input: RiskFields & { bodyId: string | null; unitId: string | null },
  id = randomUUID(),
  extra: { assessments?: AssessmentInput[]; systemLinks?: LinkRef[] } = {},
): Promise<string> {
  if ((input.bodyId === null) === (input.unitId === null))
    throw new DomainError('unprocessable', 'En risk hör till ett organ eller en enhet, inte båda.', {
      fields: [
        { field: input.bodyId === null ? 'unitId' : 'bodyId', message: 'ange antingen ett organ eller en enhet' },
      ],
    });
  if (input.bodyId !== null) {
    const body = (await listBodies(services, systemActor('risk'))).find((b) => b.id === input.bodyId);
    if (!body)
      throw new DomainError('unprocessable', 'Organet finns inte.', {
        fields: [{ field: 'bodyId', message: 'finns inte' }],
      });
    if (!REGISTER_BODY_KINDS.has(body.kind))
      throw new DomainError('unprocessable', 'Bara en nämnd eller styrelsen har ett eget riskregister.', {
        fields: [{ field: 'bodyId', message: 'är varken nämnd eller styrelse' }],
      });
  }
  await write(services, actor, async (w) => {
    if (input.unitId !== null) {
      await mustExist(w.trx, 'org_units', [input.unitId], 'unitId');
      if (!(await currentTree(services, w.trx)).has(input.unitId))
        throw new DomainError('unprocessable', 'Enheten är avvecklad.', {
          fields: [{ field: 'unitId', message: 'finns inte i dagens organisation' }],
        });
    }
    if (input.ownerUserId !== null) await mustExist(w.trx, 'users', [input.ownerUserId], 'ownerUserId');
    const scope = await authorizeOn(services, w, actor, input, 'edit');
    await w.trx
      .insertInto('risks')
      .values({
        id,
        version: 1,
        body_id: input.bodyId,
        unit_id: input.unitId,
        ...columns(input),
        status: 'active',
        created_at: w.now,
        updated_at: w.now,
      })
      .execute();
    await w.record({
      kind: 'risk.created',
      entity: 'risk',
      entityId: id,
      unitId: scope,
      before: null,
      after: await recorded(w, id),
    });
    for (const a of extra.assessments ?? []) await insertAssessment(w, actor, id, scope, a);
    if (extra.systemLinks?.length) {
      if (actor.kind !== 'system') throw forbidden();
      for (const l of extra.systemLinks) {
        await mustExist(w.trx, LINK_TABLES[l.kind], [l.targetId], 'targetId');
        await insertLink(w, id, scope, l);
      }
    }
  });
  return id;
}

/** Changes a risk's text, owner or status; 409 with the current risk on a stale version. */
export async function updateRisk(
  services: Services,
  actor: Actor,
  id: string,
  input: RiskFields & { version: number; status: RiskStatus },
) {
  await write(services, actor, async (w) => {
    const [before] = await riskRows(w.trx, [id]);
    if (!before) throw notFound('Risken');
    const scope = await authorizeOn(services, w, actor, before, 'edit');
    if (input.ownerUserId !== null) await mustExist(w.trx, 'users', [input.ownerUserId], 'ownerUserId');
    const changed = await w.trx
      .updateTable('risks')
      .set((eb) => ({ ...columns(input), status: input.status, updated_at: w.now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returning('id')
      .executeTakeFirst();
    if (!changed) throw staleVersion(before);
    await w.record({
      kind: 'risk.updated',
      entity: 'risk',
      entityId: id,
      unitId: scope,
      before,
      after: await recorded(w, id),
    });
  });
  return getRisk(services, actor, id);
}
