import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../server/auth/passwords';
import { openDatabase } from '../server/db/connection';
import { runCli, tempDir } from '../test/support/process';

// The CLI is run as a user would, on the embedded database; the PostgreSQL project skips it.
const embedded = process.env.RT_TEST_DB !== 'postgresql';

describe.runIf(embedded)('setting a password from the CLI', () => {
  it('sets the password of an existing account and ends every session it has', { timeout: 180_000 }, async () => {
    const dir = tempDir('rt-cli-pw-');
    const created = await runCli(
      dir,
      ['create-admin', '--username', 'anna', '--name', 'Anna', '--org-name', 'Region'],
      {
        RODTRAD_ADMIN_PASSWORD: 'det-forsta-losenordet',
      },
    );
    expect(created.code, created.output).toBe(0);
    let database = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const user = await database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'anna')
        .executeTakeFirstOrThrow();
      const now = new Date();
      const later = new Date(now.getTime() + 3_600_000);
      for (const id of ['laptop', 'phone'])
        await database.db
          .insertInto('sessions')
          .values({ id, user_id: user.id, created_at: now, last_seen_at: now, expires_at: later })
          .execute();
    } finally {
      await database.close();
    }

    expect((await runCli(dir, ['set-password', '--username', 'ingen', '--password', 'ett-nytt-losenord'])).code).toBe(
      1,
    );
    const set = await runCli(dir, ['set-password', '--username', 'Anna', '--password', 'ett-nytt-losenord']);
    expect(set.code, set.output).toBe(0);

    database = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const user = await database.db
        .selectFrom('users')
        .select(['id', 'password_hash'])
        .where('username', '=', 'anna')
        .executeTakeFirstOrThrow();
      expect(await verifyPassword(user.password_hash, 'ett-nytt-losenord')).toBe(true);
      expect(await verifyPassword(user.password_hash, 'det-forsta-losenordet')).toBe(false);
      const sessions = await database.db.selectFrom('sessions').select(['id', 'ended_reason']).orderBy('id').execute();
      expect(sessions).toEqual([
        { id: 'laptop', ended_reason: 'password_changed' },
        { id: 'phone', ended_reason: 'password_changed' },
      ]);
    } finally {
      await database.close();
    }
  });
});
