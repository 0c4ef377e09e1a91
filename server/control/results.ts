import { randomUUID } from 'node:crypto';
import {
  type ControlActionStatus,
  type ControlFrequency,
  type ControlPlanStatus,
  mustAcceptResults,
  mustBeCompleteResult,
  mustBeOccasionOf,
} from '../../domain/control/rules';
import type { IsoDate } from '../../domain/dates';
import { DomainError, forbidden, notFound, staleVersion } from '../../domain/errors';
import type { Actor, Executor, Services } from '../core/context';
import { mustExist } from '../core/refs';
import { write } from '../core/write';
import { currentTree, today } from '../org/service';
import {
  actionRecord,
  actionRows,
  actionState,
  bump,
  controlBody,
  mayRecord,
  mustPlan,
  mustRead,
  pointRecord,
  pointRows,
  pointUnit,
  resultRecord,
  resultRows,
  resultState,
} from './store';

async function pointContext(services: Services, db: Executor, pointId: string) {
  const tree = await currentTree(services, db);
  const [point] = await pointRows(db, { id: pointId });
  if (!point) throw notFound('Kontrollpunkten');
  const plan = await mustPlan(db, point.plan_id);
  const body = await controlBody(services, db, tree, plan.body_id);
  return { tree, point, plan, body };
}

/** A point with its results per occasion and their actions. */
export async function pointResults(services: Services, actor: Actor, pointId: string) {
  const { tree, point, plan, body } = await pointContext(services, services.db, pointId);
  mustRead(actor, tree, body.scope);
  const results = await resultRows(services.db, { pointIds: [pointId] });
  const actions = await actionRows(services.db, { resultIds: results.map((r) => r.id) });
  const day = today(services);
  return {
    point: pointRecord(actor, tree, point, plan, body.scope),
    planStatus: plan.status as ControlPlanStatus,
    results: results.map((r) => resultRecord(actor, tree, r, actions, point, body.scope, day)),
  };
}

export interface ActionInput {
  what: string;
  ownerUserId: string | null;
  dueOn: IsoDate;
}

export interface ResultInput {
  /** Absent or null to record the occasion's first result; the result's version to change it. */
  version: number | null;
  done: boolean;
  deviation: boolean;
  serious: boolean;
  sampleSize: number | null;
  findings: string;
  evidence: string;
  /** New actions for the deviation, added to those kept. */
  actions: ActionInput[];
}

/**
 * Records (or changes) a point's result for one occasion: only for a decided plan, only by the
 * point's checker or the unit's chef, and a deviation only with an action.
 */
export async function recordResult(
  services: Services,
  actor: Actor,
  pointId: string,
  occasion: string,
  input: ResultInput,
) {
  return write(services, actor, async (w) => {
    const { tree, point, plan, body } = await pointContext(services, w.trx, pointId);
    const unit = pointUnit(point, body.scope);
    if (!mayRecord(actor, tree, unit, point.checker_user_id)) throw forbidden();
    mustAcceptResults({ status: plan.status as ControlPlanStatus });
    mustBeOccasionOf(point.frequency as ControlFrequency, plan.year, occasion);
    const [existing] = (await resultRows(w.trx, { pointIds: [pointId] })).filter((r) => r.occasion === occasion);
    const kept = existing ? await actionRows(w.trx, { resultIds: [existing.id] }) : [];
    mustBeCompleteResult(input, kept.length + input.actions.length);
    const owners = input.actions.map((a) => a.ownerUserId).filter((u): u is string => u !== null);
    await mustExist(w.trx, 'users', owners, 'actions');
    const day = today(services);
    const current = async () => {
      const [r] = await resultRows(w.trx, { pointIds: [pointId] }).then((rs) =>
        rs.filter((x) => x.occasion === occasion),
      );
      return r
        ? resultRecord(actor, tree, r, await actionRows(w.trx, { resultIds: [r.id] }), point, body.scope, day)
        : null;
    };
    const values = {
      done: input.done,
      deviation: input.deviation,
      serious: input.serious,
      sample_size: input.sampleSize,
      findings: input.findings,
      evidence: input.evidence,
      recorded_by: actor.kind === 'user' ? actor.principal.userId : null,
      recorded_at: w.now,
    };
    let id: string;
    if (existing) {
      // A second writer who did not see the first result must not overwrite it.
      if (input.version === null) throw staleVersion((await current()) ?? {});
      await bump(w.trx, 'control_results', existing.id, input.version, current);
      await w.trx.updateTable('control_results').set(values).where('id', '=', existing.id).execute();
      id = existing.id;
    } else {
      if (input.version !== null) throw new DomainError('not_found', 'Resultatet finns inte.');
      id = randomUUID();
      await w.trx
        .insertInto('control_results')
        .values({ id, point_id: pointId, occasion, ...values })
        .execute();
    }
    for (const a of input.actions) {
      const actionId = randomUUID();
      await w.trx
        .insertInto('control_actions')
        .values({
          id: actionId,
          result_id: id,
          what: a.what,
          owner_user_id: a.ownerUserId,
          due_on: a.dueOn,
          created_at: w.now,
        })
        .execute();
      const [row] = await actionRows(w.trx, { id: actionId });
      if (row)
        await w.record({
          kind: 'control_action.created',
          entity: 'control_action',
          entityId: actionId,
          unitId: unit,
          before: null,
          after: actionState(row),
        });
    }
    const [after] = await resultRows(w.trx, { id });
    if (!after) throw notFound('Resultatet');
    await w.record({
      kind: existing ? 'control_result.updated' : 'control_result.recorded',
      entity: 'control_result',
      entityId: id,
      unitId: unit,
      before: existing ? resultState(existing) : null,
      after: resultState(after),
    });
    return resultRecord(actor, tree, after, await actionRows(w.trx, { resultIds: [id] }), point, body.scope, day);
  });
}

export interface ActionChange extends ActionInput {
  version: number;
  status: ControlActionStatus;
}

/** Changes an action: its owner, the unit's chef or controller; done with the day it was done. */
export async function updateAction(services: Services, actor: Actor, id: string, input: ActionChange) {
  return write(services, actor, async (w) => {
    const [before] = await actionRows(w.trx, { id });
    if (!before) throw notFound('Åtgärden');
    const [result] = await resultRows(w.trx, { id: before.result_id });
    if (!result) throw notFound('Resultatet');
    const { tree, point, body } = await pointContext(services, w.trx, result.point_id);
    const unit = pointUnit(point, body.scope);
    const day = today(services);
    if (!actionRecord(actor, tree, before, unit, day).can.edit) throw forbidden();
    if (input.ownerUserId) await mustExist(w.trx, 'users', [input.ownerUserId], 'ownerUserId');
    await bump(w.trx, 'control_actions', id, input.version, async () => {
      const [now] = await actionRows(w.trx, { id });
      return now ? actionRecord(actor, tree, now, unit, day) : null;
    });
    await w.trx
      .updateTable('control_actions')
      .set({
        what: input.what,
        owner_user_id: input.ownerUserId,
        due_on: input.dueOn,
        status: input.status,
        done_at: input.status === 'done' ? (before.done_at ?? w.now) : null,
      })
      .where('id', '=', id)
      .execute();
    const [after] = await actionRows(w.trx, { id });
    if (!after) throw notFound('Åtgärden');
    await w.record({
      kind: 'control_action.updated',
      entity: 'control_action',
      entityId: id,
      unitId: unit,
      before: actionState(before),
      after: actionState(after),
    });
    return actionRecord(actor, tree, after, unit, day);
  });
}
