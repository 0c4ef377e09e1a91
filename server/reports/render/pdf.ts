/**
 * The board report as a printable A4 PDF: a title page with the table of contents, the SBAR
 * text, the proposed decision and the generated sections, with "Sida N av M" on every page.
 * Pages are kept in memory until the end, so the contents can give each section's page and
 * the footers the page count.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Progress, ReportContent, TrafficLight } from '../../../domain/reports/content';
import * as f from './format';

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

interface Part {
  text: string;
  bold?: boolean;
  muted?: boolean;
  color?: string;
}
interface CellSpec {
  parts: Part[];
  dot?: TrafficLight;
  indent?: number;
}
type Cell = string | CellSpec;
interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}
interface Row {
  cells: Cell[];
  bold?: boolean;
  fill?: string;
}

type Doc = PDFKit.PDFDocument;

class Writer {
  constructor(
    readonly doc: Doc,
    readonly fonts: { regular: string; bold: string },
    readonly clean: (text: string) => string,
    readonly pause: () => Promise<void>,
  ) {}

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

  font(bold: boolean, size: number) {
    return this.doc.font(bold ? this.fonts.bold : this.fonts.regular).fontSize(size);
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
    this.doc.text(this.clean(title), this.left, this.doc.y, { width: this.width, destination });
    this.doc.outline.addItem(this.clean(title));
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.6)
      .strokeColor(COLOR.rule)
      .stroke();
    this.doc.y = y + 8;
    return page;
  }

  subheading(title: string, note: { text: string; dot?: TrafficLight } | null) {
    this.doc.y += 8;
    this.keep(95);
    this.font(true, SIZE.h2).fillColor(COLOR.text);
    this.doc.text(this.clean(title), this.left, this.doc.y, { width: this.width });
    if (note) {
      const y = this.doc.y + 1;
      let x = this.left;
      if (note.dot) {
        this.doc
          .circle(x + 3.5, y + 4.5, 3.5)
          .fillColor(STATUS_COLOR[note.dot])
          .fill();
        x += 11;
      }
      this.font(false, SIZE.small).fillColor(COLOR.muted);
      this.doc.text(this.clean(note.text), x, y, { width: this.width - (x - this.left) });
    }
    this.doc.y += 4;
  }

  paragraphs(text: string, options: { size?: number; muted?: boolean } = {}) {
    const list = f.paragraphs(text);
    this.font(false, options.size ?? SIZE.body).fillColor(
      options.muted || list.length === 0 ? COLOR.muted : COLOR.text,
    );
    for (const p of list.length > 0 ? list : [f.NOT_WRITTEN]) {
      this.doc.text(this.clean(p.replace(/\t/g, ' ')), this.left, this.doc.y, {
        width: this.width,
        lineGap: 2,
        paragraphGap: 6,
      });
    }
  }

  note(text: string) {
    this.doc.y += 2;
    this.font(false, SIZE.small).fillColor(COLOR.muted);
    this.doc.text(this.clean(text), this.left, this.doc.y, { width: this.width, lineGap: 1 });
  }

  /** Status counts as coloured dots on one line: "● Grön 3  ● Gul 3 …". */
  statusCounts(counts: Record<TrafficLight, number>) {
    this.keep(24);
    const y = this.doc.y;
    let x = this.left;
    this.font(false, SIZE.body).fillColor(COLOR.text);
    for (const status of f.STATUS_ORDER) {
      this.doc
        .circle(x + 4.5, y + 6, 4.5)
        .fillColor(STATUS_COLOR[status])
        .fill();
      x += 13;
      const label = this.clean(`${f.statusLabel(status)} ${counts[status]}`);
      this.doc.fillColor(COLOR.text).text(label, x, y, { lineBreak: false });
      x += this.doc.widthOfString(label) + 18;
    }
    this.doc.y = y + 20;
  }

  private cellSpec(cell: Cell): CellSpec {
    return typeof cell === 'string' ? { parts: [{ text: cell }] } : cell;
  }

  private cellHeight(cell: CellSpec, width: number, bold: boolean) {
    let height = 0;
    cell.parts.forEach((part, i) => {
      this.font(part.bold ?? bold, SIZE.table);
      const text = this.clean(part.text) || ' ';
      height += this.doc.heightOfString(text, { width, lineGap: 1 }) + (i > 0 ? 1.5 : 0);
    });
    return height;
  }

  private drawCell(cell: CellSpec, x: number, y: number, width: number, height: number, row: Row, column: Column) {
    let textX = x + CELL_PAD.x + (cell.indent ?? 0);
    let textWidth = width - 2 * CELL_PAD.x - (cell.indent ?? 0);
    let top = y + CELL_PAD.y;
    const bottom = y + height - CELL_PAD.y;
    if (cell.dot) {
      this.doc
        .circle(textX + 3.5, top + 5, 3.5)
        .fillColor(STATUS_COLOR[cell.dot])
        .fill();
      textX += 11;
      textWidth -= 11;
    }
    cell.parts.forEach((part, i) => {
      if (i > 0) top += 1.5;
      const room = bottom - top;
      if (room < 6) return;
      this.font(part.bold ?? Boolean(row.bold), SIZE.table).fillColor(
        part.color ?? (part.muted ? COLOR.muted : COLOR.text),
      );
      const text = this.clean(part.text);
      if (text === '') return;
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
   * A table whose cells wrap their text; rows never split, and a row that does not fit
   * moves to the next page, where the header row is repeated under `continued`.
   */
  async table(columns: Column[], rows: Row[], options: { continued?: string; width?: number } = {}) {
    const doc = this.doc;
    const total = options.width ?? this.width;
    const sum = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / sum) * total);
    const header: CellSpec[] = columns.map((c) => ({ parts: [{ text: c.header, bold: true }] }));
    const headerRow: Row = { cells: header, bold: true, fill: COLOR.headerFill };
    const rowHeight = (row: Row, specs: CellSpec[]) =>
      Math.max(
        ...specs.map(
          (cell, i) =>
            this.cellHeight(
              cell,
              (widths[i] ?? 0) - 2 * CELL_PAD.x - (cell.indent ?? 0) - (cell.dot ? 11 : 0),
              Boolean(row.bold),
            ) +
            2 * CELL_PAD.y,
        ),
      );
    const headerHeight = rowHeight(headerRow, header);
    const maxRow = this.bottom - this.top - headerHeight - 30;

    const drawRow = (row: Row, specs: CellSpec[], height: number) => {
      const y = doc.y;
      if (row.fill) doc.rect(this.left, y, total, height).fillColor(row.fill).fill();
      let x = this.left;
      specs.forEach((cell, i) => {
        const column = columns[i] as Column;
        const w = widths[i] ?? 0;
        this.drawCell(cell, x, y, w, height, row, column);
        x += w;
      });
      doc
        .moveTo(this.left, y + height)
        .lineTo(this.left + total, y + height)
        .lineWidth(0.4)
        .strokeColor(COLOR.grid)
        .stroke();
      doc.y = y + height;
    };
    const drawHeader = () => {
      const y = doc.y;
      drawRow(headerRow, header, headerHeight);
      doc
        .moveTo(this.left, y)
        .lineTo(this.left + total, y)
        .lineWidth(0.6)
        .strokeColor(COLOR.rule)
        .stroke();
    };

    const first = rows[0];
    const firstHeight = first ? Math.min(rowHeight(first, first.cells.map(this.cellSpec)), maxRow) : 0;
    this.keep(headerHeight + firstHeight + 4);
    drawHeader();
    let count = 0;
    for (const row of rows) {
      const specs = row.cells.map(this.cellSpec);
      const height = Math.min(rowHeight(row, specs), maxRow);
      if (doc.y + height > this.bottom) {
        doc.addPage();
        if (options.continued) {
          this.font(false, SIZE.small).fillColor(COLOR.muted);
          doc.text(this.clean(`${options.continued} (forts.)`), this.left, doc.y, { width: total });
          doc.y += 3;
        }
        drawHeader();
      }
      drawRow(row, specs, height);
      count += 1;
      if (count % 250 === 0) await this.pause();
    }
    doc.x = this.left;
    doc.y += 6;
  }
}

