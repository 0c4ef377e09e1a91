import type { IsoDate } from '../dates';
import { DomainError } from '../errors';

/**
 * Internal control (intern kontroll, KL 6:6): a body's yearly plan of control points, their
 * results per occasion, the actions deviations need, and when something is escalated. Pure.
 */

export const PLAN_STATUSES = ['draft', 'decided'] as const;
export type ControlPlanStatus = (typeof PLAN_STATUSES)[number];

/** How often a point is checked: månad, tertial, halvår, år, or once in the year. */
export const FREQUENCIES = ['monthly', 'tertial', 'half_year', 'yearly', 'once'] as const;
export type ControlFrequency = (typeof FREQUENCIES)[number];

/** The body's own judgement of its internal control: tillräcklig, delvis tillräcklig, otillräcklig. */
export const JUDGEMENTS = ['sufficient', 'partly', 'insufficient'] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

export const ACTION_STATUSES = ['open', 'done'] as const;
export type ControlActionStatus = (typeof ACTION_STATUSES)[number];

/** Why something is on the escalation list. */
export const ESCALATION_REASONS = ['serious_deviation', 'late_action'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

const pad = (n: number) => String(n).padStart(2, '0');

/** The occasions a point of `frequency` is checked on in `year`, in order: 2025-01…, 2025-T1…, 2025-H1…, 2025. */
export function occasionsOf(frequency: ControlFrequency, year: number): string[] {
  switch (frequency) {
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
    case 'tertial':
      return [1, 2, 3].map((t) => `${year}-T${t}`);
    case 'half_year':
      return [1, 2].map((h) => `${year}-H${h}`);
    case 'yearly':
    case 'once':
      return [String(year)];
  }
}

/** The last day of an occasion: when its result is due at the latest. */
export function occasionEnd(occasion: string): IsoDate {
  const year = Number(occasion.slice(0, 4));
  const rest = occasion.slice(5);
  const lastOfMonth = (m: number) => {
    const d = new Date(Date.UTC(year, m, 0)).getUTCDate();
    return `${year}-${pad(m)}-${pad(d)}`;
  };
  if (rest === '') return `${year}-12-31`;
  if (rest.startsWith('T')) return lastOfMonth(Number(rest.slice(1)) * 4);
  if (rest.startsWith('H')) return lastOfMonth(Number(rest.slice(1)) * 6);
  return lastOfMonth(Number(rest));
}

/** 422 unless `occasion` is one of the point's occasions in the plan's year, naming the field. */
export function mustBeOccasionOf(frequency: ControlFrequency, year: number, occasion: string): void {
  const allowed = occasionsOf(frequency, year);
  if (!allowed.includes(occasion))
    throw new DomainError('unprocessable', 'Tillfället hör inte till kontrollpunktens frekvens och år.', {
      fields: [{ field: 'occasion', message: `ska vara ett av ${allowed.join(', ')}` }],
    });
}

/** Results are entered only for the points of a decided plan: an undecided plan controls nothing yet. */
export function mustAcceptResults(plan: { status: ControlPlanStatus }): void {
  if (plan.status !== 'decided')
    throw new DomainError(
      'unprocessable',
      'Internkontrollplanen är inte beslutad. Resultat registreras bara för kontrollpunkter i en beslutad plan.',
      { fields: [{ field: 'pointId', message: 'planen är inte beslutad av nämnden' }] },
    );
}

/** A decided plan's points are what the body decided: they change only with a new decision. */
export function mustBeDraft(plan: { status: ControlPlanStatus }): void {
  if (plan.status !== 'draft')
    throw new DomainError('unprocessable', 'Planen är beslutad och kan inte ändras.', {
      fields: [{ field: 'planId', message: 'planen är redan beslutad' }],
    });
}

export interface ResultFacts {
  done: boolean;
  deviation: boolean;
  serious: boolean;
}

/**
 * The rules of one result: a control not done finds nothing, only a deviation is serious, and a
 * deviation needs an action (åtgärd) — either one already kept or one given with the result.
 */
export function mustBeCompleteResult(r: ResultFacts, actions: number): void {
  const fields: { field: string; message: string }[] = [];
  if (!r.done && r.deviation)
    fields.push({ field: 'deviation', message: 'en kontroll som inte gjorts hittar ingen avvikelse' });
  if (r.serious && !r.deviation) fields.push({ field: 'serious', message: 'bara en avvikelse kan vara allvarlig' });
  if (r.deviation && actions === 0)
    fields.push({ field: 'actions', message: 'en avvikelse kräver en åtgärd med ansvarig och datum' });
  if (fields.length > 0)
    throw new DomainError(
      'unprocessable',
      r.deviation && actions === 0 ? 'En avvikelse kräver en åtgärd.' : 'Resultatet går inte ihop.',
      { fields },
    );
}

export interface ActionFacts {
  dueOn: IsoDate;
  status: ControlActionStatus;
}

/** An action is late when it is still open after its due day. */
export const isLate = (a: ActionFacts, today: IsoDate): boolean => a.status === 'open' && a.dueOn < today;

export interface EscalationInput {
  resultId: string;
  serious: boolean;
  actions: readonly (ActionFacts & { id: string })[];
}

export interface Escalation {
  reason: EscalationReason;
  resultId: string;
  actionId: string | null;
}

/**
 * What goes to the body's ordförande and controller: every serious deviation whose actions are
 * not all done, and every late action. A serious deviation with a late action is listed twice,
 * once for each reason, as both need answering.
 */
export function escalations(results: readonly EscalationInput[], today: IsoDate): Escalation[] {
  const out: Escalation[] = [];
  for (const r of results) {
    if (r.serious && (r.actions.length === 0 || r.actions.some((a) => a.status === 'open')))
      out.push({ reason: 'serious_deviation', resultId: r.resultId, actionId: null });
    for (const a of r.actions)
      if (isLate(a, today)) out.push({ reason: 'late_action', resultId: r.resultId, actionId: a.id });
  }
  return out;
}

/** One result as the roll-up counts it, with where it belongs. */
export interface RollupRow {
  bodyId: string;
  unitId: string | null;
  done: boolean;
  deviation: boolean;
  openActions: number;
  lateActions: number;
}

export interface ControlCounts {
  results: number;
  done: number;
  notDone: number;
  deviations: number;
  openActions: number;
  lateActions: number;
}

export const emptyCounts = (): ControlCounts => ({
  results: 0,
  done: 0,
  notDone: 0,
  deviations: 0,
  openActions: 0,
  lateActions: 0,
});

export const addCounts = (a: ControlCounts, b: ControlCounts): ControlCounts => ({
  results: a.results + b.results,
  done: a.done + b.done,
  notDone: a.notDone + b.notDone,
  deviations: a.deviations + b.deviations,
  openActions: a.openActions + b.openActions,
  lateActions: a.lateActions + b.lateActions,
});

/** The counts of some results: done, not done, deviations, open and late actions. */
export function countResults(rows: readonly RollupRow[]): ControlCounts {
  let c = emptyCounts();
  for (const r of rows)
    c = addCounts(c, {
      results: 1,
      done: r.done ? 1 : 0,
      notDone: r.done ? 0 : 1,
      deviations: r.deviation ? 1 : 0,
      openActions: r.openActions,
      lateActions: r.lateActions,
    });
  return c;
}

/** The roll-up by body, and within each body by unit (null: the body's whole area). */
export function rollUpResults(
  rows: readonly RollupRow[],
): Map<string, { total: ControlCounts; units: Map<string | null, ControlCounts> }> {
  const out = new Map<string, { total: ControlCounts; units: Map<string | null, ControlCounts> }>();
  for (const r of rows) {
    const body = out.get(r.bodyId) ?? { total: emptyCounts(), units: new Map<string | null, ControlCounts>() };
    const one = countResults([r]);
    body.total = addCounts(body.total, one);
    body.units.set(r.unitId, addCounts(body.units.get(r.unitId) ?? emptyCounts(), one));
    out.set(r.bodyId, body);
  }
  return out;
}
