/**
 * A realistic board report for the exports' tests and benchmarks: Hälso- och sjukvård's
 * monthly report for September 2024 with the action plan "Hållbar framtid". The unit rows add
 * up to the plan's totals (target 343,6 mnkr, forecast 197,0 mnkr, deviation −146,6 mnkr).
 * `scale` repeats the units, goals, deviations and stale figures that many times (numbered
 * copies) to give the row counts of a large region; the totals stay those of one copy.
 */
import type {
  ActionPlanRow,
  DeviationRow,
  ReportContent,
  ScorecardIndicatorRow,
  ScorecardSection,
  StaleRow,
  TrafficLight,
} from '../../../domain/reports/content';

const MN = 1_000_000n;
const kr = (mnkr: number) => (BigInt(Math.round(mnkr * 10)) * (MN / 10n)).toString();

interface MeasureSeed {
  measure: string;
  target: number;
  forecast: number | null;
  comment: string;
  stale?: boolean;
}

interface UnitSeed {
  unitName: string;
  target: number;
  comment: string;
  measures: MeasureSeed[];
}

const UNITS: UnitSeed[] = [
  {
    unitName: 'Område Specialiserad vård',
    target: 180,
    comment: 'Prognosen förutsätter att inhyrningsstoppet får full effekt under november och december.',
    measures: [
      {
        measure: 'Anti-VEGF',
        target: 15.6,
        forecast: 24,
        comment: 'Byte till biosimilar genomfört i hela regionen från maj; effekten blir större än beräknat.',
      },
      {
        measure: 'Växla ut köpt vård',
        target: 38,
        forecast: 39,
        comment: 'Ortopedi och katarakt hämtas hem enligt plan.',
      },
      {
        measure: 'Närakuten',
        target: 12,
        forecast: 0,
        comment: 'Lokalfrågan är inte löst. Öppnandet är skjutet till 2025.',
        stale: true,
      },
      {
        measure: 'Minskad inhyrd personal',
        target: 60,
        forecast: 35,
        comment: 'Inhyrda sjuksköterskor inom akutsjukvården har minskat, men inte i den takt planen räknade med.',
      },
      {
        measure: 'Samordnad operationsplanering',
        target: 54.4,
        forecast: 22,
        comment:
          'Gemensam planering av operationssalarna infördes i september. Vårdplatsbristen begränsar antalet operationer, så effekten skjuts till nästa år.',
      },
    ],
  },
  {
    unitName: 'Område Nära vård',
    target: 98,
    comment: 'Jourlinjeöversynen är inte klar; ingen prognos lämnad.',
    measures: [
      {
        measure: 'Vårdnära service',
        target: 20,
        forecast: 13,
        comment: 'Rekryteringen av servicepersonal tog längre tid än planerat.',
      },
      {
        measure: 'Digitala vårdbesök',
        target: 30,
        forecast: 21,
        comment: 'Andelen digitala besök ökar, men långsammare än planerat.',
      },
      {
        measure: 'Läkemedelsgenomgångar',
        target: 18,
        forecast: 18,
        comment: 'Enligt plan.',
      },
      {
        measure: 'Översyn av jourlinjer',
        target: 30,
        forecast: null,
        comment: '',
        stale: true,
      },
    ],
  },
  {
    unitName: 'Område Psykiatri',
    target: 65.6,
    comment: 'Behovet av köpta platser inom rättspsykiatrin är fortsatt högt.',
    measures: [
      {
        measure: 'Minskade köpta platser',
        target: 40,
        forecast: 20,
        comment: 'Två egna platser öppnade i augusti; ytterligare fyra kräver bemanning som saknas.',
      },
      {
        measure: 'Heltidsresan',
        target: 25.6,
        forecast: 5,
        comment: 'Schemaläggningen enligt heltidsmodellen har börjat på tre av tolv avdelningar.',
      },
    ],
  },
];

interface GoalSeed {
  title: string;
  perspective: string;
  status: TrafficLight;
  indicators: ScorecardIndicatorRow[];
}

const indicator = (
  name: string,
  unitOfMeasure: string,
  target: string | null,
  outcome: string | null,
  forecast: string | null,
  status: TrafficLight,
  stale = false,
): ScorecardIndicatorRow => ({ name, unitOfMeasure, target, outcome, forecast, status, stale });

