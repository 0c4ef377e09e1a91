import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { bombPart, part, SHEET_HEAD, SHEET_TAIL, textRow, xlsx, zip } from '../../test/support/xlsx';
import {
  type CellValue,
  cellText,
  importFailure,
  LISTED_PROBLEMS,
  readSheetRows,
  type WorkbookLimits,
  writeXlsx,
} from './workbook';

async function rowsOf(data: Buffer, options: { sheet?: string; limits?: Partial<WorkbookLimits> } = {}) {
  const rows: { number: number; cells: [number, CellValue][] }[] = [];
  for await (const r of readSheetRows(data, options)) rows.push({ number: r.number, cells: [...r.entries()] });
  return rows;
}

async function refusal(data: Buffer, limits?: Partial<WorkbookLimits>): Promise<DomainError> {
  const err = await rowsOf(data, { limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe('reading an uploaded workbook', () => {
  it('reads what Excel files hold: shared and inline text, numbers, dates, truth values, formula results', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Annat').addRow(['fel blad']);
    const sheet = wb.addWorksheet('Värden');
    sheet.addRow(['Kod', 'Tal', 'Datum', 'Sant', 'Formel', 'Rik text']);
    sheet.addRow([
      ' 2111 ',
      12.5,
      new Date(Date.UTC(2025, 8, 30)),
      true,
      { formula: 'B2*2', result: 25 },
      { richText: [{ text: 'Röd ' }, { font: { bold: true }, text: 'tråd' }] },
    ]);
    sheet.getRow(4).getCell(8).value = 'långt bort';
    const rows = await rowsOf(Buffer.from(await wb.xlsx.writeBuffer()), { sheet: 'Värden' });
    expect(rows.map((r) => r.number)).toEqual([1, 2, 4]);
    expect(rows[1]?.cells).toEqual([
      [1, ' 2111 '],
      [2, 12.5],
      [3, new Date(Date.UTC(2025, 8, 30))],
      [4, true],
      [5, 25],
      [6, 'Röd tråd'],
    ]);
    expect(rows[2]?.cells).toEqual([[8, 'långt bort']]);
    expect(cellText(rows[1]?.cells[2]?.[1] ?? null)).toBe('2025-09-30');
    // Without the named sheet, the first.
    expect((await rowsOf(Buffer.from(await wb.xlsx.writeBuffer()), { sheet: 'Saknas' }))[0]?.cells).toEqual([
      [1, 'fel blad'],
    ]);
  });

  it('refuses what is no workbook with 400', async () => {
    expect((await refusal(Buffer.from('inte en zip-fil'))).code).toBe('bad_request');
    expect((await refusal(zip([part('hej.txt', 'hej')]))).code).toBe('bad_request');
  });

  it('refuses a sheet that claims to unpack beyond the limit with 413 before inflating it', async () => {
    const bomb = bombPart('xl/worksheets/sheet1.xml', {
      head: SHEET_HEAD,
      filler: '<x/>'.repeat(256 * 1024),
      times: 3 * 1024,
      tail: SHEET_TAIL,
    });
    expect(bomb.size).toBe(3 * 1024 ** 3 + SHEET_HEAD.length + SHEET_TAIL.length);
    expect((await refusal(xlsx('Värden', bomb))).code).toBe('payload_too_large');
  });

  it('stops a sheet that inflates to more than it claims with 413, and counts what is inflated', async () => {
    const lying = (claimed: number) =>
      xlsx(
        'Värden',
        bombPart(
          'xl/worksheets/sheet1.xml',
          { head: SHEET_HEAD, filler: '<x/>'.repeat(256 * 1024), times: 3 * 1024, tail: SHEET_TAIL },
          claimed,
        ),
      );
    const err = await refusal(lying(5 * 1024 * 1024));
    expect(err.code).toBe('payload_too_large');
    // Claiming the limit exactly, it is the count of inflated bytes that stops it.
    expect((await refusal(lying(2 * 1024 * 1024), { maxUnpackedBytes: 2 * 1024 * 1024 })).code).toBe(
      'payload_too_large',
    );
  });

  it('refuses too many rows, a cell beyond the last column and too long a cell with 422, naming the place', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => textRow(i + 1, ['a'])).join('');
    const tooMany = await refusal(xlsx('Värden', SHEET_HEAD + rows + SHEET_TAIL), { maxRows: 10 });
    expect(tooMany.code).toBe('unprocessable');
    expect(tooMany.fields?.[0]?.field).toBe('blad Värden, rad 11');

    const wide = await refusal(
      xlsx('Värden', `${SHEET_HEAD}${textRow(1, ['a'])}<row r="3"><c r="CW3"><v>1</v></c></row>${SHEET_TAIL}`),
    );
    expect(wide.code).toBe('unprocessable');
    expect(wide.fields?.[0]?.field).toBe('blad Värden, rad 3, kolumn CW');

    const long = 'x'.repeat(32_768);
    const inline = await refusal(
      xlsx('Värden', `${SHEET_HEAD}${textRow(1, ['a'])}${textRow(5, ['b', 'c', long])}${SHEET_TAIL}`),
    );
    expect(inline.code).toBe('unprocessable');
    expect(inline.fields?.[0]?.field).toBe('blad Värden, rad 5, kolumn C');

    const shared = await refusal(
      xlsx('Värden', `${SHEET_HEAD}<row r="6"><c r="D6" t="s"><v>1</v></c></row>${SHEET_TAIL}`, ['kort', long]),
    );
    expect(shared.fields?.[0]?.field).toBe('blad Värden, rad 6, kolumn D');
    // Exactly at the limit is fine.
    expect(await rowsOf(xlsx('Värden', `${SHEET_HEAD}${textRow(1, ['x'.repeat(32_767)])}${SHEET_TAIL}`))).toHaveLength(
      1,
    );
  });

  it('refuses too many shared texts and too many zip parts with 422', async () => {
    const strings = await refusal(xlsx('Värden', SHEET_HEAD + SHEET_TAIL, ['a', 'b', 'c']), { maxSharedStrings: 2 });
    expect(strings.code).toBe('unprocessable');
    const parts = await refusal(xlsx('Värden', SHEET_HEAD + SHEET_TAIL), { maxEntries: 3 });
    expect(parts.code).toBe('unprocessable');
  });

  it('refuses a sheet that runs on without an element ending rather than keeping it in memory', async () => {
    const err = await refusal(
      xlsx(
        'Värden',
        bombPart('xl/worksheets/sheet1.xml', {
          head: `${SHEET_HEAD}<row r="1">`,
          filler: ' '.repeat(1024 * 1024),
          times: 50,
          tail: `</row>${SHEET_TAIL}`,
        }),
      ),
    );
    expect(err.code).toBe('unprocessable');
    expect(err.fields?.[0]?.field).toBe('blad Värden, rad 1');
  });
});

