/**
 * The board report as a workbook for those who work on with the figures: the written text on
 * "Rapport", and one sheet per table with real numbers (amounts in mnkr, exact from the whole
 * kronor), frozen header rows and filters. Every text cell is neutralised against formulas.
 */
import ExcelJS from 'exceljs';
import { isInternalControlReport, type Progress, type ReportContent } from '../../../domain/reports/content';
import { neutraliseCell } from '../../../domain/spreadsheet';
import { writeXlsx } from '../../core/workbook';
import * as f from './format';

export const SHEETS = {
  report: 'Rapport',
  actionPlan: 'Åtgärdsplan',
  scorecard: 'Styrkort',
  deviations: 'Avvikelser',
  stale: 'Inaktuella uppgifter',
  undecidedPlans: 'Planer utan beslut',
  driftedGoals: 'Mål utan beslut',
  aboveCompetence: 'Över befogenhet',
  missingAnalyses: 'Saknar konsekvensanalys',
  riskMatrix: 'Riskmatris',
  topRisks: 'Högsta risker',
  controlPoints: 'Kontrollresultat',
  openDeviations: 'Öppna avvikelser',
  internalControl: 'Intern kontroll',
  icPoints: 'Kontrollpunkter',
  icResults: 'Resultat per tillfälle',
  icActions: 'Åtgärder',
  icAssessment: 'Bedömning',
  icOversight: 'Uppsikt',
} as const;

/** The sheet that says why a risk or internal-control section has nothing to show. */
const NONE_SHEET = {
  riskMatrix: 'riskMatrix',
  controlResults: 'controlPoints',
  internalControl: 'internalControl',
} as const;

const MNKR_FORMAT = f.MNKR_NUMBER_FORMAT;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEBE6E1' } };
const UNIT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF6F3F0' } };

const text = (value: string | null | undefined) => neutraliseCell(value ?? '');
const mnkr = (kronor: string | null) => (kronor === null ? null : f.mnkrNumber(kronor));

/**
 * An indicator value as a number when a spreadsheet number holds it exactly as written (15
 * significant digits), shown rounded as the PDF and Word documents show it (the cell keeps the
 * exact number); otherwise as text, so no digit is lost.
 */
function setIndicatorValue(cell: ExcelJS.Cell, value: string | null, unitOfMeasure: string) {
  if (value === null) return;
  const trimmed = value.trim();
  const m = /^-?\d+(?:\.(\d+))?$/.exec(trimmed);
  const digits = trimmed.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  if (!m || digits.length > 15) {
    cell.value = text(value);
    return;
  }
  cell.value = Number(trimmed);
  cell.numFmt = f.indicatorNumberFormat(trimmed, unitOfMeasure);
}

interface ColumnSpec {
  header: string;
  key: string;
  width: number;
  numFmt?: string;
  wrap?: boolean;
}

/** A sheet whose first row is the header: bold, filled, frozen and filtered over `rows` data rows. */
function tableSheet(workbook: ExcelJS.Workbook, name: string, columns: ColumnSpec[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: {
      ...(c.numFmt ? { numFmt: c.numFmt } : {}),
      ...(c.wrap ? { alignment: { wrapText: true, vertical: 'top' as const } } : { alignment: { vertical: 'top' } }),
    },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  return {
    sheet,
    filter(lastRow: number) {
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(lastRow, 1), column: columns.length } };
    },
  };
}

