/**
 * `npm run bench`: the platform's requests over a synthetic large region. Figures are ratios
 * against a trivial request measured in the same run, so they compare across machines.
 * In-process requests, bounded in count; the `http` section loads real server processes over
 * loopback for a few seconds each.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { monthsEnding } from '../domain/indicators/months';
import { buildApp } from '../server/app';
import { systemClock } from '../server/core/clock';
import { systemActor } from '../server/core/context';
import { write } from '../server/core/write';
import { openDatabase } from '../server/db/connection';
import { migrate } from '../server/db/migrate';
import { createScratchDatabase } from '../server/db/scratch';
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
import { httpSection, printHttp } from './http-load';
import { latenciesDuring, stallImportRows, valuesWorkbook } from './import-stall';

const WARMUP = 5;
// BENCH_ONLY=import.stall (or a comma-separated list of org, scorecard, plan, report,
// import.stall, http) runs only those rows, with the baselines they are measured against.
const ONLY = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const runs = (section: 'org' | 'scorecard' | 'plan' | 'report' | 'import.stall' | 'http') =>
  !ONLY || ONLY.includes(section);
const ITERATIONS = 30;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: at(0.5), p95: at(0.95) };
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t = process.hrtime.bigint();
    await fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

async function openBenchDatabase() {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) return { database: await openDatabase({ kind: 'pglite', dataDir: null }), drop: async () => {} };
  const scratch = await createScratchDatabase(adminUrl, 'rt_bench');
  return { database: await openDatabase({ kind: 'postgresql', url: scratch.url }), drop: scratch.drop };
}

async function main() {
  // Over real sockets against servers of their own, on the demo database; first, so the large
  // region's memory does not weigh on the figures.
  const http = runs('http') ? await httpSection() : [];
  if (http.length > 0) printHttp(http);
  if (ONLY?.every((s) => s === 'http')) {
    mkdirSync('bench/out', { recursive: true });
    writeFileSync('bench/out/results.json', JSON.stringify({ http }, null, 2));
    return;
  }
  const { database, drop } = await openBenchDatabase();
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
    const app = buildApp({
      services: { db: database.db, dbKind: database.kind, clock: systemClock },
      config: BENCH_HTTP_CONFIG,
    });
    const login = await app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: region.adminUsername, password: region.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const get = (path: string) => async () => {
      const res = await app.request(`http://localhost${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };

    type Row = { name: string; median: number; p95: number; ratio: number; ratioToCount: number | null };
    const baseline = stats(await time(get('/api/health')));
    const me = stats(await time(get('/api/me')));
    const rows: Row[] = [
      { name: 'GET /api/health (baseline)', ...baseline },
      ...(runs('org')
        ? [
            { name: 'GET /api/org-units (5 000 units)', ...stats(await time(get('/api/org-units'))) },
            { name: 'GET /api/org-units?asOf=2022-01-01', ...stats(await time(get('/api/org-units?asOf=2022-01-01'))) },
            { name: `GET /api/org-units/{root}`, ...stats(await time(get(`/api/org-units/${region.rootId}`))) },
          ]
        : []),
      { name: 'GET /api/me', ...me },
    ].map((r) => ({ ...r, ratio: r.median / baseline.median, ratioToCount: null }));

    if (runs('scorecard')) {
      // The plain count of the value rows the root scorecard reads: its trend window, its indicators.
      const window = monthsEnding(steering.lastMonth, 12);
      const countRows = async () =>
        sql`SELECT count(*) FROM indicator_values WHERE indicator_id = ANY(${steering.baseIndicatorIds}::text[]) AND period >= ${window[0]} AND period <= ${window[11]}`.execute(
          database.db,
        );
      const counted = stats(await time(countRows));
      const division = region.units.find((u) => u.parentId === region.rootId) as { id: string };
      rows.push(
        ...[
          { name: 'count of the value rows read (baseline 2)', ...counted },
          {
            name: `GET /api/scorecard (root, ${steering.lastMonth})`,
            ...stats(await time(get(`/api/scorecard?unit=${region.rootId}&period=${steering.lastMonth}`))),
          },
          {
            name: 'GET /api/scorecard (a förvaltning)',
            ...stats(await time(get(`/api/scorecard?unit=${division.id}&period=${steering.lastMonth}`))),
          },
          {
            name: 'GET /api/indicators/{ratio}/across',
            ...stats(
              await time(get(`/api/indicators/${steering.ratioIndicatorId}/across?period=${steering.lastMonth}`)),
            ),
          },
        ].map((r) => ({ ...r, ratio: r.median / baseline.median, ratioToCount: r.median / counted.median })),
      );
    }
    if (actionPlan && runs('plan')) {
      // The plain sum over the same rows the summary reads: every report of the plan's measures.
      const sumReports = async () =>
        sql`SELECT sum(r.forecast_kr) FROM measure_reports r JOIN measures m ON m.id = r.measure_id WHERE m.plan_id = ${actionPlan.planId}`.execute(
          database.db,
        );
      const summed = stats(await time(sumReports));
      rows.push(
        ...[
          { name: 'sum of the plan’s report rows (baseline 3)', ...summed },
          {
            name: `GET /api/action-plans/{id}/summary (${actionPlan.measures} measures)`,
            ...stats(await time(get(`/api/action-plans/${actionPlan.planId}/summary?period=${actionPlan.lastMonth}`))),
          },
        ].map((r) => ({ ...r, ratio: r.median / baseline.median, ratioToCount: r.median / summed.median })),
      );
    }
    if (actionPlan && runs('report')) {
      // The interim report of the whole region: its data built alone (baseline 4), then built and
      // exported through the API as a board would get it. Fewer iterations: these take seconds.
      const services = { db: database.db, dbKind: database.kind, clock: systemClock };
      const head = {
        title: 'Delårsrapport',
        kind: 'interim' as const,
        unitId: region.rootId,
        period: actionPlan.lastMonth,
        planId: actionPlan.planId,
        sbar: { situation: 'S', background: 'B', assessment: 'A', recommendation: 'R' },
        proposedDecision: 'Delårsrapporten godkänns.',
        meeting: null,
      };
      const { id: reportId } = await write(services, systemActor('bench'), (w) =>
        createReportIn(services, w, { ...head, sbar: head.sbar }),
      );
      const slow = async (fn: () => Promise<unknown>) => {
        await fn();
        const out: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t = process.hrtime.bigint();
          await fn();
          out.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        return stats(out);
      };
      const content = await buildContent(services, systemActor('bench'), head);
      const dataAlone = await slow(() => buildContent(services, systemActor('bench'), head));
      const reportTimes: { name: string; median: number; p95: number }[] = [
        {
          name: `interim report data (${content.actionPlan?.rows.length} rows, baseline 4)`,
          ...dataAlone,
        },
      ];
      for (const format of ['pdf', 'docx', 'xlsx'] as const)
        reportTimes.push({
          name: `GET /api/reports/{id}/export?format=${format}`,
          ...(await slow(get(`/api/reports/${reportId}/export?format=${format}`))),
        });
      rows.push(
        ...reportTimes.map((r) => ({
          ...r,
          ratio: r.median / baseline.median,
          ratioToCount: r.median / dataAlone.median,
        })),
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
      const stalled = stats(during);
      console.log(
        `import.stall: imports of 10 000 rows took ${imports.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}; ${during.length} probes`,
      );
      const imported = stats(imports);
      rows.push(
        {
          name: 'POST /api/values/import (10 000 values)',
          ...imported,
          ratio: imported.median / baseline.median,
          ratioToCount: null,
        },
        {
          // × base: against GET /api/me idle, measured above in the same run.
          name: 'import.stall: GET /api/me during an import',
          ...stalled,
          ratio: stalled.median / baseline.median,
          ratioToCount: stalled.median / me.median,
        },
      );
    }

    console.log(`\n${ITERATIONS} iterations after ${WARMUP} warm-up, in-process, ${database.kind}:`);
    console.log(
      'request'.padEnd(44),
      'median ms'.padStart(10),
      'p95 ms'.padStart(10),
      '× health'.padStart(10),
      '× base'.padStart(10),
    );
    for (const r of rows)
      console.log(
        r.name.padEnd(44),
        r.median.toFixed(2).padStart(10),
        r.p95.toFixed(2).padStart(10),
        r.ratio.toFixed(1).padStart(10),
        (r.ratioToCount === null ? '' : r.ratioToCount.toFixed(1)).padStart(10),
      );
    mkdirSync('bench/out', { recursive: true });
    writeFileSync(
      'bench/out/results.json',
      JSON.stringify(
        {
          database: database.kind,
          size: LARGE_REGION,
          steering: LARGE_STEERING,
          actionPlan: LARGE_ACTION_PLAN,
          iterations: ITERATIONS,
          rows,
          http,
        },
        null,
        2,
      ),
    );
  } finally {
    await database.close();
    await drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