const GOALS: GoalSeed[] = [
  {
    title: 'God tillgänglighet i vården',
    perspective: 'Invånare och patienter',
    status: 'yellow',
    indicators: [
      indicator('Andel nybesök inom 90 dagar', '%', '80', '74.5', '76', 'yellow'),
      indicator('Medianvistelsetid på akutmottagningen', 'timmar', '3.5', '4.1', '4.0', 'red'),
      indicator('Väntande till operation mer än 90 dagar', 'antal', '1200', '1840', '1700', 'red'),
    ],
  },
  {
    title: 'Attraktiv arbetsgivare',
    perspective: 'Medarbetare',
    status: 'red',
    indicators: [
      indicator('Andel inhyrd personal', '%', '2', '4.8', '4.2', 'red'),
      indicator('Sjukfrånvaro', '%', '6.0', '6.3', '6.1', 'yellow'),
      indicator('Personalomsättning', '%', '10', null, null, 'grey', true),
    ],
  },
  {
    title: 'Ekonomi i balans',
    perspective: 'Ekonomi',
    status: 'red',
    indicators: [
      indicator('Nettokostnadsutveckling', '%', '3.0', '4.2', '4.0', 'yellow'),
      indicator('Resultat mot budget', 'mnkr', '0', '-146.6', '-160', 'red'),
    ],
  },
  {
    title: 'Säker och effektiv vård',
    perspective: 'Verksamhet',
    status: 'green',
    indicators: [
      indicator('Vårdrelaterade infektioner', '%', '5.0', '4.7', '4.8', 'green'),
      indicator('Utskrivningsklara patienter per dag', 'antal', '20', '18', '19', 'green'),
    ],
  },
];

const DEVIATIONS: DeviationRow[] = [
  {
    kind: 'indicator',
    name: 'Andel inhyrd personal',
    unitName: 'Hälso- och sjukvård',
    unitOfMeasure: '%',
    target: '2',
    value: '4.8',
    deviation: '2.8',
    analysis:
      'Bristen på specialistsjuksköterskor inom akut- och intensivvården gör att inhyrning fortfarande krävs för att hålla vårdplatser öppna.',
    correctiveAction:
      'Stopp för inhyrning av sjuksköterskor från 1 november 2024 med undantag som beslutas av hälso- och sjukvårdsdirektören.',
    decisionLevel: 'Hälso- och sjukvårdsdirektör',
    escalated: false,
  },
  {
    kind: 'indicator',
    name: 'Medianvistelsetid på akutmottagningen',
    unitName: 'Område Specialiserad vård',
    unitOfMeasure: 'timmar',
    target: '3.5',
    value: '4.1',
    deviation: '0.6',
    analysis: 'Vårdplatsbristen ger väntan på inläggning; patienter blir kvar på akutmottagningen.',
    correctiveAction: 'Vårdplatskoordinator dygnet runt från oktober.',
    decisionLevel: 'Områdeschef',
    escalated: false,
  },
  {
    kind: 'measure',
    name: 'Närakuten',
    unitName: 'Område Specialiserad vård',
    unitOfMeasure: 'kr',
    target: '12000000',
    value: '0',
    deviation: '-12000000',
    analysis: 'Lokalerna blir inte klara under 2024, så ingen besparing uppstår i år.',
    correctiveAction: 'Förslag om tillfälliga lokaler tas fram till nämndens decembersammanträde.',
    decisionLevel: 'Regionstyrelsen',
    escalated: true,
  },
  {
    kind: 'measure',
    name: 'Samordnad operationsplanering',
    unitName: 'Område Specialiserad vård',
    unitOfMeasure: 'kr',
    target: '54400000',
    value: '22000000',
    deviation: '-32400000',
    analysis: 'Färre operationer än planerat på grund av stängda vårdplatser.',
    correctiveAction: null,
    decisionLevel: 'Hälso- och sjukvårdsnämnden',
    escalated: true,
  },
];

const STALE: StaleRow[] = [
  { kind: 'measure', name: 'Närakuten', unitName: 'Område Specialiserad vård', asOf: '2024-06' },
  { kind: 'measure', name: 'Översyn av jourlinjer', unitName: 'Område Nära vård', asOf: null },
  { kind: 'indicator', name: 'Personalomsättning', unitName: 'Hälso- och sjukvård', asOf: '2024-04' },
];

