/**
 * The board report as a printable A4 PDF: a title page with the table of contents, the SBAR
 * text, the proposed decision and the generated sections, with "Sida N av M" on every page.
 * Pages are kept in memory until the end, so the contents can give each section's page and
 * the footers the page count.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Progress, ReportContent, TrafficLight } from '../../../domain/reports/content';
import { actionPlanChart, type BarChart, type Chart, indicatorChart, type TargetChart } from './charts';
import * as f from './format';
import { hyphenateLongWords } from './hyphenate';
import {
  actionPlanFiguresTable,
  actionPlanTable,
  deviationsTable,
  flagSectionTable,
  goalTable,
  type RowLevel,
  staleTable,
  type TableCell,
  type TableColumn,
  type TableModel,
  type TablePart,
  type TableRow,
} from './tables';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const DEJAVU = { regular: `${FONT_DIR}/DejaVuSans.ttf`, bold: `${FONT_DIR}/DejaVuSans-Bold.ttf` };
const STANDARD = { regular: 'Helvetica', bold: 'Helvetica-Bold' };

export interface PdfOptions {
  /**
   * 'standard' uses the PDF standard fonts (Helvetica) even where DejaVu Sans is installed;
   * by default DejaVu Sans is embedded when its files exist.
   */
  fonts?: 'dejavu' | 'standard';
}

const A4: [number, number] = [595.28, 841.89];
const MARGINS = { top: 72, bottom: 72, left: 62, right: 62 };

const COLOR = {
  text: '#1d1d1b',
  muted: '#5f5b57',
  accent: '#9b1c1c',
  rule: '#b9b3ad',
  grid: '#d9d4cf',
  headerFill: '#ebe6e1',
  unitFill: '#f6f3f0',
  totalFill: '#e2dcd6',
  negative: '#b3261e',
};
const STATUS_COLOR: Record<TrafficLight, string> = {
  green: '#2e7d32',
  yellow: '#e0a800',
  red: '#c62828',
  grey: '#9e9e9e',
};

const SIZE = { body: 10, table: 8.5, small: 8, h1: 16, h2: 12, title: 22 };
const CELL_PAD = { x: 4, y: 3.5 };

// Characters the standard fonts' WinAnsi encoding has beyond Latin-1.
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const NOT_WIN_ANSI = new RegExp(`[^\\n\\x20-\\x7e\\xa0-\\xff${WIN_ANSI_EXTRA}]`, 'gu');

/** Text the standard fonts can show: Swedish minus and thin spaces become their nearest WinAnsi kin. */
export function toWinAnsi(text: string): string {
  return text
    .replace(/[\u2212\u2010\u2011]/g, '-')
    .replace(/[\u2007\u2009\u202f]/g, '\u00a0')
    .replace(/\u2265/g, '>=')
    .replace(/\u2264/g, '<=')
    .replace(NOT_WIN_ANSI, '?');
}

type Doc = PDFKit.PDFDocument;
type Element = PDFKit.PDFStructureElement;
/** Structure element options pdfkit takes beyond its typings: a header cell's scope. */
type ElementOptions = PDFKit.Mixins.StructureElementOptions & { scope?: 'Column' | 'Row' | 'Both' };

const LEVEL_STYLE: Record<RowLevel, { bold: boolean; fill?: string; indent: number }> = {
  group: { bold: true, fill: COLOR.unitFill, indent: 0 },
  item: { bold: false, indent: 10 },
  total: { bold: true, fill: COLOR.totalFill, indent: 0 },
  plain: { bold: false, indent: 0 },
};

/**
 * Writes the document and its structure tree together: every piece of text is content of a
 * structure element (headings, paragraphs, table cells, figures) added in reading order, and
 * every line, fill and page furniture is marked as an artifact, so a screen reader reads the
 * report in order and skips the decoration.
 */
class Writer {
  private readonly parents: Element[];

  constructor(
    readonly doc: Doc,
    readonly fonts: { regular: string; bold: string },
    readonly clean: (text: string) => string,
    readonly pause: () => Promise<void>,
    root: Element,
  ) {
    this.parents = [root];
  }

