/**
 * The report's tables as one model that the PDF and the Word document both draw: columns, and
 * rows that carry their level (a unit's row that groups the measures under it, an item, a sum)
 * instead of colours and fonts. A section is added by building its columns and rows here; each
 * renderer only knows how to draw a level. The spreadsheet keeps its own columns (exact numbers,
 * one fact per column) but takes the action plan's rows in the same grouped order.
 */
import type { ReportContent, TrafficLight } from '../../../domain/reports/content';
import * as f from './format';

export interface TablePart {
  text: string;
  bold?: boolean;
  muted?: boolean;
  /** A shortfall: drawn in the negative colour. */
  negative?: boolean;
}

export interface TableCell {
  parts: TablePart[];
  /** A traffic light drawn before the text (its label is in the text too). */
  status?: TrafficLight;
}

export interface TableColumn {
  header: string;
  /** Relative width; the renderer scales the columns to the table's width. */
  width: number;
  align?: 'left' | 'right';
}

/**
 * 'group' heads the rows under it (a unit above its measures), 'item' is indented under its
 * group, 'total' sums the table, 'plain' is an ordinary row.
 */
export type RowLevel = 'group' | 'item' | 'total' | 'plain';

export interface TableRow {
  level: RowLevel;
  cells: TableCell[];
}

export interface TableModel {
  /** What the table shows, for a screen reader and the page a long table continues on. */
  caption: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** The share of the text width the table takes; all of it by default. */
  widthShare?: number;
}

const cell = (text: string, part: Omit<TablePart, 'text'> = {}): TableCell => ({ parts: [{ text, ...part }] });
const negative = (value: string | null) => f.isNegative(value);

/** The action plan's key figures: target, planned, forecast, outcome and the deviation. */
export function actionPlanFiguresTable(plan: NonNullable<ReportContent['actionPlan']>): TableModel {
  return {
    caption: `Nyckeltal för ${plan.planTitle} ${plan.year}`,
    widthShare: 0.6,
    columns: [
      { header: 'Nyckeltal', width: 62 },
      { header: 'Belopp', width: 38, align: 'right' },
    ],
    rows: f.actionPlanFigures(plan.totals).map((figure) => ({
      level: figure.deviation ? 'total' : figure.label.startsWith('varav') ? 'item' : 'plain',
      cells: [
        cell(figure.label),
        figure.deviation
          ? cell(f.amountDeviation(figure.kronor), { negative: negative(figure.kronor) })
          : cell(f.amount(figure.kronor)),
      ],
    })),
  };
}

/** Each unit's row followed by its own measures, and the plan's sum. */
export function actionPlanTable(plan: NonNullable<ReportContent['actionPlan']>): TableModel {
  const rows: TableRow[] = f.actionPlanLines(plan).map(({ row: r, unitRow, label }) => ({
    level: unitRow ? 'group' : 'item',
    cells: [
      cell(unitRow || !r.stale ? label : `${label} ${f.STALE_MARK}`, { muted: r.stale }),
      cell(f.amountFigure(r.targetKr)),
      cell(f.amountFigure(r.forecastKr), { muted: r.stale }),
      cell(f.amountDeviationFigure(r.deviationKr), { negative: negative(r.deviationKr) }),
      cell(r.comment, { bold: false }),
    ],
  }));
  rows.push({
    level: 'total',
    cells: [
      cell(`Summa ${plan.planTitle} ${plan.year}`),
      cell(f.amountFigure(plan.totals.targetKr)),
      cell(f.amountFigure(plan.totals.forecastKr)),
      cell(f.amountDeviationFigure(plan.totals.deviationKr), { negative: negative(plan.totals.deviationKr) }),
      cell(''),
    ],
  });
  return {
    caption: `Åtgärdsplan ${plan.planTitle} ${plan.year} per enhet och åtgärd`,
    columns: [
      { header: 'Enhet / åtgärd', width: 29 },
      { header: 'Mål, mnkr', width: 11, align: 'right' },
      { header: 'Prognos, mnkr', width: 12, align: 'right' },
      { header: 'Avvikelse, mnkr', width: 12, align: 'right' },
      { header: 'Kommentar', width: 36 },
    ],
    rows,
  };
}

