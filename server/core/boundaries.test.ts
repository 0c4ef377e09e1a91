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
};

/**
 * Foreign queries that predate decision 015 in files outside its change; each is debt to move
 * behind the owner's functions. The test fails when one disappears, so the list only shrinks.
 */
const KNOWN_DEBT: Record<string, string> = {
  'server/main.ts → users': 'reads whether the demo accounts exist',
  'server/auth → users': 'sign-in reads the account; to go through users/',
  'server/bodies → org_units': 'a body names the units it governs',
  'server/org → bodies': 'the org export lists bodies',
  'server/org → body_units': 'the org export lists bodies',
  'server/competence → bodies': 'judging competence reads the deciding body',
  'server/competence → body_units': 'judging competence reads the deciding body',
  'server/competence → decisions': 'judging competence reads the decisions',
  'server/competence → decision_links': 'judging competence reads the decisions',
  'server/competence → plans': 'judging competence reads the record judged',
  'server/competence → plan_versions': 'judging competence reads the record judged',
  'server/competence → goals': 'judging competence reads the record judged',
  'server/competence → goal_wordings': 'judging competence reads the record judged',
  'server/competence → measures': 'judging competence reads the record judged',
  'server/competence → measure_calc_lines': 'judging competence reads the record judged',
  'server/competence → corrective_actions': 'judging competence reads the record judged',
  'server/economy → bodies': 'a measure lists the bodies of its decisions',
  'server/economy → decisions': 'a measure lists its decisions',
  'server/economy → decision_links': 'a measure lists its decisions',
  'server/economy → plan_versions': 'the kept plan figures follow the plan versions',
  'server/steering → bodies': 'a plan or decision names its body',
  'server/steering → measures': 'a goal lists the measures serving it',
  'server/reports → bodies': 'a board report names its body',
  'server/reports → decisions': 'a board report lists decisions',
  'server/reports → plans': 'a board report reads its plan',
  'server/reports → plan_versions': 'a board report reads its plan',
  'server/reports → action_plan_allocations': 'a board report reads the requirements',
  'server/followup → users': 'reminders read the managers to mail',
  'server/followup → role_assignments': 'reminders read the managers to mail',
  // Added with delegation per body (decision 017), written beside this check: to move next.
  'server/bodies → decisions': 'a delegation order names its adopting decision; anmälan lists delegated ones',
  'server/bodies → competence_rules': 'a delegated matter must be one the rules let a body delegate',
  'server/bodies → users': 'a seat names its member',
  'server/bodies → meetings': 'anmälan av delegationsbeslut is listed for the body’s next meeting',
};

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