const negativeColor = (value: string | null) => (f.isNegative(value) ? COLOR.negative : undefined);

async function actionPlan(w: Writer, content: ReportContent) {
  const plan = content.actionPlan;
  if (!plan) return w.paragraphs(f.EMPTY.actionPlan, { muted: true });
  w.note(f.actionPlanIntro(plan));
  w.doc.y += 4;
  await w.table(
    [
      { header: 'Nyckeltal', width: 62 },
      { header: 'Belopp', width: 38, align: 'right' },
    ],
    f.actionPlanFigures(plan.totals).map((figure) => ({
      cells: [
        figure.label.startsWith('varav') ? { parts: [{ text: figure.label }], indent: 10 } : figure.label,
        {
          parts: [
            {
              text: figure.deviation ? f.amountDeviation(figure.kronor) : f.amount(figure.kronor),
              color: figure.deviation ? negativeColor(figure.kronor) : undefined,
            },
          ],
        },
      ],
      bold: Boolean(figure.deviation),
    })),
    { width: w.width * 0.6 },
  );
  w.doc.y += 6;
  const rows: Row[] = f.actionPlanLines(plan).map(({ row: r, unitRow, label }) => {
    const name = unitRow ? label : `${label}${r.stale ? ` ${f.STALE_MARK}` : ''}`;
    return {
      bold: unitRow,
      fill: unitRow ? COLOR.unitFill : undefined,
      cells: [
        { parts: [{ text: name, muted: r.stale }], indent: unitRow ? 0 : 10 },
        f.amountFigure(r.targetKr),
        { parts: [{ text: f.amountFigure(r.forecastKr), muted: r.stale }] },
        { parts: [{ text: f.amountDeviationFigure(r.deviationKr), color: negativeColor(r.deviationKr) }] },
        { parts: [{ text: r.comment, bold: false }] },
      ],
    };
  });
  rows.push({
    bold: true,
    fill: COLOR.totalFill,
    cells: [
      `Summa ${plan.planTitle} ${plan.year}`,
      f.amountFigure(plan.totals.targetKr),
      f.amountFigure(plan.totals.forecastKr),
      {
        parts: [
          { text: f.amountDeviationFigure(plan.totals.deviationKr), color: negativeColor(plan.totals.deviationKr) },
        ],
      },
      '',
    ],
  });
  await w.table(
    [
      { header: 'Enhet / åtgärd', width: 29 },
      { header: 'Mål, mnkr', width: 11, align: 'right' },
      { header: 'Prognos, mnkr', width: 12, align: 'right' },
      { header: 'Avvikelse, mnkr', width: 12, align: 'right' },
      { header: 'Kommentar', width: 36 },
    ],
    rows,
    { continued: 'Åtgärdsplan' },
  );
  if (plan.rows.some((r) => r.stale)) w.note(f.STALE_LEGEND);
}

