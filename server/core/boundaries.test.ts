import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Capabilities own their tables (decision 015): a capability reads and writes only its own
 * tables and asks the owner's exported functions for anything else. This test reads every
 * table from the migrations, maps it to the folder under server/ that owns it, and fails on
 * a query of a foreign table in non-test code: selectFrom, insertInto, updateTable,
 * deleteFrom and joins. Reference checks by id (core/refs.ts mustExist) stand in for foreign
 * keys and are not queries of a record's content.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SERVER = join(ROOT, 'server');

/** Who owns each table. A new migration's table must be added here: the test names it. */
const OWNERS: Record<string, string> = {
  users: 'users',
  role_assignments: 'users',
  sessions: 'auth',
  login_attempts: 'auth',
  org_units: 'org',
  org_unit_states: 'org',
  bodies: 'bodies',
  body_units: 'bodies',
  history: 'history',
  decisions: 'steering',
  decision_links: 'steering',
  plans: 'steering',
  plan_versions: 'steering',
  goals: 'steering',
  goal_wordings: 'steering',
  goal_links: 'steering',
  assignments: 'steering',
  indicators: 'steering',
  indicator_goals: 'steering',
  indicator_targets: 'steering',
  indicator_values: 'steering',
  activities: 'steering',
  activity_goals: 'steering',
  activity_updates: 'steering',
  goal_analyses: 'steering',
  value_imports: 'steering',
  value_import_rows: 'steering',
  indicator_rollup_tree: 'steering',
  indicator_rollup_state: 'steering',
  indicator_rollups: 'steering',
  action_plan_allocations: 'economy',
  measures: 'economy',
  measure_calc_lines: 'economy',
  measure_goals: 'economy',
  measure_reports: 'economy',
  delegation_levels: 'economy',
  corrective_actions: 'economy',
  action_plan_settings: 'economy',
  action_plan_submissions: 'economy',
  plan_measure_months: 'economy',
  impact_analyses: 'analysis',
  impact_analysis_cost_shifts: 'analysis',
  impact_analysis_risks: 'analysis',
  plan_month_sums: 'economy',
  cycle_occasions: 'followup',
  cycle_deadlines: 'followup',
  followup_submissions: 'followup',
  outbox: 'followup',
  idempotency_keys: 'core',
  board_reports: 'reports',
  meetings: 'reports',
  agenda_items: 'reports',
  export_jobs: 'reports',
  data_versions: 'cache',
  competence_rules: 'competence',
  competence_settings: 'competence',
  body_delegations: 'bodies',
  body_members: 'bodies',
  risk_scales: 'risk',
  risks: 'risk',
  risk_links: 'risk',
  risk_assessments: 'risk',
  control_plans: 'control',
  control_points: 'control',
  control_results: 'control',
  control_actions: 'control',
  control_assessments: 'control',
};

/** Folders that are not capabilities: the database's own code and the demo seed (fixtures). */
const NOT_CAPABILITIES = new Set(['db', 'demo']);

/**
 * Foreign reads judged fine, each with its reason (decision 015). Keys are `folder → table`.
 * Only reads: no capability writes another's table.
 */
const ALLOWED: Record<string, string> = {
  // The one write path records every change's history in the writer's transaction (decision 003).
  'core → history': 'write() inserts the history entry',
  // Internal control (issue 14 part B): a control point is chosen from the risk register and names
  // its risk; the risk capability had no read functions yet when this was written.
  'control → risks': 'a control point names the risk it is chosen from',
  'control → users': 'a control point, result and action name the people in them',
  'control → role_assignments': 'escalation lists the controllers over a body',
};

/**
 * Foreign queries still waiting to move behind the owner's functions (none now: each owner
 * exports a read model in its `reads.ts`). The test fails when an entry is no longer needed,
 * so the list only shrinks; a new entry needs a reason and an issue, not a habit.
 */
const KNOWN_DEBT: Record<string, string> = {};

const QUERY =
  /\b(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([a-z_]+)(?: as [a-z_]+)?'/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** `folder → table` (or `file → table` for a file directly in server/) for every foreign query, with where. */
function foreignQueries(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const path of files(SERVER)) {
    const rel = relative(SERVER, path).split('/');
    const folder = rel.length > 1 ? (rel[0] as string) : null;
    if (folder !== null && NOT_CAPABILITIES.has(folder)) continue;
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(QUERY)) {
      const table = m[1] as string;
      const owner = OWNERS[table];
      if (owner === undefined || owner === folder) continue;
      const key = folder === null ? `server/${rel[0]} → ${table}` : `server/${folder} → ${table}`;
      const line = text.slice(0, m.index).split('\n').length;
      found.set(key, [...(found.get(key) ?? []), `${relative(ROOT, path)}:${line}`]);
    }
  }
  return found;
}

describe('capability boundaries', () => {
  it('knows the owner of every table the migrations create', () => {
    const dir = join(SERVER, 'db', 'migrations');
    const tables = readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)/g)])
      .map((m) => m[1] as string);
    expect(tables.length).toBeGreaterThan(40);
    expect(tables.filter((t) => OWNERS[t] === undefined)).toEqual([]);
    for (const owner of new Set(Object.values(OWNERS))) expect(statSync(join(SERVER, owner)).isDirectory()).toBe(true);
  });

  it('finds no capability querying a table another capability owns', () => {
    const found = foreignQueries();
    const allowed = (key: string) =>
      KNOWN_DEBT[key] !== undefined || ALLOWED[key.replace(/^server\//, '')] !== undefined;
    const violations = [...found].filter(([key]) => !allowed(key)).map(([key, where]) => `${key}: ${where.join(', ')}`);
    expect(violations).toEqual([]);
  });

  it('keeps the lists of exceptions short: every entry is still needed', () => {
    const found = foreignQueries();
    const stale = [...Object.keys(KNOWN_DEBT), ...Object.keys(ALLOWED).map((k) => `server/${k}`)].filter(
      (key) => !found.has(key),
    );
    expect(stale).toEqual([]);
  });

  it('catches a foreign query, so the check can fail', () => {
    const sample = "await db.selectFrom('measures as m').innerJoin('goals', 'goals.id', 'm.goal_id')";
    expect([...sample.matchAll(QUERY)].map((m) => m[1])).toEqual(['measures', 'goals']);
  });
});
