/**
 * `npm run bench`: the platform's requests over a synthetic large region. Figures are ratios
 * against a trivial request measured in the same run, so they compare across machines.
 * In-process requests, bounded in count; the `http` section loads real server processes over
 * loopback for a few seconds each; the `start` section starts the compiled server on the demo.
 *
 * Every row of bench/out/results.json is `{ id, median, p95, ratio, baseline, ... }`: `baseline`
 * is the id of the row it is compared with (a row too, with baseline null), `ratio` its median
 * over the baseline's (in-process, lower is better) or its throughput over the baseline's
 * (`http.*`, higher is better). Ids are stable across runs and versions.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { monthsEnding } from '../domain/indicators/months';
import { buildApp } from '../server/app';
import { keepVersions } from '../server/cache/version-keeper';
import { systemClock } from '../server/core/clock';
import { systemActor } from '../server/core/context';
import { write } from '../server/core/write';
import { openDatabase } from '../server/db/connection';
import { migrate } from '../server/db/migrate';
import { createScratchDatabase } from '../server/db/scratch';
import { upkeepAll } from '../server/db/upkeep';
import { buildContent } from '../server/reports/build';
import { createReportIn } from '../server/reports/service';
import {
  generateActionPlan,
  generateLargeRegion,
  generateSteering,
  LARGE_ACTION_PLAN,
  LARGE_REGION,
  LARGE_STEERING,
} from './generate';
import { BENCH_HTTP_CONFIG } from './http-config';
import { type HttpSection, httpSection, printHttp } from './http-load';
import { latenciesDuring, stallImportRows, valuesWorkbook } from './import-stall';
import { printStart, type StartRow, startSection } from './start';

const WARMUP = 5;
// BENCH_ONLY=import.stall (or a comma-separated list of org, scorecard, plan, report,
// import.stall, http, start) runs only those rows, with the baselines they are measured against.
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const runs = (section: 'org' | 'scorecard' | 'plan' | 'report' | 'import.stall' | 'http' | 'start') =>
  !ONLY || ONLY.includes(section);
const PROCESS_SECTIONS = ['http', 'start'];

interface Row {
  id: string;
  name: string;
  median: number;
  p95: number;
  ratio: number;
  baseline: string | null;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function writeResults(results: Record<string, unknown>) {
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/results.json', JSON.stringify({ ...results, rssBytes: process.memoryUsage().rss }, null, 2));
  console.log(`\nbench process RSS after the run: ${mib(process.memoryUsage().rss)}`);
}
const ITERATIONS = 30;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown>, iterations = ITERATIONS): Promise<number[]> {
  for (let i = 0; i < Math.min(WARMUP, iterations); i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

async function openBenchDatabase() {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl)
    return {
      database: await openDatabase({ kind: 'pglite', dataDir: null }),
      config: { kind: 'pglite' as const },
      drop: async () => {},
    };
  const scratch = await createScratchDatabase(adminUrl, 'rt_bench');
  return {
    database: await openDatabase({ kind: 'postgresql', url: scratch.url }),
    config: { kind: 'postgresql' as const, url: scratch.url },
    drop: scratch.drop,
  };
}

async function main() {
  // Over real sockets against servers of their own, on the demo database; first, so the large
  // region's memory does not weigh on the figures.
  const http: HttpSection | null = runs('http') ? await httpSection() : null;
  if (http) printHttp(http);
  const start: StartRow[] = runs('start') ? await startSection() : [];
  if (start.length > 0) printStart(start);
  const processRows = [...(http?.rows ?? []), ...start];
  if (ONLY?.every((s) => PROCESS_SECTIONS.includes(s))) {
    writeResults({ rows: processRows, httpServerRssBytes: http?.serverRssBytes ?? null });
    return;
  }
  const { database, config, drop } = await openBenchDatabase();
  let keeper: Awaited<ReturnType<typeof keepVersions>> = null;
  try {
    await migrate(database.db, systemClock.now());
    const started = Date.now();
    const region = await generateLargeRegion(database.db, LARGE_REGION);
    console.log(
      `Large region on ${database.kind}: ${region.units.length} units, ${LARGE_REGION.users} users (generated in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    const steeringStarted = Date.now();
    const steering = await generateSteering(database.db, region, LARGE_STEERING);
    const valueRows = await sql<{ n: string }>`SELECT count(*)::text AS n FROM indicator_values`.execute(database.db);
    console.log(
      `Steering: ${LARGE_STEERING.indicators} indicators, ${LARGE_STEERING.months} months, ${valueRows.rows[0]?.n} value rows over ${steering.leaves} leaf units (generated in ${((Date.now() - steeringStarted) / 1000).toFixed(1)} s)`,
    );
    const planStarted = Date.now();
    const actionPlan =
      runs('plan') || runs('report') ? await generateActionPlan(database.db, region, LARGE_ACTION_PLAN) : null;
    if (actionPlan)
      console.log(
        `Action plan: ${actionPlan.measures} measures ${LARGE_ACTION_PLAN.depth} levels deep, ${actionPlan.leaves * LARGE_ACTION_PLAN.months} reports (generated in ${((Date.now() - planStarted) / 1000).toFixed(1)} s)`,
      );
    // The tables as a running server has them: vacuumed and analysed, by PostgreSQL's autovacuum
    // within a minute or two of the bulk load, by the server's upkeep on the embedded database
    // (server/db/upkeep.ts, the same rules). The reads and their baselines alike are measured so;
    // without statistics a baseline's plan can be several times slower than it would be.
    const upkeepStarted = Date.now();
    const kept = await upkeepAll(database.db);
    console.log(`Upkeep: ${kept.length} tables (in ${((Date.now() - upkeepStarted) / 1000).toFixed(1)} s)`);
    // Figures computed on every request (the cache holds nothing), as the figures' own cost is
    // what these rows follow; the *Cached rows ask the app as it runs, with its figure cache.
    // On PostgreSQL a running server keeps the data versions by listening (server/main.ts) instead
    // of reading them for every request; the in-process rows are measured so too.
    keeper = await keepVersions(database.db, config);
    const services = { db: database.db, dbKind: database.kind, clock: systemClock };
    const app = buildApp({ services, config: { ...BENCH_HTTP_CONFIG, figureCache: { entries: 0 } } });
    const cachedApp = buildApp({ services, config: BENCH_HTTP_CONFIG });
    const login = await app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: region.adminUsername, password: region.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const getOn = (on: typeof app) => (path: string) => async () => {
      const res = await on.request(`http://localhost${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    const get = getOn(app);
    const getCached = getOn(cachedApp);

    const rows: Row[] = [];
    /** Adds a row measured against `baseline` (an id of a row added before it, or null). */
    const add = (id: string, name: string, measured: { median: number; p95: number }, baseline: string | null) => {
      const base = baseline === null ? null : rows.find((r) => r.id === baseline);
      if (baseline !== null && !base) throw new Error(`${id}: no baseline row ${baseline}`);
      const row = { id, name, ...measured, ratio: base ? measured.median / base.median : 1, baseline };
      rows.push(row);
      // Each row as it is measured: a run cut short still shows what it measured.
      console.log(
        `measured ${id}: median ${row.median.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms` +
          (baseline ? `, ${row.ratio.toFixed(2)} × ${baseline}` : ''),
      );
    };
    add('health', 'GET /api/health', stats(await time(get('/api/health'))), null);
    add('me', 'GET /api/me', stats(await time(get('/api/me'))), 'health');
    if (runs('org')) {
      // The plain read of today's unit states, the rows the tree is made of.
      const selectUnits = async () =>
        sql`SELECT * FROM org_unit_states WHERE valid_from <= CURRENT_DATE AND (valid_to IS NULL OR valid_to > CURRENT_DATE)`.execute(
          database.db,
        );
      add('select.units', 'select of today’s unit states (baseline)', stats(await time(selectUnits)), null);
      add(
        'org.tree',
        `GET /api/org-units (${region.units.length} units)`,
        stats(await time(get('/api/org-units'))),
        'select.units',
      );
      add(
        'org.treeCached',
        'GET /api/org-units, figure cache',
        stats(await time(getCached('/api/org-units'))),
        'select.units',
      );
      add(
        'org.treeAsOf',
        'GET /api/org-units?asOf=2022-01-01',
        stats(await time(get('/api/org-units?asOf=2022-01-01'))),
        'select.units',
      );
      add('org.unit', 'GET /api/org-units/{root}', stats(await time(get(`/api/org-units/${region.rootId}`))), 'health');
    }

    if (runs('scorecard')) {
      // The plain count of the value rows the root scorecard reads: its trend window, its indicators.
      const window = monthsEnding(steering.lastMonth, 12);
      const countRows = async () =>
        sql`SELECT count(*) FROM indicator_values WHERE indicator_id = ANY(${steering.baseIndicatorIds}::text[]) AND period >= ${window[0]} AND period <= ${window[11]}`.execute(
          database.db,
        );
      // The plain count of the value rows the ratio's view across the units reads: its numerator's
      // and denominator's values of the month, at every unit.
      const parts = steering.baseIndicatorIds.slice(0, 2);
      const countAcross = async () =>
        sql`SELECT count(*) FROM indicator_values WHERE indicator_id = ANY(${parts}::text[]) AND period = ${steering.lastMonth}`.execute(
          database.db,
        );
      const division = region.units.find((u) => u.parentId === region.rootId) as { id: string };
      const root = `/api/scorecard?unit=${region.rootId}&period=${steering.lastMonth}`;
      const across = `/api/indicators/${steering.ratioIndicatorId}/across?period=${steering.lastMonth}`;
      add('count.scorecardRows', 'count of the value rows read (baseline)', stats(await time(countRows)), null);
      add(
        'scorecard.root',
        `GET /api/scorecard (root, ${steering.lastMonth})`,
        stats(await time(get(root))),
        'count.scorecardRows',
      );
      add(
        'scorecard.rootCached',
        'GET /api/scorecard (root), figure cache',
        stats(await time(getCached(root))),
        'count.scorecardRows',
      );
      add(
        'scorecard.division',
        'GET /api/scorecard (a förvaltning)',
        stats(await time(get(`/api/scorecard?unit=${division.id}&period=${steering.lastMonth}`))),
        'count.scorecardRows',
      );
      add('count.acrossRows', 'count of the value rows across reads (baseline)', stats(await time(countAcross)), null);
      // The view's first page (the route's default of 100 units), as the indicator page opens.
      add(
        'scorecard.across',
        'GET /api/indicators/{ratio}/across (a page)',
        stats(await time(get(across))),
        'count.acrossRows',
      );
      // Every unit, page by page as the view pages (100 at a time): the whole walk. Fewer
      // iterations: it is one request per page.
      const walkAcross = async () => {
        let seen = 0;
        for (let offset = 0; ; offset += 100) {
          const res = await app.request(`http://localhost${across}&limit=100&offset=${offset}`, {
            headers: { cookie },
          });
          if (res.status !== 200) throw new Error(`${across}: ${res.status}`);
          const page = (await res.json()) as { total: number; rows: unknown[] };
          seen += page.rows.length;
          if (page.rows.length < 100) {
            if (seen !== page.total) throw new Error(`across walk: ${seen} of ${page.total} units`);
            return;
          }
        }
      };
      add(
        'scorecard.acrossAll',
        `GET …/across, every page of 100 (${region.units.length} units)`,
        stats(await time(walkAcross, 5)),
        'count.acrossRows',
      );
    }
    if (actionPlan && runs('plan')) {
      // The plain sum over the same rows the summary reads: every report of the plan's measures.
      const sumReports = async () =>
        sql`SELECT sum(r.forecast_kr) FROM measure_reports r JOIN measures m ON m.id = r.measure_id WHERE m.plan_id = ${actionPlan.planId}`.execute(
          database.db,
        );
      const summary = `/api/action-plans/${actionPlan.planId}/summary?period=${actionPlan.lastMonth}`;
      add('sum.planReports', 'sum of the plan’s report rows (baseline)', stats(await time(sumReports)), null);
      add(
        'plan.summary',
        `GET /api/action-plans/{id}/summary (${actionPlan.measures} measures)`,
        stats(await time(get(summary))),
        'sum.planReports',
      );
      add(
        'plan.summaryCached',
        'GET /api/action-plans/{id}/summary, figure cache',
        stats(await time(getCached(summary))),
        'sum.planReports',
      );
    }
    if (actionPlan && runs('report')) {
      // The year-end report of the whole region for the plan's last month (December): its data
      // built alone (the baseline), then built and exported through the API as a board would get
      // it. Fewer iterations: these take seconds. (An interim report must end in June–August.)
      const head = {
        title: 'Årsrapport',
        kind: 'annual' as const,
        unitId: region.rootId,
        period: actionPlan.lastMonth,
        planId: actionPlan.planId,
        sbar: { situation: 'S', background: 'B', assessment: 'A', recommendation: 'R' },
        proposedDecision: 'Årsrapporten godkänns.',
        meeting: null,
      };
      // A report is created without a meeting (it is put on one's agenda later); the content built
      // below is asked for one, as a report not yet on any agenda is.
      const { meeting: _onNoAgenda, ...newReport } = head;
      const { id: reportId } = await write(services, systemActor('bench'), (w) =>
        createReportIn(services, w, newReport),
      );
      // One warm-up and three timed: each takes seconds on the large plan, and more would keep
      // the whole run past the better part of an hour.
      const slow = async (fn: () => Promise<unknown>) => {
        await fn();
        const out: number[] = [];
        for (let i = 0; i < 3; i++) {
          const t = process.hrtime.bigint();
          await fn();
          out.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        return stats(out);
      };
      const content = await buildContent(services, systemActor('bench'), head);
      add(
        'report.data',
        `year-end report data (${content.actionPlan?.rows.length} rows, baseline)`,
        await slow(() => buildContent(services, systemActor('bench'), head)),
        null,
      );
      for (const format of ['pdf', 'docx', 'xlsx'] as const)
        add(
          `report.${format}`,
          `GET /api/reports/{id}/export?format=${format}`,
          await slow(get(`/api/reports/${reportId}/export?format=${format}`)),
          'report.data',
        );
    }
    if (runs('import.stall')) {
      // GET /api/me while a 10 000-row values import runs, against the same request idle (× base).
      const sumCodes = steering.baseIndicatorIds.map((_, i) => `sum${i}`);
      const imports: number[] = [];
      const during: number[] = [];
      for (let round = 0; round < 3; round++) {
        const workbook = await valuesWorkbook(stallImportRows(region, sumCodes, steering.lastMonth, round));
        const upload = async () => {
          const res = await app.request('http://localhost/api/values/import', {
            method: 'POST',
            headers: {
              cookie,
              'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              origin: 'http://localhost',
              'sec-fetch-site': 'same-origin',
            },
            body: new Uint8Array(workbook),
          });
          if (res.status !== 200) throw new Error(`import: ${res.status} ${await res.text()}`);
        };
        const { samples, jobMs } = await latenciesDuring(upload, get('/api/me'));
        imports.push(jobMs);
        during.push(...samples);
      }
      console.log(
        `import.stall: imports of 10 000 rows took ${imports.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}; ${during.length} probes`,
      );
      add('import.values', 'POST /api/values/import (10 000 values)', stats(imports), 'health');
      // Against GET /api/me idle, measured above in the same run.
      add('import.stall', 'import.stall: GET /api/me during an import', stats(during), 'me');
    }

    console.log(`\n${ITERATIONS} iterations after ${WARMUP} warm-up, in-process, ${database.kind}:`);
    console.log(
      'id'.padEnd(22),
      'request'.padEnd(48),
      'median ms'.padStart(10),
      'p95 ms'.padStart(10),
      '× baseline'.padStart(11),
    );
    for (const r of rows)
      console.log(
        r.id.padEnd(22),
        r.name.padEnd(48),
        r.median.toFixed(2).padStart(10),
        r.p95.toFixed(2).padStart(10),
        (r.baseline === null ? '' : `${r.ratio.toFixed(1)} × ${r.baseline}`).padStart(11),
      );
    writeResults({
      database: database.kind,
      size: LARGE_REGION,
      steering: LARGE_STEERING,
      actionPlan: LARGE_ACTION_PLAN,
      iterations: ITERATIONS,
      rows: [...rows, ...processRows],
      httpServerRssBytes: http?.serverRssBytes ?? null,
    });
  } finally {
    await keeper?.stop();
    await database.close();
    await drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
