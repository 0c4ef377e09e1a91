/**
 * The board report as a Word document: the same sections as the PDF, with real headings (so
 * Word's navigation pane and the table of contents work), a table of contents that Word
 * updates when the document opens, "Sida X av Y" in the footer, and table header rows that
 * repeat on every page. Language sv-SE, so Word checks the spelling in Swedish.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { Progress, ReportContent, TrafficLight } from '../../../domain/reports/content';
import { actionPlanChart, type Chart, chartTable, indicatorChart } from './charts';
import * as f from './format';
import {
  actionPlanFiguresTable,
  actionPlanTable,
  deviationsTable,
  flagSectionTable,
  goalTable,
  type TableCell as ModelCell,
  type RowLevel,
  staleTable,
  type TableColumn,
  type TableModel,
} from './tables';

const LANGUAGE = { value: 'sv-SE' };
// A4 in twentieths of a point, with 2 cm margins.
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

const COLOR = {
  text: '1D1D1B',
  muted: '5F5B57',
  accent: '9B1C1C',
  grid: 'D9D4CF',
  headerFill: 'EBE6E1',
  unitFill: 'F6F3F0',
  totalFill: 'E2DCD6',
  negative: 'B3261E',
};
const STATUS_COLOR: Record<TrafficLight, string> = {
  green: '2E7D32',
  yellow: 'E0A800',
  red: 'C62828',
  grey: '9E9E9E',
};
// Half-points.
const SIZE = { body: 21, table: 18, small: 16 };

const run = (text: string, options: { bold?: boolean; color?: string; size?: number } = {}) =>
  new TextRun({ text, bold: options.bold, color: options.color, size: options.size });

/** Paragraphs of written text; line breaks inside a paragraph are kept. */
function textParagraphs(text: string, options: { muted?: boolean } = {}): Paragraph[] {
  const list = f.paragraphs(text);
  if (list.length === 0)
    return [new Paragraph({ children: [run(f.NOT_WRITTEN, { color: COLOR.muted })], spacing: { after: 120 } })];
  return list.map(
    (p) =>
      new Paragraph({
        spacing: { after: 120 },
        children: p
          .split('\n')
          .map(
            (line, i) =>
              new TextRun({ text: line, break: i > 0 ? 1 : undefined, color: options.muted ? COLOR.muted : undefined }),
          ),
      }),
  );
}

const note = (text: string) =>
  new Paragraph({
    spacing: { before: 60, after: 120 },
    children: [run(text, { color: COLOR.muted, size: SIZE.small })],
  });

const heading = (title: string, options: { first?: boolean } = {}) =>
  new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: options.first, children: [new TextRun(title)] });

const subheading = (title: string, status: TrafficLight, detail: string) => [
  new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(title)] }),
  new Paragraph({
    keepNext: true,
    spacing: { after: 80 },
    children: [
      run('● ', { color: STATUS_COLOR[status], size: SIZE.small }),
      run(detail, { color: COLOR.muted, size: SIZE.small }),
    ],
  }),
];

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: COLOR.grid };
const noBorder = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

const LEVEL_STYLE: Record<RowLevel, { bold: boolean; fill?: string; indent: boolean }> = {
  group: { bold: true, fill: COLOR.unitFill, indent: false },
  item: { bold: false, indent: true },
  total: { bold: true, fill: COLOR.totalFill, indent: false },
  plain: { bold: false, indent: false },
};

