import Decimal from 'decimal.js';
import { levelFor, mandateOf } from '../../domain/economy/delegation';
import type { UnitLevel } from '../../domain/org';
import { measuresLackingAnalysis } from '../analysis/gate';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { figuresFor } from '../economy/context';
import {
  correctiveActionAbilities,
  indicatorCorrectiveActions,
  measureCorrectiveActions,
} from '../economy/corrective-actions';
import { delegationLevels } from '../economy/figures';
import { unitsOn } from '../org/queries';
import { currentTree, today } from '../org/service';
import { plansCoveringYear } from '../steering/coverage';
import { type Scorecard, scorecard } from '../steering/scorecard';

export interface Deviation {
  kind: 'indicator' | 'measure';
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  unitOfMeasure: string;
  target: string | null;
  value: string | null;
  deviation: string | null;
  status: 'red' | 'yellow';
  analysis: string | null;
  correctiveAction: {
    id: string;
    version: number;
    what: string;
    responsibleName: string;
    dueOn: string;
    status: string;
  } | null;
  decisionLevel: string | null;
  escalated: boolean;
}

export interface StaleFigure {
  kind: 'indicator' | 'measure';
  id: string;
  name: string;
  unitName: string;
  asOf: string | null;
}

const text = (n: number | null) => (n === null ? null : new Decimal(n).toString());

/**
 * Red and yellow indicators of a unit's scorecard, with the analysis of the goal they serve and
 * the newest corrective action taken at the unit: the level that must decide it (by its amount,
 * from the delegation order) and whether that lies above the unit's own mandate (escalated).
 */
export async function indicatorDeviations(db: Executor, card: Scorecard): Promise<Deviation[]> {
  const out: Deviation[] = [];
  const seen = new Set<string>();
  for (const goal of card.goals)
    for (const i of goal.indicators) {
      if ((i.status !== 'red' && i.status !== 'yellow') || seen.has(i.id)) continue;
      seen.add(i.id);
      out.push({
        kind: 'indicator',
        id: i.id,
        name: i.name,
        unitId: card.unitId,
        unitName: card.unitName,
        unitOfMeasure: i.measureUnit,
        target: text(i.target),
        value: text(i.outcome),
        deviation: i.outcome === null || i.target === null ? null : new Decimal(i.outcome).minus(i.target).toString(),
        status: i.status,
        analysis: goal.analysis?.text ?? null,
        correctiveAction: null,
        decisionLevel: null,
        escalated: false,
      });
    }
  if (out.length === 0) return out;
  const actions = await indicatorCorrectiveActions(
    db,
    card.unitId,
    out.map((d) => d.id),
  );
  if (actions.length === 0) return out;
  const levels = await delegationLevels(db);
  const owner = mandateOf(levels, card.unitLevel as UnitLevel);
  for (const d of out) {
    const action = actions.filter((a) => a.indicatorId === d.id).at(-1);
    if (!action) continue;
    const required = levelFor(levels, action.amountKr);
    d.correctiveAction = {
      id: action.id,
      version: action.version,
      what: action.what,
      responsibleName: action.responsibleName,
      dueOn: action.dueOn,
      status: action.status,
    };
    d.decisionLevel = required?.name ?? null;
    d.escalated = required !== null && (owner === null || required.rank > owner.rank);
  }
  return out;
}

export { createIndicatorAction, type IndicatorActionInput } from '../economy/corrective-actions';

/** Indicators of the scorecard whose figure is not the due month's complete one. */
export function staleIndicators(card: Scorecard): StaleFigure[] {
  const seen = new Set<string>();
  const out: StaleFigure[] = [];
  for (const goal of card.goals)
    for (const i of goal.indicators) {
      if (!i.stale || seen.has(i.id)) continue;
      seen.add(i.id);
      out.push({ kind: 'indicator', id: i.id, name: i.name, unitName: card.unitName, asOf: i.outcomeMonth });
    }
  return out;
}

