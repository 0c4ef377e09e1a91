import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../server/auth/passwords';
import { openDatabase } from '../server/db/connection';
import { runCli, tempDir } from '../test/support/process';

// The CLI is run as a user would, on the embedded database; the PostgreSQL project skips it.
const embedded = process.env.RT_TEST_DB !== 'postgresql';

describe.runIf(embedded)('the admin CLI', () => {
  it('lists its commands in --help', async () => {
    const { code, output } = await runCli(tempDir('rt-cli-'), ['--help']);
    expect(code).toBe(0);
    for (const command of [
      'migrate',
      'seed-demo',
      'create-admin',
      'export-org',
      'import-org',
      'export-values',
      'import-values',
      'send-reminders',
      'export-report',
      'verify',
      'upkeep',
    ])
      expect(output).toContain(command);
  });

  it('creates an administrator for a new organisation who can sign in', async () => {
    const dir = tempDir('rt-cli-');
    const short = await runCli(dir, [
      'create-admin',
      '--username',
      'anna',
      '--name',
      'Anna Admin',
      '--password',
      'kort',
    ]);
    expect(short.code).toBe(1);
    expect(short.output).toMatch(/minst 10 tecken/);
    const empty = await runCli(dir, ['create-admin', '--username', 'anna', '--name', 'Anna Admin'], {
      RODTRAD_ADMIN_PASSWORD: 'ett-langt-losenord',
    });
    expect(empty.code).toBe(1);
    expect(empty.output).toMatch(/--org-name/);
    const ok = await runCli(
      dir,
      ['create-admin', '--username', 'anna', '--name', 'Anna Admin', '--org-name', 'Region Norr'],
      {
        RODTRAD_ADMIN_PASSWORD: 'ett-langt-losenord',
      },
    );
    expect(ok.code, ok.output).toBe(0);

    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      const user = await database.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'anna')
        .executeTakeFirstOrThrow();
      expect(await verifyPassword(user.password_hash, 'ett-langt-losenord')).toBe(true);
      const roles = await database.db
        .selectFrom('role_assignments as r')
        .innerJoin('org_unit_states as s', 's.unit_id', 'r.unit_id')
        .select(['r.role', 's.name', 's.parent_id'])
        .where('r.user_id', '=', user.id)
        .execute();
      expect(roles).toEqual([{ role: 'administrator', name: 'Region Norr', parent_id: null }]);
    } finally {
      await database.close();
    }
    // Three processes, each opening and migrating a fresh embedded database: a busy machine needs time.
  }, 120_000);

  it('seeds the demo, exports it, and refuses a bad import with row numbers and exit 1', async () => {
    const dir = tempDir('rt-cli-');
    expect((await runCli(dir, ['seed-demo'])).code).toBe(0);
    expect((await runCli(dir, ['seed-demo'])).code).toBe(1);
    // The seeded tables are kept up once; then nothing is due.
    const upkeep = await runCli(dir, ['upkeep']);
    expect(upkeep.code, upkeep.output).toBe(0);
    expect(upkeep.output).toMatch(/^indicator_values: VACUUM och ANALYZE \(\d+ ms\)$/m);
    const again = await runCli(dir, ['upkeep']);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toContain('Inget behövde göras.');
    const file = join(dir, 'org.xlsx');
    expect((await runCli(dir, ['export-org', file])).code).toBe(0);
    expect(existsSync(file)).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('Organisation');
    expect(sheet?.rowCount).toBeGreaterThan(60);
    sheet?.addRow(['9999', 'Ny enhet', 'Påhittad nivå', '2111']);
    sheet?.addRow(['9998', '', 'Enhet', '0000']);
    const bad = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const result = await runCli(dir, ['import-org', bad]);
    expect(result.code).toBe(1);
    const last = sheet?.rowCount ?? 0;
    expect(result.output).toContain(`rad ${last - 1}, Nivå`);
    expect(result.output).toContain(`rad ${last}, Namn`);
    expect(result.output).toContain(`rad ${last}, Överordnad kod`);

    // Values go out and come back the same way: a bad row is named, a good file is read in.
    const values = join(dir, 'values.xlsx');
    const out = await runCli(dir, [
      'export-values',
      values,
      '--from',
      '2025-01',
      '--to',
      '2025-03',
      '--indicator',
      'resor',
    ]);
    expect(out.code, out.output).toBe(0);
    const vb = new ExcelJS.Workbook();
    await vb.xlsx.readFile(values);
    const vs = vb.getWorksheet('Värden') as ExcelJS.Worksheet;
    expect(vs.rowCount).toBe(1 + 3 * 3);
    vs.getRow(2).getCell(7).value = 777;
    await vb.xlsx.writeFile(values);
    const ok = await runCli(dir, ['import-values', values]);
    expect(ok.code, ok.output).toBe(0);
    expect(ok.output).toContain('Skrev 9 värden');
    vs.getRow(3).getCell(3).value = 'X1';
    await vb.xlsx.writeFile(values);
    const refused = await runCli(dir, ['import-values', values]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('rad 3, Enhet: okänd enhetskod "X1"');
    const badMonth = await runCli(dir, ['export-values', values, '--from', '2025-13', '--to', '2025-03']);
    expect(badMonth.code).toBe(1);
    expect(badMonth.output).toContain('Ogiltig månad');

    // A report the board got, exported as it was sent; an unknown one is named as such.
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    const sent = await db.db
      .selectFrom('board_reports')
      .select(['id', 'content_hash'])
      .where('sent_at', 'is not', null)
      .executeTakeFirstOrThrow();
    await db.close();
    const pdf = join(dir, 'rapport.pdf');
    const exported = await runCli(dir, ['export-report', sent.id, pdf, '--format', 'pdf']);
    expect(exported.code, exported.output).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(exported.output).toContain('100 %');
    const unknown = await runCli(dir, ['export-report', 'finns-inte', pdf]);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('Rapporten finns inte');
    const reminders = await runCli(dir, ['send-reminders']);
    expect(reminders.code, reminders.output).toBe(0);
    expect(reminders.output).toContain('utkorgen');
  }, 240_000);
});