async function scorecard(w: Writer, content: ReportContent) {
  const { counts, goals } = content.scorecard;
  w.statusCounts(counts);
  if (goals.length === 0) return w.paragraphs(f.EMPTY.scorecard, { muted: true });
  let stale = false;
  for (const goal of goals) {
    w.subheading(goal.title, {
      text: `Status: ${f.statusLabel(goal.status)} · Perspektiv: ${goal.perspective}`,
      dot: goal.status,
    });
    if (goal.indicators.length === 0) {
      w.paragraphs(f.EMPTY.goal, { muted: true, size: SIZE.small });
      continue;
    }
    stale ||= goal.indicators.some((i) => i.stale);
    await w.table(
      [
        { header: 'Indikator', width: 40 },
        { header: 'Mål', width: 14, align: 'right' },
        { header: 'Utfall', width: 14, align: 'right' },
        { header: 'Prognos', width: 14, align: 'right' },
        { header: 'Status', width: 18 },
      ],
      goal.indicators.map((i) => ({
        cells: [
          { parts: [{ text: `${i.name}${i.stale ? ` ${f.STALE_MARK}` : ''}`, muted: i.stale }] },
          f.indicatorValue(i.target, i.unitOfMeasure),
          { parts: [{ text: f.indicatorValue(i.outcome, i.unitOfMeasure), muted: i.stale }] },
          f.indicatorValue(i.forecast, i.unitOfMeasure),
          { parts: [{ text: f.statusLabel(i.status) }], dot: i.status },
        ],
      })),
      { continued: goal.title },
    );
  }
  if (stale) w.note(f.STALE_LEGEND);
}

