import { DomainError, notFound } from '../../domain/errors';
import type { RiskLinkKind } from '../../domain/risk/matrix';
import type { Actor, Services } from '../core/context';
import { mustExist } from '../core/refs';
import { type WriteTx, write } from '../core/write';
import { getMeasure } from '../economy/measures';
import { today } from '../org/service';
import { getGoal } from '../steering/goals';
import { getIndicator } from '../steering/indicators';
import { authorizeOn } from './guard';
import { riskRows } from './records';

export interface LinkRef {
  kind: RiskLinkKind;
  targetId: string;
}

/**
 * The title of a linked record as its owner answers it to `actor`, or null when the record is
 * gone or the actor may not read it: the owners' own reads decide, so a link never shows what
 * the owner's page would refuse.
 */
async function titleFor(services: Services, actor: Actor, ref: LinkRef): Promise<string | null> {
  try {
    if (ref.kind === 'goal') return (await getGoal(services, actor, ref.targetId)).title;
    if (ref.kind === 'indicator') return (await getIndicator(services, actor, ref.targetId)).name;
    // A measure is read with a month's figures; the title is the same in every month.
    return (await getMeasure(services, actor, ref.targetId, today(services).slice(0, 7))).title;
  } catch (err) {
    if (err instanceof DomainError) return null;
    throw err;
  }
}

/** The links the actor may follow, with titles, and how many they may not. */
export async function resolveLinks(services: Services, actor: Actor, refs: readonly LinkRef[]) {
  const titles = await Promise.all(refs.map((r) => titleFor(services, actor, r)));
  const links = refs.flatMap((r, i) => (titles[i] === null ? [] : [{ ...r, title: titles[i] as string }]));
  return { links, hidden: refs.length - links.length };
}

export const LINK_TABLES = { goal: 'goals', measure: 'measures', indicator: 'indicators' } as const;

const unreadable = () =>
  new DomainError('unprocessable', 'Posten finns inte, eller så får du inte läsa den.', {
    fields: [{ field: 'targetId', message: 'finns inte eller får inte läsas' }],
  });

/** Links a risk to a goal, measure or indicator the actor may read (what the risk threatens). */
export async function linkRisk(services: Services, actor: Actor, riskId: string, ref: LinkRef) {
  // Read through the owner's service, outside the write's transaction. The system reads
  // everything, so for it (the seed, an import) the record need only exist.
  let title: string | null = '';
  if (actor.kind === 'system') await mustExist(services.db, LINK_TABLES[ref.kind], [ref.targetId], 'targetId');
  else title = await titleFor(services, actor, ref);
  await write(services, actor, async (w) => {
    const [risk] = await riskRows(w.trx, [riskId]);
    if (!risk) throw notFound('Risken');
    const scope = await authorizeOn(services, w, actor, risk, 'edit');
    if (title === null) throw unreadable();
    await insertLink(w, riskId, scope, ref);
  });
  return { kind: ref.kind, targetId: ref.targetId, title: title as string };
}

export async function unlinkRisk(services: Services, actor: Actor, riskId: string, ref: LinkRef) {
  await write(services, actor, async (w) => {
    const [risk] = await riskRows(w.trx, [riskId]);
    if (!risk) throw notFound('Risken');
    const scope = await authorizeOn(services, w, actor, risk, 'edit');
    const gone = await w.trx
      .deleteFrom('risk_links')
      .where('risk_id', '=', riskId)
      .where('target_kind', '=', ref.kind)
      .where('target_id', '=', ref.targetId)
      .returning('risk_id')
      .executeTakeFirst();
    if (!gone) throw notFound('Kopplingen');
    await w.record({
      kind: 'risk.unlinked',
      entity: 'risk',
      entityId: riskId,
      unitId: scope,
      before: { riskId, kind: ref.kind, targetId: ref.targetId },
      after: null,
    });
  });
}

/** The link's row and history inside a write whose caller has authorised it and checked the target. */
export async function insertLink(w: WriteTx, riskId: string, scope: string | null, ref: LinkRef) {
  const existing = await w.trx
    .selectFrom('risk_links')
    .select('risk_id')
    .where('risk_id', '=', riskId)
    .where('target_kind', '=', ref.kind)
    .where('target_id', '=', ref.targetId)
    .executeTakeFirst();
  if (existing) throw new DomainError('conflict', 'Risken är redan kopplad till posten.');
  await w.trx
    .insertInto('risk_links')
    .values({ risk_id: riskId, target_kind: ref.kind, target_id: ref.targetId, created_at: w.now })
    .execute();
  await w.record({
    kind: 'risk.linked',
    entity: 'risk',
    entityId: riskId,
    unitId: scope,
    before: null,
    after: { riskId, kind: ref.kind, targetId: ref.targetId },
  });
}
