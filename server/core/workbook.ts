import ExcelJS from 'exceljs';
import { DomainError } from '../../domain/errors';

/** A cell's value as trimmed text: rich text joined, formulas by their result, dates as ÅÅÅÅ-MM-DD. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    return '';
  }
  // Our exports prefix would-be formulas with an apostrophe; take it off on the way back in.
  return String(value)
    .replace(/^'(?=[=+\-@\t\r])/, '')
    .trim();
}

/** Opens an .xlsx file, or 400 when it is not one. */
export async function loadWorkbook(data: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as ArrayBuffer);
  } catch {
    throw new DomainError('bad_request', 'Filen går inte att läsa som en Excel-arbetsbok (.xlsx).');
  }
  return workbook;
}

/** Thrown inside a write to roll a trial run back after every check has passed. */
export class DryRun extends Error {}