function reportSheet(workbook: ExcelJS.Workbook, content: ReportContent) {
  const sheet = workbook.addWorksheet(SHEETS.report, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [
    { key: 'label', width: 28 },
    { key: 'value', width: 100 },
  ];
  const title = sheet.addRow([text(content.title)]);
  title.font = { bold: true, size: 16 };
  sheet.addRow([]);
  for (const fact of f.reportFacts(content)) {
    const row = sheet.addRow([fact.label, text(fact.value)]);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);
  const written: [string, string][] = [
    ...f.SBAR_KEYS.map((key): [string, string] => [
      f.SECTIONS.find((s) => s.id === key)?.title ?? key,
      content.sbar[key],
    ]),
    ['Förslag till beslut', content.proposedDecision],
  ];
  for (const [label, body] of written) {
    const row = sheet.addRow([label, text(body.trim() === '' ? f.NOT_WRITTEN : body.replace(/\r\n?/g, '\n'))]);
    row.getCell(1).font = { bold: true };
    row.getCell(1).alignment = { vertical: 'top' };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  if (isInternalControlReport(content.kind)) return;
  sheet.addRow([]);
  const counts = sheet.addRow(['Styrkortets status']);
  counts.getCell(1).font = { bold: true };
  for (const status of f.STATUS_ORDER) sheet.addRow([f.statusLabel(status), content.scorecard.counts[status]]);
}

function actionPlanSheet(workbook: ExcelJS.Workbook, content: ReportContent) {
  const { sheet, filter } = tableSheet(workbook, SHEETS.actionPlan, [
    { header: 'Enhet', key: 'unit', width: 32 },
    { header: 'Åtgärd', key: 'measure', width: 36 },
    { header: 'Mål (mnkr)', key: 'target', width: 13, numFmt: MNKR_FORMAT },
    { header: 'Prognos (mnkr)', key: 'forecast', width: 15, numFmt: MNKR_FORMAT },
    { header: 'Avvikelse (mnkr)', key: 'deviation', width: 16, numFmt: MNKR_FORMAT },
    { header: 'Inaktuell', key: 'stale', width: 10 },
    { header: 'Kommentar', key: 'comment', width: 60, wrap: true },
  ]);
  const plan = content.actionPlan;
  if (!plan) {
    sheet.addRow({ unit: f.EMPTY.actionPlan });
    filter(1);
    return;
  }
  for (const { row: r } of f.actionPlanLines(plan)) {
    const row = sheet.addRow({
      unit: text(r.unitName),
      measure: r.measure === null ? 'Enhetens sparbeting' : text(r.measure),
      target: mnkr(r.targetKr),
      forecast: mnkr(r.forecastKr),
      deviation: mnkr(r.deviationKr),
      stale: r.stale ? 'Ja' : '',
      comment: text(r.comment),
    });
    if (r.measure === null) {
      row.font = { bold: true };
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        if (col <= 7) cell.fill = UNIT_FILL;
      });
    }
  }
  filter(plan.rows.length + 1);
  // Totals below a blank row, outside the filter, so sorting and filtering leave them in place.
  sheet.addRow({});
  const totals = plan.totals;
  const total = sheet.addRow({
    unit: text(`Summa ${plan.planTitle} ${plan.year}`),
    target: mnkr(totals.targetKr),
    forecast: mnkr(totals.forecastKr),
    deviation: mnkr(totals.deviationKr),
  });
  total.font = { bold: true };
  for (const [label, kronor] of [
    ['Planerade åtgärder', totals.plannedKr],
    ['varav genomförbarhet 1–2', totals.plannedGrade12Kr],
    ['Prognos, varav genomförbarhet 1–2', totals.forecastGrade12Kr],
    ['Utfall hittills i år', totals.outcomeKr],
  ] as const) {
    const row = sheet.addRow({ unit: label, target: mnkr(kronor) });
    row.getCell('target').numFmt = MNKR_FORMAT;
  }
}

function scorecardSheet(workbook: ExcelJS.Workbook, content: ReportContent) {
  const { sheet, filter } = tableSheet(workbook, SHEETS.scorecard, [
    { header: 'Mål', key: 'goal', width: 34 },
    { header: 'Perspektiv', key: 'perspective', width: 22 },
    { header: 'Målets status', key: 'goalStatus', width: 14 },
    { header: 'Indikator', key: 'indicator', width: 40 },
    { header: 'Måttenhet', key: 'unit', width: 11 },
    { header: 'Målvärde', key: 'target', width: 11 },
    { header: 'Utfall', key: 'outcome', width: 11 },
    { header: 'Prognos', key: 'forecast', width: 11 },
    { header: 'Status', key: 'status', width: 14 },
    { header: 'Inaktuell', key: 'stale', width: 10 },
  ]);
  let rows = 0;
  for (const goal of content.scorecard.goals) {
    const base = {
      goal: text(goal.title),
      perspective: text(goal.perspective),
      goalStatus: f.statusLabel(goal.status),
    };
    if (goal.indicators.length === 0) {
      sheet.addRow(base);
      rows += 1;
    }
    for (const i of goal.indicators) {
      const row = sheet.addRow({
        ...base,
        indicator: text(i.name),
        unit: text(i.unitOfMeasure),
        status: f.statusLabel(i.status),
        stale: i.stale ? 'Ja' : '',
      });
      setIndicatorValue(row.getCell('target'), i.target, i.unitOfMeasure);
      setIndicatorValue(row.getCell('outcome'), i.outcome, i.unitOfMeasure);
      setIndicatorValue(row.getCell('forecast'), i.forecast, i.unitOfMeasure);
      rows += 1;
    }
  }
  filter(rows + 1);
}

