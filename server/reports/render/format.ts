/**
 * Swedish display text for the board report's exports. Figures arrive as exact decimal
 * strings (whole kronor, or an indicator's value in its own unit) and are formatted here, once,
 * so the PDF, the Word document and the spreadsheet show the same figure the same way.
 */

import { formatMoney, kronorInUnit } from '../../../domain/money';
import {
  type ActionPlanRow,
  type ActionPlanSection,
  FLAG_SECTION_TEXTS,
  IC_SECTION_TEXTS,
  isInternalControlReport,
  NO_DECIDED_WORDING,
  type Progress,
  REPORT_KIND_LABELS,
  type ReportContent,
  type ReportKind,
  RISK_LEVEL_TEXT,
  SBAR_HEADINGS,
  SBAR_KEYS,
  STATUS_LABELS,
  type TrafficLight,
  WHO_DECIDES,
  WHY_RULE,
} from '../../../domain/reports/content';
import { indicatorDecimals, indicatorDeviation, indicatorValue } from '../../../domain/reports/figures';
import { type IcReportSheet, internalControlTables } from '../../../domain/reports/ic-report';
import { STATUSES } from '../../../domain/steering';

/** Shown where a figure is missing (no target, no forecast). */
export const NO_VALUE = '–';

const LOCALE = 'sv-SE';
const MNKR_SUFFIX = ' mnkr';

/** Whole kronor in mnkr with one decimal: "343,6 mnkr", "−146,6 mnkr". */
export function amount(kronor: string | null): string {
  return kronor === null ? NO_VALUE : formatMoney(BigInt(kronor), 'mnkr', MNKR_DECIMALS, LOCALE);
}

/** As {@link amount} without the unit, for a table column whose header names it. */
export function amountFigure(kronor: string | null): string {
  const text = amount(kronor);
  return text.endsWith(MNKR_SUFFIX) ? text.slice(0, -MNKR_SUFFIX.length) : text;
}

/** A deviation in mnkr, with its sign also when it is positive: "+8,4 mnkr". */
export function amountDeviation(kronor: string | null): string {
  if (kronor === null) return NO_VALUE;
  return `${BigInt(kronor) > 0n ? '+' : ''}${amount(kronor)}`;
}

/** As {@link amountDeviation} without the unit. */
export function amountDeviationFigure(kronor: string | null): string {
  if (kronor === null) return NO_VALUE;
  return `${BigInt(kronor) > 0n ? '+' : ''}${amountFigure(kronor)}`;
}

/** The exact mnkr of whole kronor as a spreadsheet number (343 600 000 → 343.6). */
export function mnkrNumber(kronor: string): number {
  return Number(kronorInUnit(BigInt(kronor), 'mnkr'));
}

/** True when whole kronor is negative (a shortfall against target). */
export const isNegative = (value: string | null): boolean => value?.trim().startsWith('-') ?? false;

