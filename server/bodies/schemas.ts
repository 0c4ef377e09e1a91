import { z } from '@hono/zod-openapi';
import { MATTERS } from '../../domain/competence/rules';
import { BODY_KINDS, UNIT_LEVELS } from '../../domain/org';
import { MEMBER_ROLES } from '../../domain/permissions';
import { IsoDateSchema } from '../http/env';
import { orNull } from '../http/nullable';
import { KronorText, NonNegativeKronorSchema } from '../http/routing';

export const DelegationRowSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    bodyId: z.string(),
    matter: z.enum(MATTERS),
    matterLabel: z.string(),
    delegate: z.union([
      z.object({ kind: z.literal('official'), title: z.string(), unitLevel: z.enum(UNIT_LEVELS) }),
      z.object({ kind: z.literal('body'), title: z.string(), bodyId: z.string() }),
    ]),
    maxAmountKr: orNull(KronorText),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    decisionId: z.string().nullable(),
    decisionCitation: z.string().nullable(),
    can: z.object({ end: z.boolean() }).openapi('BodyDelegationAbilities'),
  })
  .openapi('BodyDelegation');

export const DelegationOrderSchema = z
  .object({
    bodyId: z.string(),
    bodyName: z.string(),
    day: z.string(),
    inForce: z.array(DelegationRowSchema),
    all: z.array(DelegationRowSchema),
    can: z.object({ add: z.boolean() }).openapi('DelegationOrderAbilities'),
  })
  .openapi('DelegationOrder');

export const DelegationInputSchema = z.object({
  matter: z.enum(MATTERS),
  delegateKind: z.enum(['official', 'body']),
  delegateTitle: z.string().trim().min(1).max(200),
  delegateUnitLevel: z.enum(UNIT_LEVELS).nullable().default(null),
  delegateBodyId: z.string().nullable().default(null),
  maxAmountKr: NonNegativeKronorSchema.nullable().default(null),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema.nullable().default(null),
  decisionId: z.string().nullable().default(null),
  replacesId: z.string().nullable().default(null),
  replacesVersion: z.number().int().positive().nullable().default(null),
});

export const DelegationEndSchema = z.object({ version: z.number().int().positive(), validTo: IsoDateSchema });

export const MemberSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    bodyId: z.string(),
    userId: z.string(),
    displayName: z.string(),
    username: z.string(),
    role: z.enum(MEMBER_ROLES),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    can: z.object({ edit: z.boolean() }).openapi('BodyMemberAbilities'),
  })
  .openapi('BodyMember');

export const MembersSchema = z
  .object({
    members: z.array(MemberSchema),
    can: z.object({ add: z.boolean() }).openapi('BodyMembersAbilities'),
  })
  .openapi('BodyMembers');

/** A seat the signed-in user holds today or later (in `/api/me`). */
export const SeatSchema = z
  .object({
    bodyId: z.string(),
    bodyName: z.string(),
    bodyKind: z.enum(BODY_KINDS),
    role: z.enum(MEMBER_ROLES),
    validFrom: z.string(),
    validTo: z.string().nullable().openapi({ description: 'Första dagen utan platsen; null: tills vidare' }),
    unitIds: z.array(z.string()).openapi({ description: 'Enheterna organet styr (ett utskott: organets ovanför)' }),
  })
  .openapi('Seat');

export const MemberInputSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(MEMBER_ROLES),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema.nullable().default(null),
});

export const MemberChangeSchema = z.object({
  version: z.number().int().positive(),
  role: z.enum(MEMBER_ROLES),
  validFrom: IsoDateSchema,
  validTo: IsoDateSchema.nullable().default(null),
});

export const DelegationReportSchema = z
  .object({
    bodyId: z.string(),
    bodyName: z.string(),
    meeting: z.object({ id: z.string(), meetsOn: z.string(), title: z.string() }).nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    decisions: z.array(
      z.object({
        id: z.string(),
        citation: z.string(),
        title: z.string(),
        decidedOn: z.string(),
        decidedBy: z.string(),
        scopeUnitId: z.string().nullable(),
      }),
    ),
  })
  .openapi('DelegationReport');

export const DelegationReportsSchema = z
  .object({
    bodyId: z.string(),
    bodyName: z.string(),
    reports: z.array(DelegationReportSchema),
  })
  .openapi('DelegationReports');
