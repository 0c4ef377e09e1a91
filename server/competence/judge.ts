import {
  type Competence,
  type CompetenceRules,
  competentFor,
  type DecisionMaker,
  type Matter,
  requiredDecisionMaker,
} from '../../domain/competence/competent';
import { areaBodyOf, inForceOn } from '../../domain/competence/delegation';
import {
  type CompetenceRule,
  type DeciderClass,
  type MatterKind,
  matterLabel,
  measureMatter,
  planMatter,
  ruleAt,
} from '../../domain/competence/rules';
import type { IsoDate } from '../../domain/dates';
import { DomainError } from '../../domain/errors';
import { type BodyKind, OrgIndex, type UnitLevel } from '../../domain/org';
import type { DecisionKind, PlanKind } from '../../domain/steering';
import { allDelegationRows } from '../bodies/delegations';
import { bodiesWithUnits, bodyNamesByIds } from '../bodies/reads';
import type { Executor } from '../core/context';
import { delegationLevels } from '../economy/figures';
import { correctiveActionsToJudge, measureToJudge } from '../economy/reads';
import { unitsOn } from '../org/queries';
import { citation, type LinkEntity } from '../steering/decisions';
import { decidingDecisionIds, decisionsLinkedTo, goalHeads, planHeads } from '../steering/reads';

/** The rows of migration 012, typed here so that the shared schema file stays untouched. */
export type CompetenceTables = {
  competence_rules: { matter: string; valid_from: string; lowest: string; basis: string; created_at: Date };
  competence_settings: { id: number; version: number };
};
export const withCompetence = (db: Executor) => db.withTables<CompetenceTables>();

export async function competenceRules(db: Executor): Promise<CompetenceRules> {
  const [rows, delegation, orders] = await Promise.all([
    withCompetence(db).selectFrom('competence_rules').selectAll().orderBy('matter').orderBy('valid_from').execute(),
    delegationLevels(db),
    allDelegationRows(db),
  ]);
  return {
    rules: rows.map(
      (r): CompetenceRule => ({
        matter: r.matter as MatterKind,
        lowest: r.lowest as DeciderClass,
        basis: r.basis,
        validFrom: String(r.valid_from),
      }),
    ),
    delegation,
    orders,
  };
}

/** A decision as far as competence goes: who took it, when, and whether it decides at all. */
export interface DecisionFacts {
  id?: string;
  kind: DecisionKind;
  bodyId: string | null;
  officialName: string | null;
  /** The unit an official's decision is taken in (the decision's scope). */
  unitId: string | null;
  decidedOn: IsoDate;
}

/** The entities a decision can decide (have a matter); the others it only concerns. */
export const DECIDABLE: readonly LinkEntity[] = ['plan', 'goal', 'measure', 'corrective_action'];

export interface DecisionJudgement extends Competence {
  id: string;
  citation: string;
  decidedOn: IsoDate;
}

/** What a record's answer says about who decides it (requiredDecisionMaker, reason) and who did. */
export interface RecordCompetence {
  matter: MatterKind;
  matterLabel: string;
  /** Who must decide the record, in Swedish. */
  requiredDecisionMaker: string;
  /** Why, in Swedish: the rule, or the competent decision that decided it. */
  reason: string;
  /** A competent beslut names the record. */
  decided: boolean;
  /** Every beslut that names the record, each judged: an incompetent one is shown, not ignored. */
  decisions: DecisionJudgement[];
}

/**
 * Judges decisions against records, reading what it needs once: the trees of the days the
 * decisions were taken, bodies and the units they govern, the rules.
 */
export class Judge {
  private rules: Promise<CompetenceRules> | null = null;
  private readonly trees = new Map<IsoDate, Promise<{ tree: OrgIndex; levels: Map<string, UnitLevel> }>>();
  private readonly bodies = new Map<string, Promise<{ name: string; kind: BodyKind; units: string[] } | null>>();
  private readonly plans = new Map<
    string,
    { kind: string; owner_body_id: string | null; owner_unit_id: string | null; scope_unit_id: string | null }
  >();
  private readonly goalPlans = new Map<string, string>();
  private allBodies: Promise<
    { id: string; name: string; kind: BodyKind; validFrom: IsoDate; validTo: IsoDate | null; unitIds: string[] }[]
  > | null = null;

  constructor(private readonly db: Executor) {}

  loadRules() {
    this.rules ??= competenceRules(this.db);
    return this.rules;
  }

  private treeOn(day: IsoDate) {
    let t = this.trees.get(day);
    if (!t) {
      t = unitsOn(this.db, day).then((units) => ({
        tree: new OrgIndex(units),
        levels: new Map(units.map((u) => [u.id, u.level])),
      }));
      this.trees.set(day, t);
    }
    return t;
  }

