import type { z } from '@hono/zod-openapi';
import { actorName } from '../../domain/actors';
import { compareSwedish } from '../../domain/collation';
import { DomainError, notFound } from '../../domain/errors';
import { type MonthText, parseMonth } from '../../domain/indicators/months';
import { statusCounts, worstStatus } from '../../domain/indicators/status';
import type { OrgIndex } from '../../domain/org';
import { formatPeriod, monthOfDate } from '../../domain/periods';
import { PERSPECTIVES, type Perspective } from '../../domain/steering';
import { keptForRequest } from '../cache/request-versions';
import { abilities } from '../core/abilities';
import type { Actor, Services } from '../core/context';
import { authorizeReadSomewhere, readable } from '../core/read-scope';
import { mustExist } from '../core/refs';
import { authorize, write } from '../core/write';
import { analysisIdOf } from '../history/kinds';
import { currentTree, todaysUnits } from '../org/service';
import { plansCoveringYear } from './coverage';
import { type AcrossFigure, figuresAcrossTree, figuresForUnit, type IndicatorFigure } from './figures';
import { goalRecords } from './goals';
import { indicatorRecords } from './indicators';
import type { AcrossRowSchema, ScorecardGoalSchema, ScorecardSchema } from './schemas';

export type ScorecardGoal = z.infer<typeof ScorecardGoalSchema>;
export type Scorecard = z.infer<typeof ScorecardSchema>;

const PERSPECTIVE_ORDER: readonly Perspective[] = PERSPECTIVES;

/**
 * The scorecard (styrkort) of a unit for a month: the goals it owns and those of the units
 * above it whose plan covers the year, each with its indicators figured over the unit's
 * subtree, a status and the unit's analysis.
 */
export async function scorecard(
  services: Services,
  actor: Actor,
  unitId: string,
  periodText: string,
): Promise<Scorecard> {
  const month = formatPeriod(parseMonth(periodText, 'period'));
  const [units, tree] = await Promise.all([todaysUnits(services), currentTree(services)]);
  const unit = units.find((u) => u.id === unitId);
  if (!unit) throw notFound('Enheten');
  authorize(actor, 'data.read', { unitId }, tree);
  const lineage = tree.lineage(unitId);
  const year = Number(month.slice(0, 4));

  const candidates = await services.db.selectFrom('goals').select('id').where('owner_unit_id', 'in', lineage).execute();
  const goals = (await goalRecords(services.db, { ids: candidates.map((c) => c.id) })).filter(Boolean);
  const inForce = new Set(
    await plansCoveringYear(services.db, year, { planIds: [...new Set(goals.map((g) => g.planId))] }),
  );
  const covering = goals.filter((g) => inForce.has(g.planId));

  const indicatorIds = [...new Set(covering.flatMap((g) => g.indicatorIds))];
  const indicators = await indicatorRecords(services.db, indicatorIds);
  const figures = await figuresForUnit(services.db, tree, unitId, indicators, month);
  const analyses = await services.db
    .selectFrom('goal_analyses')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('period', '=', month)
    .where('goal_id', 'in', covering.length > 0 ? covering.map((g) => g.id) : [''])
    .execute();
  const names = new Map(units.map((u) => [u.id, u.name]));
  const serves = await goalsServedBy(services, tree, unitId);

  const out: ScorecardGoal[] = [];
  for (const g of covering) {
    const served = serves(g.id);
    // Only what applies to the unit (issue 13): an indicator of a goal the unit serves, or one
    // its subtree reports; a goal it does not serve and with nothing reported is left out.
    const inds = g.indicatorIds
      .map((id) => figures.get(id))
      .filter((f): f is IndicatorFigure => !!f && (served || reports(f)))
      .sort((a, b) => compareSwedish(a.name, b.name));
    if (!served && inds.length === 0) continue;
    const a = analyses.find((x) => x.goal_id === g.id);
    out.push({
      id: g.id,
      title: g.title,
      perspective: g.perspective,
      focusArea: g.focusArea,
      ownerUnitId: g.ownerUnitId,
      ownerUnitName: names.get(g.ownerUnitId) ?? '',
      inherited: g.ownerUnitId !== unitId,
      planId: g.planId,
      planTitle: g.planTitle,
      planWithoutDecision: !g.planDecided,
      drift: g.drift,
      status: worstStatus(inds.map((i) => i.status)),
      analysis: a
        ? {
            text: a.text,
            enteredByName: a.entered_by_name,
            enteredAt: new Date(a.entered_at).toISOString(),
            version: a.version,
          }
        : null,
      indicators: inds,
    });
  }
  // Top-down: the region's goals first, then each level's; within a level by perspective.
  const depth = (id: string) => lineage.length - lineage.indexOf(id);
  out.sort(
    (a, b) =>
      depth(a.ownerUnitId) - depth(b.ownerUnitId) ||
      PERSPECTIVE_ORDER.indexOf(a.perspective) - PERSPECTIVE_ORDER.indexOf(b.perspective) ||
      compareSwedish(a.title, b.title),
  );
  const may = readable(actor, tree);
  return {
    unitId,
    unitName: unit.name,
    unitLevel: unit.level,
    period: month,
    goals: out,
    statusCounts: statusCounts(out.flatMap((g) => g.indicators.map((i) => i.status))),
    children: units
      .filter((u) => u.parentId === unitId && may(u.id))
      .map((u) => ({ id: u.id, name: u.name, level: u.level }))
      .sort((x, y) => compareSwedish(x.name, y.name)),
    can: abilities(actor, tree)(unitId, { analyse: 'analysis.write' }),
  };
}

