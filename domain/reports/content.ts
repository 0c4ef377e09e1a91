/**
 * A board report's content: what is frozen when the report is sent, and what every export
 * (PDF, Word, Excel) and the web page render. Figures are data, never typed text: amounts are
 * whole kronor as decimal strings (exact, beyond 2^53), indicator values decimal strings in the
 * indicator's own unit of measure. Only the SBAR text and the proposed decision are written.
 */

import type { DeviationKind } from '../followup/deviations';
import type { RiskLevel } from '../risk/matrix';
import type { Status } from '../steering';

export const REPORT_KINDS = ['month', 'tertial', 'interim', 'annual', 'dialogue', 'internal_control'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  month: 'Månadsrapport',
  tertial: 'Tertialrapport',
  interim: 'Delårsrapport',
  annual: 'Årsrapport',
  dialogue: 'Dialogunderlag',
  internal_control: 'Internkontrollrapport',
};

/**
 * The internkontrollrapport (issue 14) is a report of its own: a body's plan, results,
 * assessment and risks for a year, with none of the month's figures (action plan, scorecard).
 */
export const isInternalControlReport = (kind: ReportKind): boolean => kind === 'internal_control';

/** A report's traffic light is the steering status (domain/steering `STATUSES`). */
export type TrafficLight = Status;

export const STATUS_LABELS: Record<TrafficLight, string> = {
  green: 'Grön',
  yellow: 'Gul',
  red: 'Röd',
  grey: 'Saknar värde',
};

export interface Sbar {
  situation: string;
  background: string;
  assessment: string;
  recommendation: string;
}

/** The SBAR parts in the order a report is read. */
export const SBAR_KEYS = [
  'situation',
  'background',
  'assessment',
  'recommendation',
] as const satisfies readonly (keyof Sbar)[];

export const SBAR_HEADINGS: Record<keyof Sbar, string> = {
  situation: 'Situation',
  background: 'Bakgrund',
  assessment: 'Aktuell bedömning',
  recommendation: 'Rekommendation',
};

/** One row of the action-plan table: a measure (or a unit's total when `measure` is null). */
export interface ActionPlanRow {
  /** The unit of a unit row; the unit that owns the measure of a measure row. */
  unitName: string;
  measure: string | null;
  /** Allocated requirement for a unit row, the measure's net target for a measure row. */
  targetKr: string;
  forecastKr: string | null;
  /** forecast − target; null when there is no forecast. */
  deviationKr: string | null;
  comment: string;
  stale: boolean;
}

export interface ActionPlanSection {
  planTitle: string;
  year: number;
  totals: {
    targetKr: string;
    plannedKr: string;
    plannedGrade12Kr: string;
    forecastKr: string;
    forecastGrade12Kr: string;
    outcomeKr: string;
    deviationKr: string;
  };
  /**
   * The report's unit and each unit directly below it, each unit row followed by the measures
   * of its own subtree (a measure owned further down stays under the unit it belongs to).
   */
  rows: ActionPlanRow[];
  /**
   * 'byUnit' when `rows` are grouped as said above. Content frozen before it was set lists every
   * unit row first and the measures after them; renderers regroup such rows by unit name.
   */
  layout?: 'byUnit';
}

export interface ScorecardIndicatorRow {
  name: string;
  unitOfMeasure: string;
  target: string | null;
  outcome: string | null;
  forecast: string | null;
  status: TrafficLight;
  stale: boolean;
}

export interface ScorecardSection {
  /** How many indicators are green, yellow, red and grey. */
  counts: Record<TrafficLight, number>;
  goals: { title: string; perspective: string; status: TrafficLight; indicators: ScorecardIndicatorRow[] }[];
}

export interface DeviationRow {
  kind: DeviationKind;
  name: string;
  unitName: string;
  /** 'kr' for measures (values in whole kronor), else the indicator's unit of measure. */
  unitOfMeasure: string;
  target: string | null;
  value: string | null;
  deviation: string | null;
  analysis: string;
  correctiveAction: string | null;
  decisionLevel: string | null;
  escalated: boolean;
}

export interface StaleRow {
  kind: DeviationKind;
  name: string;
  unitName: string;
  /** The last month a figure was reported for, or null if never. */
  asOf: string | null;
}