/** A table of the shared model; its header row repeats on every page and a row never splits. */
function table(model: TableModel): Table {
  const { columns } = model;
  const total = Math.round(TEXT_WIDTH * (model.widthShare ?? 1));
  const sum = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => Math.round((c.width / sum) * total));
  const makeRow = (cells: ModelCell[], style: (typeof LEVEL_STYLE)[RowLevel], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c, i) => {
        const column = columns[i] as TableColumn;
        return new TableCell({
          width: { size: widths[i] ?? 0, type: WidthType.DXA },
          shading: style.fill ? { fill: style.fill, type: ShadingType.CLEAR, color: 'auto' } : undefined,
          margins: { top: 50, bottom: 50, left: 80, right: 80 },
          children: c.parts.map(
            (part, p) =>
              new Paragraph({
                alignment: column.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
                indent: style.indent && i === 0 ? { left: 200 } : undefined,
                spacing: { before: p > 0 ? 30 : 0, after: 0 },
                children: [
                  ...(c.status && p === 0 ? [run('● ', { color: STATUS_COLOR[c.status], size: SIZE.table })] : []),
                  run(part.text, {
                    bold: part.bold ?? style.bold,
                    color: part.negative ? COLOR.negative : part.muted ? COLOR.muted : undefined,
                    size: SIZE.table,
                  }),
                ],
              }),
          ),
        });
      }),
    });
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: cellBorder,
      bottom: cellBorder,
      left: noBorder,
      right: noBorder,
      insideHorizontal: cellBorder,
      insideVertical: noBorder,
    },
    rows: [
      makeRow(
        columns.map((c) => ({ parts: [{ text: c.header, bold: true }] })),
        { bold: true, fill: COLOR.headerFill, indent: false },
        true,
      ),
      ...model.rows.map((r) => makeRow(r.cells, LEVEL_STYLE[r.level], false)),
    ],
  });
}

/**
 * A chart's figures as a table under the chart's title: no library here draws the chart as an
 * image for Word without a new dependency, and the figures are what the picture would say.
 */
function chartFigures(chart: Chart | null): (Paragraph | Table)[] {
  if (!chart) return [];
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 120, after: 60 },
      children: [run(chart.title, { bold: true })],
    }),
    table(chartTable(chart)),
    note(chart.axisLabel),
  ];
}

const spacer = () => new Paragraph({ spacing: { after: 120 }, children: [] });

function actionPlan(content: ReportContent): (Paragraph | Table)[] {
  const plan = content.actionPlan;
  if (!plan) return textParagraphs(f.EMPTY.actionPlan, { muted: true });
  return [
    note(f.actionPlanIntro(plan)),
    table(actionPlanFiguresTable(plan)),
    ...chartFigures(actionPlanChart(plan)),
    spacer(),
    table(actionPlanTable(plan)),
    ...(plan.rows.some((r) => r.stale) ? [note(f.STALE_LEGEND)] : [spacer()]),
  ];
}

function scorecard(content: ReportContent): (Paragraph | Table)[] {
  const { counts, goals } = content.scorecard;
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      spacing: { after: 120 },
      children: f.STATUS_ORDER.flatMap((status, i) => [
        run(`${i > 0 ? '    ' : ''}● `, { color: STATUS_COLOR[status] }),
        run(`${f.statusLabel(status)} ${counts[status]}`),
      ]),
    }),
  ];
  if (goals.length === 0) return [...out, ...textParagraphs(f.EMPTY.scorecard, { muted: true })];
  out.push(...chartFigures(indicatorChart(content.scorecard)));
  let stale = false;
  for (const goal of goals) {
    out.push(
      ...subheading(goal.title, goal.status, `Status: ${f.statusLabel(goal.status)} · Perspektiv: ${goal.perspective}`),
    );
    if (goal.indicators.length === 0) {
      out.push(note(f.EMPTY.goal));
      continue;
    }
    stale ||= goal.indicators.some((i) => i.stale);
    out.push(table(goalTable(goal)), spacer());
  }
  if (stale) out.push(note(f.STALE_LEGEND));
  return out;
}

function deviations(content: ReportContent): (Paragraph | Table)[] {
  if (content.deviations.length === 0) return textParagraphs(f.EMPTY.deviations, { muted: true });
  return [table(deviationsTable(content.deviations)), spacer()];
}

function stale(content: ReportContent): (Paragraph | Table)[] {
  if (content.stale.length === 0) return textParagraphs(f.EMPTY.stale, { muted: true });
  return [note(f.staleIntro(content)), table(staleTable(content.stale))];
}

function titlePage(content: ReportContent): Paragraph[] {
  return [
    new Paragraph({
      spacing: { after: 80 },
      children: [run(f.kindLabel(content.kind).toUpperCase(), { bold: true, color: COLOR.accent, size: 20 })],
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(content.title)] }),
    ...f.reportFacts(content).map(
      (fact) =>
        new Paragraph({
          tabStops: [{ type: TabStopType.LEFT, position: 1900 }],
          spacing: { after: 40 },
          children: [
            run(fact.label, { bold: true, color: COLOR.muted }),
            new TextRun({ children: [new Tab(), fact.value] }),
          ],
        }),
    ),
    new Paragraph({
      spacing: { before: 360, after: 120 },
      children: [run('Innehåll', { bold: true, color: COLOR.accent, size: 32 })],
    }),
  ];
}