function deviationsSheet(workbook: ExcelJS.Workbook, content: ReportContent) {
  const { sheet, filter } = tableSheet(workbook, SHEETS.deviations, [
    { header: 'Typ', key: 'kind', width: 11 },
    { header: 'Indikator / åtgärd', key: 'name', width: 34 },
    { header: 'Enhet', key: 'unit', width: 28 },
    { header: 'Måttenhet', key: 'unitOfMeasure', width: 11 },
    { header: 'Mål', key: 'target', width: 11 },
    { header: 'Utfall / prognos', key: 'value', width: 15 },
    { header: 'Avvikelse', key: 'deviation', width: 11 },
    { header: 'Analys', key: 'analysis', width: 60, wrap: true },
    { header: 'Korrigerande åtgärd', key: 'action', width: 50, wrap: true },
    { header: 'Beslutsnivå', key: 'level', width: 26 },
    { header: 'Eskalerad', key: 'escalated', width: 10 },
  ]);
  for (const d of content.deviations) {
    const measure = d.kind === 'measure';
    const row = sheet.addRow({
      kind: f.kindOfRowLabel(d.kind),
      name: text(d.name),
      unit: text(d.unitName),
      unitOfMeasure: measure ? 'mnkr' : text(d.unitOfMeasure),
      analysis: text(d.analysis),
      action: text(d.correctiveAction),
      level: text(d.decisionLevel),
      escalated: d.escalated ? 'Ja' : 'Nej',
    });
    for (const key of ['target', 'value', 'deviation'] as const) {
      const cell = row.getCell(key);
      if (!measure) setIndicatorValue(cell, d[key], d.unitOfMeasure);
      else if (d[key] !== null) {
        cell.value = mnkr(d[key]);
        cell.numFmt = MNKR_FORMAT;
      }
    }
  }
  filter(content.deviations.length + 1);
}

function staleSheet(workbook: ExcelJS.Workbook, content: ReportContent) {
  const { sheet, filter } = tableSheet(workbook, SHEETS.stale, [
    { header: 'Typ', key: 'kind', width: 11 },
    { header: 'Uppgift', key: 'name', width: 40 },
    { header: 'Enhet', key: 'unit', width: 32 },
    { header: 'Senast rapporterad', key: 'asOf', width: 20 },
    { header: 'Månad', key: 'month', width: 10 },
  ]);
  for (const s of content.stale)
    sheet.addRow({
      kind: f.kindOfRowLabel(s.kind),
      name: text(s.name),
      unit: text(s.unitName),
      asOf: s.asOf === null ? 'aldrig rapporterad' : f.month(s.asOf),
      month: s.asOf ?? '',
    });
  filter(content.stale.length + 1);
}

/** One sheet per flag section the content carries: the same columns as the PDF, one row per record. */
function flagSheets(workbook: ExcelJS.Workbook, content: ReportContent) {
  for (const id of f.FLAG_SECTION_IDS) {
    if (content[id] === undefined) continue;
    const t = f.flagTable(content, id);
    const { sheet, filter } = tableSheet(
      workbook,
      SHEETS[id],
      t.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: Math.max(12, c.width * 1.6), wrap: true })),
    );
    for (const row of t.rows) sheet.addRow(Object.fromEntries(row.map((cell, i) => [`c${i}`, text(cell)])));
    filter(t.rows.length + 1);
  }
}

/** One sheet per table of the risk and internal-control sections the content carries. */
function icSheets(workbook: ExcelJS.Workbook, content: ReportContent) {
  for (const id of f.IC_SECTION_IDS) {
    if (content[id] === undefined) continue;
    const { none, tables } = f.icTables(content, id);
    if (none !== null) {
      const { sheet } = tableSheet(workbook, SHEETS[NONE_SHEET[id]], [
        { header: 'Anmärkning', key: 'c0', width: 80, wrap: true },
      ]);
      sheet.addRow({ c0: text(none) });
      continue;
    }
    for (const t of tables) {
      const { sheet, filter } = tableSheet(
        workbook,
        SHEETS[t.sheet],
        t.columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: Math.max(12, c.width * 1.6), wrap: true })),
      );
      // Counts and risk values as numbers, so the board's own sums and filters work.
      for (const row of t.rows)
        sheet.addRow(
          Object.fromEntries(row.map((cell, i) => [`c${i}`, /^\d+$/.test(cell) ? Number(cell) : text(cell)])),
        );
      filter(t.rows.length + 1);
    }
  }
}

export async function renderXlsx(content: ReportContent, onProgress?: Progress): Promise<Buffer> {
  const progress = f.progressSteps(onProgress, 6);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Röd tråd';
  workbook.title = content.title;
  workbook.subject = `${f.kindLabel(content.kind)} ${f.month(content.period)}`;
  workbook.company = content.unitName;
  await progress.step('Skriver rapporttexten');
  reportSheet(workbook, content);
  // An internkontrollrapport carries none of the month's figures (issue 14).
  const month = !isInternalControlReport(content.kind);
  await progress.step('Skriver åtgärdsplanen');
  if (month) actionPlanSheet(workbook, content);
  await progress.step('Skriver styrkortet');
  if (month) scorecardSheet(workbook, content);
  await progress.step('Skriver avvikelserna');
  if (month) deviationsSheet(workbook, content);
  await progress.step('Skriver inaktuella uppgifter');
  if (month) staleSheet(workbook, content);
  flagSheets(workbook, content);
  icSheets(workbook, content);
  await progress.step('Sparar Excel-filen');
  const buffer = await writeXlsx(workbook);
  progress.finish();
  return buffer;
}
