import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { swedishDate } from '../domain/dates';
import { UNIT_LEVELS, type UnitLevel } from '../domain/org';
import { addMonths, formatPeriod } from '../domain/periods';
import type { Role } from '../domain/permissions';
import { hashPassword } from '../server/auth/passwords';
import type { Executor } from '../server/core/context';
import { refreshPlanFigures } from '../server/economy/rollups';
import { rebuildAllRollups } from '../server/steering/rollups';

export interface LargeRegionSize {
  units: number;
  users: number;
}

/** Above the largest Swedish regions (about 50 000 employees, a few thousand units). */
export const LARGE_REGION: LargeRegionSize = { units: 5_000, users: 20_000 };

// How many children a unit has at each level, top down; the last level takes the remainder.
const FAN_OUT = [5, 5, 6, 5, 6];
const ROLES_FOR_USERS: Role[] = ['manager', 'reporter', 'viewer', 'controller'];

/**
 * A synthetic region: a tree over all six levels and users with roles, inserted in bulk
 * (not through the services: that is the point of measuring the services against it).
 * Returns the root unit and the password every generated user shares.
 */
export async function generateLargeRegion(db: Executor, size: LargeRegionSize = LARGE_REGION) {
  const now = new Date('2025-01-01T00:00:00Z');
  const units: { id: string; parentId: string | null; level: UnitLevel; name: string; code: string }[] = [];
  const root = { id: randomUUID(), parentId: null, level: 'region' as UnitLevel, name: 'Region Stor', code: 'R0' };
  units.push(root);
  let frontier: typeof units = [root];
  for (let depth = 1; depth < UNIT_LEVELS.length && units.length < size.units; depth++) {
    const level = UNIT_LEVELS[depth] as UnitLevel;
    const next: typeof units = [];
    const last = depth === UNIT_LEVELS.length - 1;
    const perParent = last ? Math.ceil((size.units - units.length) / frontier.length) : (FAN_OUT[depth - 1] as number);
    for (const parent of frontier) {
      for (let i = 0; i < perParent && units.length + next.length < size.units; i++) {
        const code = `${parent.code}.${i + 1}`;
        next.push({ id: randomUUID(), parentId: parent.id, level, name: `${level} ${code}`, code });
      }
    }
    units.push(...next);
    frontier = next;
  }

  const batch = <T>(rows: T[], n = 500) =>
    Array.from({ length: Math.ceil(rows.length / n) }, (_, i) => rows.slice(i * n, i * n + n));
  for (const part of batch(units)) {
    await db
      .insertInto('org_units')
      .values(part.map((u) => ({ id: u.id, created_at: now })))
      .execute();
    await db
      .insertInto('org_unit_states')
      .values(
        part.map((u) => ({
          unit_id: u.id,
          valid_from: '2020-01-01',
          valid_to: null,
          parent_id: u.parentId,
          name: u.name,
          level: u.level,
          code: u.code,
          manager_name: `Chef ${u.code}`,
          manager_user_id: null,
        })),
      )
      .execute();
  }

  const password = 'bench-password';
  const passwordHash = await hashPassword(password);
  const users = Array.from({ length: size.users }, (_, i) => ({
    id: randomUUID(),
    username: `user${i}`,
    display_name: `Användare ${i}`,
    email: null,
    password_hash: passwordHash,
    created_at: now,
    updated_at: now,
  }));
  for (const part of batch(users)) await db.insertInto('users').values(part).execute();
  const roles = users.map((u, i) => ({
    id: randomUUID(),
    user_id: u.id,
    role: ROLES_FOR_USERS[i % ROLES_FOR_USERS.length] as Role,
    unit_id: (units[i % units.length] as (typeof units)[number]).id,
    created_at: now,
  }));
  for (const part of batch(roles)) await db.insertInto('role_assignments').values(part).execute();
  const admin = users[0] as (typeof users)[number];
  await db
    .insertInto('role_assignments')
    .values({ id: randomUUID(), user_id: admin.id, role: 'administrator', unit_id: root.id, created_at: now })
    .execute();
  return { rootId: root.id, units, adminUsername: admin.username, password };
}

