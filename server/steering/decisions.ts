import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { IsoDate } from '../../domain/dates';
import { DomainError, forbidden, notFound } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import type { DecisionKind } from '../../domain/steering';
import { bodyNamesByIds } from '../bodies/reads';
import { scopeOfBody } from '../bodies/scope';
import { mustDecideItsLinks } from '../competence/judge';
import type { Actor, Executor, Services } from '../core/context';
import { authorizeReadSomewhere, readableInherited } from '../core/read-scope';
import { mustExist } from '../core/refs';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { currentTree } from '../org/service';
import { type DecisionSchema, LINK_ENTITIES } from './schemas';

export { LINK_ENTITIES };
export type LinkEntity = (typeof LINK_ENTITIES)[number];

/** A beslut, uppdrag or informationsärende, with what it concerns. */
export type DecisionRecord = z.infer<typeof DecisionSchema>;

/** How a decision is cited beside what it concerns: "Regionfullmäktige 2024-11-26 § 123 (RS/577/2024)". */
export const citation = (
  d: Pick<DecisionRecord, 'bodyName' | 'officialName' | 'decidedOn' | 'paragraph' | 'diarienummer'>,
) =>
  [
    d.bodyName ?? d.officialName,
    d.decidedOn,
    d.paragraph ? `§ ${d.paragraph}` : null,
    d.diarienummer ? `(${d.diarienummer})` : null,
  ]
    .filter(Boolean)
    .join(' ');

export async function decisionRecords(
  db: Executor,
  filter: { ids?: readonly string[]; entity?: LinkEntity; entityId?: string } = {},
): Promise<(DecisionRecord & { scopeUnitId: string | null })[]> {
  let q = db.selectFrom('decisions as d').selectAll('d');
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('d.id', 'in', [...filter.ids]);
  }
  if (filter.entity && filter.entityId) {
    const { entity, entityId } = filter;
    q = q.where('d.id', 'in', (eb) =>
      eb
        .selectFrom('decision_links')
        .select('decision_id')
        .where('entity', '=', entity)
        .where('entity_id', '=', entityId),
    );
  }
  const rows = await q.orderBy('d.decided_on', 'desc').orderBy('d.id').execute();
  if (rows.length === 0) return [];
  const bodyNames = await bodyNamesByIds(
    db,
    rows.map((r) => r.body_id),
  );
  const links = await db
    .selectFrom('decision_links')
    .selectAll()
    .where(
      'decision_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    kind: r.kind as DecisionKind,
    bodyId: r.body_id,
    bodyName: r.body_id === null ? null : (bodyNames.get(r.body_id) ?? null),
    officialName: r.official_name,
    decidedOn: r.decided_on,
    paragraph: r.paragraph,
    diarienummer: r.diarienummer,
    title: r.title,
    text: r.text,
    scopeUnitId: r.scope_unit_id,
    links: links
      .filter((l) => l.decision_id === r.id)
      .map((l) => ({ entity: l.entity as LinkEntity, entityId: l.entity_id })),
  }));
}

const strip = <T extends { scopeUnitId: string | null }>({ scopeUnitId: _, ...rest }: T) => rest;

/** The register, searchable on title, text, diarienummer and §; newest first. */
export async function listDecisions(
  services: Services,
  actor: Actor,
  query: { q?: string; kind?: DecisionKind; bodyId?: string; entity?: LinkEntity; entityId?: string },
): Promise<DecisionRecord[]> {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  const may = readableInherited(actor, tree);
  const needle = query.q?.trim().toLocaleLowerCase('sv');
  return (await decisionRecords(services.db, { entity: query.entity, entityId: query.entityId }))
    .filter((d) => may(d.scopeUnitId))
    .filter((d) => !query.kind || d.kind === query.kind)
    .filter((d) => !query.bodyId || d.bodyId === query.bodyId)
    .filter(
      (d) =>
        !needle ||
        [d.title, d.text, d.diarienummer ?? '', d.paragraph ?? '', d.bodyName ?? '', d.officialName ?? '']
          .join(' ')
          .toLocaleLowerCase('sv')
          .includes(needle),
    )
    .map(strip);
}

export async function getDecision(services: Services, actor: Actor, id: string): Promise<DecisionRecord> {
  const [d] = await decisionRecords(services.db, { ids: [id] });
  if (!d) throw notFound('Beslutet');
  if (!readableInherited(actor, await currentTree(services))(d.scopeUnitId)) throw forbidden();
  return strip(d);
}

export interface DecisionInput {
  kind: DecisionKind;
  bodyId: string | null;
  officialName: string | null;
  /** For an official's decision: the unit it is taken in. */
  unitId: string | null;
  decidedOn: IsoDate;
  paragraph: string | null;
  diarienummer: string | null;
  title: string;
  text: string;
  links: { entity: LinkEntity; entityId: string }[];
}

