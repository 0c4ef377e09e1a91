import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

/**
 * A reading request answered from kept data is not held by another request's open write (an
 * import runs for seconds in one transaction; on the embedded database it holds the one
 * connection): it answers what was committed before that transaction began, and the first
 * request after the commit answers what it committed.
 */
describe('reading while another request writes', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());

  it('answers /api/me during an open write transaction from before it, and after the commit from it', async () => {
    const admin = ctx.agent();
    await admin.login('admin');
    const before = await admin.json('GET', '/api/me');
    expect(before.status).toBe(200);
    const oldName = before.body.displayName as string;
    const newName = `${oldName} (omdöpt)`;

    let during: { status: number; body: { displayName: string } } | null = null;
    await ctx.services.db.transaction().execute(async (trx) => {
      // A write to accounts, as an import's writes are to values: the access version is bumped in
      // the transaction, seen by others only at its commit.
      await sql`UPDATE users SET display_name = ${newName} WHERE username = 'admin'`.execute(trx);
      // On the embedded database this request would wait for the connection the transaction
      // holds, and the transaction for it: the test would never end.
      during = await admin.json('GET', '/api/me');
    });
    expect(during).not.toBeNull();
    expect((during as unknown as { status: number }).status).toBe(200);
    expect((during as unknown as { body: { displayName: string } }).body.displayName).toBe(oldName);

    const after = await admin.json('GET', '/api/me');
    expect(after.status).toBe(200);
    expect(after.body.displayName).toBe(newName);
  }, 60_000);

  it('sees a rolled-back write as never made', async () => {
    const admin = ctx.agent();
    await admin.login('admin');
    const name = (await admin.json('GET', '/api/me')).body.displayName as string;
    await expect(
      ctx.services.db.transaction().execute(async (trx) => {
        await sql`UPDATE users SET display_name = 'Bortkastat namn' WHERE username = 'admin'`.execute(trx);
        expect((await admin.json('GET', '/api/me')).body.displayName).toBe(name);
        throw new Error('given up');
      }),
    ).rejects.toThrow('given up');
    expect((await admin.json('GET', '/api/me')).body.displayName).toBe(name);
  }, 60_000);
});
