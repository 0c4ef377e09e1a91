import { compareSwedish } from '../../domain/collation';
import { competentFor, type DecisionMaker, requiredDecisionMaker } from '../../domain/competence/competent';
import { type MatterKind, measureMatter } from '../../domain/competence/rules';
import type { IsoDate } from '../../domain/dates';
import { OrgIndex } from '../../domain/org';
import type {
  AboveCompetenceRow,
  DriftedGoalRow,
  MissingAnalysisRow,
  UndecidedPlanRow,
} from '../../domain/reports/content';
import { PLAN_KIND_LABELS } from '../../domain/steering';
import { measuresLackingAnalysis, reasonOf } from '../analysis/gate';
import type { Executor } from '../core/context';
import { correctiveActionsToJudgeIn, measuresToJudgeOfPlansIn } from '../economy/reads';
import { unitsOn } from '../org/queries';
import { goalRecords } from '../steering/goals';
import { planRecords } from '../steering/plans';
import { decisionsLinkedTo } from '../steering/reads';
import { Judge } from './judge';

/** What a board report carries about who must still decide what, under one unit (decision 016). */
export interface BoardFlags {
  undecidedPlans: UndecidedPlanRow[];
  driftedGoals: DriftedGoalRow[];
  aboveCompetence: AboveCompetenceRow[];
  missingAnalyses: MissingAnalysisRow[];
}

const bySwedish =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    compareSwedish(key(a), key(b));

/**
 * The flags of the records under `unitId` on `day`, judged as each record's own page judges
 * them (the Judge of decision 012): plans that steer without a competent decision, goals whose
 * wording drifted, and measures and corrective actions above their owner's competence that no
 * competent decision names. Each row says who must decide and why.
 */
export async function boardFlags(db: Executor, unitId: string, day: IsoDate): Promise<BoardFlags> {
  const units = await unitsOn(db, day);
  const tree = new OrgIndex(units);
  const byId = new Map(units.map((u) => [u.id, u]));
  const inScope = new Set(tree.has(unitId) ? tree.subtree(unitId) : [unitId]);
  const name = (id: string | null) => (id ? (byId.get(id)?.name ?? '') : '');
  const judge = new Judge(db);

  const plans = (await planRecords(db)).filter(
    (p) => p.steersWithoutDecision && p.scopeUnitId !== null && inScope.has(p.scopeUnitId),
  );
  const undecidedPlans: UndecidedPlanRow[] = [];
  for (const p of plans) {
    const c = await judge.record('plan', p.id, day);
    if (!c) continue;
    undecidedPlans.push({
      title: p.title,
      kindLabel: PLAN_KIND_LABELS[p.kind],
      ownerName: p.ownerBodyName ?? name(p.ownerUnitId),
      requiredDecisionMaker: c.requiredDecisionMaker,
      reason: c.reason,
    });
  }

  const goals = (await goalRecords(db)).filter((g) => g.drift && inScope.has(g.ownerUnitId));
  const driftedGoals: DriftedGoalRow[] = [];
  for (const g of goals) {
    const c = await judge.record('goal', g.id, day);
    if (!c) continue;
    driftedGoals.push({
      planTitle: g.planTitle,
      unitName: name(g.ownerUnitId),
      decidedWording: g.decidedWording?.title ?? null,
      currentWording: g.title,
      requiredDecisionMaker: c.requiredDecisionMaker,
      reason: c.reason,
    });
  }

  const aboveCompetence = [
    ...(await measuresAbove(db, judge, inScope, byId, day)),
    ...(await actionsAbove(db, judge, inScope, byId, day)),
  ];
  const missingAnalyses: MissingAnalysisRow[] = (await measuresLackingAnalysis(db, [...inScope])).map((m) => ({
    name: m.title,
    unitName: name(m.ownerUnitId),
    reason: reasonOf(m) === 'ransonering' ? 'Ransonering' : 'Ändrar en tjänsts omfattning eller kvalitet',
    statusLabel: STATUS_LABELS[m.status],
    analysisLabel: m.analysisStatus === 'draft' ? 'Utkast, inte klar' : 'Saknas',
  }));
  return {
    undecidedPlans: undecidedPlans.sort(bySwedish((r) => r.title)),
    missingAnalyses: missingAnalyses.sort(bySwedish((r) => `${r.unitName} ${r.name}`)),
    driftedGoals: driftedGoals.sort(bySwedish((r) => `${r.unitName} ${r.currentWording}`)),
    aboveCompetence: aboveCompetence.sort(bySwedish((r) => `${r.unitName} ${r.name}`)),
  };
}

