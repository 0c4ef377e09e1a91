/**
 * The `start` bench section: how long the compiled server takes from process start to its first
 * healthy answer on an existing demo data folder (`start.existing`), against a process that only
 * opens that folder with PGlite and runs one statement (`open.database`, the baseline).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../scripts/server-build';

export interface StartRow {
  id: 'open.database' | 'start.existing';
  median: number;
  p95: number;
  ratio: number;
  baseline: string | null;
  runs: number[];
}

const RUNS = 5;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Starts the compiled server on `dataDir`; resolves with ms from spawn to the first 200 of /api/health. */
async function startOnce(server: string, dataDir: string, keep = false): Promise<{ ms: number; child: ChildProcess }> {
  const port = await freePort();
  const t = performance.now();
  const child = spawn(process.execPath, [server], {
    // The project's folder, so node_modules is found; no web UI (none is built for the bench).
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      WEB_ROOT: '/nonexistent',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = t + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (performance.now() > deadline) {
      await stop(child);
      throw new Error('server did not answer /api/health in five minutes');
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - t;
  if (!keep) await stop(child);
  return { ms, child };
}

/** Opens the folder with PGlite alone in a process of its own; ms from spawn to the answer of one statement. */
function openOnce(dataDir: string): Promise<number> {
  const script = `import { PGlite } from '@electric-sql/pglite';
const db = await PGlite.create({ dataDir: ${JSON.stringify(dataDir)} });
await db.query('SELECT 1');
console.log('ready');
await db.close();`;
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let ms: number | null = null;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (ms === null && chunk.toString().includes('ready')) ms = performance.now() - t;
    });
    child.on('exit', (code) => (ms !== null ? resolve(ms) : reject(new Error(`open exited with ${code}`))));
  });
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: at(0.5), p95: at(0.95) };
}

export async function startSection(): Promise<StartRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rt-bench-start-'));
  try {
    // Where `npm run build` puts it: the compiled server finds its packages in node_modules and
    // the product's version in ../package.json.
    const out = 'dist';
    await buildServer(out);
    const server = join(out, 'server.js');
    const dataDir = join(dir, 'data');
    // The first start seeds the demo region into the folder; the measured starts find it there.
    const seeding = await startOnce(server, dataDir, true);
    await stop(seeding.child);
    const open: number[] = [];
    const started: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      open.push(await openOnce(dataDir));
      started.push((await startOnce(server, dataDir)).ms);
    }
    const base = stats(open);
    const existing = stats(started);
    return [
      { id: 'open.database', ...base, ratio: 1, baseline: null, runs: open },
      {
        id: 'start.existing',
        ...existing,
        ratio: existing.median / base.median,
        baseline: 'open.database',
        runs: started,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printStart(rows: StartRow[]) {
  console.log(`\nStart on the demo's data folder (PGlite), compiled server, ${RUNS} runs each, in turn:`);
  for (const r of rows)
    console.log(
      r.id.padEnd(16),
      `${r.median.toFixed(0)} ms median`.padStart(16),
      `${r.ratio.toFixed(2)} ×`.padStart(9),
      `  runs ${r.runs.map((m) => m.toFixed(0)).join(', ')}`,
    );
}