/**
 * Whether the unit's subtree reports an indicator: an outcome in the look-back or a forecast,
 * as the kept roll-ups the figure was read from say (no recomputation per request).
 */
const reports = (f: IndicatorFigure) =>
  f.expected > 0 || f.forecast !== null || f.trend.some((p) => p.outcome !== null);

/**
 * Which goals a unit serves: one owned by the unit or a unit below it; one owned above it that
 * is not broken down; or one broken down into a goal it serves. A region goal broken down only
 * to Kollektivtrafik is not served by a clinic under Kirurgi.
 */
async function goalsServedBy(services: Services, tree: OrgIndex, unitId: string): Promise<(goalId: string) => boolean> {
  const [owners, links] = await Promise.all([
    services.db.selectFrom('goals').select(['id', 'owner_unit_id']).execute(),
    services.db.selectFrom('goal_links').selectAll().execute(),
  ]);
  const ownerOf = new Map(owners.map((g) => [g.id, g.owner_unit_id]));
  const children = new Map<string, string[]>();
  for (const l of links) children.set(l.parent_goal_id, [...(children.get(l.parent_goal_id) ?? []), l.goal_id]);
  const lineage = new Set(tree.lineage(unitId));
  const memo = new Map<string, boolean>();
  const served = (goalId: string, seen: ReadonlySet<string>): boolean => {
    const known = memo.get(goalId);
    if (known !== undefined) return known;
    const owner = ownerOf.get(goalId);
    let answer = false;
    if (owner === undefined) answer = false;
    else if (owner === unitId || tree.isInSubtree(owner, unitId)) answer = true;
    else if (lineage.has(owner)) {
      const kids = (children.get(goalId) ?? []).filter((k) => !seen.has(k));
      answer = kids.length === 0 || kids.some((k) => served(k, new Set([...seen, goalId])));
    }
    memo.set(goalId, answer);
    return answer;
  };
  return (goalId) => served(goalId, new Set([goalId]));
}

export type AcrossRow = z.infer<typeof AcrossRowSchema>;

/** Which page of the cross-unit view: its units in tree order, and how deep below the chosen unit. */
export interface AcrossPage {
  rootId?: string;
  limit: number;
  offset: number;
  /** Only units at most this many levels below the chosen unit (the chart's two levels). */
  depth?: number;
}