  get left() {
    return this.doc.page.margins.left;
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  get top() {
    return this.doc.page.margins.top;
  }
  /** The number of the page being written, from 1. */
  get pageNumber() {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count;
  }

  private get parent(): Element {
    return this.parents[this.parents.length - 1] as Element;
  }

  font(bold: boolean, size: number) {
    return this.doc.font(bold ? this.fonts.bold : this.fonts.regular).fontSize(size);
  }

  /** A structure element holding `draw`'s text, added to the current parent. */
  tag(type: string, draw: () => void, options: ElementOptions = {}) {
    const element = this.doc.struct(type, options);
    this.parent.add(element);
    element.add(draw);
    element.end();
  }

  /** A structure element whose children `build` adds. */
  group(type: string, build: () => void, options: ElementOptions = {}) {
    const element = this.open(type, options);
    try {
      build();
    } finally {
      this.close(element);
    }
  }

  /** As {@link group}, for a build that gives the event loop turns. */
  async groupAsync(type: string, build: () => Promise<void>, options: ElementOptions = {}) {
    const element = this.open(type, options);
    try {
      await build();
    } finally {
      this.close(element);
    }
  }

  private open(type: string, options: ElementOptions) {
    const element = this.doc.struct(type, options);
    this.parent.add(element);
    this.parents.push(element);
    return element;
  }

  private close(element: Element) {
    this.parents.pop();
    element.end();
  }

  /** An element placed in the reading order now and filled later (the contents); the caller ends it. */
  reserve(type: string): Element {
    const element = this.doc.struct(type);
    this.parent.add(element);
    return element;
  }

  /** Drawing that is not content: rules, fills, dots beside a label that says the same. */
  artifact(draw: () => void, type?: 'Pagination' | 'Layout') {
    this.doc.markContent('Artifact', type ? { type } : undefined);
    draw();
    this.doc.endMarkedContent();
  }

  /** Starts a new page unless `height` still fits on this one. */
  keep(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(title: string, destination: string) {
    if (this.doc.y > this.top + 1) this.doc.y += 10;
    this.keep(150);
    const page = this.pageNumber;
    this.font(true, SIZE.h1).fillColor(COLOR.accent);
    this.tag('H2', () => {
      this.doc.text(this.clean(title), this.left, this.doc.y, { width: this.width, destination });
    });
    this.doc.outline.addItem(this.clean(title));
    const y = this.doc.y + 2;
    this.artifact(() =>
      this.doc
        .moveTo(this.left, y)
        .lineTo(this.left + this.width, y)
        .lineWidth(0.6)
        .strokeColor(COLOR.rule)
        .stroke(),
    );
    this.doc.y = y + 8;
    return page;
  }

  subheading(title: string, note: { text: string; dot?: TrafficLight } | null) {
    this.doc.y += 8;
    this.keep(95);
    this.font(true, SIZE.h2).fillColor(COLOR.text);
    this.tag('H3', () => this.doc.text(this.clean(title), this.left, this.doc.y, { width: this.width }));
    if (note) {
      const y = this.doc.y + 1;
      let x = this.left;
      const dot = note.dot;
      if (dot) {
        this.artifact(() =>
          this.doc
            .circle(x + 3.5, y + 4.5, 3.5)
            .fillColor(STATUS_COLOR[dot])
            .fill(),
        );
        x += 11;
      }
      this.font(false, SIZE.small).fillColor(COLOR.muted);
      this.tag('P', () => this.doc.text(this.clean(note.text), x, y, { width: this.width - (x - this.left) }));
    }
    this.doc.y += 4;
  }

  paragraphs(text: string, options: { size?: number; muted?: boolean } = {}) {
    const list = f.paragraphs(text);
    this.font(false, options.size ?? SIZE.body).fillColor(
      options.muted || list.length === 0 ? COLOR.muted : COLOR.text,
    );
    for (const p of list.length > 0 ? list : [f.NOT_WRITTEN]) {
      this.tag('P', () =>
        this.doc.text(this.clean(p.replace(/\t/g, ' ')), this.left, this.doc.y, {
          width: this.width,
          lineGap: 2,
          paragraphGap: 6,
        }),
      );
    }
  }

  note(text: string) {
    this.doc.y += 2;
    this.font(false, SIZE.small).fillColor(COLOR.muted);
    this.tag('P', () => this.doc.text(this.clean(text), this.left, this.doc.y, { width: this.width, lineGap: 1 }));
  }

  /** Status counts as coloured dots on one line: "● Grön 3  ● Gul 3 …". */
  statusCounts(counts: Record<TrafficLight, number>) {
    this.keep(24);
    const y = this.doc.y;
    let x = this.left;
    this.font(false, SIZE.body).fillColor(COLOR.text);
    const labels = f.STATUS_ORDER.map((status) => {
      const label = this.clean(`${f.statusLabel(status)} ${counts[status]}`);
      const at = x;
      x += 13 + this.doc.widthOfString(label) + 18;
      return { status, label, at };
    });
    this.artifact(() => {
      for (const { status, at } of labels)
        this.doc
          .circle(at + 4.5, y + 6, 4.5)
          .fillColor(STATUS_COLOR[status])
          .fill();
    });
    this.doc.fillColor(COLOR.text);
    this.tag('P', () => {
      for (const { label, at } of labels) this.doc.text(label, at + 13, y, { lineBreak: false });
    });
    this.doc.y = y + 20;
  }

  /** The cell's text with soft hyphens in each word wider than `width`. */
  private cellText(part: TablePart, width: number, bold: boolean): string {
    this.font(part.bold ?? bold, SIZE.table);
    return hyphenateLongWords(this.clean(part.text), (word) => this.doc.widthOfString(word) <= width);
  }

  private textWidth(cell: TableCell, width: number, indent: number) {
    return width - 2 * CELL_PAD.x - indent - (cell.status ? 11 : 0);
  }

  private cellHeight(cell: TableCell, width: number, bold: boolean) {
    let height = 0;
    cell.parts.forEach((part, i) => {
      const text = this.cellText(part, width, bold) || ' ';
      this.font(part.bold ?? bold, SIZE.table);
      height += this.doc.heightOfString(text, { width, lineGap: 1 }) + (i > 0 ? 1.5 : 0);
    });
    return height;
  }

  private drawCell(
    cell: TableCell,
    x: number,
    y: number,
    width: number,
    height: number,
    bold: boolean,
    indent: number,
    column: TableColumn,
  ) {
    let textX = x + CELL_PAD.x + indent;
    const textWidth = this.textWidth(cell, width, indent);
    let top = y + CELL_PAD.y;
    const bottom = y + height - CELL_PAD.y;
    if (cell.status) textX += 11;
    cell.parts.forEach((part, i) => {
      if (i > 0) top += 1.5;
      const room = bottom - top;
      if (room < 6) return;
      const text = this.cellText(part, textWidth, bold);
      if (text === '') return;
      this.font(part.bold ?? bold, SIZE.table).fillColor(
        part.negative ? COLOR.negative : part.muted ? COLOR.muted : COLOR.text,
      );
      this.doc.text(text, textX, top, {
        width: textWidth,
        height: room,
        ellipsis: true,
        lineGap: 1,
        align: column.align ?? 'left',
      });
      top = this.doc.y;
    });
  }

  /**
   * A table whose cells wrap their text at word boundaries (a word wider than its cell breaks
   * at a syllable with a hyphen); rows never split, and a row that does not fit moves to the
   * next page, where the header row is repeated (as an artifact: a reader hears it once).
   */
  async table(model: TableModel, options: { continued?: string } = {}) {
    const doc = this.doc;
    const { columns } = model;
    const total = this.width * (model.widthShare ?? 1);
    const sum = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / sum) * total);
    const header: TableCell[] = columns.map((c) => ({ parts: [{ text: c.header, bold: true }] }));
    const headerRow: TableRow = { level: 'plain', cells: header };
    const rowHeight = (row: TableRow, bold: boolean) =>
      Math.max(
        ...row.cells.map(
          (cell, i) =>
            this.cellHeight(
              cell,
              this.textWidth(cell, widths[i] ?? 0, i === 0 ? LEVEL_STYLE[row.level].indent : 0),
              bold,
            ) +
            2 * CELL_PAD.y,
        ),
      );
    const headerHeight = rowHeight(headerRow, true);
    const maxRow = this.bottom - this.top - headerHeight - 30;

    const drawRow = (row: TableRow, height: number, options: { header?: boolean; repeated?: boolean } = {}) => {
      const y = doc.y;
      const style = options.header ? { bold: true, fill: COLOR.headerFill, indent: 0 } : LEVEL_STYLE[row.level];
      const fill = style.fill;
      this.artifact(() => {
        if (fill) doc.rect(this.left, y, total, height).fillColor(fill).fill();
        let x = this.left;
        row.cells.forEach((cell, i) => {
          const status = cell.status;
          const indent = i === 0 ? style.indent : 0;
          if (status)
            doc
              .circle(x + CELL_PAD.x + indent + 3.5, y + CELL_PAD.y + 5, 3.5)
              .fillColor(STATUS_COLOR[status])
              .fill();
          x += widths[i] ?? 0;
        });
      });
      const cells = () => {
        let x = this.left;
        row.cells.forEach((cell, i) => {
          const column = columns[i] as TableColumn;
          const w = widths[i] ?? 0;
          const draw = () => this.drawCell(cell, x, y, w, height, style.bold, i === 0 ? style.indent : 0, column);
          if (options.repeated) draw();
          else if (options.header) this.tag('TH', draw, { scope: 'Column' });
          else this.tag('TD', draw);
          x += w;
        });
      };
      if (options.repeated) this.artifact(cells, 'Pagination');
      else this.group('TR', cells);
      this.artifact(() =>
        doc
          .moveTo(this.left, y + height)
          .lineTo(this.left + total, y + height)
          .lineWidth(0.4)
          .strokeColor(COLOR.grid)
          .stroke(),
      );
      doc.y = y + height;
    };
    const drawHeader = (repeated: boolean) => {
      const y = doc.y;
      drawRow(headerRow, headerHeight, { header: true, repeated });
      this.artifact(() =>
        doc
          .moveTo(this.left, y)
          .lineTo(this.left + total, y)
          .lineWidth(0.6)
          .strokeColor(COLOR.rule)
          .stroke(),
      );
    };

    const first = model.rows[0];
    const firstHeight = first ? Math.min(rowHeight(first, LEVEL_STYLE[first.level].bold), maxRow) : 0;
    this.keep(headerHeight + firstHeight + 4);
    await this.groupAsync(
      'Table',
      async () => {
        this.group('THead', () => drawHeader(false));
        await this.groupAsync('TBody', async () => {
          let count = 0;
          for (const row of model.rows) {
            const height = Math.min(rowHeight(row, LEVEL_STYLE[row.level].bold), maxRow);
            if (doc.y + height > this.bottom) {
              doc.addPage();
              if (options.continued) {
                const continued = options.continued;
                this.font(false, SIZE.small).fillColor(COLOR.muted);
                this.artifact(
                  () => doc.text(this.clean(`${continued} (forts.)`), this.left, doc.y, { width: total }),
                  'Pagination',
                );
                doc.y += 3;
              }
              drawHeader(true);
            }
            drawRow(row, height);
            count += 1;
            if (count % 250 === 0) await this.pause();
          }
        });
      },
      { title: this.clean(model.caption) },
    );
    doc.x = this.left;
    doc.y += 6;
  }

