import { z } from '@hono/zod-openapi';
import {
  ACTION_STATUSES,
  ESCALATION_REASONS,
  FREQUENCIES,
  JUDGEMENTS,
  PLAN_STATUSES,
} from '../../domain/control/rules';
import { BODY_KINDS } from '../../domain/org';

export const OccasionText = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]|T[1-3]|H[1-2]))?$/, 'ska vara ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-T1…T3 eller ÅÅÅÅ-H1…H2')
  .openapi({ description: 'Kontrolltillfälle: 2025-03, 2025-T1, 2025-H1 eller 2025', example: '2025-T1' });

export const ControlActionSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    resultId: z.string(),
    what: z.string(),
    ownerUserId: z.string().nullable(),
    ownerName: z.string().nullable(),
    dueOn: z.string(),
    status: z.enum(ACTION_STATUSES),
    doneAt: z.string().nullable(),
    late: z.boolean().openapi({ description: 'Öppen efter sista dag: eskaleras' }),
    can: z.object({ edit: z.boolean() }),
  })
  .openapi('ControlAction');

export const ControlResultSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    pointId: z.string(),
    occasion: z.string(),
    done: z.boolean(),
    deviation: z.boolean(),
    serious: z.boolean().openapi({ description: 'Allvarlig avvikelse: eskaleras till ordförande och controller' }),
    sampleSize: z.number().int().nullable(),
    findings: z.string(),
    evidence: z.string().openapi({ description: 'Länk eller filreferens till underlaget' }),
    recordedBy: z.string().nullable(),
    recordedByName: z.string().nullable(),
    recordedAt: z.string(),
    actions: z.array(ControlActionSchema),
    can: z.object({ edit: z.boolean() }),
  })
  .openapi('ControlResult');

export const ControlPointSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    planId: z.string(),
    riskId: z.string().nullable(),
    riskTitle: z.string().nullable(),
    regionWide: z.boolean().openapi({ description: 'Krävs av styrelsen i varje nämnds plan' }),
    sourcePointId: z.string().nullable(),
    unitId: z.string().nullable(),
    what: z.string(),
    method: z.string(),
    frequency: z.enum(FREQUENCIES),
    checkerUserId: z.string().nullable(),
    checkerName: z.string().nullable(),
    recipient: z.string(),
    dueOn: z.string().nullable(),
    occasions: z.array(z.string()).openapi({ description: 'Årets kontrolltillfällen enligt frekvensen' }),
    can: z.object({ edit: z.boolean(), record: z.boolean() }),
  })
  .openapi('ControlPoint');

export const ControlPlanSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    bodyId: z.string(),
    bodyName: z.string(),
    bodyKind: z.enum(BODY_KINDS),
    year: z.number().int(),
    status: z.enum(PLAN_STATUSES),
    decisionId: z.string().nullable(),
    decisionCitation: z.string().nullable(),
    points: z.array(ControlPointSchema),
    can: z.object({ edit: z.boolean(), decide: z.boolean() }),
  })
  .openapi('ControlPlan');

export const ControlPlanListSchema = z
  .object({
    year: z.number().int(),
    plans: z.array(
      z.object({
        id: z.string(),
        bodyId: z.string(),
        bodyName: z.string(),
        year: z.number().int(),
        status: z.enum(PLAN_STATUSES),
        points: z.number().int(),
      }),
    ),
    bodies: z
      .array(z.object({ id: z.string(), name: z.string(), kind: z.enum(BODY_KINDS), canCreate: z.boolean() }))
      .openapi({ description: 'Nämnder och styrelse som kan ha en plan, med om användaren får skapa den' }),
  })
  .openapi('ControlPlanList');

export const PointResultsSchema = z
  .object({ point: ControlPointSchema, planStatus: z.enum(PLAN_STATUSES), results: z.array(ControlResultSchema) })
  .openapi('ControlPointResults');

export const CountsSchema = z
  .object({
    results: z.number().int(),
    done: z.number().int(),
    notDone: z.number().int(),
    deviations: z.number().int(),
    openActions: z.number().int(),
    lateActions: z.number().int(),
  })
  .openapi('ControlCounts');

export const EscalationsSchema = z
  .object({
    year: z.number().int(),
    today: z.string(),
    items: z.array(
      z.object({
        reason: z.enum(ESCALATION_REASONS),
        bodyId: z.string(),
        bodyName: z.string(),
        pointId: z.string(),
        what: z.string(),
        resultId: z.string(),
        occasion: z.string(),
        actionId: z.string().nullable(),
        actionWhat: z.string().nullable(),
        dueOn: z.string().nullable(),
        ownerName: z.string().nullable(),
        recipients: z
          .array(z.object({ userId: z.string(), name: z.string(), as: z.enum(['ordforande', 'controller']) }))
          .openapi({ description: 'Organets ordförande och controller, som eskaleringen går till' }),
      }),
    ),
  })
  .openapi('ControlEscalations');

export const AssessmentSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    bodyId: z.string(),
    year: z.number().int(),
    judgement: z.enum(JUDGEMENTS),
    reasons: z.string(),
    decisionId: z.string().nullable(),
  })
  .openapi('ControlAssessment');

export const AssessmentViewSchema = z
  .object({
    bodyId: z.string(),
    bodyName: z.string(),
    year: z.number().int(),
    assessment: AssessmentSchema.nullable(),
    points: z.number().int(),
    counts: CountsSchema,
    can: z.object({ edit: z.boolean() }),
  })
  .openapi('ControlAssessmentView');

export const UppsiktSchema = z
  .object({
    year: z.number().int(),
    bodies: z.array(
      z.object({
        bodyId: z.string(),
        bodyName: z.string(),
        bodyKind: z.enum(BODY_KINDS),
        planId: z.string().nullable(),
        planStatus: z.enum(PLAN_STATUSES).nullable(),
        points: z.number().int(),
        counts: CountsSchema,
        units: z.array(z.object({ unitId: z.string().nullable(), counts: CountsSchema })),
        judgement: z.enum(JUDGEMENTS).nullable(),
      }),
    ),
    total: CountsSchema,
  })
  .openapi('ControlUppsikt');
