import type { ReportKind } from '../../domain/reports/content';
import type { Outcome } from '../../domain/reports/series';

/**
 * What seed 002 (the auditors' final report on the savings plan "Hållbar framtid", autumn 2024)
 * says that the demo reproduces, as data: seed002.api.test.ts reads the demo through the API
 * and compares each fact. Amounts are mnkr written as the seed writes them (Swedish decimal
 * comma, its own rounding, "-" for a deficit). Place names are the demo's: the seed's Region
 * Dalarna is Region Exempel, its Ludvika, Säter, Falun and Mora are Älvdal, Åby, the
 * Centralsjukhuset and Åby.
 */

/** mnkr as the seed writes it: "343,6", "-146,6", "197". */
export type SeedMnkr = string;

/** What a frozen board report shows: its action-plan row for its unit, and what its text states. */
export interface ReportFact {
  kind: ReportKind;
  /** The demo unit key the report is about. */
  unit: string;
  /** The month the figures are "per". */
  period: string;
  target?: SeedMnkr;
  forecast?: SeedMnkr;
  deviation?: SeedMnkr;
  /** Sentences the report's situation states, word for word as the demo writes them. */
  states?: string[];
}

export interface ItemFact {
  /** Without "§": the API keeps paragraphs bare and every view writes "§ 121". */
  paragraph: string;
  title: string;
  outcome: Outcome;
  /** A phrase the recorded decision text holds. */
  decisionSays?: string;
  report?: ReportFact;
}

export interface MeetingFact {
  body: 'rs' | 'hsn' | 'ktn';
  on: string;
  items: ItemFact[];
}

const NOTED = 'Informationen antecknas till protokollet.';