  private body(id: string) {
    let b = this.bodies.get(id);
    if (!b) {
      b = bodiesWithUnits(this.db, [id]).then(([row]) =>
        row ? { name: row.name, kind: row.kind, units: row.unitIds } : null,
      );
      this.bodies.set(id, b);
    }
    return b;
  }

  /** Every body with the units it governs, read once: to find whose area a matter lies in. */
  private bodiesAll() {
    this.allBodies ??= bodiesWithUnits(this.db);
    return this.allBodies;
  }

  /** The nämnd or styrelse in whose area the lineage lies on `day` (see areaBodyOf). */
  async areaBody(
    lineage: readonly string[],
    day: IsoDate,
  ): Promise<{ id: string; name: string; kind: BodyKind } | null> {
    if (lineage.length === 0) return null;
    const bodies = (await this.bodiesAll()).filter((b) => inForceOn(b, day));
    const area = areaBodyOf(lineage, bodies);
    return area ? { id: area.id, name: area.name, kind: area.kind } : null;
  }

  async maker(d: DecisionFacts): Promise<DecisionMaker> {
    if (d.bodyId) {
      const b = await this.body(d.bodyId);
      return {
        kind: 'body',
        id: d.bodyId,
        name: b?.name ?? 'Organet',
        bodyKind: b?.kind ?? 'beredning',
        governedUnitIds: b?.units ?? [],
      };
    }
    const { levels } = await this.treeOn(d.decidedOn);
    return {
      kind: 'official',
      name: d.officialName ?? 'Tjänstepersonen',
      unitId: d.unitId,
      unitLevel: d.unitId ? (levels.get(d.unitId) ?? null) : null,
    };
  }

  private async lineage(unitId: string | null, day: IsoDate): Promise<string[]> {
    if (!unitId) return [];
    const { tree } = await this.treeOn(day);
    return tree.has(unitId) ? tree.lineage(unitId) : [unitId];
  }