describe('refusing an import', () => {
  it('lists the problems in row order, at most LISTED_PROBLEMS of them, and says how many there are', () => {
    const problems = Array.from({ length: LISTED_PROBLEMS + 500 }, (_, i) => ({
      row: LISTED_PROBLEMS + 501 - i,
      column: 'Värde',
      message: 'är inget tal',
    }));
    const err = importFailure(problems);
    expect(err.code).toBe('unprocessable');
    expect(err.message).toContain(`${LISTED_PROBLEMS + 500} fel`);
    expect(err.message).toContain(`De första ${LISTED_PROBLEMS} visas`);
    expect(err.fields).toHaveLength(LISTED_PROBLEMS);
    expect(err.fields?.[0]?.field).toBe('rad 2, Värde');
    const few = importFailure(problems.slice(-3));
    expect(few.fields?.map((f) => f.field)).toEqual(['rad 2, Värde', 'rad 3, Värde', 'rad 4, Värde']);
    expect(few.message).not.toContain('De första');
  });
});

describe('writing a workbook', () => {
  it('neutralises every text that a spreadsheet would take for a formula, also after spaces, and reads it back', async () => {
    const texts = [
      "=cmd|' /C calc'!A0",
      "  =cmd|' /C calc'!A0",
      '+1',
      ' -1',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
      'Vanlig text',
    ];
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Blad');
    for (const t of texts) sheet.addRow([t]);
    sheet.addRow([{ richText: [{ text: ' ' }, { text: '=1+1' }] }]);
    sheet.addRow([{ text: '=HYPERLINK()', hyperlink: 'https://example.org' }]);
    const read = (await rowsOf(await writeXlsx(wb))).map((r) => r.cells[0]?.[1] as string);
    for (const raw of read) expect(raw.replace(/^\s+/, '')).not.toMatch(/^[=+\-@\t\r]/);
    expect(read.slice(0, texts.length).map(cellText)).toEqual(texts.map((t) => t.trim()));
    expect(read.at(-1)).toBe("'=HYPERLINK()");
    expect(read.at(-2)).toBe("' =1+1");
    expect(read.at(texts.length - 1)).toBe('Vanlig text');
  });
});