/**
 * A plan that steers (has goals or measures) without a decision by a competent maker
 * ("styr verksamhet men saknar beslut"), as the board is shown it (decision 016).
 */
export interface UndecidedPlanRow {
  title: string;
  /** The plan's kind, in Swedish ("Verksamhetsplan"). */
  kindLabel: string;
  /** The body or unit that owns the plan. */
  ownerName: string;
  /** Who must decide, in Swedish. */
  requiredDecisionMaker: string;
  /** Why: the rule cited (a paragraph of kommunallagen, or the region's own rule). */
  reason: string;
}

/** A goal whose current wording no competent decision stands behind (drift), with both wordings. */
export interface DriftedGoalRow {
  planTitle: string;
  unitName: string;
  /** The newest wording a competent decision stands behind; null when none ever did. */
  decidedWording: string | null;
  currentWording: string;
  requiredDecisionMaker: string;
  reason: string;
}

/** A measure or corrective action above its owner's competence, with no competent decision naming it. */
export interface AboveCompetenceRow {
  kind: 'measure' | 'corrective_action';
  name: string;
  unitName: string;
  /** Whole kronor as digits: the largest yearly gross effect, or the action's amount. */
  amountKr: string;
  requiredDecisionMaker: string;
  /** Why the owner may not decide it: the rule and what the owner lacks. */
  reason: string;
}

/**
 * A running measure that needs a risk- och konsekvensanalys (ransonering, or a change to a
 * service's scope or quality) and has no done one (issue 14, decision 020).
 */
export interface MissingAnalysisRow {
  name: string;
  unitName: string;
  /** Why it needs one: its category, or that it changes a service. */
  reason: string;
  /** The measure's status, in words. */
  statusLabel: string;
  /** What there is: none at all, or a draft. */
  analysisLabel: string;
}

/** A risk's colour level in words, as the board reads it. */
export const RISK_LEVEL_TEXT: Record<RiskLevel, string> = {
  low: 'Låg',
  medium: 'Medel',
  high: 'Hög',
  very_high: 'Mycket hög',
};

/** How many of the body's risks the board is shown by name, highest value first. */
export const TOP_RISKS = 10;

/** A risk among the highest of the report's body, by its latest assessment. */
export interface TopRiskRow {
  title: string;
  /** The unit that owns the risk, or the body when the risk is in the body's own register. */
  ownerName: string;
  value: number;
  level: RiskLevel;
  /** The day of the latest assessment, YYYY-MM-DD. */
  assessedOn: string;
}

/**
 * The risk matrix of the body the report's unit belongs to (its own register, its units' and,
 * for the styrelse, every nämnd's), with the highest risks (issue 14).
 */
export interface RiskMatrixSection {
  bodyName: string;
  /** The scale's words, lowest step first. */
  probabilitySteps: string[];
  consequenceSteps: string[];
  /** Every cell of the scale with how many active risks sit there. */
  cells: { probability: number; consequence: number; value: number; level: RiskLevel; count: number }[];
  /** Active risks with no assessment yet, which have no cell. */
  unassessed: number;
  topRisks: TopRiskRow[];
}

/** One control point of the body's plan, with its results of the year so far. */
export interface ControlPointRow {
  what: string;
  /** The unit the point is checked at, or null for the body's whole area. */
  unitName: string | null;
  /** How many occasions the plan has for the point in the year. */
  occasions: number;
  done: number;
  notDone: number;
  deviations: number;
  openActions: number;
  lateActions: number;
}

/** A deviation found by a control with an action not yet done (or none decided). */
export interface OpenDeviationRow {
  what: string;
  occasion: string;
  findings: string;
  serious: boolean;
  /** The action, its owner and due date in words; null when none is decided. */
  action: string | null;
  late: boolean;
}

/** The control results and open deviations of the body's internkontrollplan for the year (issue 14). */
export interface ControlResultsSection {
  bodyName: string;
  year: number;
  /** Null when the body has no plan for the year. */
  planStatus: 'draft' | 'decided' | null;
  points: ControlPointRow[];
  openDeviations: OpenDeviationRow[];
}