  /** A chart as a figure: its title, the drawing (described by its alternative text) and a note. */
  chart(chart: Chart) {
    const height = chart.kind === 'bars' ? 40 + chart.categories.length * 30 : 40 + chart.rows.length * 22;
    this.doc.y += 6;
    this.keep(height + 40);
    this.font(true, SIZE.body).fillColor(COLOR.text);
    this.tag('Caption', () => this.doc.text(this.clean(chart.title), this.left, this.doc.y, { width: this.width }));
    this.doc.y += 4;
    const top = this.doc.y;
    this.tag(
      'Figure',
      () => {
        if (chart.kind === 'bars') this.barChart(chart, top);
        else this.targetChart(chart, top);
      },
      { alt: this.clean(chart.alt) },
    );
    this.doc.x = this.left;
    this.doc.y = top + height + 6;
  }

  private axisText(text: string, x: number, y: number, width: number, align: 'left' | 'right' | 'center' = 'left') {
    this.font(false, SIZE.small).fillColor(COLOR.muted);
    this.doc.text(this.clean(text), x, y, { width, align, lineBreak: false, height: 10, ellipsis: true });
  }

  /** Horizontal grouped bars on one value axis from zero. */
  private barChart(chart: BarChart, top: number) {
    const doc = this.doc;
    const labelWidth = this.width * 0.3;
    const plotLeft = this.left + labelWidth + 6;
    const plotWidth = this.width - labelWidth - 60;
    const values = chart.categories.flatMap((c) => c.values).filter((v): v is number => v !== null);
    const max = Math.max(0, ...values);
    const min = Math.min(0, ...values);
    const span = max - min || 1;
    const at = (value: number) => plotLeft + ((value - min) / span) * plotWidth;
    // legend
    let legendX = plotLeft;
    chart.series.forEach((series) => {
      doc
        .rect(legendX, top + 2, 8, 8)
        .fillColor(SERIES_COLOR[series.tone])
        .fill();
      this.axisText(series.label, legendX + 11, top + 1, 80);
      legendX += 16 + doc.widthOfString(this.clean(series.label)) + 14;
    });
    const plotTop = top + 18;
    chart.categories.forEach((category, index) => {
      const y = plotTop + index * 30;
      this.font(false, SIZE.small).fillColor(COLOR.text);
      doc.text(this.clean(category.label), this.left, y + 4, { width: labelWidth, height: 20, ellipsis: true });
      category.values.forEach((value, s) => {
        if (value === null) return;
        const barY = y + 2 + s * 12;
        const x0 = at(Math.min(0, value));
        const x1 = at(Math.max(0, value));
        doc
          .rect(x0, barY, Math.max(x1 - x0, 0.5), 10)
          .fillColor(SERIES_COLOR[chart.series[s]?.tone ?? 'target'])
          .fill();
        this.axisText(category.texts[s] ?? '', x1 + 3, barY + 1, 56);
      });
    });
    const axisY = plotTop + chart.categories.length * 30;
    doc
      .moveTo(at(0), plotTop - 2)
      .lineTo(at(0), axisY)
      .lineWidth(0.6)
      .strokeColor(COLOR.muted)
      .stroke();
    doc
      .moveTo(plotLeft, axisY)
      .lineTo(plotLeft + plotWidth, axisY)
      .lineWidth(0.4)
      .strokeColor(COLOR.rule)
      .stroke();
    this.axisText(f.amountFigure(String(Math.round(min * 1e6))), plotLeft - 20, axisY + 2, 40, 'center');
    this.axisText(f.amountFigure(String(Math.round(max * 1e6))), plotLeft + plotWidth - 20, axisY + 2, 40, 'center');
    this.axisText(chart.axisLabel, plotLeft, axisY + 12, plotWidth, 'center');
    this.axisText(chart.categoryLabel, this.left, plotTop - 16, labelWidth);
  }