const STATUS_LABELS = { planned: 'Planerad', ongoing: 'Pågår', done: 'Genomförd', stopped: 'Stoppad' } as const;

type Units = Map<string, Awaited<ReturnType<typeof unitsOn>>[number]>;

/** The official leading the owning unit: who decides a record that no beslut names. */
function ownerOfficial(unitId: string, units: Units): DecisionMaker {
  const u = units.get(unitId);
  return { kind: 'official', name: `Chef för ${u?.name ?? 'enheten'}`, unitId, unitLevel: u?.level ?? null };
}

/** A record the board report weighs against its owning unit's head. */
interface Candidate {
  entity: 'measure' | 'corrective_action';
  id: string;
  matter: MatterKind;
  ownerUnitId: string;
  amountKr: bigint;
  name: string;
}

/** Measures owned in scope whose size or kind is above the owning unit's head, undecided by a competent beslut. */
async function measuresAbove(db: Executor, judge: Judge, inScope: Set<string>, units: Units, day: IsoDate) {
  const measures = await measuresToJudgeOfPlansIn(db, [...inScope]);
  const candidates = measures
    .filter((m) => inScope.has(m.ownerUnitId) && m.status !== 'stopped')
    .map((m): Candidate => ({ entity: 'measure', matter: measureMatter(m.category), name: m.title, ...m }));
  return aboveOwner(db, judge, candidates, units, day);
}

/** Open corrective actions on measures in scope above the owning unit's head, undecided by a competent beslut. */
async function actionsAbove(db: Executor, judge: Judge, inScope: Set<string>, units: Units, day: IsoDate) {
  const actions = await correctiveActionsToJudgeIn(db, [...inScope]);
  const candidates = actions
    .filter((a) => a.status !== 'done' && a.status !== 'closed')
    .map(
      (a): Candidate => ({
        entity: 'corrective_action',
        matter: 'corrective_action',
        name: `${a.what} (${a.measureTitle})`,
        ...a,
      }),
    );
  return aboveOwner(db, judge, candidates, units, day);
}

/** The candidates their owning unit's head may not decide and no competent beslut has decided. */
async function aboveOwner(
  db: Executor,
  judge: Judge,
  candidates: readonly Candidate[],
  units: Units,
  day: IsoDate,
): Promise<AboveCompetenceRow[]> {
  if (candidates.length === 0) return [];
  const loaded = await judge.loadRules();
  const tree = new OrgIndex([...units.values()]);
  // Which candidates any beslut names, read at once: one that none names is undecided, and who
  // must decide it follows from its matter alone — a large plan's thousands of measures are not
  // each judged with queries of their own.
  // Every link of these kinds: far fewer than a plan's measures, and no list of ids to bound.
  const named = new Set<string>();
  for (const link of await decisionsLinkedTo(db, [...new Set(candidates.map((c) => c.entity))]))
    if (link.decision.kind === 'beslut') named.add(`${link.entity}:${link.entityId}`);
  const out: AboveCompetenceRow[] = [];
  for (const c of candidates) {
    const matter = {
      kind: c.matter,
      unitLineage: tree.has(c.ownerUnitId) ? tree.lineage(c.ownerUnitId) : [c.ownerUnitId],
      ownerBody: null,
      amountKr: c.amountKr,
    };
    const own = competentFor(matter, ownerOfficial(c.ownerUnitId, units), loaded, day);
    if (own.competent) continue;
    let required: string;
    if (named.has(`${c.entity}:${c.id}`)) {
      const record = await judge.record(c.entity, c.id, day);
      if (!record || record.decided) continue;
      required = record.requiredDecisionMaker;
    } else {
      const areaBody = await judge.areaBody(matter.unitLineage, day);
      required = requiredDecisionMaker({ ...matter, areaBody }, loaded, day);
    }
    out.push({
      kind: c.entity,
      name: c.name,
      unitName: units.get(c.ownerUnitId)?.name ?? '',
      amountKr: c.amountKr.toString(),
      requiredDecisionMaker: required,
      reason: own.reason,
    });
  }
  return out;
}