const LINK_TABLES = {
  plan: 'plans',
  goal: 'goals',
  assignment: 'assignments',
  indicator: 'indicators',
  activity: 'activities',
  measure: 'measures',
  corrective_action: 'corrective_actions',
} as const;

async function checkDecision(db: Executor, input: DecisionInput) {
  if (!input.bodyId && !input.officialName)
    throw new DomainError('unprocessable', 'Ett beslut fattas av ett organ eller en tjänsteperson.', {
      fields: [{ field: 'bodyId', message: 'ange organet eller tjänstepersonen som beslutade' }],
    });
  if (input.bodyId) await mustExist(db, 'bodies', [input.bodyId], 'bodyId');
  if (input.unitId) await mustExist(db, 'org_units', [input.unitId], 'unitId');
  for (const entity of LINK_ENTITIES) {
    const ids = input.links.filter((l) => l.entity === entity).map((l) => l.entityId);
    await mustExist(db, LINK_TABLES[entity], ids, 'links');
  }
  await mustDecideItsLinks(db, input, input.links);
}

async function scopeOf(db: Executor, input: DecisionInput, tree: OrgIndex) {
  return input.bodyId ? await scopeOfBody(db, input.bodyId, tree) : input.unitId;
}

async function writeLinks(db: Executor, id: string, links: DecisionInput['links']) {
  await db.deleteFrom('decision_links').where('decision_id', '=', id).execute();
  const unique = [...new Map(links.map((l) => [`${l.entity}:${l.entityId}`, l])).values()];
  if (unique.length > 0)
    await db
      .insertInto('decision_links')
      .values(unique.map((l) => ({ decision_id: id, entity: l.entity, entity_id: l.entityId })))
      .execute();
}

export async function createDecision(services: Services, actor: Actor, input: DecisionInput, id = randomUUID()) {
  return write(services, actor, (w) => createDecisionIn(services, w, input, id));
}

/** Registers a decision inside a write that does more (e.g. a meeting's minutes). */
export async function createDecisionIn(services: Services, w: WriteTx, input: DecisionInput, id = randomUUID()) {
  await checkDecision(w.trx, input);
  const tree = await currentTree(services, w.trx);
  const scope = await scopeOf(w.trx, input, tree);
  authorize(w.actor, 'decision.write', { unitId: scope }, tree);
  await w.trx
    .insertInto('decisions')
    .values({
      id,
      kind: input.kind,
      body_id: input.bodyId,
      official_name: input.officialName,
      scope_unit_id: scope,
      decided_on: input.decidedOn,
      paragraph: input.paragraph,
      diarienummer: input.diarienummer,
      title: input.title,
      text: input.text,
      created_at: w.now,
    })
    .execute();
  await writeLinks(w.trx, id, input.links);
  const [after] = await decisionRecords(w.trx, { ids: [id] });
  await w.record({ kind: 'decision.created', entity: 'decision', entityId: id, unitId: scope, before: null, after });
  return strip(after as DecisionRecord & { scopeUnitId: string | null });
}

export async function updateDecision(
  services: Services,
  actor: Actor,
  id: string,
  input: DecisionInput & { version: number },
) {
  return write(services, actor, async (w) => {
    const [before] = await decisionRecords(w.trx, { ids: [id] });
    if (!before) throw notFound('Beslutet');
    const tree = await currentTree(services, w.trx);
    authorize(actor, 'decision.write', { unitId: before.scopeUnitId }, tree);
    await checkDecision(w.trx, input);
    const scope = await scopeOf(w.trx, input, tree);
    authorize(actor, 'decision.write', { unitId: scope }, tree);
    await bumpVersion(
      w.trx,
      'decisions',
      id,
      input.version,
      async () => (await decisionRecords(w.trx, { ids: [id] }))[0] ?? null,
    );
    await w.trx
      .updateTable('decisions')
      .set({
        kind: input.kind,
        body_id: input.bodyId,
        official_name: input.officialName,
        scope_unit_id: scope,
        decided_on: input.decidedOn,
        paragraph: input.paragraph,
        diarienummer: input.diarienummer,
        title: input.title,
        text: input.text,
      })
      .where('id', '=', id)
      .execute();
    await writeLinks(w.trx, id, input.links);
    const [after] = await decisionRecords(w.trx, { ids: [id] });
    await w.record({ kind: 'decision.updated', entity: 'decision', entityId: id, unitId: scope, before, after });
    return strip(after as DecisionRecord & { scopeUnitId: string | null });
  });
}

/** Links a decision to a record it concerns, inside a write already under way. */
export async function linkDecision(db: Executor, decisionId: string, entity: LinkEntity, entityId: string) {
  await db
    .insertInto('decision_links')
    .values({ decision_id: decisionId, entity, entity_id: entityId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