export const SEED002_MEETINGS: MeetingFact[] = [
  // Bilaga 3: "I april 2024 fattade Regionstyrelsen två viktiga beslut"; § 93 of HSN dates the
  // first "den 15 april 2024". The seed gives no paragraphs for them (the demo's are 58 and 59).
  {
    body: 'rs',
    on: '2024-04-15',
    items: [
      {
        paragraph: '58',
        title: 'Genomlysning av verksamheterna',
        outcome: 'uppdrag',
        decisionSays: 'Redovisning i september 2024',
      },
      {
        paragraph: '59',
        title: 'Förstärkt dialog med nämnder som uppvisar underskott',
        outcome: 'beslut',
        decisionSays: 'Från maj 2024',
      },
    ],
  },
  // 3.1.2, 2024-08-27.
  {
    body: 'hsn',
    on: '2024-08-27',
    items: [
      // "§ 89 Handlingsplan, Hållbar framtid ... Beslut: Informationen antecknas till protokollet."
      {
        paragraph: '89',
        title: 'Handlingsplan, Hållbar framtid, Hälso- och sjukvård',
        outcome: 'information',
        decisionSays: NOTED,
        // "Detta avser nytillkomna sparåtgärder ... effekt hamnar primärt efter år 2024."
        report: {
          kind: 'month',
          unit: 'hs',
          period: '2024-07',
          states: ['Nytillkomna sparåtgärder; effekten hamnar främst efter 2024.'],
        },
      },
      // "§ 93 Omvärldsbevakning ... 2. Hälso- och sjukvårdsdirektören uppdras ..."
      {
        paragraph: '93',
        title: 'Omvärldsbevakning och jämförelse med liknande regioner',
        outcome: 'uppdrag',
        decisionSays: 'uppdras att utreda division Medicin',
      },
      // "§ 98 Delårsrapport ... fastställs ... Prognosavvikelse mot målvärde, 149,3 mnkr."
      {
        paragraph: '98',
        title: 'Delårsrapport',
        outcome: 'beslut',
        decisionSays: 'Delårsrapport 2024 för förvaltningen Hälso- och sjukvård fastställs.',
        report: {
          kind: 'interim',
          unit: 'hs',
          period: '2024-07',
          target: '343,6',
          forecast: '194,3',
          deviation: '-149,3',
          states: ['Prognosavvikelse mot målvärde 149,3 mnkr.', 'de 18 övergripande åtgärderna'],
        },
      },
    ],
  },
  // 3.1.3, 2024-08-29: "§ 55 Delårsrapport. Beslut: 1 Delårsrapport 2024 godkänns. 2 Fördjupad
  // dialog ... Avvikelse jämfört med målvärde 20,9 mnkr."
  {
    body: 'ktn',
    on: '2024-08-29',
    items: [
      {
        paragraph: '55',
        title: 'Delårsrapport',
        outcome: 'beslut',
        decisionSays:
          'Fördjupad dialog om hantering av det ekonomiska underskottet sker på måldialogen den 5 september.',
        report: {
          kind: 'interim',
          unit: 'kt',
          period: '2024-07',
          target: '60',
          forecast: '39,1',
          deviation: '-20,9',
          states: ['avvikelse jämfört med målvärde 20,9 mnkr'],
        },
      },
    ],
  },
  // 3.1.1, 2024-09-16.
  {
    body: 'rs',
    on: '2024-09-16',
    items: [
      {
        paragraph: '121',
        title: 'Dialog med Kollektivtrafiknämnden',
        outcome: 'information',
        decisionSays: NOTED,
        report: { kind: 'dialogue', unit: 'kt', period: '2024-08', forecast: '39,1', deviation: '-20,9' },
      },
      // "Presentation av delårsrapport med prognos 2024 (- 396 mnkr) inklusive rapportering av
      // handlingsplan, mål 343,6 mnkr, avvikelse mot mål, - 146,6 mnkr."
      {
        paragraph: '122',
        title: 'Dialog med Hälso- och sjukvårdsnämnden',
        outcome: 'information',
        decisionSays: NOTED,
        report: {
          kind: 'dialogue',
          unit: 'hs',
          period: '2024-08',
          target: '343,6',
          forecast: '197',
          deviation: '-146,6',
          states: ['prognos 2024 (−396 mnkr)', 'mål 343,6 mnkr, avvikelse mot mål −146,6 mnkr'],
        },
      },
      // "§ 123 Ekonomisk information ... målvärde, prognos och avvikelse totalt för Region Dalarna."
      {
        paragraph: '123',
        title: 'Ekonomisk information',
        outcome: 'information',
        decisionSays: NOTED,
        report: { kind: 'month', unit: 'region', period: '2024-08', target: '500', forecast: '310,7' },
      },
      // "§ 140 Delårsrapport 2024 ... föreslår Regionfullmäktige att delårsrapport för Region
      // Dalarna per juli 2024 godkänns ... Mål 2024, 500 mnkr, prognos 310,7 mnkr."
      {
        paragraph: '140',
        title: 'Delårsrapport 2024, Region Exempel',
        outcome: 'beslut',
        decisionSays: 'per juli 2024 godkänns',
        report: {
          kind: 'interim',
          unit: 'region',
          period: '2024-07',
          target: '500',
          forecast: '310,7',
          deviation: '-189,3',
          states: ['mål 2024 500 mnkr, prognos 310,7 mnkr'],
        },
      },
    ],
  },
  // 3.1.2, 2024-10-08.
  {
    body: 'hsn',
    on: '2024-10-08',
    items: [
      // "§ 111 ... 2. Hälso- och sjukvårdsdirektören uppdras att till nästkommande nämnd
      // komplettera redovisade uppdrag med en tidplan för genomförande ..."
      {
        paragraph: '111',
        title: 'Handlingsplan Hållbar framtid, Hälso- och sjukvård',
        outcome: 'uppdrag',
        decisionSays: 'komplettera uppdragen med tidplan',
        report: { kind: 'month', unit: 'hs', period: '2024-08', target: '343,6', forecast: '197' },
      },
      {
        paragraph: '113',
        title: 'Handlingsplan Hållbar framtid, Hörsel och syn',
        outcome: 'information',
        decisionSays: NOTED,
        report: { kind: 'month', unit: 'hos', period: '2024-08' },
      },
      // "§ 115 Ekonomisk information ... Ingen information om utfall / prognos": no report.
      { paragraph: '115', title: 'Ekonomisk information', outcome: 'information', decisionSays: NOTED },
      {
        paragraph: '118',
        title: 'Omvärldsbevakning och jämförelse av vård med liknande regioner',
        outcome: 'information',
        decisionSays: NOTED,
      },
    ],
  },
  // 3.1.3, 2024-10-10: "§ 67 Ledningen informerar".
  {
    body: 'ktn',
    on: '2024-10-10',
    items: [{ paragraph: '67', title: 'Ledningen informerar', outcome: 'information', decisionSays: NOTED }],
  },
  // 3.1.1, 2024-10-22.
  {
    body: 'rs',
    on: '2024-10-22',
    items: [
      // "Månadsrapport september 2024 ... avvikelse mot mål, -175 mnkr ... åtta nya uppdrag". The
      // seed's −175 does not follow from 197 against 343,6: the report states it, the figures
      // are the action plan's.
      {
        paragraph: '155',
        title: 'Dialog med Hälso- och sjukvårdsnämnden',
        outcome: 'information',
        decisionSays: NOTED,
        report: {
          kind: 'dialogue',
          unit: 'hs',
          period: '2024-09',
          target: '343,6',
          forecast: '197',
          deviation: '-146,6',
          states: ['avvikelse mot mål −175 mnkr', 'Åtta nya uppdrag'],
        },
      },
      // "intäkter från skolkort (aktivitet i handlingsplan) blir 17 mnkr lägre än budget."
      {
        paragraph: '156',
        title: 'Dialog med Kollektivtrafiknämnden',
        outcome: 'information',
        decisionSays: NOTED,
        report: {
          kind: 'dialogue',
          unit: 'kt',
          period: '2024-09',
          states: ['intäkterna från skolkort blir 17 mnkr lägre än budget'],
        },
      },
      {
        paragraph: '157',
        title: 'Ekonomisk information',
        outcome: 'information',
        decisionSays: NOTED,
        report: { kind: 'month', unit: 'region', period: '2024-09', forecast: '310,7' },
      },
    ],
  },
  // 3.1.1, 2024-12-09.
  {
    body: 'rs',
    on: '2024-12-09',
    items: [
      {
        paragraph: '197',
        title: 'Dialog med Kollektivtrafiknämnden',
        outcome: 'information',
        decisionSays: NOTED,
        report: { kind: 'dialogue', unit: 'kt', period: '2024-10', states: ['Budget 2025'] },
      },
      // "Ekonomisk rapport, oktober 2024 ... prognos 197 mnkr, avvikelse mot mål -175 mnkr
      // (oförändrat från föregående månad) ... ytterligare 150 mnkr ... plus 20 mnkr ...
      // Sammantaget är 170 mnkr i besparing avseende år 2025".
      {
        paragraph: '198',
        title: 'Dialog med Hälso- och sjukvårdsnämnden',
        outcome: 'information',
        decisionSays: NOTED,
        report: {
          kind: 'dialogue',
          unit: 'hs',
          period: '2024-10',
          target: '343,6',
          forecast: '197',
          states: [
            'prognos 197 mnkr, avvikelse mot mål −175 mnkr (oförändrat från föregående månad)',
            'ytterligare 150 mnkr',
            '20 mnkr i budgetbeslut',
            'sammantaget 170 mnkr för 2025',
          ],
        },
      },
      {
        paragraph: '199',
        title: 'Ekonomisk information',
        outcome: 'information',
        decisionSays: NOTED,
        report: { kind: 'month', unit: 'region', period: '2024-10', forecast: '310,7' },
      },
    ],
  },
  // 3.1.2, 2024-12-10: §§ 139, 141, 143, all noted.
  {
    body: 'hsn',
    on: '2024-12-10',
    items: [
      // "Detaljerad rapportering av handlingsplan för samtliga divisioner".
      {
        paragraph: '139',
        title: 'Handlingsplan Hållbar framtid, Hälso- och sjukvård',
        outcome: 'information',
        decisionSays: NOTED,
        report: { kind: 'month', unit: 'hs', period: '2024-11', target: '343,6', forecast: '197' },
      },
      // "Rapportering av handlingsplan av tf. förvaltningschef."
      {
        paragraph: '141',
        title: 'Handlingsplan Hållbar framtid, Hörsel och syn',
        outcome: 'information',
        decisionSays: NOTED,
        report: { kind: 'month', unit: 'hos', period: '2024-11' },
      },
      { paragraph: '143', title: 'Ekonomisk information', outcome: 'information', decisionSays: NOTED },
    ],
  },
  // 3.1.3, 2024-12-12: "§ 77 Ledningen informerar", "§ 79 Ekonomisk information".
  {
    body: 'ktn',
    on: '2024-12-12',
    items: [
      { paragraph: '77', title: 'Ledningen informerar', outcome: 'information', decisionSays: NOTED },
      { paragraph: '79', title: 'Ekonomisk information', outcome: 'information', decisionSays: NOTED },
    ],
  },
];

