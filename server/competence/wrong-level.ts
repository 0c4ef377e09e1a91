import { type MatterKind, matterLabel, ruleAt } from '../../domain/competence/rules';
import type { IsoDate } from '../../domain/dates';
import type { Actor, Services } from '../core/context';
import { authorizeReadSomewhere, readable } from '../core/read-scope';
import { currentTree } from '../org/service';
import { citation, type LinkEntity } from '../steering/decisions';
import { type DecisionFacts, Judge } from './judge';

/** A beslut whose maker was not competent for the record it decides (fel beslutsnivå). */
export interface WrongLevelDecision {
  decisionId: string;
  citation: string;
  decisionTitle: string;
  decidedOn: IsoDate;
  entity: LinkEntity;
  entityId: string;
  recordTitle: string;
  /** Why the maker was not competent, in Swedish. */
  reason: string;
  /** Who should have decided, in Swedish. */
  requiredDecisionMaker: string;
  /** The kind of matter the record is, and the rule's legal basis on the decision's day. */
  matter: MatterKind;
  matterLabel: string;
  basis: string;
  /** The body that took the decision (null for an official's). */
  decidedByBodyId: string | null;
  /** The nämnd or styrelse in whose area the record lay on the decision's day, if any. */
  areaBodyId: string | null;
  areaBodyName: string | null;
}

/**
 * Every decision that decides a record its maker could not decide, judged by the rules, the
 * orders and the tree of its own day: for the styrelse's uppsikt and the revisorer. Listed for
 * the records the reader may read.
 */
export async function wrongLevelDecisions(
  services: Services,
  actor: Actor,
  filter: { bodyId?: string } = {},
): Promise<WrongLevelDecision[]> {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  const db = services.db;
  const decisionCols = [
    'd.id as decision_id',
    'd.kind',
    'd.body_id',
    'b.name as body_name',
    'd.official_name',
    'd.scope_unit_id',
    'd.decided_on',
    'd.paragraph',
    'd.diarienummer',
    'd.title as decision_title',
  ] as const;
  const [linked, versions, wordings] = await Promise.all([
    db
      .selectFrom('decision_links as l')
      .innerJoin('decisions as d', 'd.id', 'l.decision_id')
      .leftJoin('bodies as b', 'b.id', 'd.body_id')
      .leftJoin('measures as m', (j) => j.onRef('m.id', '=', 'l.entity_id').on('l.entity', '=', 'measure'))
      .leftJoin('corrective_actions as a', (j) =>
        j.onRef('a.id', '=', 'l.entity_id').on('l.entity', '=', 'corrective_action'),
      )
      .select([...decisionCols, 'l.entity', 'l.entity_id', 'm.title as measure_title', 'a.what as action_title'])
      .where('d.kind', '=', 'beslut')
      .where('l.entity', 'in', ['measure', 'corrective_action'])
      .execute(),
    db
      .selectFrom('plan_versions as v')
      .innerJoin('decisions as d', 'd.id', 'v.decision_id')
      .leftJoin('bodies as b', 'b.id', 'd.body_id')
      .select([...decisionCols, 'v.plan_id as entity_id', 'v.title as record_title'])
      .where('d.kind', '=', 'beslut')
      .where('v.status', '!=', 'draft')
      .execute(),
    db
      .selectFrom('goal_wordings as w')
      .innerJoin('decisions as d', 'd.id', 'w.decision_id')
      .leftJoin('bodies as b', 'b.id', 'd.body_id')
      .select([...decisionCols, 'w.goal_id as entity_id', 'w.title as record_title'])
      .where('d.kind', '=', 'beslut')
      .execute(),
  ]);
  const candidates = [
    ...linked.map((r) => ({
      ...r,
      entity: r.entity as LinkEntity,
      record_title: r.measure_title ?? r.action_title ?? '',
    })),
    ...versions.map((r) => ({ ...r, entity: 'plan' as LinkEntity })),
    ...wordings.map((r) => ({ ...r, entity: 'goal' as LinkEntity })),
  ];
  const judge = new Judge(db);
  await judge.prime(
    'plan',
    versions.map((v) => v.entity_id),
  );
  await judge.prime(
    'goal',
    wordings.map((w) => w.entity_id),
  );
  const mayRead = readable(actor, tree);
  const seen = new Set<string>();
  const out: WrongLevelDecision[] = [];
  for (const r of candidates) {
    const key = `${r.entity}:${r.entity_id}:${r.decision_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const facts: DecisionFacts = {
      id: r.decision_id,
      kind: 'beslut',
      bodyId: r.body_id,
      officialName: r.official_name,
      unitId: r.scope_unit_id,
      decidedOn: String(r.decided_on),
    };
    const res = await judge.judge(facts, r.entity, r.entity_id);
    if (!res || res.competent) continue;
    const matter = await judge.matter(r.entity, r.entity_id, facts.decidedOn);
    if (!matter || !mayRead(matter.unitLineage[0] ?? null)) continue;
    const areaBody = matter.areaBody ?? null;
    // A body's page lists the wrong-level decisions it took and those taken in its area.
    if (filter.bodyId && r.body_id !== filter.bodyId && areaBody?.id !== filter.bodyId) continue;
    const rules = await judge.loadRules();
    out.push({
      decisionId: r.decision_id,
      citation: citation({
        bodyName: r.body_name,
        officialName: r.official_name,
        decidedOn: facts.decidedOn,
        paragraph: r.paragraph,
        diarienummer: r.diarienummer,
      }),
      decisionTitle: r.decision_title,
      decidedOn: facts.decidedOn,
      entity: r.entity,
      entityId: r.entity_id,
      recordTitle: r.record_title,
      reason: res.reason,
      requiredDecisionMaker: res.required,
      matter: matter.kind,
      matterLabel: matterLabel(matter.kind),
      basis: ruleAt(rules.rules, matter.kind, facts.decidedOn).basis,
      decidedByBodyId: r.body_id,
      areaBodyId: areaBody?.id ?? null,
      areaBodyName: areaBody?.name ?? null,
    });
  }
  out.sort((a, b) =>
    a.decidedOn === b.decidedOn ? a.decisionId.localeCompare(b.decisionId) : a.decidedOn < b.decidedOn ? 1 : -1,
  );
  return out;
}
