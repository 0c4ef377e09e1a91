import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors';
import { headedRows, mustHaveFile } from './sheet-import';
import { type ImportProblem, writeXlsx } from './workbook';

const COLUMNS = [
  { key: 'title', header: 'Titel' },
  { key: 'register', header: 'Register' },
  { key: 'registerId', header: 'Register-id' },
  { key: 'note', header: 'Anteckning' },
] as const;
type Key = (typeof COLUMNS)[number]['key'];

async function sheetOf(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Blad');
  for (const row of rows) sheet.addRow(row);
  return writeXlsx(wb);
}

async function read(data: Buffer) {
  const problems: ImportProblem[] = [];
  const rows: { number: number; title: string; note: string }[] = [];
  const sheet = headedRows<Key>(data, {
    sheet: 'Blad',
    columns: COLUMNS,
    required: ['title', ['register', 'registerId']],
    problems,
  });
  for await (const r of sheet) rows.push({ number: r.number, title: r.text('title'), note: r.text('note') });
  return { rows, problems };
}

describe('a headed import sheet', () => {
  it('finds columns by header in any order and case, and skips blank rows', async () => {
    const data = await sheetOf([['register-ID', 'titel'], ['r1', ' Brand '], [], [null, null], ['r2', 'Läcka']]);
    expect(await read(data)).toEqual({
      rows: [
        { number: 2, title: 'Brand', note: '' },
        { number: 5, title: 'Läcka', note: '' },
      ],
      problems: [],
    });
  });

  it('names each missing required column on row 1 and reads no row; one of a group suffices', async () => {
    const data = await sheetOf([['Anteckning'], ['x']]);
    expect(await read(data)).toEqual({
      rows: [],
      problems: [
        { row: 1, column: 'Titel', message: 'kolumnen saknas' },
        { row: 1, column: 'Register', message: 'kolumnen saknas' },
      ],
    });
  });

  it('names every required column of an empty sheet', async () => {
    const { problems } = await read(await sheetOf([]));
    expect(problems.map((p) => p.column)).toEqual(['Titel', 'Register']);
  });

  it('refuses an upload without a file with 400', () => {
    expect(() => mustHaveFile(Buffer.alloc(0))).toThrow(DomainError);
    expect(() => mustHaveFile(Buffer.from('x'))).not.toThrow();
  });
});
