/**
 * The internkontrollrapport's section as plain tables (issue 14): one model that the PDF, the
 * Word document, the spreadsheet and the web page all lay out, so they show the same rows.
 */

import { IC_SECTION_TEXTS, type InternalControlReportSection, JUDGEMENT_TEXT } from './content';

/** The spreadsheet sheet each table goes to. */
export type IcReportSheet = 'icPoints' | 'icResults' | 'icActions' | 'icAssessment' | 'icOversight';

export interface IcReportTable {
  sheet: IcReportSheet;
  title: string;
  intro: string;
  empty: string;
  /** Widths in per cent of the text width. */
  columns: { header: string; width: number }[];
  rows: string[][];
}

const yesNo = (b: boolean) => (b ? 'Ja' : 'Nej');
const PLAN_STATUS_TEXT = { draft: 'inte beslutad', decided: 'beslutad' } as const;

/** The section's tables, or the sentence said instead when the report's unit has no body. */
export function internalControlTables(section: InternalControlReportSection | null | undefined): {
  none: string | null;
  tables: IcReportTable[];
} {
  const texts = IC_SECTION_TEXTS.internalControl;
  if (!section) return { none: texts.none, tables: [] };
  const s = section;
  const tables: IcReportTable[] = [];
  if (s.planStatus !== null)
    tables.push(
      {
        sheet: 'icPoints',
        title: `${s.bodyName}s internkontrollplan ${s.year} (${PLAN_STATUS_TEXT[s.planStatus]})`,
        intro: 'Kontrollpunkterna: vad som kontrolleras, hur och hur ofta, vem som kontrollerar och får resultatet.',
        empty: 'Planen har inga kontrollpunkter.',
        columns: [
          { header: 'Kontrollpunkt', width: 20 },
          { header: 'Metod', width: 18 },
          { header: 'Frekvens', width: 9 },
          { header: 'Enhet', width: 12 },
          { header: 'Risk', width: 14 },
          { header: 'Kontrollant', width: 10 },
          { header: 'Mottagare', width: 10 },
          { header: 'Senast', width: 7 },
        ],
        rows: s.points.map((p) => [
          `${p.what}${p.regionWide ? ' (regionövergripande)' : ''}`,
          p.method,
          p.frequency,
          p.unitName ?? 'Hela organets område',
          p.riskTitle ?? '–',
          p.checkerName ?? '–',
          p.recipient,
          p.dueOn,
        ]),
      },
      {
        sheet: 'icResults',
        title: 'Resultat per kontrolltillfälle',
        intro: 'Varje registrerat resultat: om kontrollen utfördes, om en avvikelse hittades och vad som iakttogs.',
        empty: 'Inga resultat är registrerade ännu.',
        columns: [
          { header: 'Kontrollpunkt', width: 24 },
          { header: 'Tillfälle', width: 10 },
          { header: 'Utförd', width: 8 },
          { header: 'Avvikelse', width: 9 },
          { header: 'Allvarlig', width: 9 },
          { header: 'Stickprov', width: 9 },
          { header: 'Iakttagelser', width: 31 },
        ],
        rows: s.results.map((r) => [
          r.what,
          r.occasion,
          yesNo(r.done),
          yesNo(r.deviation),
          yesNo(r.serious),
          r.sampleSize === null ? '–' : String(r.sampleSize),
          r.findings || 'Inget angivet.',
        ]),
      },
      {
        sheet: 'icActions',
        title: 'Åtgärder för avvikelserna',
        intro: `Åtgärderna som avvikelserna kräver, med status den ${s.asOf}; en öppen åtgärd efter sitt slutdatum är försenad.`,
        empty: 'Inga avvikelser har krävt någon åtgärd.',
        columns: [
          { header: 'Kontrollpunkt', width: 20 },
          { header: 'Tillfälle', width: 10 },
          { header: 'Åtgärd', width: 26 },
          { header: 'Ansvarig', width: 14 },
          { header: 'Senast', width: 12 },
          { header: 'Status', width: 18 },
        ],
        rows: s.actions.map((a) => [
          a.what,
          a.occasion,
          a.action,
          a.ownerName ?? 'Ingen ansvarig',
          a.dueOn,
          a.status === 'done' ? 'Klar' : a.late ? 'Försenad' : 'Pågår',
        ]),
      },
    );
  tables.push({
    sheet: 'icAssessment',
    title: `${s.bodyName}s bedömning av den interna kontrollen ${s.year}`,
    intro: 'Organets egen bedömning av sin interna kontroll, med skälen.',
    empty: 'Organet har inte gjort någon bedömning för året ännu.',
    columns: [
      { header: 'Bedömning', width: 20 },
      { header: 'Skäl', width: 60 },
      { header: 'Beslutad', width: 20 },
    ],
    rows: s.assessment
      ? [
          [
            JUDGEMENT_TEXT[s.assessment.judgement],
            s.assessment.reasons || 'Inget angivet.',
            yesNo(s.assessment.decided),
          ],
        ]
      : [],
  });
  if (s.oversight !== null)
    tables.push({
      sheet: 'icOversight',
      title: `Uppsikt: den interna kontrollen i varje nämnd ${s.year}`,
      intro: 'Per organ: planens status, kontrollpunkter, utförda kontroller, avvikelser, åtgärder och bedömning.',
      empty: 'Inga nämnder att redovisa.',
      columns: [
        { header: 'Organ', width: 20 },
        { header: 'Plan', width: 11 },
        { header: 'Punkter', width: 8 },
        { header: 'Utförda', width: 8 },
        { header: 'Ej utförda', width: 8 },
        { header: 'Avvikelser', width: 9 },
        { header: 'Öppna åtgärder', width: 9 },
        { header: 'Försenade åtgärder', width: 9 },
        { header: 'Bedömning', width: 18 },
      ],
      rows: s.oversight.map((o) => [
        o.bodyName,
        o.planStatus === null ? 'Ingen plan' : PLAN_STATUS_TEXT[o.planStatus],
        String(o.points),
        String(o.done),
        String(o.notDone),
        String(o.deviations),
        String(o.openActions),
        String(o.lateActions),
        o.judgement === null ? 'Ingen bedömning' : JUDGEMENT_TEXT[o.judgement],
      ]),
    });
  return { none: s.planStatus === null ? `${texts.noPlan} (${s.bodyName}, ${s.year})` : null, tables };
}
