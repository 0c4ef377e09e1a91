import type ExcelJS from 'exceljs';
import { DomainError, forbidden } from '../../domain/errors';
import { can } from '../../domain/permissions';
import { neutraliseCell } from '../../domain/spreadsheet';
import type { ValueKind } from '../../domain/steering';
import type { Actor, Services } from '../core/context';
import {
  cellText,
  type ImportProblem,
  importFailure,
  newWorkbook,
  readSheetRows,
  type SheetRow,
  type WorkbookLimits,
  writeXlsx,
} from '../core/workbook';
import { unitsOn } from '../org/queries';
import { currentTree, today } from '../org/service';
import { checkValues, indicatorRecords, listValues, type ValueInput } from './indicators';
import { importValueRows } from './values-import';

export const VALUES_SHEET = 'Värden';

/** The columns of a values sheet, in order; the same sheet goes out and comes back in. */
export const VALUE_COLUMNS = [
  { key: 'indicator', header: 'Indikator', width: 16 },
  { key: 'indicatorName', header: 'Indikatornamn', width: 40 },
  { key: 'unit', header: 'Enhet', width: 12 },
  { key: 'unitName', header: 'Enhetsnamn', width: 34 },
  { key: 'period', header: 'Period', width: 10 },
  { key: 'kind', header: 'Typ', width: 10 },
  { key: 'value', header: 'Värde', width: 14 },
  { key: 'comment', header: 'Kommentar', width: 40 },
] as const;
type ColumnKey = (typeof VALUE_COLUMNS)[number]['key'];
const header = (key: ColumnKey) => VALUE_COLUMNS.find((c) => c.key === key)?.header as string;

const KIND_TEXT: Record<ValueKind, string> = { outcome: 'Utfall', forecast: 'Prognos' };
const kindFromText = (text: string): ValueKind | null =>
  (Object.entries(KIND_TEXT).find(([, t]) => t.toLowerCase() === text.toLowerCase())?.[0] as ValueKind | undefined) ??
  null;