/** A draft plan owned by the root, inserted directly. */
async function insertDraftPlan(
  db: Executor,
  rootId: string,
  kind: string,
  title: string,
  startYear: number,
  endYear: number,
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('plans')
    .values({
      id,
      kind,
      owner_body_id: null,
      owner_unit_id: rootId,
      scope_unit_id: rootId,
      parent_plan_id: null,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('plan_versions')
    .values({
      plan_id: id,
      seq: 1,
      title,
      start_year: startYear,
      end_year: endYear,
      status: 'draft',
      created_at: now,
      created_by: 'bench',
    })
    .execute();
  return id;
}

export interface SteeringSize {
  indicators: number;
  /** Indicators on the root's goals (sums and ratios of them); the rest exist beside them. */
  onRootGoals: number;
  /** How many of the root's summed indicators each leaf unit reports. */
  perLeaf: number;
  months: number;
}

/** 500 indicators, 24 months of values, ten indicators reported by each leaf unit. */
export const LARGE_STEERING: SteeringSize = { indicators: 500, onRootGoals: 50, perLeaf: 10, months: 24 };

/**
 * Goals at the root, indicators and monthly values for every leaf of a generated region,
 * inserted in bulk (values by one INSERT … SELECT in the database). Of the root's indicators
 * three in five are sums and two in five ratios of two of those sums. Values run from
 * January 2024; returns the last month and the ids of the indicators whose values the root
 * scorecard reads.
 */
export async function generateSteering(
  db: Executor,
  region: { rootId: string; units: { id: string; parentId: string | null }[] },
  size: SteeringSize = LARGE_STEERING,
) {
  const now = new Date('2025-01-01T00:00:00Z');
  const planId = await insertDraftPlan(db, region.rootId, 'regionplan', 'Regionplan', 2024, 2027, now);
  const perspectives = ['medborgare', 'medarbetare', 'verksamhet', 'ekonomi'];
  const goals = Array.from({ length: Math.ceil(size.onRootGoals / 5) }, (_, i) => ({
    id: randomUUID(),
    plan_id: planId,
    perspective: perspectives[i % 4] as string,
    focus_area: null,
    owner_unit_id: region.rootId,
    target_year: 2027,
    created_at: now,
  }));
  await db.insertInto('goals').values(goals).execute();
  await db
    .insertInto('goal_wordings')
    .values(
      goals.map((g, i) => ({
        goal_id: g.id,
        seq: 1,
        title: `Mål ${i + 1}`,
        plan_decided: false,
        created_at: now,
        created_by: 'bench',
      })),
    )
    .execute();

  const sums = Math.ceil((size.onRootGoals * 3) / 5);
  const ratios = size.onRootGoals - sums;
  const base = Array.from({ length: sums }, (_, i) => ({ id: randomUUID(), code: `sum${i}`, name: `Summa ${i}` }));
  const rows = [
    ...base.map((b) => ({
      ...b,
      aggregation: 'sum',
      numerator_id: null as string | null,
      denominator_id: null as string | null,
    })),
    ...Array.from({ length: ratios }, (_, i) => ({
      id: randomUUID(),
      code: `ratio${i}`,
      name: `Kvot ${i}`,
      aggregation: 'ratio',
      numerator_id: (base[(2 * i) % sums] as { id: string }).id,
      denominator_id: (base[(2 * i + 1) % sums] as { id: string }).id,
    })),
    ...Array.from({ length: size.indicators - size.onRootGoals }, (_, i) => ({
      id: randomUUID(),
      code: `other${i}`,
      name: `Övrig ${i}`,
      aggregation: 'sum',
      numerator_id: null,
      denominator_id: null,
    })),
  ];
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('indicators')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          ...r,
          measure_unit: r.aggregation === 'ratio' ? '%' : 'st',
          direction: 'higher',
          frequency: 'month',
          weight_id: null,
          scale: r.aggregation === 'ratio' ? '100' : '1',
          rolling_months: null,
          source: r.aggregation === 'ratio' ? 'formula' : 'entered',
          created_at: now,
        })),
      )
      .execute();
  const onRoot = rows.slice(0, size.onRootGoals);
  await db
    .insertInto('indicator_goals')
    .values(onRoot.map((r, i) => ({ indicator_id: r.id, goal_id: (goals[i % goals.length] as { id: string }).id })))
    .execute();
  await db
    .insertInto('indicator_targets')
    .values(
      onRoot.map((r) => ({ indicator_id: r.id, unit_id: region.rootId, period: '2025', target: '50', tolerance: '5' })),
    )
    .execute();

  // Leaves and the summed indicators get numbers; each leaf reports `perLeaf` of the sums.
  const parents = new Set(region.units.map((u) => u.parentId));
  const leaves = region.units.filter((u) => !parents.has(u.id)).map((u) => u.id);
  await sql`CREATE TEMPORARY TABLE bench_leaves (n integer, id text)`.execute(db);
  await sql`CREATE TEMPORARY TABLE bench_sums (n integer, id text)`.execute(db);
  for (let i = 0; i < leaves.length; i += 1000)
    await sql`INSERT INTO bench_leaves SELECT * FROM unnest(${leaves.slice(i, i + 1000).map((_, k) => i + k)}::int[], ${leaves.slice(i, i + 1000)}::text[])`.execute(
      db,
    );
  await sql`INSERT INTO bench_sums SELECT * FROM unnest(${base.map((_, k) => k)}::int[], ${base.map((b) => b.id)}::text[])`.execute(
    db,
  );
  await sql`
    INSERT INTO indicator_values (indicator_id, unit_id, period, kind, value, comment, entered_by, entered_by_name, entered_at)
    SELECT s.id, l.id, to_char(date '2024-01-01' + make_interval(months => m), 'YYYY-MM'), 'outcome',
           (100 + (l.n * 31 + s.n * 17 + m * 7) % 900)::numeric, '', NULL, 'bench', ${now}
    FROM bench_leaves l
    CROSS JOIN generate_series(0, ${size.perLeaf - 1}) AS k
    JOIN bench_sums s ON s.n = (l.n * 7 + k) % ${sums}
    CROSS JOIN generate_series(0, ${size.months - 1}) AS m
    ON CONFLICT DO NOTHING`.execute(db);
  await sql`DROP TABLE bench_leaves`.execute(db);
  await sql`DROP TABLE bench_sums`.execute(db);
  await sql`ANALYZE indicator_values`.execute(db);
  // Inserted past the value write path: the kept roll-ups are built once from them. The
  // generated units are open from 2020, so the tree on the generator's day is today's.
  await rebuildAllRollups(db, swedishDate(now));
  await sql`ANALYZE indicator_rollups`.execute(db);
  const lastMonth = formatPeriod(addMonths({ kind: 'month', year: 2024, month: 1 }, size.months - 1));
  const ratioIndicatorId = (rows[sums] as { id: string }).id;
  return { lastMonth, baseIndicatorIds: base.map((b) => b.id), ratioIndicatorId, leaves: leaves.length };
}