/**
 * Measures of an action plan owned in the unit's subtree whose forecast falls short of their
 * target beyond the plan's margin: with the newest corrective action, the level that must
 * decide the shortfall, and whether that is above the owner's mandate (escalated).
 */
export async function measureDeviations(
  services: Services,
  actor: Actor,
  planId: string,
  unitId: string,
  period: string,
) {
  const { ctx, figures } = await figuresFor(services, actor, planId, period);
  const inScope = new Set(ctx.tree.subtree(unitId));
  const levels = await delegationLevels(services.db);
  const deviating = [...figures.values()].filter((f) => f.leaf && f.deviates && inScope.has(f.ownerUnitId));
  const actions = await measureCorrectiveActions(
    services.db,
    deviating.map((f) => f.id),
  );
  const deviations: Deviation[] = deviating.map((f) => {
    const shortfall = f.deviation < 0n ? -f.deviation : f.deviation;
    const required = levelFor(levels, shortfall);
    const owner = mandateOf(levels, ctx.levels.get(f.ownerUnitId) as UnitLevel);
    const action = actions.filter((a) => a.measureId === f.id).at(-1);
    return {
      kind: 'measure',
      id: f.id,
      name: f.title,
      unitId: f.ownerUnitId,
      unitName: ctx.names.get(f.ownerUnitId) ?? '',
      unitOfMeasure: 'kr',
      target: f.totals.planned.toString(),
      value: f.lastReport === null ? null : f.totals.forecast.toString(),
      deviation: f.lastReport === null ? null : f.deviation.toString(),
      status: 'red',
      analysis: f.lastReport?.comment || null,
      correctiveAction: action
        ? {
            id: action.id,
            version: action.version,
            what: action.what,
            responsibleName: action.responsibleName,
            dueOn: action.dueOn,
            status: action.status,
          }
        : null,
      decisionLevel: required?.name ?? null,
      escalated: required !== null && (owner === null || required.rank > owner.rank),
    };
  });
  const stale: StaleFigure[] = [...figures.values()]
    .filter((f) => f.leaf && f.stale && inScope.has(f.ownerUnitId))
    .map((f) => ({
      kind: 'measure',
      id: f.id,
      name: f.title,
      unitName: ctx.names.get(f.ownerUnitId) ?? '',
      asOf: f.lastReport?.period ?? null,
    }));
  return { deviations, stale, figures, ctx };
}

/** The action plans whose version in force covers the month's year. */
export async function actionPlansFor(services: Services, period: string): Promise<string[]> {
  return plansCoveringYear(services.db, Number(period.slice(0, 4)), { kind: 'handlingsplan' });
}

/** Every deviation of a month under a unit: indicators of its scorecard and measures of action plans. */
export async function listDeviations(services: Services, actor: Actor, unitId: string, period: string) {
  const card = await scorecard(services, actor, unitId, period);
  const out = await indicatorDeviations(services.db, card);
  for (const planId of await actionPlansFor(services, card.period))
    out.push(...(await measureDeviations(services, actor, planId, unitId, card.period)).deviations);
  const tree = await currentTree(services);
  const can = abilities(actor, tree)(unitId, { act: 'correctiveAction.write' });
  // The scorecard above already refused a reader who may not read the unit.
  const names = new Map((await unitsOn(services.db, today(services))).map((u) => [u.id, u.name]));
  const missingAnalyses = (await measuresLackingAnalysis(services.db, tree.subtree(unitId))).map((m) => ({
    ...m,
    unitName: names.get(m.ownerUnitId) ?? '',
  }));
  // Each corrective action says whether the caller may follow it up, at the unit it was taken at.
  const deviations = out.map((d) => ({
    ...d,
    correctiveAction: d.correctiveAction && {
      ...d.correctiveAction,
      can: correctiveActionAbilities(actor, tree, d.unitId, d.correctiveAction.status),
    },
  }));
  return { period: card.period, unitId, unitName: card.unitName, deviations, missingAnalyses, can };
}
