import type ExcelJS from 'exceljs';
import { MEASURE_CATEGORY_LABELS } from '../../domain/economy/measures';
import { DomainError, forbidden } from '../../domain/errors';
import { parseMonth } from '../../domain/indicators/months';
import { formatPeriod } from '../../domain/periods';
import { can } from '../../domain/permissions';
import { neutraliseCell } from '../../domain/spreadsheet';
import type { Actor, Services } from '../core/context';
import {
  cellText,
  DryRun,
  type ImportProblem,
  importFailure,
  newWorkbook,
  readSheetRows,
  type WorkbookLimits,
  writeXlsx,
} from '../core/workbook';
import { write } from '../core/write';
import { currentTree } from '../org/service';
import { actionPlanSummary } from './action-plans';
import { listMeasures } from './measures';
import { reportMeasureIn } from './reports';
import { refreshMeasureFigures } from './rollups';

export const MEASURES_SHEET = 'Åtgärder';

const COLUMNS = [
  { key: 'id', header: 'Id', width: 38 },
  { key: 'unit', header: 'Ansvarig enhet', width: 28 },
  { key: 'title', header: 'Åtgärd', width: 48 },
  { key: 'type', header: 'Typ', width: 22 },
  { key: 'category', header: 'Kategori', width: 24 },
  { key: 'feasibility', header: 'Genomförbarhet', width: 14 },
  { key: 'plannedGross', header: 'Mål brutto (kr)', width: 16 },
  { key: 'planned', header: 'Mål netto (kr)', width: 16 },
  { key: 'forecast', header: 'Prognos (kr)', width: 16 },
  { key: 'outcome', header: 'Utfall (kr)', width: 16 },
  { key: 'deviation', header: 'Avvikelse (kr)', width: 16 },
  { key: 'stale', header: 'Inaktuell', width: 10 },
  { key: 'comment', header: 'Kommentar', width: 40 },
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const header = (key: ColumnKey) => COLUMNS.find((c) => c.key === key)?.header as string;
const LEAF = 'Åtgärd';
const PARENT = 'Summa av delåtgärder';
const KRONOR = '#,##0';
/** The API's whole kronor (strings of digits) as spreadsheet numbers, which is what a sheet sums. */
const num = (kronor: string | null) => (kronor === null ? null : Number(kronor));

/**
 * The plan as boards are shown it: every measure with its target, forecast, outcome and
 * deviation for the month, sub-measures under their measure, totals per förvaltning and for
 * the whole plan at the end. Amounts are whole kronor. The same sheet reads back forecasts.
 */
export async function exportActionPlan(
  services: Services,
  actor: Actor,
  planId: string,
  period: string,
): Promise<Buffer> {
  const [summary, tree] = await Promise.all([
    actionPlanSummary(services, actor, planId, period),
    listMeasures(services, actor, planId, period),
  ]);
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(MEASURES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  const depth = new Map<string, number>();
  for (const m of tree.measures) {
    const d = m.parentId ? (depth.get(m.parentId) ?? 0) + 1 : 0;
    depth.set(m.id, d);
    sheet.addRow({
      id: m.id,
      unit: neutraliseCell(m.ownerUnitName),
      title: neutraliseCell(`${'  '.repeat(d)}${m.title}`),
      type: m.leaf ? LEAF : PARENT,
      category: MEASURE_CATEGORY_LABELS[m.category],
      feasibility: m.feasibility,
      plannedGross: num(m.plannedGross),
      planned: num(m.planned),
      forecast: num(m.forecast),
      outcome: num(m.outcome),
      deviation: num(m.deviation),
      stale: m.stale ? 'Ja' : '',
      comment: neutraliseCell(m.lastReport?.comment ?? ''),
    });
  }
  sheet.addRow({});
  const totalRow = (
    label: string,
    t: {
      planned: string;
      plannedGross: string;
      forecast: string;
      outcome: string;
      deviation: string | null;
      target: string | null;
    },
  ) => {
    const row = sheet.addRow({
      title: label,
      type: t.target === null ? '' : `Sparbeting ${t.target}`,
      plannedGross: num(t.plannedGross),
      planned: num(t.planned),
      forecast: num(t.forecast),
      outcome: num(t.outcome),
      deviation: num(t.deviation),
    });
    row.font = { bold: true };
  };
  for (const u of summary.byUnit) totalRow(`Summa ${u.name}`, u);
  totalRow(`Summa ${summary.title} (${summary.period})`, summary);
  totalRow('varav genomförbarhet 1–2', {
    planned: summary.plannedGrade12,
    plannedGross: '0',
    forecast: summary.forecastGrade12,
    outcome: '0',
    deviation: null,
    target: null,
  });
  for (const key of ['plannedGross', 'planned', 'forecast', 'outcome', 'deviation'] as const)
    sheet.getColumn(key).numFmt = KRONOR;
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return writeXlsx(workbook);
}

const wholeKronor = (value: ExcelJS.CellValue): bigint | null | 'bad' => {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : 'bad';
  const t = cellText(value)
    .replace(/[\s\u00a0]/g, '')
    .replace('\u2212', '-');
  if (t === '') return null;
  return /^-?\d{1,15}$/.test(t) ? BigInt(t) : 'bad';
};

export interface ForecastImportSummary {
  rows: number;
  written: number;
  unchanged: number;
  dryRun: boolean;
}

/**
 * Reports are written per measure, each checked against its owning unit; an actor who may
 * report on none of the plan's measures cannot pass any row, so the file is refused unread.
 * (A plan without measures asks only that the actor may report somewhere.)
 */
async function authorizeReporting(services: Services, actor: Actor, measures: { ownerUnitId: string }[]) {
  if (actor.kind === 'system') return;
  const tree = await currentTree(services);
  const units = measures.length > 0 ? measures.map((m) => m.ownerUnitId) : actor.principal.roles.map((g) => g.unitId);
  if (!units.some((unitId) => tree.has(unitId) && can(actor.principal, 'measure.report', { unitId }, tree)))
    throw forbidden('Du får inte läsa in prognoser: du saknar behörighet att rapportera på planens åtgärder.');
}

/**
 * Reads the month's forecasts (and outcomes and comments) from a plan sheet. Rows of measures
 * with sub-measures are computed and skipped, and so are rows with neither forecast nor outcome; every bad row is reported with row, column and
 * reason, and nothing is written if there is any. Unchanged rows write nothing.
 */
export async function importForecasts(
  services: Services,
  actor: Actor,
  planId: string,
  periodText: string,
  data: Buffer | ArrayBuffer,
  options: { dryRun?: boolean; limits?: Partial<WorkbookLimits> } = {},
): Promise<ForecastImportSummary> {
  const period = formatPeriod(parseMonth(periodText, 'period'));
  const current = new Map((await listMeasures(services, actor, planId, period)).measures.map((m) => [m.id, m]));
  // Who may report on no measure of the plan gets 403 before a byte of the file is read.
  await authorizeReporting(services, actor, [...current.values()]);
  if (data.byteLength === 0)
    throw new DomainError('bad_request', 'Ingen fil skickades.', { fields: [{ field: '(body)', message: 'saknas' }] });
  const columnOf = new Map<ColumnKey, number>();
  const problems: ImportProblem[] = [];
  const rows: { row: number; measureId: string; forecast: bigint; outcome: bigint | null; comment: string }[] = [];
  let headerRead = false;
  for await (const r of readSheetRows(data, { sheet: MEASURES_SHEET, limits: options.limits })) {
    const rowNumber = r.number;
    if (!headerRead) {
      headerRead = true;
      if (rowNumber === 1)
        for (const [col, value] of r.entries()) {
          const found = COLUMNS.find((c) => c.header.toLowerCase() === cellText(value).toLowerCase());
          if (found) columnOf.set(found.key, col);
        }
      for (const key of ['id', 'forecast'] as const)
        if (!columnOf.has(key)) problems.push({ row: 1, column: header(key), message: 'kolumnen saknas' });
      if (problems.length > 0) break;
      if (rowNumber === 1) continue;
    }
    const cell = (key: ColumnKey) => {
      const col = columnOf.get(key);
      return col === undefined ? null : r.cell(col);
    };
    const id = cellText(cell('id'));
    if (id === '') continue; // blank and total rows
    const bad = (key: ColumnKey, message: string) => problems.push({ row: rowNumber, column: header(key), message });
    const m = current.get(id);
    if (!m) {
      bad('id', 'ingen åtgärd i planen har detta id');
      continue;
    }
    if (!m.leaf) continue; // computed from its sub-measures
    const forecast = wholeKronor(cell('forecast'));
    const outcome = wholeKronor(cell('outcome'));
    // A blank forecast gives no report (a measure that has none yet stays without one).
    if (forecast === null && outcome === null) continue;
    if (forecast === 'bad' || forecast === null)
      bad(
        'forecast',
        forecast === null ? 'saknas när utfall är ifyllt' : `"${cellText(cell('forecast'))}" är inte hela kronor`,
      );
    if (outcome === 'bad') bad('outcome', `"${cellText(cell('outcome'))}" är inte hela kronor`);
    if (forecast !== 'bad' && forecast !== null && outcome !== 'bad')
      rows.push({ row: rowNumber, measureId: id, forecast, outcome, comment: cellText(cell('comment')) });
  }
  if (!headerRead)
    for (const key of ['id', 'forecast'] as const)
      problems.push({ row: 1, column: header(key), message: 'kolumnen saknas' });
  if (problems.length > 0) throw importFailure(problems);

  const changed = rows.filter((r) => {
    const m = current.get(r.measureId);
    return !(
      m?.lastReport?.period === period &&
      BigInt(m.forecast ?? 0) === r.forecast &&
      (r.outcome === null ? true : BigInt(m.outcome ?? 0) === r.outcome) &&
      m.lastReport.comment === r.comment
    );
  });
  const summary: ForecastImportSummary = {
    rows: rows.length,
    written: changed.length,
    unchanged: rows.length - changed.length,
    dryRun: options.dryRun ?? false,
  };
  try {
    await write(services, actor, async (w) => {
      for (const r of changed) {
        const m = current.get(r.measureId);
        await reportMeasureIn(
          services,
          w,
          {
            measureId: r.measureId,
            version: m?.version as number,
            period,
            forecastKr: r.forecast,
            outcomeKr: r.outcome,
            comment: r.comment,
          },
          (f) => `rad ${r.row}, ${f === 'period' ? 'Period' : header('id')}`,
          { deferFigures: true },
        );
      }
      // The kept figures of every measure in the file, in one go rather than a row at a time.
      await refreshMeasureFigures(
        w.trx,
        changed.map((r) => r.measureId),
      );
      if (options.dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return summary;
}