const pageOf = (): ParagraphChild[] => [
  new TextRun({ children: ['Sida ', PageNumber.CURRENT, ' av ', PageNumber.TOTAL_PAGES], size: SIZE.small }),
];

function footer(content: ReportContent) {
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: COLOR.grid, space: 4 } },
        children: [
          run(`${f.kindLabel(content.kind)} · ${content.unitName} · ${f.month(content.period)}`, {
            color: COLOR.muted,
            size: SIZE.small,
          }),
          new TextRun({ children: [new Tab()], size: SIZE.small }),
          ...pageOf(),
        ],
      }),
    ],
  });
}

function header(content: ReportContent) {
  return new Header({
    children: [
      new Paragraph({
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: COLOR.grid, space: 4 } },
        children: [run(content.title, { color: COLOR.muted, size: SIZE.small })],
      }),
    ],
  });
}

export async function renderDocx(content: ReportContent, onProgress?: Progress): Promise<Buffer> {
  const progress = f.progressSteps(onProgress, f.SECTIONS.length + 2);
  await progress.step('Förbereder dokumentet');
  const body: (Paragraph | Table | TableOfContents)[] = [
    ...titlePage(content),
    new TableOfContents('Innehåll', { hyperlink: true, headingStyleRange: '1-1' }),
  ];
  for (const [index, section] of f.sectionsOf(content).entries()) {
    await progress.step(`Skriver ${section.title.toLowerCase()}`);
    body.push(heading(section.title, { first: index === 0 }));
    switch (section.id) {
      case 'situation':
      case 'background':
      case 'assessment':
      case 'recommendation':
        body.push(...textParagraphs(content.sbar[section.id]));
        break;
      case 'decision':
        body.push(...textParagraphs(content.proposedDecision));
        break;
      case 'actionPlan':
        body.push(...actionPlan(content));
        break;
      case 'scorecard':
        body.push(...scorecard(content));
        break;
      case 'deviations':
        body.push(...deviations(content));
        break;
      case 'stale':
        body.push(...stale(content));
        break;
      case 'riskMatrix':
      case 'controlResults':
      case 'internalControl': {
        const { none, tables } = f.icTables(content, section.id);
        if (none !== null) body.push(...textParagraphs(none, { muted: true }));
        for (const t of tables) {
          body.push(...textParagraphs(t.title));
          if (t.rows.length === 0) body.push(...textParagraphs(t.empty, { muted: true }));
          else body.push(note(t.intro), table(flagSectionTable(t)));
        }
        break;
      }
      default: {
        const t = f.flagTable(content, section.id);
        if (t.rows.length === 0) body.push(...textParagraphs(t.empty, { muted: true }));
        else body.push(note(t.intro), table(flagSectionTable(t)));
      }
    }
  }

  const document = new Document({
    title: content.title,
    subject: `${f.kindLabel(content.kind)} ${f.month(content.period)}`,
    creator: 'Röd tråd',
    description: `${content.unitName}, ${f.month(content.period)}`,
    styles: {
      default: {
        document: {
          run: { font: 'Calibri', size: SIZE.body, color: COLOR.text, language: LANGUAGE },
          paragraph: { spacing: { line: 264 } },
        },
        title: {
          run: { font: 'Calibri', size: 48, bold: true, color: COLOR.text },
          paragraph: { spacing: { after: 240 } },
        },
        heading1: {
          run: { font: 'Calibri', size: 32, bold: true, color: COLOR.accent },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
        heading2: {
          run: { font: 'Calibri', size: 24, bold: true, color: COLOR.text },
          paragraph: { spacing: { before: 240, after: 40 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        headers: { default: header(content), first: new Header({ children: [new Paragraph({ children: [] })] }) },
        footers: { default: footer(content), first: footer(content) },
        children: body,
      },
    ],
  });
  await progress.step('Sparar Word-filen');
  const buffer = await Packer.toBuffer(document);
  progress.finish();
  return buffer;
}