/** A control point of the body's plan, as the internkontrollrapport lists it. */
export interface IcPlanPointRow {
  what: string;
  method: string;
  /** How often, in words ("Per tertial"). */
  frequency: string;
  /** The unit the point is checked at, or null for the body's whole area. */
  unitName: string | null;
  riskTitle: string | null;
  checkerName: string | null;
  recipient: string;
  dueOn: string;
  regionWide: boolean;
}

/** One control result: a point on one occasion. */
export interface IcResultRow {
  what: string;
  occasion: string;
  done: boolean;
  deviation: boolean;
  serious: boolean;
  sampleSize: number | null;
  findings: string;
}

/** An action a deviation needs, with its status as of the day the content was built. */
export interface IcActionRow {
  what: string;
  occasion: string;
  action: string;
  ownerName: string | null;
  dueOn: string;
  status: 'open' | 'done';
  late: boolean;
}

/** One body on the styrelse's uppsikt: its plan and the year's counts. */
export interface IcOversightRow {
  bodyName: string;
  planStatus: 'draft' | 'decided' | null;
  points: number;
  done: number;
  notDone: number;
  deviations: number;
  openActions: number;
  lateActions: number;
  judgement: 'sufficient' | 'partly' | 'insufficient' | null;
}

export interface InternalControlReportSection {
  bodyName: string;
  bodyKind: 'namnd' | 'styrelse';
  year: number;
  /** The day the content was built: actions are late as of it. */
  asOf: string;
  /** Null when the body has no plan for the year. */
  planStatus: 'draft' | 'decided' | null;
  points: IcPlanPointRow[];
  results: IcResultRow[];
  actions: IcActionRow[];
  assessment: { judgement: 'sufficient' | 'partly' | 'insufficient'; reasons: string; decided: boolean } | null;
  /** The styrelse's report only: every body on the uppsikt. */
  oversight: IcOversightRow[] | null;
}

export const JUDGEMENT_TEXT = {
  sufficient: 'Tillräcklig',
  partly: 'Delvis tillräcklig',
  insufficient: 'Otillräcklig',
} as const;

export const IC_SECTION_TEXTS = {
  riskMatrix: {
    title: 'Riskmatris och de högsta riskerna',
    none: 'Rapportens enhet hör inte till någon nämnd eller styrelse med ett riskregister.',
    empty: 'Organet har inga bedömda risker.',
  },
  controlResults: {
    title: 'Kontrollresultat och öppna avvikelser',
    none: 'Rapportens enhet hör inte till någon nämnd eller styrelse med en internkontrollplan.',
    noPlan: 'Organet har ingen internkontrollplan för året.',
    empty: 'Inga öppna avvikelser.',
  },
  internalControl: {
    title: 'Internkontrollplan, resultat och bedömning',
    none: 'Rapportens enhet hör inte till någon nämnd eller styrelse.',
    noPlan: 'Organet har ingen internkontrollplan för året.',
  },
} as const;

/** The flag sections' headings and texts, shared by the exports and the web page. */
export const FLAG_SECTION_TEXTS = {
  undecidedPlans: {
    title: 'Planer som styr utan behörigt beslut',
    intro:
      'Planer med mål eller åtgärder som styr verksamheten men saknar beslut av den som får besluta dem, under rapportens enhet.',
    empty: 'Alla planer som styr verksamheten har ett behörigt beslut.',
  },
  driftedGoals: {
    title: 'Mål som formulerats om utan beslut',
    intro:
      'Mål vars gällande formulering inget behörigt beslut står bakom, med den beslutade och den nuvarande lydelsen.',
    empty: 'Inga mål har formulerats om utan beslut.',
  },
  aboveCompetence: {
    title: 'Åtgärder över beslutsfattarens befogenhet',
    intro:
      'Åtgärder och korrigerande åtgärder som är större, eller av annat slag, än den ansvariga chefen får besluta, och som inget behörigt beslut avgör.',
    empty: 'Inga åtgärder ligger över beslutsfattarens befogenhet.',
  },
  missingAnalyses: {
    title: 'Åtgärder utan risk- och konsekvensanalys',
    intro:
      'Ransonering och åtgärder som ändrar en tjänsts omfattning eller kvalitet, som saknar en klar risk- och konsekvensanalys. De kan inte rapporteras som påbörjade eller lämnas in förrän analysen är klar.',
    empty: 'Alla åtgärder som kräver en risk- och konsekvensanalys har en klar analys.',
  },
} as const;

