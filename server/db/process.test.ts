import { afterEach, describe, expect, it } from 'vitest';
import { freePort, runTsx, type Started, tempDir, waitForHealth } from '../../test/support/process';

// These start the real server on the embedded database; the PostgreSQL project skips them.
const embedded = process.env.RT_TEST_DB !== 'postgresql';

async function login(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'demo' }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
}

describe.runIf(embedded)('the server process on the embedded database', () => {
  const running: Started[] = [];
  const start = (dataDir: string, port: number, env: Record<string, string> = {}) => {
    const s = runTsx('server/main.ts', [], { DATA_DIR: dataDir, PORT: String(port), WEB_ROOT: '/nonexistent', ...env });
    running.push(s);
    return s;
  };
  afterEach(async () => {
    for (const s of running.splice(0)) {
      if (s.child.exitCode === null) s.child.kill('SIGKILL');
      await s.exited;
    }
  });

  it('refuses a second process on the same data folder while the first keeps serving', async () => {
    const dir = tempDir('rt-lock-');
    const port = await freePort();
    const first = start(dir, port, { SEED_DEMO: '0' });
    await waitForHealth(port, first);
    const second = start(dir, await freePort(), { SEED_DEMO: '0' });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/används redan av en annan process/);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
  });

  it('keeps a committed write through kill -9 and takes over the stale lock', async () => {
    const dir = tempDir('rt-kill-');
    const port = await freePort();
    const first = start(dir, port);
    await waitForHealth(port, first);
    const cookie = await login(port);
    const headers = { cookie, 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` };
    const units = (await (await fetch(`http://127.0.0.1:${port}/api/org-units`, { headers })).json()) as {
      units: { id: string; version: number; name: string; code: string }[];
    };
    const unit = units.units.find((u) => u.code === '2111');
    expect(unit).toBeDefined();
    const patch = await fetch(`http://127.0.0.1:${port}/api/org-units/${unit?.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ version: unit?.version, name: 'Kirurgkliniken efter krasch' }),
    });
    expect(patch.status).toBe(200);
    first.child.kill('SIGKILL');
    await first.exited;

    const port2 = await freePort();
    const second = start(dir, port2);
    await waitForHealth(port2, second);
    const cookie2 = await login(port2);
    const after = (await (
      await fetch(`http://127.0.0.1:${port2}/api/org-units/${unit?.id}`, { headers: { cookie: cookie2 } })
    ).json()) as {
      unit: { name: string };
    };
    expect(after.unit.name).toBe('Kirurgkliniken efter krasch');
    // Two server processes, the first seeding the whole demo region.
  }, 120_000);

  it('stops cleanly on SIGTERM and starts again on the same data', async () => {
    const dir = tempDir('rt-term-');
    const port = await freePort();
    const first = start(dir, port, { SEED_DEMO: '0' });
    await waitForHealth(port, first);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const port2 = await freePort();
    const second = start(dir, port2, { SEED_DEMO: '0' });
    await waitForHealth(port2, second);
  });

  it('keeps the embedded database up in a quiet moment, and stops cleanly after', async () => {
    const dir = tempDir('rt-upkeep-');
    const port = await freePort();
    // The demo's seeded tables are due (thousands of new rows, never vacuumed).
    const server = start(dir, port, { LOG_LEVEL: 'info', UPKEEP_EVERY_SECONDS: '1', UPKEEP_QUIET_SECONDS: '1' });
    await waitForHealth(port, server);
    // Whole lines only: the last may still be arriving.
    const events = () =>
      server
        .output()
        .split('\n')
        .slice(0, -1)
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { event: string; table?: string; vacuum?: boolean });
    const valuesKept = () => events().some((e) => e.event === 'upkeep' && e.table === 'indicator_values' && e.vacuum);
    await expect.poll(valuesKept, { timeout: 60_000 }).toBe(true);
    expect(events().filter((e) => e.event === 'upkeep_failed')).toEqual([]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 180_000);
});
