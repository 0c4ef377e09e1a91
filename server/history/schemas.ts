import { z } from '@hono/zod-openapi';
import { SUBMISSION_STATUSES } from '../../domain/followup/submissions';
import type { JsonValue } from '../../domain/history';
import { HISTORY_ENTITIES, HISTORY_KINDS, type HistoryKind } from './kinds';

// Named array and object schemas carry the recursion. TypeScript cannot type an array of itself
// through the generated client's indexed types (`components['schemas']['JsonValue'][]`), so the
// document leaves a list's members open; the server still checks each one as a JSON value.
export const JsonValueSchema: z.ZodType<JsonValue> = z
  .lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), JsonArraySchema, JsonObjectSchema]))
  .openapi('JsonValue', { description: 'Ett JSON-värde' });
const JsonArraySchema: z.ZodType<JsonValue[]> = z
  .lazy(() => z.array(JsonValueSchema))
  .openapi('JsonArray', { type: 'array', items: {} });
const JsonObjectSchema: z.ZodType<{ [key: string]: JsonValue }> = z
  .lazy(() => z.record(z.string().regex(/^[a-z][A-Za-z0-9]*$/), JsonValueSchema))
  .openapi('JsonObject', { description: 'Postens fält med camelCase-namn' });

/** A record's fields as written, for the kinds whose payload is not declared field by field. */
const RecordedState = z.union([JsonObjectSchema, JsonArraySchema, z.null()]).openapi('HistoryRecordedState', {
  description:
    'Postens fält som de skrevs, med camelCase-namn (en lista för en ordnad helhet); null före en ' +
    'skapelse och efter en borttagning.',
});

// Whole kronor as digit text; entries written before decision 015 may hold a number.
const Kronor = z.union([z.string(), z.number()]);

const MeasureReportState = z
  .object({
    measureId: z.string(),
    period: z.string(),
    forecastKr: Kronor,
    outcomeKr: Kronor.nullable(),
    comment: z.string(),
    enteredByName: z.string(),
    enteredAt: z.string(),
  })
  .openapi('HistoryMeasureReport');

const AllocationState = z
  .object({ unitId: z.string(), year: z.number().int(), amountKr: Kronor })
  .openapi('HistoryAllocation');