  /** One row per indicator: outcome bar, target line, forecast mark, each on its own scale. */
  private targetChart(chart: TargetChart, top: number) {
    const doc = this.doc;
    const labelWidth = this.width * 0.34;
    const plotLeft = this.left + labelWidth + 6;
    const plotWidth = this.width - labelWidth - 130;
    const textLeft = plotLeft + plotWidth + 6;
    this.axisText(chart.categoryLabel, this.left, top, labelWidth);
    this.axisText('Utfall / mål', textLeft, top, 120);
    // legend
    doc
      .rect(plotLeft, top + 2, 8, 8)
      .fillColor(SERIES_COLOR.forecast)
      .fill();
    this.axisText('Utfall', plotLeft + 11, top + 1, 40);
    doc
      .moveTo(plotLeft + 52, top)
      .lineTo(plotLeft + 52, top + 10)
      .lineWidth(1.6)
      .strokeColor(COLOR.text)
      .stroke();
    this.axisText('Mål', plotLeft + 56, top + 1, 30);
    doc
      .circle(plotLeft + 88, top + 6, 2.5)
      .fillColor(COLOR.muted)
      .fill();
    this.axisText('Prognos', plotLeft + 93, top + 1, 50);
    const plotTop = top + 18;
    chart.rows.forEach((row, index) => {
      const y = plotTop + index * 22;
      const max = Math.max(row.outcome, row.target, row.forecast ?? 0, 0) * 1.15 || 1;
      const at = (value: number) => plotLeft + (Math.max(0, value) / max) * plotWidth;
      this.font(false, SIZE.small).fillColor(COLOR.text);
      doc.text(this.clean(row.label), this.left, y + 3, { width: labelWidth, height: 18, ellipsis: true });
      doc
        .rect(plotLeft, y + 4, plotWidth, 10)
        .fillColor(COLOR.unitFill)
        .fill();
      doc
        .rect(plotLeft, y + 6, Math.max(at(row.outcome) - plotLeft, 0.5), 6)
        .fillColor(STATUS_COLOR[row.status])
        .fill();
      doc
        .moveTo(at(row.target), y + 2)
        .lineTo(at(row.target), y + 16)
        .lineWidth(1.6)
        .strokeColor(COLOR.text)
        .stroke();
      if (row.forecast !== null)
        doc
          .circle(at(row.forecast), y + 9, 2.5)
          .fillColor(COLOR.muted)
          .fill();
      this.axisText(`${row.outcomeText} / ${row.targetText}`, textLeft, y + 4, 124);
    });
    const axisY = plotTop + chart.rows.length * 22;
    this.axisText(chart.axisLabel, plotLeft, axisY + 2, plotWidth + 124);
  }
}

