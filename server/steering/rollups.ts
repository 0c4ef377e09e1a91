import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { IsoDate } from '../../domain/dates';
import type { OrgIndex } from '../../domain/org';
import type { Executor } from '../core/context';

/**
 * The kept roll-ups of indicator values (table `indicator_rollups`, decision record 007): per
 * indicator, unit, kind and month, the parts of the unit's whole subtree. Every statement here
 * is set-based: one per batch of values, never one per row.
 */

/** A kept row, numbers as exact decimal text. */
export interface RollupRow {
  indicator_id: string;
  unit_id: string;
  kind: string;
  period: string;
  total: string;
  n: number;
  own_value: string | null;
  weighted: string;
  weight: string;
  weighted_n: number;
  latest_value: string | null;
  latest_at: Date | string | null;
}

/** SQL yielding own value slots `(indicator_id, unit_id, kind, period)` about to change. */
export type Slots = RawBuilder<unknown>;

const COLUMNS = sql.raw(
  'indicator_id, unit_id, kind, period, total, n, own_value, weighted, weight, weighted_n, latest_value, latest_at',
);

/** A tree as SQL yielding (unit_id, parent_id), a parent outside the tree read as none. */
export type TreeSource = RawBuilder<unknown>;

/** The tree on `day` as `unitsOn` and `OrgIndex` read it. */
export const treeOn = (day: IsoDate): TreeSource => sql`
  WITH t AS (
    SELECT s.unit_id, s.parent_id FROM org_unit_states s
    WHERE s.valid_from <= ${day}::date AND (s.valid_to IS NULL OR s.valid_to > ${day}::date)
  )
  SELECT t.unit_id, CASE WHEN p.unit_id IS NULL THEN NULL ELSE t.parent_id END AS parent_id
  FROM t LEFT JOIN t p ON p.unit_id = t.parent_id`;

/** The edges of a loaded tree, and their fingerprint as `rememberTree` computes it in SQL. */
// A tree index never changes, and today's is shared by reading requests: its edges are worked out once.
const edgesKept = new WeakMap<OrgIndex, ReturnType<typeof edgesOfNow>>();

function edgesOf(tree: OrgIndex) {
  let edges = edgesKept.get(tree);
  if (!edges) {
    edges = edgesOfNow(tree);
    edgesKept.set(tree, edges);
  }
  return edges;
}

function edgesOfNow(tree: OrgIndex) {
  const units = tree
    .roots()
    .flatMap((r) => tree.subtree(r))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parents = units.map((u) => tree.lineage(u)[1] ?? null);
  const text = units.map((u, i) => `${u}>${parents[i] ?? ''}`).join(',');
  return {
    source: sql`SELECT * FROM unnest(${units}::text[], ${parents}::text[]) AS e(unit_id, parent_id)`,
    hash: createHash('md5').update(text).digest('hex'),
  };
}

/**
 * PostgreSQL compiles a statement whose estimate is large (a batch of thousands of slots) with
 * JIT, which costs seconds per statement here and wins nothing on these short joins. Only for
 * the rest of the caller's transaction.
 */
async function withoutJit(db: Executor) {
  if (db.isTransaction) await sql`SET LOCAL jit = off`.execute(db);
}

/** Records which tree the roll-ups are kept for, so that a reader can tell in one row. */
async function rememberTree(db: Executor) {
  await sql`
    INSERT INTO indicator_rollup_state (id, tree_hash)
    SELECT true, md5(coalesce(string_agg(unit_id || '>' || coalesce(parent_id, ''), ',' ORDER BY unit_id COLLATE "C"), ''))
    FROM indicator_rollup_tree
    ON CONFLICT (id) DO UPDATE SET tree_hash = excluded.tree_hash`.execute(db);
}

/**
 * For readers, given today's tree: when the roll-ups are kept for another tree (a
 * reorganisation dated today took effect overnight, with no write since), brings them up to
 * date in a short transaction of its own first. Otherwise one row is read.
 */