export interface ActionPlanSize {
  measures: number;
  depth: number;
  /** Sub-measures per measure on every level but the last. */
  fanOut: number;
  months: number;
}

/** 20 000 measures six levels deep, each leaf reporting every month of 2024. */
export const LARGE_ACTION_PLAN: ActionPlanSize = { measures: 20_000, depth: 6, fanOut: 4, months: 12 };

/**
 * An action plan over a generated region: a measure tree `depth` levels deep, each level
 * owned one level further down the organisation, a calculation line on every leaf and a
 * report for every month; reports are inserted by one INSERT … SELECT in the database.
 */
export async function generateActionPlan(
  db: Executor,
  region: { rootId: string; units: { id: string; parentId: string | null }[] },
  size: ActionPlanSize = LARGE_ACTION_PLAN,
) {
  const now = new Date('2025-01-01T00:00:00Z');
  const planId = await insertDraftPlan(db, region.rootId, 'handlingsplan', 'Handlingsplan', 2024, 2024, now);
  await db.insertInto('action_plan_settings').values({ plan_id: planId, deviation_margin_pct: 10 }).execute();
  const childUnits = new Map<string | null, string[]>();
  for (const u of region.units) childUnits.set(u.parentId, [...(childUnits.get(u.parentId) ?? []), u.id]);
  const unitsUnder = (id: string) => childUnits.get(id) ?? [id];

  type Row = { id: string; parent: string | null; unit: string };
  const measures: Row[] = [];
  let level: Row[] = [];
  // A full tree of `depth` levels has roots × (fanOut^depth − 1)/(fanOut − 1) measures.
  const roots = Math.max(1, Math.ceil((size.measures * (size.fanOut - 1)) / (size.fanOut ** size.depth - 1)));
  const forvaltningar = unitsUnder(region.rootId);
  for (let i = 0; i < roots; i++)
    level.push({ id: randomUUID(), parent: null, unit: forvaltningar[i % forvaltningar.length] as string });
  measures.push(...level);
  for (let d = 1; d < size.depth && measures.length < size.measures; d++) {
    const next: Row[] = [];
    for (const parent of level) {
      const units = unitsUnder(parent.unit);
      for (let k = 0; k < size.fanOut && measures.length + next.length < size.measures; k++)
        next.push({ id: randomUUID(), parent: parent.id, unit: units[k % units.length] as string });
    }
    measures.push(...next);
    level = next;
  }
  const categories = ['effektivisering', 'ransonering', 'kostnadsskillnader', 'generell'];
  for (let i = 0; i < measures.length; i += 1000)
    await db
      .insertInto('measures')
      .values(
        measures.slice(i, i + 1000).map((m, k) => ({
          id: m.id,
          plan_id: planId,
          parent_measure_id: m.parent,
          owner_unit_id: m.unit,
          responsible_name: 'Chef',
          title: `Åtgärd ${i + k}`,
          category: categories[(i + k) % 4] as string,
          feasibility: ((i + k) % 3) + 1,
          start_on: '2024-01-01',
          full_effect_on: '2024-12-31',
          status: 'ongoing',
          risk_analysis_ref: null,
          created_at: now,
        })),
      )
      .execute();
  const parents = new Set(measures.map((m) => m.parent));
  const leaves = measures.filter((m) => !parents.has(m.id)).map((m) => m.id);
  for (let i = 0; i < leaves.length; i += 1000)
    await db
      .insertInto('measure_calc_lines')
      .values(
        leaves.slice(i, i + 1000).map((id, k) => ({
          measure_id: id,
          seq: 1,
          year: 2024,
          kind: 'saving',
          description: 'Lägre kostnad',
          amount_kr: BigInt(100_000 + ((i + k) % 97) * 10_000),
          realisation_pct: 100,
        })),
      )
      .execute();
  await sql`
    INSERT INTO measure_reports (measure_id, period, forecast_kr, outcome_kr, comment, entered_by_name, entered_at)
    SELECT l.measure_id, to_char(date '2024-01-01' + make_interval(months => m), 'YYYY-MM'),
           l.amount_kr * (80 + (m * 3) % 20) / 100, l.amount_kr * (m + 1) / 12, '', 'bench', ${now}
    FROM measure_calc_lines l JOIN measures x ON x.id = l.measure_id AND x.plan_id = ${planId}
    CROSS JOIN generate_series(0, ${size.months - 1}) AS m`.execute(db);
  await db
    .insertInto('action_plan_allocations')
    .values({ plan_id: planId, unit_id: region.rootId, year: 2024, amount_kr: 5_000_000_000n })
    .execute();
  await sql`ANALYZE measure_reports`.execute(db);
  // The rows above bypass the write path, so the plan's kept figures (decision 008) are built here.
  await refreshPlanFigures(db, [planId]);
  await sql`ANALYZE plan_month_sums`.execute(db);
  return {
    planId,
    measures: measures.length,
    leaves: leaves.length,
    lastMonth: formatPeriod(addMonths({ kind: 'month', year: 2024, month: 1 }, size.months - 1)),
  };
}