const SERIES_COLOR = { target: '#b9b3ad', forecast: '#3b5b7a' } as const;

async function actionPlan(w: Writer, content: ReportContent) {
  const plan = content.actionPlan;
  if (!plan) return w.paragraphs(f.EMPTY.actionPlan, { muted: true });
  w.note(f.actionPlanIntro(plan));
  w.doc.y += 4;
  await w.table(actionPlanFiguresTable(plan));
  const chart = actionPlanChart(plan);
  if (chart) w.chart(chart);
  w.doc.y += 6;
  await w.table(actionPlanTable(plan), { continued: 'Åtgärdsplan' });
  if (plan.rows.some((r) => r.stale)) w.note(f.STALE_LEGEND);
}

async function scorecard(w: Writer, content: ReportContent) {
  const { counts, goals } = content.scorecard;
  w.statusCounts(counts);
  if (goals.length === 0) return w.paragraphs(f.EMPTY.scorecard, { muted: true });
  const chart = indicatorChart(content.scorecard);
  if (chart) w.chart(chart);
  let stale = false;
  for (const goal of goals) {
    await w.groupAsync('Sect', async () => {
      w.subheading(goal.title, {
        text: `Status: ${f.statusLabel(goal.status)} · Perspektiv: ${goal.perspective}`,
        dot: goal.status,
      });
      if (goal.indicators.length === 0) return w.paragraphs(f.EMPTY.goal, { muted: true, size: SIZE.small });
      stale ||= goal.indicators.some((i) => i.stale);
      await w.table(goalTable(goal), { continued: goal.title });
    });
  }
  if (stale) w.note(f.STALE_LEGEND);
}