  /** Reads many plans or goals at once, so that judging a list costs a few queries, not one per row. */
  async prime(entity: LinkEntity, ids: readonly string[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    let planIds = unique;
    if (entity === 'goal') {
      const goals = await goalHeads(this.db, unique);
      for (const [id, g] of goals) this.goalPlans.set(id, g.planId);
      planIds = [...new Set([...goals.values()].map((g) => g.planId))];
    } else if (entity !== 'plan') return;
    for (const [id, p] of await planHeads(this.db, planIds)) this.plans.set(id, p);
  }

  private async planMatter(planId: string, day: IsoDate): Promise<Matter | null> {
    const p = this.plans.get(planId) ?? (await planHeads(this.db, [planId])).get(planId);
    if (!p) return null;
    const owner = p.owner_body_id ? await this.body(p.owner_body_id) : null;
    return {
      kind: planMatter(p.kind as PlanKind),
      unitLineage: await this.lineage(p.owner_unit_id ?? p.scope_unit_id, day),
      ownerBody: owner && p.owner_body_id ? { id: p.owner_body_id, name: owner.name, kind: owner.kind } : null,
      amountKr: null,
    };
  }

  /** The matter of a record, judged on the tree of `day`, with the body whose area it is in. */
  async matter(entity: LinkEntity, id: string, day: IsoDate): Promise<Matter | null> {
    const m = await this.bareMatter(entity, id, day);
    return m ? { ...m, areaBody: await this.areaBody(m.unitLineage, day) } : null;
  }

  /** The matter of a record, judged on the tree of `day`; null for a record no decision decides. */
  private async bareMatter(entity: LinkEntity, id: string, day: IsoDate): Promise<Matter | null> {
    if (entity === 'plan') return this.planMatter(id, day);
    if (entity === 'goal') {
      const planId = this.goalPlans.get(id) ?? (await goalHeads(this.db, [id])).get(id)?.planId;
      return planId ? this.planMatter(planId, day) : null;
    }
    if (entity === 'measure') {
      const m = await measureToJudge(this.db, id);
      if (!m) return null;
      return {
        kind: measureMatter(m.category),
        unitLineage: await this.lineage(m.ownerUnitId, day),
        ownerBody: null,
        amountKr: m.amountKr,
      };
    }
    if (entity === 'corrective_action') {
      const a = (await correctiveActionsToJudge(this.db, [id])).get(id);
      if (!a) return null;
      return {
        kind: 'corrective_action',
        unitLineage: await this.lineage(a.ownerUnitId, day),
        ownerBody: null,
        amountKr: a.amountKr,
      };
    }
    return null;
  }

  /** Whether the decision's maker may decide the record; null when it decides nothing there. */
  async judge(d: DecisionFacts, entity: LinkEntity, id: string): Promise<Competence | null> {
    if (d.kind !== 'beslut' || !DECIDABLE.includes(entity)) return null;
    const matter = await this.matter(entity, id, d.decidedOn);
    if (!matter) return null;
    return competentFor(matter, await this.maker(d), await this.loadRules(), d.decidedOn);
  }

  /**
   * Throws 422 naming `field` unless the decision's maker is competent for the record: a
   * decision decides only what its maker may decide, so citing it elsewhere is refused.
   */
  async mustBeCompetent(d: DecisionFacts, entity: LinkEntity, id: string, field: string): Promise<void> {
    const res = await this.judge(d, entity, id);
    if (res && !res.competent)
      throw new DomainError('unprocessable', `Beslutet kan inte avgöra detta. ${res.reason}`, {
        fields: [{ field, message: `${res.reason} Beslutas av: ${res.required}.` }],
      });
  }

  /** The record's competence answer: who must decide, why, and each beslut naming it judged. */
  async record(entity: LinkEntity, id: string, today: IsoDate): Promise<RecordCompetence | null> {
    const matter = await this.matter(entity, id, today);
    if (!matter) return null;
    const rules = await this.loadRules();
    const rows = (await decisionsLinkedTo(this.db, entity, [id]))
      .map((l) => l.decision)
      .filter((d) => d.kind === 'beslut')
      .sort((a, b) => (a.decidedOn === b.decidedOn ? (a.id < b.id ? -1 : 1) : a.decidedOn < b.decidedOn ? -1 : 1));
    const bodyNames = await bodyNamesByIds(
      this.db,
      rows.map((r) => r.bodyId),
    );
    const decisions: DecisionJudgement[] = [];
    for (const r of rows) {
      const facts: DecisionFacts = {
        id: r.id,
        kind: 'beslut',
        bodyId: r.bodyId,
        officialName: r.officialName,
        unitId: r.scopeUnitId,
        decidedOn: String(r.decidedOn),
      };
      const res = (await this.judge(facts, entity, id)) as Competence;
      decisions.push({
        ...res,
        id: r.id,
        decidedOn: facts.decidedOn,
        citation: citation({
          bodyName: r.bodyId === null ? null : (bodyNames.get(r.bodyId) ?? null),
          officialName: r.officialName,
          decidedOn: facts.decidedOn,
          paragraph: r.paragraph,
          diarienummer: r.diarienummer,
        }),
      });
    }
    // A plan is decided by the decision of a decided version, a goal's wording by its newest wording's.
    const deciding = entity === 'plan' || entity === 'goal' ? await decidingDecisionIds(this.db, entity, id) : null;
    const competent = decisions.filter((d) => d.competent && (!deciding || deciding.has(d.id))).at(-1);
    const rule = ruleAt(rules.rules, matter.kind, today);
    const required = requiredDecisionMaker(matter, rules, today);
    return {
      matter: matter.kind,
      matterLabel: matterLabel(matter.kind),
      requiredDecisionMaker: required,
      reason: competent
        ? `Beslutat av ${competent.citation}. ${competent.reason}`
        : `${matterLabel(matter.kind)} beslutas av ${required.charAt(0).toLowerCase()}${required.slice(1)}. ${rule.basis}`,
      decided: !!competent,
      decisions,
    };
  }
}

/**
 * Which (record, decision) pairs are competent: the decision's maker may decide the record.
 * Keys are `${entityId}:${decisionId}`; a pair whose decision decides nothing there is left out.
 */
export async function competentPairs(
  db: Executor,
  entity: LinkEntity,
  pairs: readonly { entityId: string; decision: DecisionFacts & { id: string } }[],
): Promise<Set<string>> {
  const judge = new Judge(db);
  await judge.prime(
    entity,
    pairs.map((p) => p.entityId),
  );
  const out = new Set<string>();
  for (const { entityId, decision } of pairs) {
    const key = `${entityId}:${decision.id}`;
    if (out.has(key)) continue;
    if ((await judge.judge(decision, entity, entityId))?.competent) out.add(key);
  }
  return out;
}

/**
 * The records a decision's own link decides: a measure or a corrective action is decided by the
 * beslut that names it. A plan is decided through its version (decide), a goal's wording through
 * the wording's decision; a link to either from the register says only what a decision concerns
 * (a board approving a follow-up report on a plan), so it is judged where it decides, not here.
 */
export const DECIDED_BY_LINK: readonly LinkEntity[] = ['measure', 'corrective_action'];

/** 422 naming `links.N` unless a beslut's maker is competent for every record its links decide. */
export async function mustDecideItsLinks(
  db: Executor,
  decision: DecisionFacts,
  links: readonly { entity: LinkEntity; entityId: string }[],
): Promise<void> {
  const judge = new Judge(db);
  for (const [i, l] of links.entries())
    if (DECIDED_BY_LINK.includes(l.entity)) await judge.mustBeCompetent(decision, l.entity, l.entityId, `links.${i}`);
}