/** The column headings of who must decide a flagged record, and why. */
export const WHO_DECIDES = 'Vem som ska besluta';
export const WHY_RULE = 'Varför (regeln)';
export const NO_DECIDED_WORDING = 'Ingen lydelse har beslutats';

export interface ReportContent {
  title: string;
  kind: ReportKind;
  unitName: string;
  /** The month reported on, YYYY-MM. */
  period: string;
  /** The body and meeting the report went to, once sent. */
  meeting: { bodyName: string; meetsOn: string; paragraph: string } | null;
  /**
   * When and by whom (a person's name) the report was sent; absent in drafts and in content
   * frozen before it was recorded.
   */
  sent?: { on: string; byName: string } | null;
  sbar: Sbar;
  proposedDecision: string;
  actionPlan: ActionPlanSection | null;
  scorecard: ScorecardSection;
  deviations: DeviationRow[];
  stale: StaleRow[];
  /**
   * The flags the board must act on, each scoped to the report's unit and the units below it.
   * Absent in content frozen before they were carried (decision 016); empty when nothing is flagged.
   */
  undecidedPlans?: UndecidedPlanRow[];
  driftedGoals?: DriftedGoalRow[];
  aboveCompetence?: AboveCompetenceRow[];
  /** Absent in content frozen before analyses were carried (issue 14). */
  missingAnalyses?: MissingAnalysisRow[];
  /**
   * The risk matrix and the control results of the report's body (issue 14); absent in content
   * frozen before they were carried, null when the report's unit belongs to no nämnd or styrelse.
   */
  riskMatrix?: RiskMatrixSection | null;
  controlResults?: ControlResultsSection | null;
  /**
   * The internkontrollrapport's own content (kind `internal_control` only): the body's plan, every
   * result per occasion, the actions, the yearly assessment and, for the styrelse, the uppsikt.
   */
  internalControl?: InternalControlReportSection | null;
}

/** Progress of a long job, 0–1, with what it is doing now (Swedish). */
export type Progress = (fraction: number, step: string) => void;

/** A figure as frozen: a decimal string, or a JSON number in content frozen by older versions. */
type FrozenFigure = string | number | null | undefined;

const figureText = (value: FrozenFigure): string | null =>
  value === null || value === undefined
    ? null
    : typeof value === 'number'
      ? Number.isInteger(value)
        ? BigInt(value).toString()
        : String(value)
      : value;

/**
 * The content with every figure as a decimal string, as {@link ReportContent} says. A sent
 * report keeps the content it was frozen with (its hash is over that text), and content frozen
 * by an older version may hold amounts as JSON numbers: renderers read it through this.
 */
export function withFiguresAsText(content: ReportContent): ReportContent {
  const plan = content.actionPlan;
  const totals = plan?.totals as Record<string, FrozenFigure> | undefined;
  return {
    ...content,
    actionPlan: plan && {
      ...plan,
      totals: Object.fromEntries(
        Object.entries(totals ?? {}).map(([key, value]) => [key, figureText(value) ?? '0']),
      ) as ActionPlanSection['totals'],
      rows: plan.rows.map((r) => ({
        ...r,
        targetKr: figureText(r.targetKr) ?? '0',
        forecastKr: figureText(r.forecastKr),
        deviationKr: figureText(r.deviationKr),
      })),
    },
    scorecard: {
      ...content.scorecard,
      goals: content.scorecard.goals.map((g) => ({
        ...g,
        indicators: g.indicators.map((i) => ({
          ...i,
          target: figureText(i.target),
          outcome: figureText(i.outcome),
          forecast: figureText(i.forecast),
        })),
      })),
    },
    deviations: content.deviations.map((d) => ({
      ...d,
      target: figureText(d.target),
      value: figureText(d.value),
      deviation: figureText(d.deviation),
    })),
  };
}