const numbered = (name: string, copy: number) => (copy === 1 ? name : `${name} ${copy}`);

function actionPlanRows(copies: number): ActionPlanRow[] {
  const rows: ActionPlanRow[] = [];
  for (let copy = 1; copy <= copies; copy++)
    for (const unit of UNITS) {
      const unitName = numbered(unit.unitName, copy);
      const forecast = unit.measures.reduce((sum, m) => sum + BigInt(kr(m.forecast ?? 0)), 0n);
      rows.push({
        unitName,
        measure: null,
        targetKr: kr(unit.target),
        forecastKr: forecast.toString(),
        deviationKr: (forecast - BigInt(kr(unit.target))).toString(),
        comment: unit.comment,
        stale: false,
      });
      for (const m of unit.measures)
        rows.push({
          unitName,
          measure: m.measure,
          targetKr: kr(m.target),
          forecastKr: m.forecast === null ? null : kr(m.forecast),
          deviationKr: m.forecast === null ? null : (BigInt(kr(m.forecast)) - BigInt(kr(m.target))).toString(),
          comment: m.comment,
          stale: m.stale ?? false,
        });
    }
  return rows;
}

function scorecard(copies: number): ScorecardSection {
  const goals: ScorecardSection['goals'] = [];
  for (let copy = 1; copy <= copies; copy++)
    for (const g of GOALS)
      goals.push({
        title: numbered(g.title, copy),
        perspective: g.perspective,
        status: g.status,
        indicators: g.indicators.map((i) => ({ ...i })),
      });
  const counts: Record<TrafficLight, number> = { green: 0, yellow: 0, red: 0, grey: 0 };
  for (const g of goals) for (const i of g.indicators) counts[i.status] += 1;
  return { counts, goals };
}

function repeated<T extends { unitName: string }>(rows: T[], copies: number): T[] {
  const out: T[] = [];
  for (let copy = 1; copy <= copies; copy++)
    for (const r of rows) out.push({ ...r, unitName: numbered(r.unitName, copy) });
  return out;
}