/**
 * One indicator across the tree (horizontal follow-up), a page at a time: the units the actor
 * may read in the chosen unit's subtree, depth first (the chosen unit first), and the figures
 * of the page's units only, read from their kept roll-up rows. A region has thousands of units;
 * finishing every one's figure and trend for each request cost ~100 times reading the rows.
 */
export async function indicatorAcross(
  services: Services,
  actor: Actor,
  indicatorId: string,
  periodText: string,
  page: AcrossPage,
): Promise<{
  indicatorId: string;
  period: MonthText;
  unitId: string;
  unitName: string;
  total: number;
  offset: number;
  limit: number;
  rows: AcrossRow[];
}> {
  const month = formatPeriod(parseMonth(periodText, 'period'));
  const [units, tree] = await Promise.all([todaysUnits(services), currentTree(services)]);
  const root = page.rootId ?? tree.roots()[0];
  if (!root || !tree.has(root)) throw notFound('Enheten');
  authorize(actor, 'data.read', { unitId: root }, tree);
  // The definition and its targets, kept while steering data stands still (the pages of the view
  // ask for them again and again); the figures are still read and finished per request.
  const [[indicator], targets] = await Promise.all([
    keptForRequest(services, ['steering'], `indicator|${indicatorId}`, () =>
      indicatorRecords(services.db, [indicatorId]),
    ),
    keptForRequest(services, ['steering'], `targets|${indicatorId}`, () =>
      services.db.selectFrom('indicator_targets').selectAll().where('indicator_id', '=', indicatorId).execute(),
    ),
  ]);
  if (!indicator) throw notFound('Indikatorn');
  const byId = unitsById(units);
  const { listed, depth } = listingOf(actor, tree, byId, root, page.depth);
  const onPage = listed.slice(page.offset, page.offset + page.limit);
  const figures = await figuresAcrossTree(services.db, tree, root, indicator, month, targets, onPage);
  const chosen = byId.get(root) as (typeof units)[number];
  return {
    indicatorId,
    period: month,
    unitId: root,
    unitName: chosen.name,
    total: listed.length,
    offset: page.offset,
    limit: page.limit,
    rows: onPage.map((id) => {
      // The subtree is of these units' tree, so every id is among them.
      const u = byId.get(id) as (typeof units)[number];
      return {
        unitId: id,
        unitName: u.name,
        level: u.level,
        parentId: u.parentId,
        depth: depth.get(id) ?? 0,
        figure: figures.get(id) as AcrossFigure,
      };
    }),
  };
}

type TodaysUnit = Awaited<ReturnType<typeof todaysUnits>>[number];

// Today's units and tree are kept per data version (the same objects until a write changes them),
// so what is derived from them alone is kept with them: the pages of the cross-unit view (one
// request each) then do not walk and judge thousands of units again.
const byIdOf = new WeakMap<readonly TodaysUnit[], Map<string, TodaysUnit>>();
const unitsById = (units: readonly TodaysUnit[]) => {
  let byId = byIdOf.get(units);
  if (!byId) {
    byId = new Map(units.map((u) => [u.id, u]));
    byIdOf.set(units, byId);
  }
  return byId;
};

interface Listing {
  listed: string[];
  depth: Map<string, number>;
}
// Per tree, per reader (a principal is the same object while its session, roles and seats hold).
const listings = new WeakMap<OrgIndex, WeakMap<object, Map<string, Listing>>>();
const SYSTEM_READER = {};

/** The units of `root`'s subtree the actor reads, depth first, and each one's depth below `root`. */
function listingOf(
  actor: Actor,
  tree: OrgIndex,
  byId: Map<string, TodaysUnit>,
  root: string,
  maxDepth: number | undefined,
): Listing {
  let byReader = listings.get(tree);
  if (!byReader) {
    byReader = new WeakMap();
    listings.set(tree, byReader);
  }
  const reader = actor.kind === 'user' ? actor.principal : SYSTEM_READER;
  let kept = byReader.get(reader);
  if (!kept) {
    kept = new Map();
    byReader.set(reader, kept);
  }
  const key = `${root}|${maxDepth ?? ''}`;
  const hit = kept.get(key);
  if (hit) return hit;
  const may = readable(actor, tree);
  // Depth first, so a parent comes before its children and its depth is known when they come.
  const depth = new Map<string, number>();
  const listed: string[] = [];
  for (const id of tree.subtree(root)) {
    const parent = byId.get(id)?.parentId;
    const d = id === root || !parent ? 0 : (depth.get(parent) ?? 0) + 1;
    depth.set(id, d);
    if ((maxDepth === undefined || d <= maxDepth) && may(id)) listed.push(id);
  }
  const listing = { listed, depth };
  if (kept.size >= 100) kept.clear();
  kept.set(key, listing);
  return listing;
}

