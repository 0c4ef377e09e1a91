/**
 * The report's charts as data: what each chart shows, its title, axis labels and the text a
 * screen reader gets instead of the picture. The PDF draws them as vector paths; the Word
 * document shows the same figures as a table (no library here renders a chart to an image
 * without a new dependency), so both say the same thing.
 */
import type { ReportContent, TrafficLight } from '../../../domain/reports/content';
import * as f from './format';
import type { TableModel } from './tables';

/** Grouped horizontal bars: one group per category, one bar per series. */
export interface BarChart {
  kind: 'bars';
  title: string;
  /** The value axis' label, with its unit. */
  axisLabel: string;
  /** The category axis' label. */
  categoryLabel: string;
  series: { label: string; tone: 'target' | 'forecast' }[];
  categories: { label: string; values: (number | null)[]; texts: string[] }[];
  alt: string;
}

/**
 * One row per indicator on its own scale: the outcome as a bar, the target as a line across it
 * and the forecast as a mark, so indicators in different units read side by side.
 */
export interface TargetChart {
  kind: 'targets';
  title: string;
  axisLabel: string;
  categoryLabel: string;
  rows: {
    label: string;
    status: TrafficLight;
    outcome: number;
    target: number;
    forecast: number | null;
    outcomeText: string;
    targetText: string;
    forecastText: string;
  }[];
  alt: string;
}

export type Chart = BarChart | TargetChart;

/** The most indicators a chart shows; a board reads the worst first. */
export const MAX_CHART_INDICATORS = 12;
const STATUS_RANK: Record<TrafficLight, number> = { red: 0, yellow: 1, green: 2, grey: 3 };
const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** A decimal string as a float, only to place it on a drawing; the text shows the exact figure. */
const position = (value: string | null): number | null =>
  value !== null && DECIMAL.test(value.trim()) ? Number(value) : null;

/** Target and forecast per unit of the action plan, in mnkr. */
export function actionPlanChart(plan: NonNullable<ReportContent['actionPlan']>): BarChart | null {
  const units = f.actionPlanLines(plan).filter((line) => line.unitRow);
  if (units.length === 0) return null;
  const categories = units.map(({ row }) => ({
    label: row.unitName,
    values: [f.mnkrNumber(row.targetKr), row.forecastKr === null ? null : f.mnkrNumber(row.forecastKr)],
    texts: [f.amountFigure(row.targetKr), f.amountFigure(row.forecastKr)],
  }));
  return {
    kind: 'bars',
    title: `Mål och prognos per enhet, ${plan.planTitle} ${plan.year}`,
    axisLabel: 'Belopp, mnkr',
    categoryLabel: 'Enhet',
    series: [
      { label: 'Mål', tone: 'target' },
      { label: 'Prognos', tone: 'forecast' },
    ],
    categories,
    alt: `Stapeldiagram: ${categories
      .map((c) => `${c.label} mål ${c.texts[0]} mnkr, prognos ${c.texts[1]} mnkr`)
      .join('; ')}.`,
  };
}

/** The scorecard's indicators that have an outcome and a target, worst status first. */
export function indicatorChart(scorecard: ReportContent['scorecard']): TargetChart | null {
  const rows = scorecard.goals
    .flatMap((goal) => goal.indicators)
    .flatMap((i) => {
      const outcome = position(i.outcome);
      const target = position(i.target);
      if (outcome === null || target === null) return [];
      return [
        {
          label: i.name,
          status: i.status,
          outcome,
          target,
          forecast: position(i.forecast),
          outcomeText: f.indicatorValue(i.outcome, i.unitOfMeasure),
          targetText: f.indicatorValue(i.target, i.unitOfMeasure),
          forecastText: f.indicatorValue(i.forecast, i.unitOfMeasure),
        },
      ];
    })
    .map((row, index) => ({ row, index }))
    .sort((a, b) => STATUS_RANK[a.row.status] - STATUS_RANK[b.row.status] || a.index - b.index)
    .slice(0, MAX_CHART_INDICATORS)
    .map(({ row }) => row);
  if (rows.length === 0) return null;
  return {
    kind: 'targets',
    title: 'Nyckeltal: utfall mot mål',
    axisLabel: 'Utfall i förhållande till mål (varje indikator i sin egen skala)',
    categoryLabel: 'Indikator',
    rows,
    alt: `Diagram över utfall mot mål: ${rows
      .map((r) => `${r.label} utfall ${r.outcomeText}, mål ${r.targetText}, status ${f.statusLabel(r.status)}`)
      .join('; ')}.`,
  };
}

/** The charts of a report, in the order the sections show them. */
export function reportCharts(content: ReportContent): { actionPlan: BarChart | null; scorecard: TargetChart | null } {
  return {
    actionPlan: content.actionPlan ? actionPlanChart(content.actionPlan) : null,
    scorecard: indicatorChart(content.scorecard),
  };
}

/** A chart's figures as a table: what Word shows in the chart's place. */
export function chartTable(chart: Chart): TableModel {
  if (chart.kind === 'bars')
    return {
      caption: chart.title,
      columns: [
        { header: chart.categoryLabel, width: 50 },
        ...chart.series.map((s) => ({ header: `${s.label}, mnkr`, width: 25, align: 'right' as const })),
      ],
      rows: chart.categories.map((c) => ({
        level: 'plain',
        cells: [{ parts: [{ text: c.label }] }, ...c.texts.map((text) => ({ parts: [{ text }] }))],
      })),
    };
  return {
    caption: chart.title,
    columns: [
      { header: chart.categoryLabel, width: 40 },
      { header: 'Utfall', width: 15, align: 'right' },
      { header: 'Mål', width: 15, align: 'right' },
      { header: 'Prognos', width: 15, align: 'right' },
      { header: 'Status', width: 15 },
    ],
    rows: chart.rows.map((r) => ({
      level: 'plain',
      cells: [
        { parts: [{ text: r.label }] },
        { parts: [{ text: r.outcomeText }] },
        { parts: [{ text: r.targetText }] },
        { parts: [{ text: r.forecastText }] },
        { parts: [{ text: f.statusLabel(r.status) }], status: r.status },
      ],
    })),
  };
}