/**
 * 1 and 3.1.4: "Två aktiva beslut avseende handlingsplanen har fattats under perioden i Hälso-
 * och sjukvårdsnämnden ... Regionstyrelsen och Kollektivtrafiknämnden har inte fattat några
 * aktiva beslut avseende handlingsplanen under hösten. ... beslutade Regionstyrelsen dock i
 * april dels att en genomlysning ... dels att inleda dialog". An active decision is one that
 * is more than noting information and more than adopting an interim report.
 */
export const SEED002_ACTIVE_DECISIONS: { body: 'rs' | 'hsn' | 'ktn'; on: string; paragraph: string }[] = [
  { body: 'rs', on: '2024-04-15', paragraph: '58' },
  { body: 'rs', on: '2024-04-15', paragraph: '59' },
  { body: 'hsn', on: '2024-08-27', paragraph: '93' },
  { body: 'hsn', on: '2024-10-08', paragraph: '111' },
];

/** The autumn the seed reviews: from HSN's August meeting to KTN's in December. */
export const SEED002_AUTUMN = { from: '2024-08-01', to: '2024-12-31' } as const;

/** The action plan's forecast for 2024 per month of report, the whole region and per förvaltning. */
export const SEED002_FORECASTS: {
  period: string;
  unit: string;
  target?: SeedMnkr;
  forecast: SeedMnkr;
  deviation?: SeedMnkr;
}[] = [
  // Bilaga 3: "I tertialrapporten var prognosen att 337 av 500 mnkr skulle klaras."
  { period: '2024-04', unit: 'region', target: '500', forecast: '337' },
  // 3.1.1 § 140: "Mål 2024, 500 mnkr, prognos 310,7 mnkr" in the interim report per juli.
  { period: '2024-07', unit: 'region', target: '500', forecast: '310,7', deviation: '-189,3' },
  // 3.2.2: "I delårsrapporten (liksom vid senare bedömningar) var prognosen ... ca 311 mnkr."
  { period: '2024-08', unit: 'region', forecast: '310,7' },
  { period: '2024-09', unit: 'region', forecast: '310,7' },
  { period: '2024-10', unit: 'region', forecast: '310,7' },
  { period: '2024-11', unit: 'region', forecast: '310,7' },
  { period: '2024-12', unit: 'region', forecast: '310,7' },
  // 3.2.2: "Prognosen totalt innebär att Regionen kommer sänka sina kostnader med 337 mnkr."
  { period: '2025-01', unit: 'region', target: '500', forecast: '337' },
  // 3.1.2 § 98: "Prognosavvikelse mot målvärde, 149,3 mnkr."
  { period: '2024-07', unit: 'hs', target: '343,6', forecast: '194,3', deviation: '-149,3' },
  // 3.1.1 § 122: "mål 343,6 mnkr, avvikelse mot mål, - 146,6 mnkr"; 3.2.2: "vid sin senaste
  // månadsrapport till Regionstyrelsen (december) ... 197 mnkr av sitt sparbeting på 344 mnkr".
  { period: '2024-08', unit: 'hs', target: '343,6', forecast: '197', deviation: '-146,6' },
  { period: '2024-10', unit: 'hs', forecast: '197' },
  { period: '2024-12', unit: 'hs', target: '343,6', forecast: '197' },
  // 3.2.2: "I de uppgifter som lämnats nu har prognosen förbättrats med 29 mnkr till 226 mnkr."
  { period: '2025-01', unit: 'hs', forecast: '226' },
  // 3.1.3 § 55: "Avvikelse jämfört med målvärde 20,9 mnkr."
  { period: '2024-07', unit: 'kt', target: '60', deviation: '-20,9', forecast: '39,1' },
];

