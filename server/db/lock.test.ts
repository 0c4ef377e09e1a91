import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, runTsx, type Started, tempDir, waitForHealth } from '../../test/support/process';
import { lockDataDir } from './lock';

// These start real processes on the embedded database; the PostgreSQL project skips them.
const embedded = process.env.RT_TEST_DB !== 'postgresql';
const hasProc = existsSync('/proc/self/stat');

describe.runIf(embedded && hasProc)('the data folder lock and who holds it', () => {
  const running: Started[] = [];
  const others: ChildProcess[] = [];
  const start = (dataDir: string, port: number) => {
    const s = runTsx('server/main.ts', [], {
      DATA_DIR: dataDir,
      PORT: String(port),
      WEB_ROOT: '/nonexistent',
      SEED_DEMO: '0',
    });
    running.push(s);
    return s;
  };
  /** A live process that has nothing to do with Röd tråd: what a reused pid points at. */
  const unrelated = () => {
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    others.push(sleeper);
    return sleeper.pid as number;
  };
  const startOf = (pid: number) => {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] as string;
  };
  afterEach(async () => {
    for (const s of running.splice(0)) {
      if (s.child.exitCode === null) s.child.kill('SIGKILL');
      await s.exited;
    }
    for (const p of others.splice(0)) p.kill('SIGKILL');
  });

  it('starts although the lock names a live process that started at another time', { timeout: 120_000 }, async () => {
    const dir = tempDir('rt-reused-');
    const pid = unrelated();
    writeFileSync(join(dir, 'rodtrad.lock'), JSON.stringify({ pid, start: '1', boot: null }));
    const port = await freePort();
    await waitForHealth(port, start(dir, port));
    const lock = JSON.parse(readFileSync(join(dir, 'rodtrad.lock'), 'utf8'));
    expect(lock.pid).toBe(running[0]?.child.pid);
    expect(lock.start).toMatch(/^\d+$/);
  });

  it('starts although an old lock holding only a pid names a live process that is not Node', {
    timeout: 120_000,
  }, async () => {
    const dir = tempDir('rt-oldlock-');
    writeFileSync(join(dir, 'rodtrad.lock'), String(unrelated()));
    const port = await freePort();
    await waitForHealth(port, start(dir, port));
  });

  it('still refuses a start while a running server holds the folder', { timeout: 120_000 }, async () => {
    const dir = tempDir('rt-held-');
    const port = await freePort();
    const first = start(dir, port);
    await waitForHealth(port, first);
    const second = start(dir, await freePort());
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/används redan av en annan process/);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  });

  it('refuses while the named process is the one that took the lock, and takes it once that process is gone', async () => {
    const dir = tempDir('rt-owner-');
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    others.push(sleeper);
    const pid = sleeper.pid as number;
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    writeFileSync(join(dir, 'rodtrad.lock'), JSON.stringify({ pid, start: startOf(pid), boot }));
    expect(() => lockDataDir(dir)).toThrow(/används redan av en annan process \(pid \d+\)/);
    const exited = new Promise((done) => sleeper.once('exit', done));
    sleeper.kill('SIGKILL');
    await exited;
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, 'rodtrad.lock'), 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(join(dir, 'rodtrad.lock'))).toBe(false);
  });
});
