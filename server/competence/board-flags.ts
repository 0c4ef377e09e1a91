import { compareSwedish } from '../../domain/collation';
import { competentFor, type DecisionMaker } from '../../domain/competence/competent';
import { measureMatter } from '../../domain/competence/rules';
import type { IsoDate } from '../../domain/dates';
import { type MeasureCategory, targetEffect } from '../../domain/economy/measures';
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
import { pushTo } from '../economy/figures';
import { unitsOn } from '../org/queries';
import { goalRecords } from '../steering/goals';
import { planRecords } from '../steering/plans';
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

/** Measures owned in scope whose size or kind is above the owning unit's head, undecided by a competent beslut. */
async function measuresAbove(
  db: Executor,
  judge: Judge,
  inScope: Set<string>,
  units: Units,
  day: IsoDate,
): Promise<AboveCompetenceRow[]> {
  const scope = [...inScope];
  if (scope.length === 0) return [];
  const measures = await db
    .selectFrom('measures')
    .select(['id', 'plan_id', 'parent_measure_id', 'owner_unit_id', 'title', 'category', 'status'])
    .where('plan_id', 'in', (eb) =>
      eb.selectFrom('measures as m').select('m.plan_id').where('m.owner_unit_id', 'in', scope),
    )
    .execute();
  if (measures.length === 0) return [];
  const lines = await db
    .selectFrom('measure_calc_lines')
    .select(['measure_id', 'year', 'kind', 'amount_kr', 'realisation_pct'])
    .where(
      'measure_id',
      'in',
      measures.map((m) => m.id),
    )
    .execute();
  const linesOf = new Map<
    string,
    { year: number; kind: 'saving' | 'cost'; amountKr: bigint; realisationPct: number }[]
  >();
  for (const l of lines)
    pushTo(linesOf, l.measure_id, {
      year: l.year,
      kind: l.kind as 'saving' | 'cost',
      amountKr: BigInt(l.amount_kr),
      realisationPct: l.realisation_pct,
    });
  const children = new Map<string, string[]>();
  for (const m of measures) if (m.parent_measure_id) pushTo(children, m.parent_measure_id, m.id);
  // The amount the Judge weighs: the largest yearly gross effect, sub-measures included.
  const amountOf = (id: string): bigint => {
    const below: string[] = [];
    for (const stack = [id]; stack.length > 0; ) {
      const cur = stack.pop() as string;
      below.push(cur);
      stack.push(...(children.get(cur) ?? []));
    }
    const all = below.flatMap((m) => linesOf.get(m) ?? []);
    let max = 0n;
    for (const year of new Set(all.map((l) => l.year))) {
      const gross = targetEffect(all, year).gross;
      if (gross > max) max = gross;
    }
    return max;
  };
  const { rules, delegation } = await judge.loadRules();
  const tree = new OrgIndex([...units.values()]);
  const out: AboveCompetenceRow[] = [];
  for (const m of measures) {
    if (!inScope.has(m.owner_unit_id) || m.status === 'stopped') continue;
    const amountKr = amountOf(m.id);
    const matter = {
      kind: measureMatter(m.category as MeasureCategory),
      unitLineage: tree.has(m.owner_unit_id) ? tree.lineage(m.owner_unit_id) : [m.owner_unit_id],
      ownerBody: null,
      amountKr,
    };
    const own = competentFor(matter, ownerOfficial(m.owner_unit_id, units), { rules, delegation }, day);
    if (own.competent) continue;
    const record = await judge.record('measure', m.id, day);
    if (!record || record.decided) continue;
    out.push({
      kind: 'measure',
      name: m.title,
      unitName: units.get(m.owner_unit_id)?.name ?? '',
      amountKr: amountKr.toString(),
      requiredDecisionMaker: record.requiredDecisionMaker,
      reason: own.reason,
    });
  }
  return out;
}

/** Open corrective actions on measures in scope above the owning unit's head, undecided by a competent beslut. */
async function actionsAbove(
  db: Executor,
  judge: Judge,
  inScope: Set<string>,
  units: Units,
  day: IsoDate,
): Promise<AboveCompetenceRow[]> {
  const scope = [...inScope];
  if (scope.length === 0) return [];
  const actions = await db
    .selectFrom('corrective_actions as a')
    .innerJoin('measures as m', 'm.id', 'a.measure_id')
    .select(['a.id', 'a.what', 'a.amount_kr', 'a.status', 'm.owner_unit_id', 'm.title as measure_title'])
    .where('m.owner_unit_id', 'in', scope)
    .execute();
  const { rules, delegation } = await judge.loadRules();
  const tree = new OrgIndex([...units.values()]);
  const out: AboveCompetenceRow[] = [];
  for (const a of actions) {
    if (a.status === 'done' || a.status === 'closed') continue;
    const matter = {
      kind: 'corrective_action' as const,
      unitLineage: tree.has(a.owner_unit_id) ? tree.lineage(a.owner_unit_id) : [a.owner_unit_id],
      ownerBody: null,
      amountKr: BigInt(a.amount_kr),
    };
    const own = competentFor(matter, ownerOfficial(a.owner_unit_id, units), { rules, delegation }, day);
    if (own.competent) continue;
    const record = await judge.record('corrective_action', a.id, day);
    if (!record || record.decided) continue;
    out.push({
      kind: 'corrective_action',
      name: `${a.what} (${a.measure_title})`,
      unitName: units.get(a.owner_unit_id)?.name ?? '',
      amountKr: BigInt(a.amount_kr).toString(),
      requiredDecisionMaker: record.requiredDecisionMaker,
      reason: own.reason,
    });
  }
  return out;
}