/** Entered values of indicators for a subtree and months, one row each, by indicator and unit code. */
export async function exportValues(
  services: Services,
  actor: Actor,
  query: { indicatorIds?: string[]; unitId?: string; from: string; to: string },
): Promise<Buffer> {
  const values = await listValues(services, actor, query);
  const [indicators, units] = await Promise.all([
    indicatorRecords(services.db, [...new Set(values.map((v) => v.indicatorId))]),
    unitsOn(services.db, today(services)),
  ]);
  const indicatorOf = new Map(indicators.map((i) => [i.id, i]));
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(VALUES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = VALUE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const text = (v: string | null | undefined) => neutraliseCell(v ?? '');
  for (const v of values) {
    const i = indicatorOf.get(v.indicatorId);
    const u = unitOf.get(v.unitId);
    sheet.addRow({
      indicator: text(i?.code ?? v.indicatorId),
      indicatorName: text(i?.name),
      unit: text(u?.code ?? v.unitId),
      unitName: text(u?.name),
      period: v.period,
      kind: KIND_TEXT[v.kind],
      // Exact decimal text as a number cell; Excel shows it in the reader's locale.
      value: Number(v.value),
      comment: text(v.comment),
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: VALUE_COLUMNS.length } };
  return writeXlsx(workbook);
}

export interface ValuesImportSummary {
  rows: number;
  written: number;
  removed: number;
  dryRun: boolean;
}

/** A number cell, or text with a decimal comma or point and spaces between thousands. */
function decimalFrom(value: ExcelJS.CellValue): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  const t = cellText(value)
    .replace(/[\s\u00a0]/g, '')
    .replace(',', '.');
  if (t === '') return '';
  return /^-?\d+(\.\d+)?$/.test(t) ? t : null;
}

/**
 * Values are written per unit, each row checked against its own unit; an actor who may write
 * values in no unit at all cannot pass any row, so the file is refused unread.
 */
async function authorizeValueWriting(services: Services, actor: Actor): Promise<void> {
  if (actor.kind === 'system') return;
  const tree = await currentTree(services);
  if (
    !actor.principal.roles.some(
      (g) => tree.has(g.unitId) && can(actor.principal, 'value.write', { unitId: g.unitId }, tree),
    )
  )
    throw forbidden('Du får inte läsa in värden: du saknar behörighet att rapportera värden för någon enhet.');
}

/**
 * Reads a values sheet and writes it all or nothing (see `importValueRows`). Every bad row is
 * reported with its row, column and reason, and if there is any, nothing is written. An empty value cell
 * removes the value. Matching is by indicator code and the unit's cost-centre code.
 */
export async function importValues(
  services: Services,
  actor: Actor,
  data: Buffer | ArrayBuffer,
  options: {
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
    limits?: Partial<WorkbookLimits>;
  } = {},
): Promise<ValuesImportSummary> {
  // Who may not write values anywhere gets 403 before a byte of the file is read.
  await authorizeValueWriting(services, actor);
  if (data.byteLength === 0)
    throw new DomainError('bad_request', 'Ingen fil skickades.', { fields: [{ field: '(body)', message: 'saknas' }] });
  const columnOf = new Map<ColumnKey, number>();
  const problems: ImportProblem[] = [];
  const fail = () => importFailure(problems);
  const readHeader = (first: SheetRow | null) => {
    if (first?.number === 1)
      for (const [col, value] of first.entries()) {
        const found = VALUE_COLUMNS.find((c) => c.header.toLowerCase() === cellText(value).toLowerCase());
        if (found) columnOf.set(found.key, col);
      }
    for (const key of ['indicator', 'unit', 'period', 'kind', 'value'] as const)
      if (!columnOf.has(key)) problems.push({ row: 1, column: header(key), message: 'kolumnen saknas' });
    if (problems.length > 0) throw fail();
  };

  const [indicators, units] = await Promise.all([indicatorRecords(services.db), unitsOn(services.db, today(services))]);
  const indicatorByCode = new Map(indicators.filter((i) => i.code).map((i) => [(i.code as string).toLowerCase(), i]));
  const unitByCode = new Map(units.filter((u) => u.code).map((u) => [u.code as string, u]));
  const inputs: ValueInput[] = [];
  const rowOf: number[] = [];
  let headerRead = false;
  for await (const r of readSheetRows(data, { sheet: VALUES_SHEET, limits: options.limits })) {
    const rowNumber = r.number;
    if (!headerRead) {
      headerRead = true;
      readHeader(r);
      if (rowNumber === 1) continue;
    }
    const cell = (key: ColumnKey) => {
      const col = columnOf.get(key);
      return col === undefined ? null : r.cell(col);
    };
    const get = (key: ColumnKey) => cellText(cell(key));
    if (VALUE_COLUMNS.every((c) => get(c.key) === '')) continue;
    const bad = (key: ColumnKey, message: string) => problems.push({ row: rowNumber, column: header(key), message });
    const indicator = indicatorByCode.get(get('indicator').toLowerCase());
    const unit = unitByCode.get(get('unit'));
    const kind = kindFromText(get('kind'));
    const value = decimalFrom(cell('value'));
    const period = get('period');
    if (!indicator) bad('indicator', get('indicator') ? `okänd indikatorkod "${get('indicator')}"` : 'saknas');
    if (!unit) bad('unit', get('unit') ? `okänd enhetskod "${get('unit')}"` : 'saknas');
    if (!kind) bad('kind', `ska vara ${Object.values(KIND_TEXT).join(' eller ')}`);
    if (value === null) bad('value', `"${get('value')}" är inget tal`);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) bad('period', `"${period}" är ingen månad ÅÅÅÅ-MM`);
    if (indicator && unit && kind && value !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
      inputs.push({
        indicatorId: indicator.id,
        unitId: unit.id,
        period,
        kind,
        value: value === '' ? null : value,
        comment: get('comment'),
      });
      rowOf.push(rowNumber);
    }
  }
  if (!headerRead) readHeader(null);
  if (problems.length > 0) throw fail();
  if (inputs.length === 0) {
    problems.push({ row: 2, column: header('indicator'), message: 'bladet har inga rader' });
    throw fail();
  }

  const FIELD_COLUMN: Record<string, ColumnKey> = {
    indicatorId: 'indicator',
    unitId: 'unit',
    period: 'period',
    kind: 'kind',
    value: 'value',
  };
  const summary: ValuesImportSummary = {
    rows: inputs.length,
    written: inputs.filter((i) => i.value !== null).length,
    removed: inputs.filter((i) => i.value === null).length,
    dryRun: options.dryRun ?? false,
  };
  const rowField = (i: number, field: string) => `rad ${rowOf[i]}, ${header(FIELD_COLUMN[field] ?? 'value')}`;
  // Checked before the write begins, so that the only connection of the embedded database is
  // held for the writing alone (see setValues).
  await checkValues(services, services.db, actor, inputs, rowField);
  // A dry run ends where the checks passed: it writes nothing, not even staged rows.
  if (!options.dryRun) await importValueRows(services, actor, inputs, options.onProgress);
  return summary;
}
