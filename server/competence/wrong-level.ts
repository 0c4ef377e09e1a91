import { type MatterKind, matterLabel, ruleAt } from '../../domain/competence/rules';
import type { IsoDate } from '../../domain/dates';
import { bodyNamesByIds } from '../bodies/reads';
import type { Actor, Services } from '../core/context';
import { authorizeReadSomewhere, readable } from '../core/read-scope';
import { correctiveActionTitles, measureHeads } from '../economy/reads';
import { currentTree } from '../org/service';
import { citation, type LinkEntity } from '../steering/decisions';
import { type DecisionHead, decidingDecisions, decisionsLinkedTo } from '../steering/reads';
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
  const beslut = <T extends { decision: DecisionHead }>(rows: T[]) => rows.filter((r) => r.decision.kind === 'beslut');
  const [linked, versions, wordings] = await Promise.all([
    decisionsLinkedTo(db, ['measure', 'corrective_action']).then(beslut),
    decidingDecisions(db, 'plan').then(beslut),
    decidingDecisions(db, 'goal').then(beslut),
  ]);
  const idsOf = (entity: LinkEntity) => linked.filter((l) => l.entity === entity).map((l) => l.entityId);
  const [measures, actions, bodyNames] = await Promise.all([
    measureHeads(db, idsOf('measure')),
    correctiveActionTitles(db, idsOf('corrective_action')),
    bodyNamesByIds(
      db,
      [...linked, ...versions, ...wordings].map((r) => r.decision.bodyId),
    ),
  ]);
  const row = (entity: LinkEntity, entityId: string, recordTitle: string, d: DecisionHead) => ({
    entity,
    entity_id: entityId,
    record_title: recordTitle,
    decision_id: d.id,
    body_id: d.bodyId,
    body_name: d.bodyId === null ? null : (bodyNames.get(d.bodyId) ?? null),
    official_name: d.officialName,
    scope_unit_id: d.scopeUnitId,
    decided_on: d.decidedOn,
    paragraph: d.paragraph,
    diarienummer: d.diarienummer,
    decision_title: d.title,
  });
  const candidates = [
    ...linked.map((l) =>
      row(
        l.entity,
        l.entityId,
        (l.entity === 'measure' ? measures.get(l.entityId)?.title : actions.get(l.entityId)) ?? '',
        l.decision,
      ),
    ),
    ...versions.map((v) => row('plan', v.entityId, v.recordTitle, v.decision)),
    ...wordings.map((w) => row('goal', w.entityId, w.recordTitle, w.decision)),
  ];
  const judge = new Judge(db);
  await judge.prime(
    'plan',
    versions.map((v) => v.entityId),
  );
  await judge.prime(
    'goal',
    wordings.map((w) => w.entityId),
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