async function deviations(w: Writer, content: ReportContent) {
  if (content.deviations.length === 0) return w.paragraphs(f.EMPTY.deviations, { muted: true });
  await w.table(deviationsTable(content.deviations), { continued: 'Avvikelser' });
}

async function stale(w: Writer, content: ReportContent) {
  if (content.stale.length === 0) return w.paragraphs(f.EMPTY.stale, { muted: true });
  w.note(f.staleIntro(content));
  w.doc.y += 4;
  await w.table(staleTable(content.stale), { continued: 'Inaktuella uppgifter' });
}

function titleBlock(w: Writer, content: ReportContent) {
  const { doc } = w;
  doc.y = w.top + 20;
  w.font(true, 10).fillColor(COLOR.accent);
  w.tag('P', () =>
    doc.text(w.clean(f.kindLabel(content.kind).toUpperCase()), w.left, doc.y, { characterSpacing: 1.2 }),
  );
  doc.y += 6;
  w.font(true, SIZE.title).fillColor(COLOR.text);
  w.tag('H1', () => doc.text(w.clean(content.title), w.left, doc.y, { width: w.width, lineGap: 2 }));
  doc.y += 14;
  for (const fact of f.reportFacts(content)) {
    const y = doc.y;
    w.tag('P', () => {
      w.font(true, SIZE.body).fillColor(COLOR.muted);
      // the space keeps label and value apart when the text is read or copied
      doc.text(`${w.clean(fact.label)} `, w.left, y, { width: 100 });
      const labelBottom = doc.y;
      w.font(false, SIZE.body).fillColor(COLOR.text);
      doc.text(w.clean(fact.value), w.left + 105, y, { width: w.width - 105 });
      doc.y = Math.max(doc.y, labelBottom);
    });
    doc.y += 4;
  }
  doc.y += 10;
  const ruleY = doc.y;
  w.artifact(() =>
    doc
      .moveTo(w.left, ruleY)
      .lineTo(w.left + w.width, ruleY)
      .lineWidth(1)
      .strokeColor(COLOR.accent)
      .stroke(),
  );
  doc.y += 22;
  w.font(true, SIZE.h1).fillColor(COLOR.accent);
  w.tag('H2', () => doc.text('Innehåll', w.left, doc.y));
  doc.y += 10;
  // The entries are written last, when the pages are known; their place in the reading order is here.
  return { top: doc.y, toc: w.reserve('TOC') };
}

