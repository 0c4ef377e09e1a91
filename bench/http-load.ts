import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';

/** Starts `bench/http-server.ts <kind>` in its own process; resolves with its port once it listens. */
export async function startServer(kind: 'bare' | 'app'): Promise<{ port: number; stop: () => Promise<void> }> {
  const script = fileURLToPath(new URL('./http-server.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    // Seeding the demo region takes about half a minute on a quiet machine; a server that has
    // not answered in three minutes is broken, not slow.
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start`)), 180_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"port"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
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
  return { port, stop };
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  median: number;
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
    return { requests: s.length, perSecond: s.length / elapsed, median: at(0.5), p99: at(0.99) };
  } finally {
    agent.destroy();
  }
}

/** Signs in to the server and returns the session cookie. */
export async function signIn(port: number, username: string, password: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

export type HttpRow = LoadResult & { name: string; ratio: number };

/** http.bare, http.health and http.me, each against its own server process. */
export async function httpSection(): Promise<HttpRow[]> {
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
    const me = await load(app.port, '/api/me', { headers: { cookie } });
    return [
      { name: 'http.bare', ...bareResult },
      { name: 'http.health', ...health },
      { name: 'http.me', ...me },
    ].map((r) => ({ ...r, ratio: r.perSecond / bareResult.perSecond }));
  } finally {
    await app.stop();
  }
}

export function printHttp(rows: HttpRow[]) {
  console.log('\n20 connections, keep-alive, 4 s after 1 s warm-up, separate server process, PGlite demo:');
  console.log(
    'request'.padEnd(14),
    'req/s'.padStart(9),
    'median ms'.padStart(10),
    'p99 ms'.padStart(9),
    '× bare'.padStart(8),
  );
  for (const r of rows)
    console.log(
      r.name.padEnd(14),
      r.perSecond.toFixed(0).padStart(9),
      r.median.toFixed(2).padStart(10),
      r.p99.toFixed(2).padStart(9),
      r.ratio.toFixed(3).padStart(8),
    );
}
