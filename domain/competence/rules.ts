import type { IsoDate } from '../dates';
import { MEASURE_CATEGORIES, MEASURE_CATEGORY_LABELS, type MeasureCategory } from '../economy/measures';
import { PLAN_KIND_LABELS, PLAN_KINDS, type PlanKind } from '../steering';

/**
 * Who may decide what (kompetens), declared as data: for each kind of matter, the least senior
 * kind of decision maker that may decide it. The region keeps its own copy of these rules in the
 * database and may adjust them; the defaults follow kommunallagen.
 */

/** Kinds of decision maker, least senior first (tjänsteperson < nämnd < styrelse < fullmäktige). */
export const DECIDER_CLASSES = ['official', 'namnd', 'styrelse', 'fullmaktige'] as const;
export type DeciderClass = (typeof DECIDER_CLASSES)[number];
export const DECIDER_CLASS_LABELS: Record<DeciderClass, string> = {
  official: 'Tjänsteperson på delegation',
  namnd: 'Nämnd',
  styrelse: 'Regionstyrelsen',
  fullmaktige: 'Regionfullmäktige',
};
export const deciderRank = (c: DeciderClass): number => DECIDER_CLASSES.indexOf(c);

/** The kinds of matter a decision can decide: each plan kind, the budget, measures by category, corrective actions. */
export const MATTERS = [
  ...PLAN_KINDS.map((k) => `plan.${k}` as const),
  'budget',
  ...MEASURE_CATEGORIES.map((c) => `measure.${c}` as const),
  'corrective_action',
] as const;
export type MatterKind = (typeof MATTERS)[number];

export const planMatter = (kind: PlanKind): MatterKind => `plan.${kind}`;
export const measureMatter = (category: MeasureCategory): MatterKind => `measure.${category}`;

export function matterLabel(matter: MatterKind): string {
  if (matter === 'budget') return 'Budget och ekonomiska ramar';
  if (matter === 'corrective_action') return 'Korrigerande åtgärd';
  const [kind, sub] = matter.split('.') as ['plan' | 'measure', string];
  return kind === 'plan'
    ? PLAN_KIND_LABELS[sub as PlanKind]
    : `Åtgärd: ${MEASURE_CATEGORY_LABELS[sub as MeasureCategory].toLowerCase()}`;
}

/** Matters where the amount also decides who is competent, by the delegation order. */
export const isAmountMatter = (matter: MatterKind): boolean =>
  matter.startsWith('measure.') || matter === 'corrective_action';

export interface CompetenceRule {
  matter: MatterKind;
  /** The least senior kind of decision maker that may decide the matter. */
  lowest: DeciderClass;
  /** Why, in Swedish, for whoever reads a flag: usually the paragraph of kommunallagen. */
  basis: string;
  /** The rule holds for decisions taken on or after this day (until a later rule for the matter). */
  validFrom: IsoDate;
}

/** The first day any rule holds from: the defaults hold for every decision ever registered. */
export const RULES_EPOCH: IsoDate = '1900-01-01';

const KL_5_1 = 'Mål och riktlinjer för verksamheten är fullmäktiges (KL 5 kap. 1 §).';
const KL_11 =
  'Budget, mål för god ekonomisk hushållning och åtgärder mot ett negativt resultat är fullmäktiges (KL 11 kap. 5, 12 §§).';
const KL_6_38 =
  'Ändrade mål, omfattning eller kvalitet i en verksamhet är av principiell beskaffenhet och får inte delegeras till tjänsteperson (KL 6 kap. 38 §).';
const NAMND = 'Nämnden beslutar om sin egen verksamhet (KL 6 kap. 2–3 §§).';
const DELEGATION =
  'Beslutas enligt delegationsordningen, av den som har mandat för beloppet (KL 6 kap. 37 §, 7 kap. 5 §).';

/** The defaults, per kommunallagen; a region adjusts them through the competence-rules endpoint. */
export const DEFAULT_RULES: readonly CompetenceRule[] = [
  { matter: 'plan.regionplan', lowest: 'fullmaktige', basis: KL_11 },
  { matter: 'plan.strategi', lowest: 'fullmaktige', basis: KL_5_1 },
  { matter: 'plan.verksamhetsplan', lowest: 'official', basis: `${NAMND} En enhets plan får beslutas på delegation.` },
  { matter: 'plan.handlingsplan', lowest: 'namnd', basis: `${NAMND} ${KL_11}` },
  {
    matter: 'plan.internkontrollplan',
    lowest: 'namnd',
    basis: 'Nämnden ansvarar för sin interna kontroll (KL 6 kap. 6 §).',
  },
  { matter: 'plan.utvecklingsplan', lowest: 'official', basis: DELEGATION },
  { matter: 'budget', lowest: 'fullmaktige', basis: KL_11 },
  { matter: 'measure.effektivisering', lowest: 'official', basis: DELEGATION },
  { matter: 'measure.ransonering', lowest: 'namnd', basis: KL_6_38 },
  { matter: 'measure.kostnadsskillnader', lowest: 'official', basis: DELEGATION },
  { matter: 'measure.generell', lowest: 'official', basis: DELEGATION },
  { matter: 'corrective_action', lowest: 'official', basis: DELEGATION },
].map((r) => ({ ...r, matter: r.matter as MatterKind, lowest: r.lowest as DeciderClass, validFrom: RULES_EPOCH }));

/** The rule for `matter` that holds on `date`: the latest one valid from then or before; the default if none. */
export function ruleAt(rules: readonly CompetenceRule[], matter: MatterKind, date: IsoDate): CompetenceRule {
  let best: CompetenceRule | null = null;
  for (const r of rules)
    if (r.matter === matter && r.validFrom <= date && (best === null || r.validFrom > best.validFrom)) best = r;
  return best ?? (DEFAULT_RULES.find((r) => r.matter === matter) as CompetenceRule);
}

/** The rules in force on `date`, one per matter, in the order of MATTERS. */
export const rulesInForce = (rules: readonly CompetenceRule[], date: IsoDate): CompetenceRule[] =>
  MATTERS.map((m) => ruleAt(rules, m, date));

/**
 * What kommunallagen does not let a region lower: the budget and the regionplan are
 * fullmäktige's (KL 5:1, 11:5), and ransonering may not be delegated below the nämnd (KL 6:38).
 */
export const LEGAL_FLOORS: Partial<Record<MatterKind, DeciderClass>> = {
  'plan.regionplan': 'fullmaktige',
  budget: 'fullmaktige',
  'measure.ransonering': 'namnd',
};