/**
 * 3.3.3: the six measures studied in depth, "Mål för kostnadsminskning" and "Måluppfyllelse,
 * utfall 2024", by their titles in the demo; the final forecast of January 2025.
 */
export const SEED002_STUDIED_MEASURES: { title: string; target: SeedMnkr; outcome: SeedMnkr }[] = [
  { title: 'Användning av anti-VEGF', target: '15,6', outcome: '24' },
  { title: 'Behovsanpassning av Vårdnära service', target: '20', outcome: '13' },
  // "Ta över måltidsleveranser på Säters sjukhus i egen regi".
  { title: 'Måltider i egen regi på Åby sjukhus', target: '3', outcome: '3' },
  { title: 'Kostnadsneutrala skolskjutsar', target: '25', outcome: '8,3' },
  // "Närakuten, Ludvika".
  { title: 'Närakuten Älvdal', target: '12', outcome: '0' },
  { title: 'Växla ut köpt vård', target: '38', outcome: '39' },
];

/**
 * Bilaga 3: "lägre än den summa på 558 mnkr som framgår i sammanfattningen och även lägre än
 * sparambitionen på 500 mnkr ... Totalt bedömde hälso- och sjukvårdsförvaltningen att 67 mnkr
 * hade den lägre genomförbarheten (3)."
 */