function contents(
  w: Writer,
  at: { top: number; toc: PDFKit.PDFStructureElement },
  pages: { id: string; title: string; page: number }[],
) {
  const { doc } = w;
  doc.switchToPage(0);
  let y = at.top;
  const numberWidth = 30;
  for (const entry of pages) {
    const title = w.clean(entry.title);
    w.font(false, 11).fillColor(COLOR.text);
    const item = doc.struct('TOCI');
    at.toc.add(item);
    item.add(() => {
      doc.text(`${title} `, w.left, y, { goTo: entry.id, lineBreak: false });
      doc.text(String(entry.page), w.left + w.width - numberWidth, y, {
        width: numberWidth,
        align: 'right',
        goTo: entry.id,
      });
    });
    item.end();
    const titleEnd = w.left + doc.widthOfString(title) + 6;
    const numberText = doc.widthOfString(String(entry.page));
    const dotsEnd = w.left + w.width - numberText - 6;
    const lineY = y + 9.5;
    if (dotsEnd > titleEnd)
      w.artifact(() =>
        doc
          .moveTo(titleEnd, lineY)
          .lineTo(dotsEnd, lineY)
          .lineWidth(0.8)
          .dash(0.8, { space: 2.6 })
          .strokeColor(COLOR.rule)
          .stroke()
          .undash(),
      );
    y += 21;
  }
  at.toc.end();
}

function pageFurniture(w: Writer, content: ReportContent) {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const context = w.clean(`${f.kindLabel(content.kind)} · ${content.unitName} · ${f.month(content.period)}`);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const page = doc.page;
    const bottomMargin = page.margins.bottom;
    page.margins.bottom = 0; // writing in the margin must not start a new page
    const width = w.width;
    // Running header and footer repeat on every page: artifacts, not read as content.
    w.artifact(() => {
      if (i > range.start) {
        w.font(false, SIZE.small).fillColor(COLOR.muted);
        doc.text(w.clean(content.title), w.left, 40, { width, height: 11, ellipsis: true });
        doc
          .moveTo(w.left, 53)
          .lineTo(w.left + width, 53)
          .lineWidth(0.4)
          .strokeColor(COLOR.rule)
          .stroke();
      }
      const footerY = page.height - 50;
      doc
        .moveTo(w.left, footerY - 6)
        .lineTo(w.left + width, footerY - 6)
        .lineWidth(0.4)
        .strokeColor(COLOR.rule)
        .stroke();
      w.font(false, SIZE.small).fillColor(COLOR.muted);
      doc.text(context, w.left, footerY, { width: width - 90, height: 11, ellipsis: true });
      doc.text(`Sida ${i - range.start + 1} av ${range.count}`, w.left + width - 90, footerY, {
        width: 90,
        align: 'right',
        lineBreak: false,
      });
    }, 'Pagination');
    page.margins.bottom = bottomMargin;
  }
}

