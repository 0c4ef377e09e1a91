import {
  DECIDER_CLASS_LABELS,
  type DeciderClass,
  deciderRank,
  LEGAL_FLOORS,
  MATTERS,
  type MatterKind,
  matterLabel,
  rulesInForce,
} from '../../domain/competence/rules';
import { type IsoDate, swedishDate } from '../../domain/dates';
import { DomainError, forbidden, notFound, staleVersion } from '../../domain/errors';
import type { Actor, Executor, Services } from '../core/context';
import { authorizeReadSomewhere, readableInherited } from '../core/read-scope';
import { authorize, write } from '../core/write';
import { correctiveActionsToJudge, measureHeads } from '../economy/reads';
import { currentTree } from '../org/service';
import type { LinkEntity } from '../steering/decisions';
import { goalHeads, planHeads } from '../steering/reads';
import { competenceRules, Judge, type RecordCompetence, withCompetence } from './judge';

export interface RuleView {
  matter: MatterKind;
  matterLabel: string;
  lowest: DeciderClass;
  lowestLabel: string;
  basis: string;
  validFrom: IsoDate;
}

export interface CompetenceRulesView {
  version: number;
  /** The rule in force today for each matter. */
  inForce: RuleView[];
  /** Every rule the region ever had, by matter and day: older decisions are judged by these. */
  all: RuleView[];
}

const view = (r: { matter: MatterKind; lowest: DeciderClass; basis: string; validFrom: IsoDate }): RuleView => ({
  ...r,
  matterLabel: matterLabel(r.matter),
  lowestLabel: DECIDER_CLASS_LABELS[r.lowest],
});

async function rulesView(db: Executor, today: IsoDate): Promise<CompetenceRulesView> {
  const [{ rules }, settings] = await Promise.all([
    competenceRules(db),
    withCompetence(db).selectFrom('competence_settings').select('version').where('id', '=', 1).executeTakeFirst(),
  ]);
  return { version: settings?.version ?? 1, inForce: rulesInForce(rules, today).map(view), all: rules.map(view) };
}

const todayOf = (services: Services) => swedishDate(services.clock.now());

/** The competence rules are shared knowledge: whoever reads steering data somewhere reads them. */
export async function listCompetenceRules(services: Services, actor: Actor): Promise<CompetenceRulesView> {
  authorizeReadSomewhere(actor, await currentTree(services));
  return rulesView(services.db, todayOf(services));
}

export interface CompetenceRulesChange {
  version: number;
  /** The day the changed rules hold from: today or later, so earlier decisions keep their judgement. */
  validFrom: IsoDate;
  rules: { matter: MatterKind; lowest: DeciderClass; basis: string }[];
}

/** Changes rules from a day on; the system owner (administrator for the whole tree) keeps them. */
export async function setCompetenceRules(services: Services, actor: Actor, change: CompetenceRulesChange) {
  return write(services, actor, async (w) => {
    authorize(actor, 'body.write', { unitId: null }, await currentTree(services, w.trx));
    const today = swedishDate(w.now);
    if (change.validFrom < today)
      throw new DomainError('unprocessable', 'En ändrad regel gäller från i dag eller senare, aldrig bakåt.', {
        fields: [{ field: 'validFrom', message: `är före i dag (${today})` }],
      });
    for (const [i, r] of change.rules.entries()) {
      const floor = LEGAL_FLOORS[r.matter];
      if (floor && deciderRank(r.lowest) < deciderRank(floor))
        throw new DomainError(
          'unprocessable',
          `${matterLabel(r.matter)} kan enligt kommunallagen inte beslutas lägre än av ${DECIDER_CLASS_LABELS[floor].toLowerCase()}.`,
          { fields: [{ field: `rules.${i}.lowest`, message: `lägst ${floor} enligt kommunallagen` }] },
        );
      if (change.rules.findIndex((x) => x.matter === r.matter) !== i)
        throw new DomainError('unprocessable', 'Varje ärendeslag får bara finnas en gång.', {
          fields: [{ field: `rules.${i}.matter`, message: 'finns redan i listan' }],
        });
    }
    const db = withCompetence(w.trx);
    const before = await rulesView(w.trx, today);
    const bumped = await db
      .updateTable('competence_settings')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', 1)
      .where('version', '=', change.version)
      .returning('version')
      .executeTakeFirst();
    if (!bumped) throw staleVersion(before);
    for (const r of change.rules)
      await db
        .insertInto('competence_rules')
        .values({ matter: r.matter, valid_from: change.validFrom, lowest: r.lowest, basis: r.basis, created_at: w.now })
        .onConflict((oc) =>
          oc.columns(['matter', 'valid_from']).doUpdateSet({ lowest: r.lowest, basis: r.basis, created_at: w.now }),
        )
        .execute();
    const after = await rulesView(w.trx, today);
    await w.record({
      kind: 'competence.updated',
      entity: 'competence',
      entityId: 'rules',
      unitId: null,
      before,
      after: { ...after, changed: change },
    });
    return after;
  });
}

/** The unit a record belongs to, for reading its competence answer. */
async function unitOf(db: Executor, entity: LinkEntity, id: string): Promise<{ unitId: string | null } | null> {
  if (entity === 'plan') {
    const p = (await planHeads(db, [id])).get(id);
    return p ? { unitId: p.scope_unit_id } : null;
  }
  if (entity === 'goal') {
    const g = (await goalHeads(db, [id])).get(id);
    return g ? { unitId: g.ownerUnitId } : null;
  }
  if (entity === 'measure') {
    const m = (await measureHeads(db, [id])).get(id);
    return m ? { unitId: m.ownerUnitId } : null;
  }
  if (entity === 'corrective_action') {
    const a = (await correctiveActionsToJudge(db, [id])).get(id);
    return a ? { unitId: a.ownerUnitId } : null;
  }
  return null;
}

/** Who must decide a plan, goal, measure or corrective action, and each beslut naming it, judged. */
export async function recordCompetence(
  services: Services,
  actor: Actor,
  entity: LinkEntity,
  id: string,
): Promise<RecordCompetence> {
  const found = await unitOf(services.db, entity, id);
  if (!found) throw notFound('Posten');
  if (!readableInherited(actor, await currentTree(services))(found.unitId)) throw forbidden();
  const res = await new Judge(services.db).record(entity, id, todayOf(services));
  if (!res) throw notFound('Posten');
  return res;
}

export { MATTERS };
