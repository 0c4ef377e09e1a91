import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext, testDatabaseKind } from '../../test/support/context';
import type { Seeded } from '../../test/support/demo-ids';
import { type App, appOver, send, signIn } from '../../test/support/two-apps';
import type { Services } from '../core/context';
import { openDatabase } from '../db/connection';
import { registerKeeper, VersionKeeper } from './version-keeper';

interface Process {
  app: App;
  keeper: VersionKeeper;
  close(): Promise<void>;
}

/** A server process over the test's database: a pool of its own and a keeper listening. */
async function processOver(ctx: TestContext): Promise<Process> {
  const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(ctx.services.db);
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${rows[0]?.name}`;
  const database = await openDatabase({ kind: 'postgresql', url: url.toString(), poolSize: 2 });
  const services: Services = { db: database.db, dbKind: database.kind, clock: ctx.clock };
  const keeper = new VersionKeeper(url.toString());
  registerKeeper(database.db, keeper);
  await keeper.start();
  return {
    app: appOver(services),
    keeper,
    async close() {
      await keeper.stop();
      await database.close();
    },
  };
}

const seenOf = (res: Response) => /rt_seen=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
const treeIds = async (res: Response) => {
  expect(res.status).toBe(200);
  return ((await res.json()) as { units: { id: string }[] }).units.map((u) => u.id);
};

async function heard(keeper: VersionKeeper, area: 'org', above: bigint): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (BigInt(keeper.current()?.[area] ?? '0') > above) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the keeper never heard ${area} above ${above}`);
}

/**
 * Server processes on one PostgreSQL database keep the data versions by listening for their bumps
 * instead of reading them per request. A client is never answered from versions older than those
 * it has been shown: every answer tells it (`rt_seen`), and a process that has not yet heard them
 * reads them from the database.
 */
describe.skipIf(testDatabaseKind() !== 'postgresql')('data versions kept by listening (PostgreSQL)', () => {
  let ctx: TestContext & { demo: Seeded };
  let a: Process;
  let b: Process;
  beforeEach(async () => {
    ctx = await createDemoContext();
    [a, b] = [await processOver(ctx), await processOver(ctx)];
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await ctx.close();
  });

  const newUnit = async (app: App, cookie: string, name: string) => {
    const res = await send(app, cookie, 'POST', '/api/org-units', {
      parentId: ctx.demo.units.get('kirurgi'),
      name,
      level: 'enhet',
    });
    expect(res.status).toBe(201);
    return { id: ((await res.json()) as { id: string }).id, seen: seenOf(res) };
  };

  it('hears a commit of another process on its channel', async () => {
    const admin = await signIn(a.app, 'admin');
    const before = BigInt(b.keeper.current()?.org ?? '0');
    expect(before).toBeGreaterThan(0n);
    await newUnit(a.app, admin, 'Hörd enhet');
    await heard(b.keeper, 'org', before);
  });

  it('answers a client that was shown a newer commit from the database, not from what it heard', async () => {
    const [adminA, adminB] = [await signIn(a.app, 'admin'), await signIn(b.app, 'admin')];
    const first = await send(b.app, adminB, 'GET', '/api/org-units');
    const before = await treeIds(first);
    const seenBefore = seenOf(first);
    expect(seenBefore).toMatch(/^\d+(\.\d+){5}$/);

    // A notification still in flight to B.
    b.keeper.hold();
    const made = await newUnit(a.app, adminA, 'Enhet med cookie');
    expect(made.seen).toBeDefined();
    expect(made.seen).not.toBe(seenBefore);

    // A client that has seen nothing newer may be answered from what B heard: the kept tree.
    expect(await treeIds(await send(b.app, adminB, 'GET', '/api/org-units'))).toEqual(before);
    // The client that made the unit carries A's answer's versions: B reads them and shows the unit.
    const shown = await send(b.app, `${adminB}; rt_seen=${made.seen}`, 'GET', '/api/org-units');
    expect(await treeIds(shown)).toContain(made.id);

    b.keeper.release();
    expect(await treeIds(await send(b.app, adminB, 'GET', '/api/org-units'))).toContain(made.id);
  });

  it('answers a process’s own write at once, before its notification arrives', async () => {
    const admin = await signIn(b.app, 'admin');
    await treeIds(await send(b.app, admin, 'GET', '/api/org-units'));
    b.keeper.hold();
    const made = await newUnit(b.app, admin, 'Egen skrivning');
    // No cookie at all: what B read after its own commit is what it knows now.
    const plain = await b.app.request('http://localhost/api/org-units', { headers: { cookie: admin } });
    expect(await treeIds(plain)).toContain(made.id);
    b.keeper.release();
  });

  it('reads the versions for every request while it is not listening', async () => {
    const [adminA, adminB] = [await signIn(a.app, 'admin'), await signIn(b.app, 'admin')];
    await treeIds(await send(b.app, adminB, 'GET', '/api/org-units'));
    await b.keeper.stop();
    expect(b.keeper.current()).toBeNull();
    const made = await newUnit(a.app, adminA, 'Utan lyssnare');
    expect(await treeIds(await send(b.app, adminB, 'GET', '/api/org-units'))).toContain(made.id);
  });

  it('takes a malformed or impossible rt_seen as what it is: nothing, or a reason to read', async () => {
    const admin = await signIn(b.app, 'admin');
    const bad = await send(b.app, `${admin}; rt_seen=drop table`, 'GET', '/api/org-units');
    expect(bad.status).toBe(200);
    expect(seenOf(bad)).toMatch(/^\d+(\.\d+){5}$/);
    // Versions beyond any the database has (a cookie from another database): read, answered, and
    // the cookie brought down to the versions really shown.
    const far = '9999999.9999999.9999999.9999999.9999999.9999999';
    const res = await send(b.app, `${admin}; rt_seen=${far}`, 'GET', '/api/org-units');
    expect(res.status).toBe(200);
    expect(seenOf(res)).toBe(seenOf(bad));
  });
});