export function sampleReportContent(scale = 1): ReportContent {
  const copies = Math.max(1, Math.floor(scale));
  return {
    title: 'Månadsrapport september 2024 – Hälso- och sjukvård',
    kind: 'month',
    unitName: 'Hälso- och sjukvård',
    period: '2024-09',
    meeting: { bodyName: 'Hälso- och sjukvårdsnämnden', meetsOn: '2024-10-24', paragraph: '§ 112' },
    sbar: {
      situation:
        'Hälso- och sjukvården prognostiserar ett underskott mot åtgärdsplanen Hållbar framtid. Av sparbetinget på 343,6 mnkr beräknas åtgärderna ge 197,0 mnkr under 2024.\n\nTillgängligheten är fortsatt under målen, och andelen inhyrd personal ligger på 4,8 procent mot målet 2 procent.',
      background:
        'Regionfullmäktige beslutade i november 2023 om ett sparbeting för hälso- och sjukvården inom ramen för Hållbar framtid. Åtgärderna följs upp varje månad av förvaltningens ledningsgrupp och rapporteras till nämnden varje tertial.',
      assessment:
        'Tre av elva åtgärder ger minst den effekt som planerades. Den största avvikelsen finns inom Område Specialiserad vård, där inhyrd personal och operationsplaneringen inte når planerad effekt.\n\nNärakuten skjuts till 2025 och ger ingen besparing i år. Utan ytterligare åtgärder bedöms underskottet kvarstå vid årets slut.',
      recommendation:
        'Förvaltningen föreslår att nämnden ger hälso- och sjukvårdsdirektören i uppdrag att ta fram kompletterande åtgärder motsvarande minst 100 mnkr till nämndens decembersammanträde.',
    },
    proposedDecision:
      'Hälso- och sjukvårdsnämnden beslutar\n\natt godkänna månadsrapporten för september 2024,\n\natt ge hälso- och sjukvårdsdirektören i uppdrag att ta fram kompletterande åtgärder om minst 100 mnkr till sammanträdet i december 2024.',
    actionPlan: {
      planTitle: 'Hållbar framtid',
      year: 2024,
      totals: {
        targetKr: '343600000',
        plannedKr: '343600000',
        plannedGrade12Kr: '280000000',
        forecastKr: '197000000',
        forecastGrade12Kr: '170000000',
        outcomeKr: '121400000',
        deviationKr: '-146600000',
      },
      rows: actionPlanRows(copies),
      layout: 'byUnit',
    },
    scorecard: scorecard(copies),
    deviations: repeated(DEVIATIONS, copies),
    stale: repeated(STALE, copies),
    undecidedPlans: [
      {
        title: 'Färdplan 2030',
        kindLabel: 'Strategi',
        ownerName: 'Regionstyrelsen',
        requiredDecisionMaker: 'Regionfullmäktige',
        reason:
          'Strategi beslutas av regionfullmäktige. Mål och riktlinjer för verksamheten är fullmäktiges (KL 5 kap. 1 §).',
      },
    ],
    driftedGoals: [
      {
        planTitle: 'Regionplan med budget 2025–2027',
        unitName: 'Region Exempel',
        decidedWording: 'Andelen besök i primärvården ska öka',
        currentWording: 'Vården ska ges nära invånarna',
        requiredDecisionMaker: 'Regionfullmäktige',
        reason: 'Regionplan beslutas av regionfullmäktige. Budget, mål för god ekonomisk hushållning (KL 11 kap.).',
      },
    ],
    aboveCompetence: repeated(
      [
        {
          kind: 'measure' as const,
          name: 'Minskad inhyrd personal',
          unitName: 'Område Specialiserad vård',
          amountKr: '30000000',
          requiredDecisionMaker: 'Nämnd eller högre enligt delegationsordningen (30,0 mnkr)',
          reason: 'Chef för Område Specialiserad vård får inte besluta om åtgärd: 30,0 mnkr är över gränsen.',
        },
      ],
      copies,
    ),
    missingAnalyses: [
      {
        name: 'Sommarstängning av vårdplatser',
        unitName: 'Område Specialiserad vård',
        reason: 'Ransonering',
        statusLabel: 'Pågår',
        analysisLabel: 'Ingen analys',
      },
    ],
    riskMatrix: {
      bodyName: 'Hälso- och sjukvårdsnämnden',
      probabilitySteps: ['Osannolik', 'Möjlig', 'Sannolik', 'Mycket sannolik'],
      consequenceSteps: ['Försumbar', 'Lindrig', 'Kännbar', 'Allvarlig'],
      cells: [1, 2, 3, 4].flatMap((p) =>
        [1, 2, 3, 4].map((c) => ({
          probability: p,
          consequence: c,
          value: p * c,
          level: (p * c >= 12 ? 'very_high' : p * c >= 8 ? 'high' : p * c >= 4 ? 'medium' : 'low') as
            | 'low'
            | 'medium'
            | 'high'
            | 'very_high',
          count: p === 4 && c === 4 ? 1 : p === 3 && c === 4 ? 2 : p === 2 && c === 2 ? 3 : 0,
        })),
      ),
      unassessed: 1,
      topRisks: [
        {
          title: 'Beroende av hyrpersonal',
          ownerName: 'Område Specialiserad vård',
          value: 16,
          level: 'very_high',
          assessedOn: '2024-09-02',
        },
        {
          title: 'Stängda vårdplatser under sommaren',
          ownerName: 'Hälso- och sjukvårdsnämnden',
          value: 12,
          level: 'very_high',
          assessedOn: '2024-05-20',
        },
      ],
    },
    controlResults: {
      bodyName: 'Hälso- och sjukvårdsnämnden',
      year: 2024,
      planStatus: 'decided',
      points: [
        {
          what: 'Attest av leverantörsfakturor',
          unitName: null,
          occasions: 3,
          done: 2,
          notDone: 0,
          deviations: 1,
          openActions: 1,
          lateActions: 1,
        },
        {
          what: 'Inköp utanför avtal',
          unitName: 'Område Specialiserad vård',
          occasions: 2,
          done: 1,
          notDone: 1,
          deviations: 0,
          openActions: 0,
          lateActions: 0,
        },
      ],
      openDeviations: [
        {
          what: 'Attest av leverantörsfakturor',
          occasion: '2024-T1',
          findings: 'Tre av 40 fakturor saknade attest.',
          serious: false,
          action: 'Påminnelse till attestanterna (Ekonomichef, senast 2024-06-01)',
          late: true,
        },
      ],
    },
  };
}