/** Writes the manager's analysis of a goal for a unit and a month; a stale version is refused. */
export async function setAnalysis(
  services: Services,
  actor: Actor,
  goalId: string,
  input: { unitId: string; period: string; text: string; version: number | null },
) {
  const month = formatPeriod(parseMonth(input.period, 'period'));
  return write(services, actor, async (w) => {
    await mustExist(w.trx, 'goals', [goalId], 'goalId');
    await mustExist(w.trx, 'org_units', [input.unitId], 'unitId');
    authorize(actor, 'analysis.write', { unitId: input.unitId }, await currentTree(services, w.trx));
    const before = await w.trx
      .selectFrom('goal_analyses')
      .selectAll()
      .where('goal_id', '=', goalId)
      .where('unit_id', '=', input.unitId)
      .where('period', '=', month)
      .forUpdate()
      .executeTakeFirst();
    if ((before?.version ?? null) !== input.version)
      throw new DomainError('conflict', 'Analysen har ändrats av någon annan sedan du läste den. Läs in den igen.', {
        details: { current: before ? analysisOf(before) : null },
      });
    const enteredByName = actorName(w.actor);
    const after = before
      ? await w.trx
          .updateTable('goal_analyses')
          .set((eb) => ({
            text: input.text,
            entered_by_name: enteredByName,
            entered_at: w.now,
            version: eb('version', '+', 1),
          }))
          .where('goal_id', '=', goalId)
          .where('unit_id', '=', input.unitId)
          .where('period', '=', month)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await w.trx
          .insertInto('goal_analyses')
          .values({
            goal_id: goalId,
            unit_id: input.unitId,
            period: month,
            text: input.text,
            entered_by_name: enteredByName,
            entered_at: w.now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    await w.record({
      kind: 'analysis.set',
      // Recorded on the analysis itself (goal × unit × month); the goal's and the unit's history find it.
      entity: 'goal_analysis',
      entityId: analysisIdOf(goalId, input.unitId, month),
      unitId: input.unitId,
      before: before ?? null,
      after,
    });
    return analysisOf(after);
  });
}

/** An analysis row as the API answers it (camelCase, the time as ISO 8601). */
const analysisOf = (row: { text: string; entered_by_name: string; entered_at: Date | string; version: number }) => ({
  text: row.text,
  enteredByName: row.entered_by_name,
  enteredAt: new Date(row.entered_at).toISOString(),
  version: row.version,
});

/**
 * The newest month that has any outcome (not after the current month) in the units the actor
 * reads, for a default scorecard: whoever reads steering data somewhere may ask, and the answer
 * says nothing about the units they may not read.
 */
export async function latestPeriod(services: Services, actor: Actor): Promise<MonthText | null> {
  const tree = await currentTree(services);
  authorizeReadSomewhere(actor, tree);
  const may = readable(actor, tree);
  const current = formatPeriod(monthOfDate(services.clock.now()));
  let q = services.db
    .selectFrom('indicator_values')
    .select((eb) => eb.fn.max('period').as('period'))
    .where('kind', '=', 'outcome')
    .where('period', '<=', current);
  if (!may(null)) {
    const units = tree
      .roots()
      .flatMap((root) => tree.subtree(root))
      .filter((u) => may(u));
    q = q.where('unit_id', 'in', units);
  }
  const row = await q.executeTakeFirst();
  return row?.period ?? null;
}
