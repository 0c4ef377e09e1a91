import type { z } from '@hono/zod-openapi';
import { compareSwedish } from '../../domain/collation';
import type { OrgIndex } from '../../domain/org';
import { type Action, can, type Target } from '../../domain/permissions';
import type { RiskLevel, RiskStatus } from '../../domain/risk/matrix';
import { bodyScope } from '../../domain/scopes';
import { type BodyRecord, listBodies } from '../bodies/service';
import { type Actor, type Executor, type Services, systemActor } from '../core/context';
import { currentTree, listUnits } from '../org/service';
import { listUsers } from '../users/service';
import type { RiskAssessmentSchema, RiskSchema } from './schemas';

export type RiskAssessment = z.infer<typeof RiskAssessmentSchema>;
export type Risk = z.infer<typeof RiskSchema>;

/** What answers need around the risks: the tree, the bodies, and the names of units and people. */
export interface RiskContext {
  tree: OrgIndex;
  bodies: Map<string, BodyRecord>;
  unitNames: Map<string, string>;
  userNames: Map<string, string>;
}

const reader = systemActor('risk');

/** Read outside a write's transaction: the names go through their owners' services. */
export async function riskContext(services: Services): Promise<RiskContext> {
  const [tree, bodies, units, users] = await Promise.all([
    currentTree(services),
    listBodies(services, reader),
    listUnits(services, reader),
    listUsers(services, reader),
  ]);
  return {
    tree,
    bodies: new Map(bodies.map((b) => [b.id, b])),
    unitNames: new Map(units.map((u) => [u.id, u.name])),
    userNames: new Map(users.map((u) => [u.id, u.displayName])),
  };
}

/** The unit a risk is placed on for permissions: its unit, or its body's scope. */
export function scopeOfRisk(
  ctx: Pick<RiskContext, 'tree' | 'bodies'>,
  r: { bodyId: string | null; unitId: string | null },
) {
  if (r.unitId !== null) return ctx.tree.has(r.unitId) ? r.unitId : null;
  return bodyScope(r.bodyId as string, (id) => ctx.bodies.get(id), ctx.tree);
}

export const targetOf = (
  ctx: Pick<RiskContext, 'tree' | 'bodies'>,
  r: { bodyId: string | null; unitId: string | null },
): Target => ({
  unitId: scopeOfRisk(ctx, r),
  bodyId: r.bodyId,
});

/** The actions that change a risk: a body's register is kept by those who serve the body. */
export const writeActions = (r: { bodyId: string | null }): { edit: Action; assess: Action } =>
  r.bodyId !== null
    ? { edit: 'bodyRisk.write', assess: 'bodyRisk.assess' }
    : { edit: 'risk.write', assess: 'risk.assess' };

export const mayDo = (actor: Actor, tree: OrgIndex, action: Action, target: Target) =>
  actor.kind === 'system' || can(actor.principal, action, target, tree);

export interface RiskRow {
  id: string;
  version: number;
  bodyId: string | null;
  unitId: string | null;
  title: string;
  description: string;
  cause: string;
  consequence: string;
  process: string;
  ownerUserId: string | null;
  existingControls: string;
  plannedActions: string;
  status: RiskStatus;
  createdAt: string;
  updatedAt: string;
}

export interface AssessmentRow {
  id: string;
  riskId: string;
  assessedAt: string;
  probability: number;
  consequence: number;
  value: number;
  level: RiskLevel;
  assessedBy: string | null;
  comment: string;
  createdAt: string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export async function riskRows(db: Executor, ids?: readonly string[]): Promise<RiskRow[]> {
  if (ids && ids.length === 0) return [];
  let q = db.selectFrom('risks').selectAll();
  if (ids) q = q.where('id', 'in', [...ids]);
  return (await q.execute()).map((r) => ({
    id: r.id,
    version: r.version,
    bodyId: r.body_id,
    unitId: r.unit_id,
    title: r.title,
    description: r.description,
    cause: r.cause,
    consequence: r.consequence,
    process: r.process,
    ownerUserId: r.owner_user_id,
    existingControls: r.existing_controls,
    plannedActions: r.planned_actions,
    status: r.status as RiskStatus,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

/** Assessments of the risks, per risk newest first: the latest is a risk's current value. */
export async function assessmentRows(db: Executor, riskIds?: readonly string[]): Promise<Map<string, AssessmentRow[]>> {
  const out = new Map<string, AssessmentRow[]>();
  if (riskIds && riskIds.length === 0) return out;
  let q = db.selectFrom('risk_assessments').selectAll();
  if (riskIds) q = q.where('risk_id', 'in', [...riskIds]);
  const rows = await q.orderBy('assessed_at', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  for (const r of rows) {
    const list = out.get(r.risk_id) ?? [];
    list.push({
      id: r.id,
      riskId: r.risk_id,
      assessedAt: String(r.assessed_at),
      probability: r.probability,
      consequence: r.consequence,
      value: r.value,
      level: r.level as RiskLevel,
      assessedBy: r.assessed_by,
      comment: r.comment,
      createdAt: iso(r.created_at),
    });
    out.set(r.risk_id, list);
  }
  return out;
}

export async function linkCounts(db: Executor, riskIds?: readonly string[]): Promise<Map<string, number>> {
  if (riskIds && riskIds.length === 0) return new Map();
  let q = db.selectFrom('risk_links').select(['risk_id', (eb) => eb.fn.countAll<string>().as('n')]);
  if (riskIds) q = q.where('risk_id', 'in', [...riskIds]);
  const rows = await q.groupBy('risk_id').execute();
  return new Map(rows.map((r) => [r.risk_id, Number(r.n)]));
}

export const assessmentOut = (ctx: RiskContext, a: AssessmentRow): RiskAssessment => ({
  ...a,
  assessedByName: a.assessedBy === null ? null : (ctx.userNames.get(a.assessedBy) ?? null),
});

/** A risk as answered to `actor`, with its current assessment and what the actor may do. */
export function riskOut(
  actor: Actor,
  ctx: RiskContext,
  r: RiskRow,
  assessments: readonly AssessmentRow[],
  links: number,
): Risk {
  const target = targetOf(ctx, r);
  const actions = writeActions(r);
  const latest = assessments[0];
  return {
    ...r,
    bodyName: r.bodyId === null ? null : (ctx.bodies.get(r.bodyId)?.name ?? null),
    unitName: r.unitId === null ? null : (ctx.unitNames.get(r.unitId) ?? null),
    ownerName: r.ownerUserId === null ? null : (ctx.userNames.get(r.ownerUserId) ?? null),
    current: latest ? assessmentOut(ctx, latest) : null,
    assessmentCount: assessments.length,
    linkCount: links,
    can: {
      edit: mayDo(actor, ctx.tree, actions.edit, target),
      assess: mayDo(actor, ctx.tree, actions.assess, target),
      link: mayDo(actor, ctx.tree, actions.edit, target),
    },
  };
}

/** Highest current value first; unassessed risks last; then by title. */
export const byValue = (a: Risk, b: Risk) =>
  (b.current?.value ?? -1) - (a.current?.value ?? -1) || compareSwedish(a.title, b.title) || a.id.localeCompare(b.id);
