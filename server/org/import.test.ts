import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import { systemActor } from '../core/context';
import { exportOrg } from './export';
import { importOrg } from './import';
import { createUnit, listUnits } from './service';

const actor = systemActor('test');

async function sheetRows(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet('Organisation')?.eachRow((r) => {
    rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')));
  });
  return rows;
}

async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Organisation');
  ws.addRow(['Kod', 'Namn', 'Nivå', 'Överordnad kod', 'Chef', 'Gäller från']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function counts(ctx: TestContext) {
  const n = async (t: 'org_units' | 'org_unit_states' | 'history') =>
    Number(
      (
        await ctx.services.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { units: await n('org_units'), states: await n('org_unit_states'), history: await n('history') };
}

describe('organisation export and import', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createDemoContext();
  });
  afterEach(async () => ctx.close());

  it('round-trips the exported tree without changing anything', async () => {
    const data = await exportOrg(ctx.services, actor);
    const rows = await sheetRows(data);
    expect(rows[0]).toEqual(['Kod', 'Namn', 'Nivå', 'Överordnad kod', 'Chef', 'Gäller från']);
    expect(rows.length - 1).toBe((await listUnits(ctx.services, actor)).length);
    const before = await counts(ctx);
    const summary = await importOrg(ctx.services, actor, data, { effectiveFrom: '2025-07-01' });
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: rows.length - 1 });
    expect(await counts(ctx)).toEqual(before);
  });

  it('creates and moves units from a sheet, with history, from the effective date', async () => {
    const data = await workbook([
      ['2111', 'Kirurgkliniken', 'Verksamhet', '2210', 'Lena Ek', null],
      ['9001', 'Ny enhet', 'Enhet', '2111', 'Ny Chef', null],
    ]);
    const before = await counts(ctx);
    const summary = await importOrg(ctx.services, actor, data, { effectiveFrom: '2025-07-01' });
    expect(summary).toMatchObject({ created: 1, updated: 1 });
    const after = await listUnits(ctx.services, actor, '2025-07-01');
    const kir = after.find((u) => u.code === '2111');
    const intmed = after.find((u) => u.code === '2210');
    expect(kir?.parentId).toBe(intmed?.id);
    expect(after.find((u) => u.code === '9001')?.parentId).toBe(kir?.id);
    // The day before, Kirurgkliniken was still where it was.
    const earlier = await listUnits(ctx.services, actor, '2025-06-30');
    expect(earlier.find((u) => u.code === '2111')?.parentId).not.toBe(intmed?.id);
    expect((await counts(ctx)).history).toBe(before.history + 2);
  });

  it('reports every bad row with row, column and reason and writes nothing', async () => {
    const data = await workbook([
      ['', 'Utan kod', 'Enhet', '2111', null, null],
      ['9002', '', 'Enhet', '2111', null, null],
      ['9003', 'Fel nivå', 'Avdelning', '2111', null, null],
      ['9004', 'Okänd förälder', 'Enhet', '7777', null, null],
      ['9005', 'Dubblett', 'Enhet', '2111', null, null],
      ['9005', 'Dubblett igen', 'Enhet', '2111', null, null],
      ['9006', 'Cirkel A', 'Enhet', '9007', null, null],
      ['9007', 'Cirkel B', 'Enhet', '9006', null, null],
      ['9008', 'Fel datum', 'Enhet', '2111', null, '2025-02-30'],
      ['9009', 'Bra rad', 'Enhet', '2111', null, null],
    ]);
    const before = await counts(ctx);
    const err = await importOrg(ctx.services, actor, data, { effectiveFrom: '2025-07-01' }).catch((e) => e);
    expect(err.code).toBe('unprocessable');
    const problems = err.details.problems as { row: number; column: string; message: string }[];
    const at = (row: number) => problems.filter((p) => p.row === row).map((p) => `${p.column}: ${p.message}`);
    expect(at(2)).toEqual(['Kod: saknas']);
    expect(at(3)).toEqual(['Namn: saknas']);
    expect(at(4)[0]).toMatch(/^Nivå: okänd nivå "Avdelning"/);
    expect(at(5)[0]).toMatch(/^Överordnad kod: okänd kod 7777/);
    expect(at(7)[0]).toMatch(/^Kod: 9005 finns redan på rad 6/);
    expect(at(8)[0]).toMatch(/cirkel/);
    expect(at(10)[0]).toMatch(/^Gäller från:/);
    expect(at(11)).toEqual([]);
    expect(await counts(ctx)).toEqual(before);
  });

  it('neutralises cells that a spreadsheet would run as formulas', async () => {
    for (const [i, name] of ['=HYPERLINK("http://x","klicka")', '+1', '-2', '@SUM(A1)'].entries()) {
      const root = (await listUnits(ctx.services, actor)).find((u) => u.parentId === null);
      await createUnit(ctx.services, actor, {
        parentId: root?.id ?? null,
        name,
        level: 'enhet',
        code: `88${i}`,
        managerName: null,
        validFrom: '2025-01-01',
      });
    }
    const rows = await sheetRows(await exportOrg(ctx.services, actor));
    const names = rows.filter((r) => r[0]?.startsWith('88')).map((r) => r[1]);
    expect(names.sort()).toEqual(['\'=HYPERLINK("http://x","klicka")', "'+1", "'-2", "'@SUM(A1)"].sort());
  });
});