const CorrectiveActionState = z
  .object({
    id: z.string(),
    measureId: z.string().nullable(),
    indicatorId: z.string().nullable().optional(),
    unitId: z.string().nullable().optional(),
    what: z.string(),
    responsibleName: z.string(),
    dueOn: z.string(),
    amountKr: Kronor,
    status: z.string(),
    decisionId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('HistoryCorrectiveAction');

const DelegationState = z
  .array(
    z.object({
      id: z.string(),
      rank: z.number().int(),
      name: z.string(),
      unitLevel: z.string().nullable(),
      bodyKind: z.string().nullable(),
      maxAmountKr: Kronor.nullable(),
    }),
  )
  .openapi('HistoryDelegationOrder');

// The analysis and comment were recorded from 2025 on; the demo's earlier steps hold the status only.
const SubmissionBefore = z
  .object({ status: z.enum(SUBMISSION_STATUSES), analysis: z.string().optional() })
  .openapi('HistorySubmissionBefore');
const SubmissionAfter = z
  .object({
    status: z.enum(SUBMISSION_STATUSES),
    analysis: z.string().optional(),
    comment: z.string().nullable().optional(),
  })
  .openapi('HistorySubmissionAfter');

const PlanSubmissionBefore = z
  .object({ unitId: z.string(), period: z.string(), submittedAt: z.string(), submittedByName: z.string() })
  .openapi('HistoryPlanSubmissionBefore');
const PlanSubmissionAfter = PlanSubmissionBefore.extend({ measures: z.number().int() }).openapi(
  'HistoryPlanSubmission',
);

const AnalysisState = z
  .object({
    goalId: z.string(),
    unitId: z.string(),
    period: z.string(),
    text: z.string(),
    enteredByName: z.string(),
    enteredAt: z.string(),
    version: z.number().int(),
  })
  .openapi('HistoryAnalysis');

/** A risk- och konsekvensanalys as its history keeps it: every section, the units and risks in order. */
const ImpactAnalysisState = z
  .object({
    id: z.string(),
    version: z.number().int(),
    subjectKind: z.enum(['measure', 'decision', 'change']),
    measureId: z.string().nullable(),
    decisionId: z.string().nullable(),
    subjectTitle: z.string(),
    unitId: z.string(),
    title: z.string(),
    analysedOn: z.string(),
    patients: z.string(),
    staff: z.string(),
    unionConsultedOn: z.string().nullable(),
    unionConsultedWith: z.string(),
    economy: z.string(),
    otherUnits: z.string(),
    conclusion: z.string(),
    status: z.enum(['draft', 'done']),
    madeByName: z.string(),
    completedAt: z.string().nullable(),
    createdAt: z.string(),
    costShifts: z.array(z.object({ unitId: z.string(), how: z.string() })),
    risks: z.array(
      z.object({
        risk: z.string(),
        mitigation: z.string(),
        probability: z.number().int().nullable(),
        consequence: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('HistoryImpactAnalysis');

/**
 * The payload of each kind that is declared field by field: what its `before` and `after`
 * hold. Every other kind carries its record's fields as a camelCase object (RecordedState);
 * declaring one here is a matter of adding its schemas, and the history test checks them.
 */
export const DECLARED_PAYLOADS: Partial<Record<HistoryKind, { before: z.ZodType; after: z.ZodType }>> = {
  'allocation.set': { before: AllocationState.nullable(), after: AllocationState },
  'measure.reported': { before: MeasureReportState.nullable(), after: MeasureReportState },
  'corrective_action.created': { before: z.null(), after: CorrectiveActionState },
  'delegation.updated': { before: DelegationState, after: DelegationState },
  'action_plan.submitted': { before: PlanSubmissionBefore.nullable(), after: PlanSubmissionAfter },
  'submission.saved': { before: SubmissionBefore, after: SubmissionAfter },
  'submission.submitted': { before: SubmissionBefore, after: SubmissionAfter },
  'submission.returned': { before: SubmissionBefore, after: SubmissionAfter },
  'submission.approved': { before: SubmissionBefore, after: SubmissionAfter },
  'analysis.set': { before: AnalysisState.nullable(), after: AnalysisState },
  'impact_analysis.created': { before: z.null(), after: ImpactAnalysisState },
  'impact_analysis.updated': { before: ImpactAnalysisState, after: ImpactAnalysisState },
  'impact_analysis.completed': { before: ImpactAnalysisState, after: ImpactAnalysisState },
};

const FieldChangeSchema = z
  .object({
    field: z.string().openapi({ description: 'Fältets namn; nästlade fält med punkt (`measure.title`)' }),
    before: z.string().nullable().openapi({ description: 'Värdet före, som text; null om fältet saknades' }),
    after: z.string().nullable().openapi({ description: 'Värdet efter, som text; null om fältet togs bort' }),
  })
  .openapi('HistoryFieldChange');

const common = {
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  entity: z.enum(HISTORY_ENTITIES),
  entityId: z.string(),
  unitId: z.string().nullable(),
  changes: z.array(FieldChangeSchema).openapi({
    description: 'Vad som ändrades från vad till vad, fält för fält: samma form för alla slag av poster.',
  }),
};

/** The schema of one kind's entry. */
export const entrySchemaOf = (kind: HistoryKind) =>
  z.object({
    ...common,
    kind: z.literal(kind),
    before: DECLARED_PAYLOADS[kind]?.before ?? RecordedState,
    after: DECLARED_PAYLOADS[kind]?.after ?? RecordedState,
  });

const [first, ...rest] = HISTORY_KINDS.map(entrySchemaOf);
/** A history entry: a discriminated union on its kind, each kind with its payload's schema. */
export const HistoryEntrySchema = z
  .discriminatedUnion('kind', [first as ReturnType<typeof entrySchemaOf>, ...rest])
  .openapi('HistoryEntry');
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