export const SEED002_PLAN = { target: '500', planned: '558', plannedGrade3: '67' } as const;

/**
 * Issue 12 item 8, on the plan's measures: one measure above its owner's competence that
 * nobody competent decided, flagged for the board; and one ransonering measure ("vissa insatser
 * erbjuds i mindre omfattning", bilaga 2), which only the nämnd may decide (KL 6:38), waiting
 * for it.
 */
export const SEED002_FLAGGED_MEASURES = {
  aboveCompetence: { title: 'Ortopedins kostnader i nivå med jämförbara regioner', required: 'Förvaltningschef' },
  ransoneringWaiting: {
    title: 'Stängd vårdavdelning sommartid',
    requiredDecisionMakerStarts: 'Nämnden som styr enheten',
  },
} as const;

/** Issue 12 item 8: Färdplan 2030 steers without a decision; the styrelse only noted it. */
export const SEED002_ROADMAP = { plan: 'Färdplan 2030', notedAs: 'Färdplan 2030 – information' } as const;

/**
 * 3.3.2 "Senaste utfall / prognos", the November 2024 report: "kostnaderna för hyrpersonal på
 * ca 3,4% (målet är 2%) av de totala personalkostnaderna. Medicindivisionen och
 * Kirurgdivisionen klarar 2-procentmålet medan främst Primärvårdsdivisionen och Divisionen för
 * Psykiatriska specialiteter ligger betydligt över denna nivå." "Betydligt över" is read as at
 * least twice the goal.
 */
export const SEED002_AGENCY_STAFF = {
  month: '2024-11',
  hs: '3,4',
  target: '2',
  withinTarget: ['medicin', 'kirurgi'],
  wellAbove: ['primarvard', 'psykiatri'],
  wellAboveFrom: '4',
} as const;
