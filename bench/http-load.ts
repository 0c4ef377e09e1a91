import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../scripts/server-build';

export interface Server {
  port: number;
  /** The demo's root unit and action plan (the product's server only). */
  rootId?: string;
  planId?: string;
  /** Resident memory of the server process now, in bytes (Linux), or null. */
  rss(): number | null;
  stop(): Promise<void>;
}

// The server script compiled as `npm start` compiles the server (scripts/server-build.ts), so the
// load meets the code production runs rather than a transpiler's output; built once per run.
let compiled: Promise<string> | null = null;
const compiledServer = () => {
  compiled ??= (async () => {
    const out = fileURLToPath(new URL('./out/http-server', import.meta.url));
    await buildServer(out, { 'http-server': fileURLToPath(new URL('./http-server.ts', import.meta.url)) });
    return join(out, 'http-server.js');
  })();
  return compiled;
};

/** Starts the compiled `bench/http-server.ts <kind>` in its own process; resolves with its port once it listens. */
export async function startServer(kind: 'bare' | 'app'): Promise<Server> {
  const script = await compiledServer();
  const child: ChildProcess = spawn(process.execPath, [script, kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ port: number; rootId?: string; planId?: string }>((resolve, reject) => {
    let out = '';
    // Seeding the demo region takes about half a minute on a quiet machine; a server that has
    // not answered in ten minutes (a loaded machine) is broken, not slow.
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), 600_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with ${code}`));
    });
  });
  child.removeAllListeners('exit');
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const rss = () => {
    try {
      const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
      return kb ? Number(kb) * 1024 : null;
    } catch {
      return null;
    }
  };
  return { ...ready, rss, stop };
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  median: number;
  p95: number;
  p99: number;
}

/**
 * `connections` clients on keep-alive connections to 127.0.0.1, each sending the next request
 * when the last has answered, for `seconds` (after a short warm-up that is not counted).
 */
export async function load(
  port: number,
  path: string,
  opts: { connections?: number; seconds?: number; warmupSeconds?: number; headers?: Record<string, string> } = {},
): Promise<LoadResult> {
  const connections = opts.connections ?? 20;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent, headers: opts.headers, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${path}: ${res.statusCode}`))));
      });
      req.on('timeout', () => req.destroy(new Error(`${path}: timed out`)));
      req.on('error', reject);
      req.end();
    });
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  const run = async (ms: number, samples: number[] | null) => {
    const end = now() + ms;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (now() < end) {
          const t = now();
          await once();
          samples?.push(now() - t);
        }
      }),
    );
  };
  try {
    await run((opts.warmupSeconds ?? 1) * 1000, null);
    const samples: number[] = [];
    const started = now();
    await run((opts.seconds ?? 4) * 1000, samples);
    const elapsed = (now() - started) / 1000;
    const s = samples.sort((a, b) => a - b);
    const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
    return { requests: s.length, perSecond: s.length / elapsed, median: at(0.5), p95: at(0.95), p99: at(0.99) };
  } finally {
    agent.destroy();
  }
}

/** Signs in to the server and returns its cookies as a browser would send them. */
export async function signIn(port: number, username: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  // Every cookie an answer sets, sent back as a browser keeps them: the session, and on PostgreSQL
  // the data versions shown (set by the first signed-in answer), which spares the server telling
  // them again on every answer.
  const kept = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const pair = c.split(';')[0] as string;
      kept.set(pair.slice(0, pair.indexOf('=')), pair);
    }
  };
  keep(res);
  const cookie = () => [...kept.values()].join('; ');
  const first = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { cookie: cookie() } });
  if (first.status !== 200) throw new Error(`first request: ${first.status}`);
  await first.arrayBuffer();
  keep(first);
  return cookie();
}

/**
 * A row of the http section: throughput against `http.bare` (ratio, higher is better; the
 * baseline is a row too), latencies in ms.
 */
export type HttpRow = LoadResult & { id: string; ratio: number; baseline: string | null };

/** The answer of the demo server's memory after its load, for the results. */
export interface HttpSection {
  rows: HttpRow[];
  serverRssBytes: number | null;
}

/**
 * http.bare, then http.health, http.me, http.scorecardDemo (the region's scorecard for the
 * latest month with values) and http.summaryDemo (the demo action plan's summary), the product
 * on a copy of the demo data, in their own server processes.
 */
export async function httpSection(): Promise<HttpSection> {
  const bare = await startServer('bare');
  let bareResult: LoadResult;
  try {
    bareResult = await load(bare.port, '/');
  } finally {
    await bare.stop();
  }
  const app = await startServer('app');
  try {
    const health = await load(app.port, '/api/health');
    const cookie = await signIn(app.port, 'admin', 'demo');
    const headers = { cookie };
    const me = await load(app.port, '/api/me', { headers });
    const latest = await fetch(`http://127.0.0.1:${app.port}/api/periods/latest`, { headers });
    const period = ((await latest.json()) as { period: string | null }).period;
    if (!period) throw new Error('the demo has no month with values');
    const scorecard = await load(app.port, `/api/scorecard?unit=${app.rootId}&period=${period}`, { headers });
    const summary = await load(app.port, `/api/action-plans/${app.planId}/summary?period=${period}`, { headers });
    const rows: HttpRow[] = [
      { id: 'http.bare', ...bareResult, ratio: 1, baseline: null },
      ...[
        { id: 'http.health', ...health },
        { id: 'http.me', ...me },
        { id: 'http.scorecardDemo', ...scorecard },
        { id: 'http.summaryDemo', ...summary },
      ].map((r) => ({ ...r, ratio: r.perSecond / bareResult.perSecond, baseline: 'http.bare' })),
    ];
    return { rows, serverRssBytes: app.rss() };
  } finally {
    await app.stop();
  }
}

export function printHttp({ rows, serverRssBytes }: HttpSection) {
  const on = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  console.log(`\n20 connections, keep-alive, 4 s after 1 s warm-up, separate server process, ${on} demo:`);
  console.log(
    'request'.padEnd(20),
    'req/s'.padStart(9),
    'median ms'.padStart(10),
    'p95 ms'.padStart(9),
    'p99 ms'.padStart(9),
    '× bare'.padStart(8),
  );
  for (const r of rows)
    console.log(
      r.id.padEnd(20),
      r.perSecond.toFixed(0).padStart(9),
      r.median.toFixed(2).padStart(10),
      r.p95.toFixed(2).padStart(9),
      r.p99.toFixed(2).padStart(9),
      r.ratio.toFixed(3).padStart(8),
    );
  if (serverRssBytes !== null)
    console.log(`demo server RSS after its load: ${(serverRssBytes / 2 ** 20).toFixed(0)} MiB`);
}