async function deviations(w: Writer, content: ReportContent) {
  if (content.deviations.length === 0) return w.paragraphs(f.EMPTY.deviations, { muted: true });
  await w.table(
    [
      { header: 'Indikator / åtgärd', width: 24 },
      { header: 'Mål', width: 11, align: 'right' },
      { header: 'Utfall / prognos', width: 11, align: 'right' },
      { header: 'Avvikelse', width: 17, align: 'right' },
      { header: 'Analys och korrigerande åtgärd', width: 37 },
    ],
    content.deviations.map((d) => ({
      cells: [
        {
          parts: [
            { text: d.name, bold: true },
            { text: `${f.kindOfRowLabel(d.kind)}, ${d.unitName}`, muted: true },
          ],
        },
        f.deviationRowValue(d, d.target),
        f.deviationRowValue(d, d.value),
        {
          parts: [
            {
              text: f.deviationRowValue(d, d.deviation, true),
              // a measure's shortfall is always bad; whether an indicator's is depends on the indicator
              color: d.kind === 'measure' ? negativeColor(d.deviation) : undefined,
            },
          ],
        },
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
    { continued: 'Avvikelser' },
  );
}

async function stale(w: Writer, content: ReportContent) {
  if (content.stale.length === 0) return w.paragraphs(f.EMPTY.stale, { muted: true });
  w.note(f.staleIntro(content));
  w.doc.y += 4;
  await w.table(
    [
      { header: 'Uppgift', width: 30 },
      { header: 'Typ', width: 11 },
      { header: 'Enhet', width: 27 },
      { header: 'Rapportering', width: 32 },
    ],
    content.stale.map((s) => ({ cells: [s.name, f.kindOfRowLabel(s.kind), s.unitName, f.staleText(s.asOf)] })),
    { continued: 'Inaktuella uppgifter' },
  );
}

function titleBlock(w: Writer, content: ReportContent) {
  const { doc } = w;
  doc.y = w.top + 20;
  w.font(true, 10).fillColor(COLOR.accent);
  doc.text(w.clean(f.kindLabel(content.kind).toUpperCase()), w.left, doc.y, { characterSpacing: 1.2 });
  doc.y += 6;
  w.font(true, SIZE.title).fillColor(COLOR.text);
  doc.text(w.clean(content.title), w.left, doc.y, { width: w.width, lineGap: 2 });
  doc.y += 14;
  for (const fact of f.reportFacts(content)) {
    const y = doc.y;
    w.font(true, SIZE.body).fillColor(COLOR.muted);
    doc.text(w.clean(fact.label), w.left, y, { width: 100 });
    w.font(false, SIZE.body).fillColor(COLOR.text);
    doc.text(w.clean(fact.value), w.left + 105, y, { width: w.width - 105 });
    doc.y += 4;
  }
  doc.y += 10;
  doc
    .moveTo(w.left, doc.y)
    .lineTo(w.left + w.width, doc.y)
    .lineWidth(1)
    .strokeColor(COLOR.accent)
    .stroke();
  doc.y += 22;
  w.font(true, SIZE.h1).fillColor(COLOR.accent);
  doc.text('Innehåll', w.left, doc.y);
  doc.y += 10;
  return doc.y;
}

function contents(w: Writer, top: number, pages: { id: string; title: string; page: number }[]) {
  const { doc } = w;
  doc.switchToPage(0);
  let y = top;
  const numberWidth = 30;
  for (const entry of pages) {
    const title = w.clean(entry.title);
    w.font(false, 11).fillColor(COLOR.text);
    doc.text(title, w.left, y, { goTo: entry.id, lineBreak: false });
    const titleEnd = w.left + doc.widthOfString(title) + 6;
    const numberStart = w.left + w.width - numberWidth;
    doc.text(String(entry.page), numberStart, y, { width: numberWidth, align: 'right', goTo: entry.id });
    const numberText = doc.widthOfString(String(entry.page));
    const dotsEnd = w.left + w.width - numberText - 6;
    if (dotsEnd > titleEnd)
      doc
        .moveTo(titleEnd, y + 9.5)
        .lineTo(dotsEnd, y + 9.5)
        .lineWidth(0.8)
        .dash(0.8, { space: 2.6 })
        .strokeColor(COLOR.rule)
        .stroke()
        .undash();
    y += 21;
  }
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

  const w = new Writer(doc, fonts, clean, progress.pause);
  const contentsTop = titleBlock(w, content);
  doc.addPage();

  const pages: { id: string; title: string; page: number }[] = [];
  for (const section of f.sectionsOf(content)) {
    await progress.step(`Skriver ${section.title.toLowerCase()}`);
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
      default: {
        const t = f.flagTable(content, section.id);
        if (t.rows.length === 0) w.paragraphs(t.empty, { muted: true });
        else {
          w.note(t.intro);
          await w.table(
            t.columns,
            t.rows.map((cells) => ({ cells })),
            { continued: t.title },
          );
        }
      }
    }
  }

  await progress.step('Skriver innehållsförteckningen');
  contents(w, contentsTop, pages);
  await progress.step('Numrerar sidorna');
  pageFurniture(w, content);
  await progress.step('Sparar PDF-filen');
  doc.end();
  await ended;
  progress.finish();
  return Buffer.concat(chunks);
}