export async function renderPdf(
  content: ReportContent,
  onProgress?: Progress,
  options: PdfOptions = {},
): Promise<Buffer> {
  const progress = f.progressSteps(onProgress, f.SECTIONS.length + 4);
  await progress.step('Förbereder dokumentet');
  const embedded = options.fonts !== 'standard' && existsSync(DEJAVU.regular) && existsSync(DEJAVU.bold);
  const fonts = embedded ? DEJAVU : STANDARD;
  const clean = embedded ? (text: string) => text.replace(/\t/g, ' ') : (text: string) => toWinAnsi(text);
  const doc = new PDFDocument({
    size: A4,
    margins: MARGINS,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'sv-SE',
    displayTitle: true,
    // Tagged, with a structure tree in reading order; PDF/UA claimed only where every font is
    // embedded (the standard fonts are not).
    tagged: true,
    ...(embedded ? { subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets } : {}),
    font: fonts.regular,
    info: {
      Title: content.title,
      Author: content.unitName,
      Subject: `${f.kindLabel(content.kind)} ${f.month(content.period)}`,
      Creator: 'Röd tråd',
      Producer: 'Röd tråd',
    },
  });
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const root = doc.struct('Document', { lang: 'sv-SE' });
  doc.addStructure(root);
  const w = new Writer(doc, fonts, clean, progress.pause, root);
  const contentsAt = titleBlock(w, content);
  doc.addPage();

  const pages: { id: string; title: string; page: number }[] = [];
  for (const section of f.sectionsOf(content)) {
    await progress.step(`Skriver ${section.title.toLowerCase()}`);
    await w.groupAsync('Sect', () => writeSection(w, content, section, pages));
  }

  await progress.step('Skriver innehållsförteckningen');
  contents(w, contentsAt, pages);
  await progress.step('Numrerar sidorna');
  pageFurniture(w, content);
  await progress.step('Sparar PDF-filen');
  root.end();
  doc.end();
  await ended;
  progress.finish();
  return Buffer.concat(chunks);
}

async function writeSection(
  w: Writer,
  content: ReportContent,
  section: (typeof f.SECTIONS)[number],
  pages: { id: string; title: string; page: number }[],
) {
  pages.push({ id: section.id, title: section.title, page: w.heading(section.title, section.id) });
  switch (section.id) {
    case 'situation':
    case 'background':
    case 'assessment':
    case 'recommendation':
      w.paragraphs(content.sbar[section.id]);
      break;
    case 'decision':
      w.paragraphs(content.proposedDecision);
      break;
    case 'actionPlan':
      await actionPlan(w, content);
      break;
    case 'scorecard':
      await scorecard(w, content);
      break;
    case 'deviations':
      await deviations(w, content);
      break;
    case 'stale':
      await stale(w, content);
      break;
    case 'riskMatrix':
    case 'controlResults':
    case 'internalControl': {
      const { none, tables } = f.icTables(content, section.id);
      if (none !== null) w.paragraphs(none, { muted: true });
      for (const t of tables) {
        w.paragraphs(t.title);
        if (t.rows.length === 0) w.paragraphs(t.empty, { muted: true });
        else {
          w.note(t.intro);
          await w.table(flagSectionTable(t), { continued: t.title });
        }
      }
      break;
    }
    default: {
      const t = f.flagTable(content, section.id);
      if (t.rows.length === 0) w.paragraphs(t.empty, { muted: true });
      else {
        w.note(t.intro);
        await w.table(flagSectionTable(t), { continued: t.title });
      }
    }
  }
}