/** Decimals a spreadsheet number format shows, beside the formats the text uses. */
const excelFormat = (decimals: number) => (decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0');

/** Amounts in mnkr: one decimal with thousands grouping, in every format. */
export const MNKR_DECIMALS = 1;
/**
 * The spreadsheet format of an mnkr cell. The file stores the format in its neutral form;
 * Excel shows it with the reader's separators ("1 234,5" in Swedish).
 */
export const MNKR_NUMBER_FORMAT = excelFormat(MNKR_DECIMALS);

// The rounding rule of indicator figures is shared with the web's report view.
export { indicatorDeviation, indicatorFigure, indicatorValue } from '../../../domain/reports/figures';

/**
 * The spreadsheet format of an indicator's cell, with the decimals {@link indicatorFigure}
 * shows; the cell holds the exact number.
 */
export function indicatorNumberFormat(value: string, unitOfMeasure: string): string {
  return excelFormat(indicatorDecimals(value.trim(), unitOfMeasure).max);
}

/**
 * A figure of a deviation row: measures are whole kronor (shown in mnkr), indicators are in
 * their own unit of measure.
 */
export function deviationRowValue(
  row: { kind: 'indicator' | 'measure'; unitOfMeasure: string },
  value: string | null,
  signed = false,
): string {
  if (row.kind === 'measure') return signed ? amountDeviation(value) : amount(value);
  return signed ? indicatorDeviation(value, row.unitOfMeasure) : indicatorValue(value, row.unitOfMeasure);
}

const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2025-09" → "september 2025"; anything else is shown as it is. */
export function month(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const monthIndex = Number(m[2]) - 1;
  if (monthIndex < 0 || monthIndex > 11) return period;
  return monthFormat.format(Date.UTC(Number(m[1]), monthIndex, 1));
}

/** "2025-10-23" → "23 oktober 2025"; anything else is shown as it is. */
export function date(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  return dateFormat.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export const statusLabel = (status: TrafficLight): string => STATUS_LABELS[status];
export const kindLabel = (kind: ReportKind): string => REPORT_KIND_LABELS[kind];
export const kindOfRowLabel = (kind: 'indicator' | 'measure'): string =>
  kind === 'indicator' ? 'Indikator' : 'Åtgärd';

/** Marks a figure that was not reported for the period. */
export const STALE_MARK = '(inaktuell)';
export const STALE_LEGEND =
  '(inaktuell) – uppgiften är inte rapporterad för perioden; det senast rapporterade värdet visas. Se avsnittet Inaktuella uppgifter.';

/** "senast rapporterad: juni 2024" or "aldrig rapporterad". */
export const staleText = (asOf: string | null): string =>
  asOf === null ? 'aldrig rapporterad' : `senast rapporterad: ${month(asOf)}`;

/** "Hälso- och sjukvårdsnämnden 24 oktober 2024, § 112". */
export function meetingText(meeting: NonNullable<ReportContent['meeting']>): string {
  // Paragraphs are stored bare ("112"), as the web's form keeps them; older content has "§ 112".
  const bare = meeting.paragraph.trim().replace(/^§\s*/, '');
  return `${meeting.bodyName} ${date(meeting.meetsOn)}${bare ? `, § ${bare}` : ''}`;
}

/** "17 oktober 2024 av Alva Admin". */
export const sentText = (sent: NonNullable<ReportContent['sent']>): string => `${date(sent.on)} av ${sent.byName}`;

/** The facts under a report's title, in the order every export shows them. */
export function reportFacts(content: ReportContent): { label: string; value: string }[] {
  const facts = [
    { label: 'Rapporttyp', value: kindLabel(content.kind) },
    { label: 'Enhet', value: content.unitName },
    isInternalControlReport(content.kind)
      ? { label: 'År', value: content.period.slice(0, 4) }
      : { label: 'Period', value: month(content.period) },
  ];
  if (content.meeting) facts.push({ label: 'Sammanträde', value: meetingText(content.meeting) });
  if (content.sent) facts.push({ label: 'Skickad', value: sentText(content.sent) });
  if (content.actionPlan)
    facts.push({ label: 'Åtgärdsplan', value: `${content.actionPlan.planTitle} ${content.actionPlan.year}` });
  return facts;
}

/** The action plan's key figures, labelled as in board papers. */
export function actionPlanFigures(
  totals: NonNullable<ReportContent['actionPlan']>['totals'],
): { label: string; kronor: string; deviation?: boolean }[] {
  return [
    { label: 'Sparbeting (mål)', kronor: totals.targetKr },
    { label: 'Planerade åtgärder', kronor: totals.plannedKr },
    { label: 'varav genomförbarhet 1–2', kronor: totals.plannedGrade12Kr },
    { label: 'Prognos', kronor: totals.forecastKr },
    { label: 'varav genomförbarhet 1–2', kronor: totals.forecastGrade12Kr },
    { label: 'Utfall hittills i år', kronor: totals.outcomeKr },
    { label: 'Avvikelse prognos mot mål', kronor: totals.deviationKr, deviation: true },
  ];
}

/** A row of the action-plan table as every export shows it. */
export interface ActionPlanLine {
  row: ActionPlanRow;
  unitRow: boolean;
  /** The unit's name, or the measure's, with its owning unit when that is not the row above. */
  label: string;
}

/**
 * The action plan's rows in the order every export shows them: each unit row followed by its
 * own measures. Content built now is already in that order; content frozen before lists all
 * unit rows first, and its measures are put under the unit row of the same name, or under the
 * report's own unit (the first row) when they are owned further down. A measure whose owner is
 * not the unit row above it names its owner, so no measure reads as another unit's.
 */
export function actionPlanLines(plan: Pick<ActionPlanSection, 'rows' | 'layout'>): ActionPlanLine[] {
  const groups: { unit: ActionPlanRow | null; measures: ActionPlanRow[] }[] = [];
  if (plan.layout === 'byUnit') {
    for (const row of plan.rows) {
      if (row.measure === null || groups.length === 0) groups.push({ unit: null, measures: [] });
      const group = groups[groups.length - 1] as (typeof groups)[number];
      if (row.measure === null) group.unit = row;
      else group.measures.push(row);
    }
  } else {
    const units = plan.rows.filter((r) => r.measure === null);
    for (const unit of units) groups.push({ unit, measures: [] });
    if (groups.length === 0) groups.push({ unit: null, measures: [] });
    for (const row of plan.rows) {
      if (row.measure === null) continue;
      const own = groups.find((g) => g.unit?.unitName === row.unitName) ?? (groups[0] as (typeof groups)[number]);
      own.measures.push(row);
    }
  }
  return groups.flatMap(({ unit, measures }) => [
    ...(unit ? [{ row: unit, unitRow: true, label: unit.unitName }] : []),
    ...measures.map((row) => ({
      row,
      unitRow: false,
      label:
        unit && row.unitName !== '' && row.unitName !== unit.unitName
          ? `${row.measure} (${row.unitName})`
          : (row.measure ?? ''),
    })),
  ]);
}

/** Status counts in the order a reader expects them. */
export const STATUS_ORDER: readonly TrafficLight[] = STATUSES;

/** Text as a paragraph list: blank lines separate paragraphs, single line breaks stay. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** What an empty written section shows. */
export const NOT_WRITTEN = 'Inget angivet.';

/**
 * Reports a render's progress as strictly increasing fractions ending at 1, and gives the
 * event loop a turn between steps so a long render does not hold up other requests.
 */
export function progressSteps(onProgress: Progress | undefined, steps: number) {
  let done = 0;
  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    async step(text: string): Promise<void> {
      onProgress?.(Math.min(done, steps) / (steps + 1), text);
      done += 1;
      await pause();
    },
    /** Lets other work run in the middle of a long step. */
    pause,
    finish(): void {
      onProgress?.(1, 'Klar');
    },
  };
}

/** The report's sections in order, with the headings every export uses. */
export const SECTIONS = [
  { id: 'situation', title: SBAR_HEADINGS.situation },
  { id: 'background', title: SBAR_HEADINGS.background },
  { id: 'assessment', title: SBAR_HEADINGS.assessment },
  { id: 'recommendation', title: SBAR_HEADINGS.recommendation },
  { id: 'decision', title: 'Förslag till beslut' },
  { id: 'actionPlan', title: 'Åtgärdsplan' },
  { id: 'scorecard', title: 'Styrkort' },
  { id: 'deviations', title: 'Avvikelser och korrigerande åtgärder' },
  { id: 'stale', title: 'Inaktuella uppgifter' },
  { id: 'undecidedPlans', title: FLAG_SECTION_TEXTS.undecidedPlans.title },
  { id: 'driftedGoals', title: FLAG_SECTION_TEXTS.driftedGoals.title },
  { id: 'aboveCompetence', title: FLAG_SECTION_TEXTS.aboveCompetence.title },
  { id: 'missingAnalyses', title: FLAG_SECTION_TEXTS.missingAnalyses.title },
  { id: 'riskMatrix', title: IC_SECTION_TEXTS.riskMatrix.title },
  { id: 'controlResults', title: IC_SECTION_TEXTS.controlResults.title },
  { id: 'internalControl', title: IC_SECTION_TEXTS.internalControl.title },
] as const;
export type SectionId = (typeof SECTIONS)[number]['id'];

/** The sections that list flagged records for the board (decision 016). */
export const FLAG_SECTION_IDS = ['undecidedPlans', 'driftedGoals', 'aboveCompetence', 'missingAnalyses'] as const;
export type FlagSectionId = (typeof FLAG_SECTION_IDS)[number];
export const isFlagSection = (id: string): id is FlagSectionId => (FLAG_SECTION_IDS as readonly string[]).includes(id);

/**
 * The sections a report shows: content frozen before the flags were carried has no flag
 * sections, and shows none rather than claiming nothing was flagged.
 */
export const sectionsOf = (content: ReportContent) =>
  SECTIONS.filter(
    (s) =>
      !(isInternalControlReport(content.kind) && MONTH_SECTION_IDS.includes(s.id)) &&
      (!(isFlagSection(s.id) || isIcSection(s.id)) || content[s.id] !== undefined),
  );

/** The month's figures, which an internkontrollrapport does not carry (issue 14). */
export const MONTH_SECTION_IDS: readonly SectionId[] = ['actionPlan', 'scorecard', 'deviations', 'stale'];

/** The sections of the body's risk matrix and internal control (issue 14), each one or more tables. */
export const IC_SECTION_IDS = ['riskMatrix', 'controlResults', 'internalControl'] as const;
export type IcSectionId = (typeof IC_SECTION_IDS)[number];
export const isIcSection = (id: string): id is IcSectionId => (IC_SECTION_IDS as readonly string[]).includes(id);

/** A risk's level in words. */
export const riskLevelText = (level: keyof typeof RISK_LEVEL_TEXT) => RISK_LEVEL_TEXT[level];

/** The status of an open deviation in words: late, serious, or without an action. */
function deviationStatus(d: { serious: boolean; action: string | null; late: boolean }): string {
  const words = [d.action === null ? 'Ingen åtgärd beslutad' : d.late ? 'Åtgärden är försenad' : 'Åtgärd pågår'];
  if (d.serious) words.push('allvarlig avvikelse');
  return words.join(', ');
}

/**
 * A risk or internal-control section as plain tables (each with its sheet key for the
 * spreadsheet), or the sentence said instead when the report's unit has no body.
 */
export function icTables(
  content: ReportContent,
  id: IcSectionId,
): { none: string | null; tables: (FlagTable & { sheet: IcSheet })[] } {
  if (id === 'internalControl') return internalControlTables(content.internalControl);
  if (id === 'riskMatrix') {
    const m = content.riskMatrix;
    const texts = IC_SECTION_TEXTS.riskMatrix;
    if (!m) return { none: texts.none, tables: [] };
    const consequences = m.consequenceSteps.map((word, i) => ({ word, step: i + 1 }));
    const matrixRows = m.probabilitySteps
      .map((word, i) => ({ word, step: i + 1 }))
      .reverse()
      .map((p) => [
        `${p.step} ${p.word}`,
        ...consequences.map((c) => {
          const cell = m.cells.find((x) => x.probability === p.step && x.consequence === c.step);
          return cell ? `${cell.count} (${riskLevelText(cell.level).toLowerCase()})` : NO_VALUE;
        }),
      ]);
    const share = Math.floor(80 / Math.max(1, consequences.length));
    return {
      none: null,
      tables: [
        {
          sheet: 'riskMatrix',
          title: `Riskmatris för ${m.bodyName}`,
          intro: `Antal aktiva risker per sannolikhet (rader) och konsekvens (kolumner) efter den senaste bedömningen, med rutans nivå.${m.unassessed > 0 ? ` ${m.unassessed} risker är inte bedömda.` : ''}`,
          empty: texts.empty,
          columns: [
            { header: 'Sannolikhet', width: 20 },
            ...consequences.map((c) => ({ header: `Konsekvens ${c.step} ${c.word}`, width: share })),
          ],
          rows: m.cells.some((c) => c.count > 0) ? matrixRows : [],
        },
        {
          sheet: 'topRisks',
          title: `De högsta riskerna för ${m.bodyName}`,
          intro: 'De aktiva riskerna med högst riskvärde (sannolikhet × konsekvens) vid den senaste bedömningen.',
          empty: texts.empty,
          columns: [
            { header: 'Risk', width: 36 },
            { header: 'Ägare', width: 22 },
            { header: 'Värde', width: 10 },
            { header: 'Nivå', width: 14 },
            { header: 'Senast bedömd', width: 18 },
          ],
          rows: m.topRisks.map((r) => [r.title, r.ownerName, String(r.value), riskLevelText(r.level), r.assessedOn]),
        },
      ],
    };
  }
  const c = content.controlResults;
  const texts = IC_SECTION_TEXTS.controlResults;
  if (!c) return { none: texts.none, tables: [] };
  if (c.planStatus === null) return { none: `${texts.noPlan} (${c.bodyName}, ${c.year})`, tables: [] };
  return {
    none: null,
    tables: [
      {
        sheet: 'controlPoints',
        title: `Kontrollpunkter i ${c.bodyName}s internkontrollplan ${c.year}`,
        intro: `Per kontrollpunkt: kontrolltillfällen under året, utförda och ej utförda kontroller, avvikelser och åtgärder. Planen är ${c.planStatus === 'decided' ? 'beslutad' : 'inte beslutad'}.`,
        empty: 'Planen har inga kontrollpunkter.',
        columns: [
          { header: 'Kontrollpunkt', width: 30 },
          { header: 'Enhet', width: 16 },
          { header: 'Tillfällen', width: 9 },
          { header: 'Utförda', width: 9 },
          { header: 'Ej utförda', width: 9 },
          { header: 'Avvikelser', width: 9 },
          { header: 'Öppna åtgärder', width: 9 },
          { header: 'Försenade åtgärder', width: 9 },
        ],
        rows: c.points.map((p) => [
          p.what,
          p.unitName ?? 'Hela organets område',
          String(p.occasions),
          String(p.done),
          String(p.notDone),
          String(p.deviations),
          String(p.openActions),
          String(p.lateActions),
        ]),
      },
      {
        sheet: 'openDeviations',
        title: 'Öppna avvikelser',
        intro: 'Avvikelser som kontrollerna funnit och vars åtgärd inte är klar, eller som saknar åtgärd.',
        empty: texts.empty,
        columns: [
          { header: 'Kontrollpunkt', width: 24 },
          { header: 'Tillfälle', width: 10 },
          { header: 'Iakttagelser', width: 26 },
          { header: 'Åtgärd', width: 22 },
          { header: 'Status', width: 18 },
        ],
        rows: c.openDeviations.map((d) => [
          d.what,
          d.occasion,
          d.findings || NOT_WRITTEN,
          d.action ?? 'Ingen',
          deviationStatus(d),
        ]),
      },
    ],
  };
}

/** The spreadsheet's sheets of the risk and internal-control sections. */
export type IcSheet = 'riskMatrix' | 'topRisks' | 'controlPoints' | 'openDeviations' | IcReportSheet;

/** A flag section as a plain table every export lays out with its own table helper. */
export interface FlagTable {
  title: string;
  intro: string;
  empty: string;
  /** Widths in per cent of the text width. */
  columns: { header: string; width: number }[];
  rows: string[][];
}

const WHO = WHO_DECIDES;
const WHY = WHY_RULE;

/** The rows of a flag section, as every export shows them. */
export function flagTable(content: ReportContent, id: FlagSectionId): FlagTable {
  const { title, intro, empty } = FLAG_SECTION_TEXTS[id];
  if (id === 'undecidedPlans')
    return {
      title,
      intro,
      empty,
      columns: [
        { header: 'Plan', width: 24 },
        { header: 'Slag', width: 13 },
        { header: 'Ägare', width: 15 },
        { header: WHO, width: 20 },
        { header: WHY, width: 28 },
      ],
      rows: (content.undecidedPlans ?? []).map((r) => [
        r.title,
        r.kindLabel,
        r.ownerName,
        r.requiredDecisionMaker,
        r.reason,
      ]),
    };
  if (id === 'driftedGoals')
    return {
      title,
      intro,
      empty,
      columns: [
        { header: 'Beslutad lydelse', width: 21 },
        { header: 'Nuvarande lydelse', width: 21 },
        { header: 'Plan och enhet', width: 16 },
        { header: WHO, width: 18 },
        { header: WHY, width: 24 },
      ],
      rows: (content.driftedGoals ?? []).map((r) => [
        r.decidedWording ?? NO_DECIDED_WORDING,
        r.currentWording,
        `${r.planTitle}, ${r.unitName}`,
        r.requiredDecisionMaker,
        r.reason,
      ]),
    };
  if (id === 'missingAnalyses')
    return {
      title,
      intro,
      empty,
      columns: [
        { header: 'Åtgärd', width: 28 },
        { header: 'Enhet', width: 18 },
        { header: 'Varför analys krävs', width: 24 },
        { header: 'Status', width: 12 },
        { header: 'Analys', width: 18 },
      ],
      rows: (content.missingAnalyses ?? []).map((r) => [r.name, r.unitName, r.reason, r.statusLabel, r.analysisLabel]),
    };
  return {
    title,
    intro,
    empty,
    columns: [
      { header: 'Åtgärd', width: 22 },
      { header: 'Enhet', width: 14 },
      { header: 'Belopp', width: 10 },
      { header: WHO, width: 20 },
      { header: WHY, width: 34 },
    ],
    rows: (content.aboveCompetence ?? []).map((r) => [
      `${r.kind === 'measure' ? '' : 'Korrigerande åtgärd: '}${r.name}`,
      r.unitName,
      amount(r.amountKr),
      r.requiredDecisionMaker,
      r.reason,
    ]),
  };
}
export { SBAR_KEYS };

/** What a section says when it has nothing to show. */
export const EMPTY = {
  actionPlan: 'Rapporten omfattar ingen åtgärdsplan.',
  scorecard: 'Styrkortet har inga mål för enheten.',
  goal: 'Målet har inga indikatorer.',
  deviations: 'Inga avvikelser att rapportera för perioden.',
  stale: 'Alla uppgifter är rapporterade för perioden.',
} as const;

/** Introductions of the generated sections. */
export const actionPlanIntro = (plan: NonNullable<ReportContent['actionPlan']>) =>
  `${plan.planTitle} ${plan.year}. Belopp i miljoner kronor (mnkr); avvikelse är prognos mot mål.`;
export const staleIntro = (content: ReportContent) =>
  `Uppgifter som inte är rapporterade för ${month(content.period)}. Rapporten visar det senast rapporterade värdet.`;