export async function keepUpWithTree(db: Executor, tree: OrgIndex): Promise<void> {
  const edges = edgesOf(tree);
  const kept = await sql<{ tree_hash: string }>`SELECT tree_hash FROM indicator_rollup_state`.execute(db);
  if (kept.rows[0]?.tree_hash === edges.hash) return;
  const run = async (trx: Executor) => {
    await syncRollupTree(trx, edges.source);
    await rememberTree(trx);
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}

/**
 * Brings the kept tree up to `today` (normally `treeOn(day)`): units that moved, closed, opened
 * or reopened since the roll-ups were last kept have their old and new ancestors rebuilt from
 * the raw values (and a unit gone from the tree loses its rows). One comparison statement when
 * nothing changed, which is every value write but the first after a reorganisation.
 */
export async function syncRollupTree(db: Executor, today: TreeSource): Promise<number> {
  const changes = async () =>
    (
      await sql<{ unit_id: string; old_parent: string | null; kept: boolean; current: boolean }>`
        WITH today AS (${today})
        SELECT coalesce(t.unit_id, k.unit_id) AS unit_id, k.parent_id AS old_parent,
          k.unit_id IS NOT NULL AS kept, t.unit_id IS NOT NULL AS current
        FROM today t FULL JOIN indicator_rollup_tree k ON k.unit_id = t.unit_id
        WHERE t.unit_id IS NULL OR k.unit_id IS NULL OR t.parent_id IS DISTINCT FROM k.parent_id
        ORDER BY 1`.execute(db)
    ).rows;
  if ((await changes()).length === 0) return 0;
  // One rebuild at a time (two readers may both notice a new day); the second finds it done.
  await sql`SELECT pg_advisory_xact_lock(7007009)`.execute(db);
  const diff = { rows: await changes() };
  if (diff.rows.length === 0) return 0;
  const changed = diff.rows.map((r) => r.unit_id);
  const removed = new Set(diff.rows.filter((r) => !r.current).map((r) => r.unit_id));
  const added = diff.rows.filter((r) => !r.kept).map((r) => r.unit_id);
  // A unit whose subtree has no values changes no sums wherever it goes: the common case of
  // a new unit, which then costs no rebuild above it.
  const withRows = async () =>
    new Set(
      (
        await sql<{ unit_id: string }>`
          SELECT DISTINCT unit_id FROM indicator_rollups WHERE unit_id = ANY(${changed}::text[])`.execute(db)
      ).rows.map((r) => r.unit_id),
    );
  const before = await withRows();
  // The old chains, read from the kept tree before it changes; the unit's own subtree is
  // unchanged by a move, so only what is above it is rebuilt.
  const oldAbove = await ancestorsOf(
    db,
    diff.rows.flatMap((r) => (r.old_parent && before.has(r.unit_id) ? [r.old_parent] : [])),
  );
  await sql`DELETE FROM indicator_rollup_tree WHERE unit_id = ANY(${changed}::text[])`.execute(db);
  await sql`
    INSERT INTO indicator_rollup_tree (unit_id, parent_id)
    SELECT t.unit_id, t.parent_id FROM (${today}) t WHERE t.unit_id = ANY(${changed}::text[])
    ORDER BY t.unit_id`.execute(db);
  if (removed.size > 0)
    await sql`DELETE FROM indicator_rollups WHERE unit_id = ANY(${[...removed]}::text[])`.execute(db);
  await rebuildRollups(db, { units: added });
  const after = await withRows();
  const newParents = await sql<{ parent_id: string }>`
    SELECT parent_id FROM indicator_rollup_tree
    WHERE unit_id = ANY(${[...after]}::text[]) AND parent_id IS NOT NULL`.execute(db);
  const newAbove = await ancestorsOf(
    db,
    newParents.rows.map((r) => r.parent_id),
  );
  const rebuild = [...new Set([...oldAbove, ...newAbove])].filter((u) => !removed.has(u));
  await rebuildRollups(db, { units: rebuild });
  await rememberTree(db);
  return changed.length;
}

/** The units and every unit above them in the kept tree. */
async function ancestorsOf(db: Executor, units: readonly string[]): Promise<string[]> {
  if (units.length === 0) return [];
  const rows = await sql<{ unit_id: string }>`
    WITH RECURSIVE up(unit_id) AS (
      SELECT unnest(${[...new Set(units)]}::text[])
      UNION
      SELECT e.parent_id FROM up JOIN indicator_rollup_tree e ON e.unit_id = up.unit_id WHERE e.parent_id IS NOT NULL
    )
    SELECT unit_id FROM up`.execute(db);
  return rows.rows.map((r) => r.unit_id);
}

/**
 * The kept rows recomputed from the raw values, optionally only for some units (each over its
 * whole subtree in the kept tree) or some indicators. The one definition of what a kept row
 * holds: rebuilds and `verifyIndicatorRollups` both use it.
 */
export function recomputedRollups(only: { units?: readonly string[]; indicators?: readonly string[] } = {}) {
  const unitFilter = only.units ? sql`WHERE unit_id = ANY(${[...only.units]}::text[])` : sql``;
  const indicatorFilter = (col: string) =>
    only.indicators ? sql`AND ${sql.ref(col)} = ANY(${[...only.indicators]}::text[])` : sql``;
  return sql<RollupRow>`
    -- UNION, not UNION ALL, in every walk of the kept tree: on a tree the rows are distinct either
    -- way, and a circle stored before moves were checked for one ends the walk instead of looping.
    WITH RECURSIVE closure(anc, unit_id) AS (
      SELECT unit_id, unit_id FROM indicator_rollup_tree ${unitFilter}
      UNION
      SELECT c.anc, e.unit_id FROM closure c JOIN indicator_rollup_tree e ON e.parent_id = c.unit_id
    ), base AS (
      SELECT v.indicator_id, c.anc AS unit_id, v.kind, v.period, sum(v.value) AS total, count(*)::int AS n,
        max(v.value) FILTER (WHERE v.unit_id = c.anc) AS own_value
      FROM closure c JOIN indicator_values v ON v.unit_id = c.unit_id
      WHERE true ${indicatorFilter('v.indicator_id')}
      GROUP BY 1, 2, 3, 4
    ), weighted AS (
      SELECT v.indicator_id, c.anc AS unit_id, v.kind, v.period, sum(v.value * w.value) AS weighted,
        sum(w.value) AS weight, count(*)::int AS weighted_n
      FROM indicators x
      JOIN indicator_values v ON v.indicator_id = x.id
      JOIN indicator_values w ON w.indicator_id = x.weight_id AND w.kind = 'outcome' AND w.period = v.period
        AND w.unit_id = v.unit_id
      JOIN closure c ON c.unit_id = v.unit_id
      WHERE x.aggregation = 'weighted' ${indicatorFilter('x.id')}
      GROUP BY 1, 2, 3, 4
    ), latest AS (
      SELECT DISTINCT ON (v.indicator_id, c.anc, v.kind, v.period)
        v.indicator_id, c.anc AS unit_id, v.kind, v.period, v.value AS latest_value, v.entered_at AS latest_at
      FROM indicators x
      JOIN indicator_values v ON v.indicator_id = x.id
      JOIN closure c ON c.unit_id = v.unit_id
      WHERE x.aggregation = 'latest' ${indicatorFilter('x.id')}
      ORDER BY v.indicator_id, c.anc, v.kind, v.period, v.entered_at DESC, v.value DESC
    )
    SELECT b.indicator_id, b.unit_id, b.kind, b.period, b.total, b.n, b.own_value,
      coalesce(w.weighted, 0) AS weighted, coalesce(w.weight, 0) AS weight, coalesce(w.weighted_n, 0) AS weighted_n,
      l.latest_value, l.latest_at
    FROM base b
    LEFT JOIN weighted w USING (indicator_id, unit_id, kind, period)
    LEFT JOIN latest l USING (indicator_id, unit_id, kind, period)`;
}

/**
 * Replaces the kept rows of some units and/or indicators (all when neither is given) with their
 * recomputation, in key order. Used after reorganisations, definition changes and bulk loads.
 */
export async function rebuildRollups(
  db: Executor,
  only: { units?: readonly string[]; indicators?: readonly string[] } = {},
): Promise<void> {
  if (only.units?.length === 0 || only.indicators?.length === 0) return;
  if (!only.units) return rebuildLevels(db, only.indicators);
  const conditions = [
    only.units ? sql`unit_id = ANY(${[...only.units]}::text[])` : sql`true`,
    only.indicators ? sql`indicator_id = ANY(${[...only.indicators]}::text[])` : sql`true`,
  ];
  await sql`DELETE FROM indicator_rollups WHERE ${sql.join(conditions, sql` AND `)}`.execute(db);
  await sql`
    INSERT INTO indicator_rollups (${COLUMNS})
    SELECT ${COLUMNS} FROM (${recomputedRollups(only)}) r
    ORDER BY indicator_id, unit_id, kind, period
    ON CONFLICT (indicator_id, unit_id, kind, period) DO UPDATE SET
      total = excluded.total, n = excluded.n, own_value = excluded.own_value, weighted = excluded.weighted,
      weight = excluded.weight, weighted_n = excluded.weighted_n, latest_value = excluded.latest_value,
      latest_at = excluded.latest_at`.execute(db);
}

/**
 * Every unit's rows (of some indicators, or all) rebuilt bottom-up, one statement per depth of
 * the kept tree: a unit's rows are its own values plus its children's rows, grouped. Each value
 * is read once and each row once more by its parent, where the closure in `recomputedRollups`
 * reads every value once per unit above it (minutes for a region of a million values).
 * "Latest" merges by the newest (then largest) of the children's, as the recomputation picks.
 */
async function rebuildLevels(db: Executor, indicators?: readonly string[]): Promise<void> {
  if (db.isTransaction) await sql`SET LOCAL jit = off`.execute(db);
  const only = (col: string) => (indicators ? sql`AND ${sql.ref(col)} = ANY(${[...indicators]}::text[])` : sql``);
  await sql`DELETE FROM indicator_rollups WHERE true ${only('indicator_id')}`.execute(db);
  const edges = (
    await sql<{ unit_id: string; parent_id: string | null }>`
    SELECT unit_id, parent_id FROM indicator_rollup_tree`.execute(db)
  ).rows;
  const children = new Map<string | null, string[]>();
  for (const e of edges) children.set(e.parent_id, [...(children.get(e.parent_id) ?? []), e.unit_id]);
  const levels: string[][] = [];
  for (let level = children.get(null) ?? []; level.length > 0; level = level.flatMap((u) => children.get(u) ?? []))
    levels.push(level);
  for (const units of levels.reverse()) {
    // Weights only of weighted indicators, joined as one set (usually none).
    await sql`
      WITH weights AS (
        SELECT x.id AS indicator_id, w.unit_id, w.period, w.value
        FROM indicators x JOIN indicator_values w ON w.indicator_id = x.weight_id AND w.kind = 'outcome'
        WHERE x.aggregation = 'weighted' AND w.unit_id = ANY(${units}::text[]) ${only('x.id')}
      )
      INSERT INTO indicator_rollups (indicator_id, unit_id, kind, period, total, n, own_value, weighted, weight, weighted_n)
      SELECT indicator_id, unit_id, kind, period, sum(total), sum(n)::int, max(own_value), sum(weighted),
        sum(weight), sum(weighted_n)::int
      FROM (
        SELECT v.indicator_id, v.unit_id, v.kind, v.period, v.value AS total, 1 AS n, v.value AS own_value,
          coalesce(v.value * w.value, 0) AS weighted, coalesce(w.value, 0) AS weight,
          CASE WHEN w.value IS NULL THEN 0 ELSE 1 END AS weighted_n
        FROM indicator_values v
        LEFT JOIN weights w ON w.indicator_id = v.indicator_id AND w.period = v.period AND w.unit_id = v.unit_id
        WHERE v.unit_id = ANY(${units}::text[]) ${only('v.indicator_id')}
        UNION ALL
        SELECT r.indicator_id, e.parent_id, r.kind, r.period, r.total, r.n, NULL, r.weighted, r.weight, r.weighted_n
        FROM indicator_rollup_tree e JOIN indicator_rollups r ON r.unit_id = e.unit_id
        WHERE e.parent_id = ANY(${units}::text[]) ${only('r.indicator_id')}
      ) c
      GROUP BY indicator_id, unit_id, kind, period
      ORDER BY indicator_id, unit_id, kind, period`.execute(db);
    // "Latest value" indicators only: the newest of the unit's own values and its children's.
    await sql`
      WITH latest AS (SELECT id FROM indicators WHERE aggregation = 'latest' ${only('id')}), best AS (
        SELECT DISTINCT ON (indicator_id, unit_id, kind, period) indicator_id, unit_id, kind, period, value, at
        FROM (
          SELECT v.indicator_id, v.unit_id, v.kind, v.period, v.value, v.entered_at AS at
          FROM indicator_values v
          WHERE v.unit_id = ANY(${units}::text[]) AND v.indicator_id IN (SELECT id FROM latest)
          UNION ALL
          SELECT r.indicator_id, e.parent_id, r.kind, r.period, r.latest_value, r.latest_at
          FROM indicator_rollup_tree e JOIN indicator_rollups r ON r.unit_id = e.unit_id
          WHERE e.parent_id = ANY(${units}::text[]) AND r.indicator_id IN (SELECT id FROM latest)
            AND r.latest_value IS NOT NULL
        ) c
        ORDER BY indicator_id, unit_id, kind, period, at DESC, value DESC
      )
      UPDATE indicator_rollups r SET latest_value = b.value, latest_at = b.at
      FROM best b
      WHERE r.indicator_id = b.indicator_id AND r.unit_id = b.unit_id AND r.kind = b.kind AND r.period = b.period`.execute(
      db,
    );
  }
}

/** The kept tree replaced by the tree on `day`, and every row rebuilt: for bulk loads. */
export async function rebuildAllRollups(db: Executor, day: IsoDate): Promise<void> {
  await sql`DELETE FROM indicator_rollup_tree`.execute(db);
  await sql`INSERT INTO indicator_rollup_tree (unit_id, parent_id) SELECT unit_id, parent_id FROM (${treeOn(day)}) t`.execute(
    db,
  );
  await rebuildRollups(db);
  await rememberTree(db);
}

/**
 * The rows a change of these slots touches: the slot's own row and every ancestor's, for the
 * slot's indicator and for every weighted indicator whose weight it is (a weight's outcome
 * weighs both kinds of that month).
 */
const touched = (slots: Slots) => sql`
  own AS (
    SELECT DISTINCT s.indicator_id, s.unit_id, s.kind, s.period FROM (${slots}) s
    UNION
    SELECT x.id, s.unit_id, k.kind, s.period
    FROM (${slots}) s
    JOIN indicators x ON x.weight_id = s.indicator_id AND x.aggregation = 'weighted'
    CROSS JOIN (VALUES ('outcome'), ('forecast')) AS k(kind)
    WHERE s.kind = 'outcome'
  ), chain(unit_id, anc) AS (
    SELECT e.unit_id, e.unit_id FROM indicator_rollup_tree e WHERE e.unit_id IN (SELECT unit_id FROM own)
    UNION
    SELECT c.unit_id, e.parent_id FROM chain c JOIN indicator_rollup_tree e ON e.unit_id = c.anc
    WHERE e.parent_id IS NOT NULL
  )`;

/**
 * Adds `sign` × the slots' current contribution (value, count, value × weight) to their rows
 * and their ancestors' rows, in key order. Sign 0 only creates and locks the rows: every writer
 * locks the rows it will change this way before it reads the values it subtracts, so two
 * writers of one subtree wait for each other in one order instead of deadlocking.
 */
async function addContributions(db: Executor, slots: Slots, sign: -1 | 0 | 1): Promise<void> {
  if (sign === 0) {
    // Only the keys: nothing is added, so no value needs reading.
    await sql`
      WITH RECURSIVE ${touched(slots)}
      INSERT INTO indicator_rollups AS r (indicator_id, unit_id, kind, period)
      SELECT DISTINCT o.indicator_id, ch.anc, o.kind, o.period
      FROM own o JOIN chain ch ON ch.unit_id = o.unit_id
      ORDER BY 1, 2, 3, 4
      ON CONFLICT (indicator_id, unit_id, kind, period) DO UPDATE SET n = r.n`.execute(db);
    return;
  }
  await sql`
    WITH RECURSIVE ${touched(slots)}, contribution AS (
      SELECT o.indicator_id, o.unit_id, o.kind, o.period, v.value,
        CASE WHEN v.value IS NULL THEN 0 ELSE 1 END AS n,
        CASE WHEN x.aggregation = 'weighted' THEN v.value * w.value END AS weighted,
        CASE WHEN x.aggregation = 'weighted' AND v.value IS NOT NULL THEN w.value END AS weight
      FROM own o
      JOIN indicators x ON x.id = o.indicator_id
      LEFT JOIN indicator_values v ON v.indicator_id = o.indicator_id AND v.kind = o.kind AND v.period = o.period
        AND v.unit_id = o.unit_id
      LEFT JOIN indicator_values w ON x.aggregation = 'weighted' AND w.indicator_id = x.weight_id
        AND w.kind = 'outcome' AND w.period = o.period AND w.unit_id = o.unit_id
    )
    INSERT INTO indicator_rollups AS r (indicator_id, unit_id, kind, period, total, n, weighted, weight, weighted_n)
    SELECT c.indicator_id, ch.anc, c.kind, c.period,
      ${sign} * coalesce(sum(c.value), 0), ${sign} * sum(c.n)::int,
      ${sign} * coalesce(sum(c.weighted), 0), ${sign} * coalesce(sum(c.weight), 0),
      ${sign} * count(c.weighted)::int
    FROM contribution c JOIN chain ch ON ch.unit_id = c.unit_id
    GROUP BY c.indicator_id, ch.anc, c.kind, c.period
    ORDER BY c.indicator_id, ch.anc, c.kind, c.period
    ON CONFLICT (indicator_id, unit_id, kind, period) DO UPDATE SET
      total = r.total + excluded.total, n = r.n + excluded.n, weighted = r.weighted + excluded.weighted,
      weight = r.weight + excluded.weight, weighted_n = r.weighted_n + excluded.weighted_n`.execute(db);
}

/**
 * Call before changing the values of `slots` (in the same transaction): brings the kept tree up
 * to `day`'s, locks the rows the change touches and takes the slots' current values out of them.
 */
export async function beforeValueChange(db: Executor, slots: Slots, day: IsoDate): Promise<void> {
  await withoutJit(db);
  await syncRollupTree(db, treeOn(day));
  await addContributions(db, slots, 0);
  await addContributions(db, slots, -1);
}

/**
 * Call after changing the values of `slots`: puts their new values into the rows, sets the
 * units' own values, drops rows nothing is left in, and recomputes "latest value" rows by key.
 */
export async function afterValueChange(db: Executor, slots: Slots): Promise<void> {
  await withoutJit(db);
  await addContributions(db, slots, 1);
  await sql`
    WITH RECURSIVE ${touched(slots)}, own_values AS MATERIALIZED (
      -- Read apart from the update, so that the values are joined as one set: joined inside
      -- it, a misestimate led PostgreSQL to probe an unfit index once per slot.
      SELECT o.indicator_id, o.unit_id, o.kind, o.period, v.value
      FROM own o LEFT JOIN indicator_values v ON v.indicator_id = o.indicator_id AND v.kind = o.kind
        AND v.period = o.period AND v.unit_id = o.unit_id
    )
    UPDATE indicator_rollups r SET own_value = o.value
    FROM own_values o
    WHERE r.indicator_id = o.indicator_id AND r.unit_id = o.unit_id AND r.kind = o.kind AND r.period = o.period`.execute(
    db,
  );
  await sql`
    WITH RECURSIVE ${touched(slots)}, groups AS (
      SELECT DISTINCT o.indicator_id, ch.anc AS unit_id, o.kind, o.period
      FROM own o JOIN indicators x ON x.id = o.indicator_id AND x.aggregation = 'latest'
      JOIN chain ch ON ch.unit_id = o.unit_id
    ), down(anc, unit_id) AS (
      SELECT DISTINCT unit_id, unit_id FROM groups
      UNION
      SELECT d.anc, e.unit_id FROM down d JOIN indicator_rollup_tree e ON e.parent_id = d.unit_id
    ), best AS (
      SELECT DISTINCT ON (g.indicator_id, g.unit_id, g.kind, g.period)
        g.indicator_id, g.unit_id, g.kind, g.period, v.value, v.entered_at
      FROM groups g JOIN down d ON d.anc = g.unit_id
      JOIN indicator_values v ON v.indicator_id = g.indicator_id AND v.kind = g.kind AND v.period = g.period
        AND v.unit_id = d.unit_id
      ORDER BY g.indicator_id, g.unit_id, g.kind, g.period, v.entered_at DESC, v.value DESC
    )
    UPDATE indicator_rollups r SET latest_value = b.value, latest_at = b.entered_at
    FROM groups g LEFT JOIN best b ON b.indicator_id = g.indicator_id AND b.unit_id = g.unit_id
      AND b.kind = g.kind AND b.period = g.period
    WHERE r.indicator_id = g.indicator_id AND r.unit_id = g.unit_id AND r.kind = g.kind AND r.period = g.period`.execute(
    db,
  );
  await sql`
    WITH RECURSIVE ${touched(slots)}
    DELETE FROM indicator_rollups r USING own o JOIN chain ch ON ch.unit_id = o.unit_id
    WHERE r.indicator_id = o.indicator_id AND r.unit_id = ch.anc AND r.kind = o.kind AND r.period = o.period
      AND r.n = 0`.execute(db);
}

/** Slots from four parallel arrays. */
export const slotsOf = (k: { indicators: string[]; kinds: string[]; periods: string[]; units: string[] }): Slots =>
  sql`SELECT * FROM unnest(${k.indicators}::text[], ${k.units}::text[], ${k.kinds}::text[], ${k.periods}::text[])
    AS k(indicator_id, unit_id, kind, period)`;

/**
 * Which of a kept row's parts a reader needs beyond the sum and the count every aggregation reads:
 * the unit's own value (indicators that do not aggregate), the weighted sums, the latest value.
 */
export interface RollupParts {
  own: boolean;
  weighted: boolean;
  latest: boolean;
}
export const ALL_PARTS: RollupParts = Object.freeze({ own: true, weighted: true, latest: true });

/**
 * The kept rows of some indicators for some units (every unit when `units` is null) and months,
 * for the readers, kept for today's `tree` (when they were kept for another, they are first
 * brought up to date: see `keepUpWithTree`). The rows of an indicator at a unit come packed in
 * one text field: a page of the cross-unit view
 * reads thousands of rows of a dozen columns each, and decoding that many fields cost more than
 * finding and reading the rows (on PGlite most of the request). Every field of a kept row is
 * digits, a month, a kind or an ISO time, none of which holds the separators. Parts the reader
 * does not need (`parts`) are not written at all: writing numbers as text is most of the
 * database's work here.
 */
export async function keptRollups(
  db: Executor,
  tree: OrgIndex,
  indicators: readonly string[],
  units: readonly string[] | null,
  from: string,
  to: string,
  parts: RollupParts = ALL_PARTS,
): Promise<RollupRow[]> {
  if (indicators.length === 0 || units?.length === 0) return [];
  const first = await packedRollups(db, indicators, units, from, to, parts);
  if (first.treeHash === edgesOf(tree).hash) return first.rows;
  await keepUpWithTree(db, tree);
  return (await packedRollups(db, indicators, units, from, to, parts)).rows;
}

/**
 * The rows `keptRollups` reads, and in the same statement (one round trip, one snapshot) the
 * fingerprint of the tree they are kept for.
 */
async function packedRollups(
  db: Executor,
  indicators: readonly string[],
  units: readonly string[] | null,
  from: string,
  to: string,
  parts: RollupParts,
): Promise<{ treeHash: string | null; rows: RollupRow[] }> {
  const ids = [...new Set(indicators)];
  // Only the fields asked for are written: the kind as its first letter (outcome, forecast), the
  // month, the sum and the count, then each part asked for in the order of `RollupParts`.
  const fields = [
    sql`left(kind, 1)`,
    sql`period`,
    sql`total`,
    sql`n`,
    ...(parts.own ? [sql`coalesce(own_value::text, '')`] : []),
    ...(parts.weighted ? [sql`weighted`, sql`weight`, sql`weighted_n`] : []),
    ...(parts.latest ? [sql`coalesce(latest_value::text, '')`, sql`coalesce(to_json(latest_at) #>> '{}', '')`] : []),
  ];
  // The fingerprint comes as the row without a unit. The rows are packed per indicator and unit,
  // the order of the key, so they are grouped as the index yields them (no sort).
  const { rows } = await sql<{ i: number | null; unit_id: string | null; packed: string }>`
    SELECT NULL AS i, NULL AS unit_id, tree_hash AS packed FROM indicator_rollup_state
    UNION ALL
    SELECT array_position(${ids}::text[], indicator_id), unit_id, string_agg(concat_ws(',', ${sql.join(fields)}), ';')
    FROM indicator_rollups
    WHERE indicator_id = ANY(${ids}::text[]) ${units ? sql`AND unit_id = ANY(${[...new Set(units)]}::text[])` : sql``}
      AND period >= ${from} AND period <= ${to}
    GROUP BY indicator_id, unit_id`.execute(db);
  let treeHash: string | null = null;
  const out: RollupRow[] = [];
  // Where each part asked for sits in a packed row (-1: not asked for).
  const ownAt = parts.own ? 4 : -1;
  const weightedAt = parts.weighted ? 4 + (parts.own ? 1 : 0) : -1;
  const latestAt = parts.latest ? 4 + (parts.own ? 1 : 0) + (parts.weighted ? 3 : 0) : -1;
  for (const { i, unit_id, packed } of rows) {
    if (unit_id === null) {
      treeHash = packed;
      continue;
    }
    const indicator_id = ids[(i as number) - 1] as string;
    for (const row of packed.split(';')) {
      const f = row.split(',');
      const own = ownAt < 0 ? '' : (f[ownAt] as string);
      const latest = latestAt < 0 ? '' : (f[latestAt] as string);
      const latestTime = latestAt < 0 ? '' : (f[latestAt + 1] as string);
      out.push({
        indicator_id,
        unit_id,
        kind: f[0] === 'o' ? 'outcome' : 'forecast',
        period: f[1] as string,
        total: f[2] as string,
        n: Number(f[3]),
        own_value: own === '' ? null : own,
        weighted: weightedAt < 0 || f[weightedAt] === '' ? '0' : (f[weightedAt] as string),
        weight: weightedAt < 0 || f[weightedAt + 1] === '' ? '0' : (f[weightedAt + 1] as string),
        weighted_n: weightedAt < 0 || f[weightedAt + 2] === '' ? 0 : Number(f[weightedAt + 2]),
        latest_value: latest === '' ? null : latest,
        latest_at: latestTime === '' ? null : latestTime,
      });
    }
  }
  return { treeHash, rows: out };
}