type Goal = ReportContent['scorecard']['goals'][number];

/** A goal's indicators with target, outcome, forecast and status. */
export function goalTable(goal: Goal): TableModel {
  return {
    caption: goal.title,
    columns: [
      { header: 'Indikator', width: 40 },
      { header: 'Mål', width: 14, align: 'right' },
      { header: 'Utfall', width: 14, align: 'right' },
      { header: 'Prognos', width: 14, align: 'right' },
      { header: 'Status', width: 18 },
    ],
    rows: goal.indicators.map((i) => ({
      level: 'plain',
      cells: [
        cell(`${i.name}${i.stale ? ` ${f.STALE_MARK}` : ''}`, { muted: i.stale }),
        cell(f.indicatorValue(i.target, i.unitOfMeasure)),
        cell(f.indicatorValue(i.outcome, i.unitOfMeasure), { muted: i.stale }),
        cell(f.indicatorValue(i.forecast, i.unitOfMeasure)),
        { ...cell(f.statusLabel(i.status)), status: i.status },
      ],
    })),
  };
}

/** Deviations with their analysis, corrective action and decision level. */
export function deviationsTable(deviations: ReportContent['deviations']): TableModel {
  return {
    caption: 'Avvikelser',
    columns: [
      { header: 'Indikator / åtgärd', width: 24 },
      { header: 'Mål', width: 11, align: 'right' },
      { header: 'Utfall / prognos', width: 11, align: 'right' },
      { header: 'Avvikelse', width: 17, align: 'right' },
      { header: 'Analys och korrigerande åtgärd', width: 37 },
    ],
    rows: deviations.map((d) => ({
      level: 'plain',
      cells: [
        {
          parts: [
            { text: d.name, bold: true },
            { text: `${f.kindOfRowLabel(d.kind)}, ${d.unitName}`, muted: true },
          ],
        },
        cell(f.deviationRowValue(d, d.target)),
        cell(f.deviationRowValue(d, d.value)),
        // a measure's shortfall is always bad; whether an indicator's is depends on the indicator
        cell(f.deviationRowValue(d, d.deviation, true), { negative: d.kind === 'measure' && negative(d.deviation) }),
        {
          parts: [
            { text: d.analysis || f.NOT_WRITTEN, muted: !d.analysis },
            { text: `Åtgärd: ${d.correctiveAction ?? 'ingen beslutad'}` },
            ...(d.decisionLevel
              ? [{ text: `Beslutsnivå: ${d.decisionLevel}${d.escalated ? ' (eskalerad)' : ''}`, muted: true }]
              : []),
          ],
        },
      ],
    })),
  };
}

/** Figures not reported for the period. */
export function staleTable(stale: ReportContent['stale']): TableModel {
  return {
    caption: 'Inaktuella uppgifter',
    columns: [
      { header: 'Uppgift', width: 30 },
      { header: 'Typ', width: 11 },
      { header: 'Enhet', width: 27 },
      { header: 'Rapportering', width: 32 },
    ],
    rows: stale.map((s) => ({
      level: 'plain',
      cells: [cell(s.name), cell(f.kindOfRowLabel(s.kind)), cell(s.unitName), cell(f.staleText(s.asOf))],
    })),
  };
}

/** A flag section (plans without a decision, drifted goals, above competence) as a plain table. */
export function flagSectionTable(t: f.FlagTable): TableModel {
  return {
    caption: t.title,
    columns: t.columns.map((c) => ({ header: c.header, width: c.width })),
    rows: t.rows.map((cells) => ({ level: 'plain', cells: cells.map((text) => cell(text)) })),
  };
}
