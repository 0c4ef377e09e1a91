import { randomUUID } from 'node:crypto';
import type { IsoDate } from '../../domain/dates';
import { type CorrectiveStatus, correctiveActionOpen } from '../../domain/economy/corrective-actions';
import { levelFor } from '../../domain/economy/delegation';
import { DomainError, notFound } from '../../domain/errors';
import type { OrgIndex } from '../../domain/org';
import { mayCite } from '../competence/citations';
import { abilities } from '../core/abilities';
import type { Actor, Executor, Services } from '../core/context';
import { mustExist } from '../core/refs';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { currentTree } from '../org/service';
import { linkDecision } from '../steering/decisions';
import { levelName, measurePlanId } from './context';
import { delegationLevels } from './figures';

// åtgärd vid avvikelse: what a unit does about a measure or an indicator that is off target.

interface CorrectiveActionRow {
  id: string;
  measureId: string | null;
  indicatorId: string | null;
  unitId: string | null;
  what: string;
  responsibleName: string;
  dueOn: string;
  amountKr: bigint;
  status: string;
  decisionId: string | null;
}

/** The one write of a corrective action: the row and its history entry, in the caller's transaction. */
async function insertCorrectiveAction(w: WriteTx, row: CorrectiveActionRow, historyUnitId: string) {
  await w.trx
    .insertInto('corrective_actions')
    .values({
      id: row.id,
      measure_id: row.measureId,
      indicator_id: row.indicatorId,
      unit_id: row.unitId,
      what: row.what,
      responsible_name: row.responsibleName,
      due_on: row.dueOn,
      amount_kr: row.amountKr.toString(),
      status: row.status,
      decision_id: row.decisionId,
      created_at: w.now,
    })
    .execute();
  await w.record({
    kind: 'corrective_action.created',
    entity: 'corrective_action',
    entityId: row.id,
    unitId: historyUnitId,
    before: null,
    after: { ...row, amountKr: row.amountKr.toString(), createdAt: w.now.toISOString() },
  });
}

export async function createCorrectiveAction(
  services: Services,
  actor: Actor,
  measureId: string,
  input: {
    what: string;
    responsibleName: string;
    dueOn: IsoDate;
    amountKr: bigint;
    status: string;
    decisionId: string | null;
  },
  id = randomUUID(),
) {
  return write(services, actor, async (w) => {
    const m = await measurePlanId(w.trx, measureId);
    authorize(actor, 'correctiveAction.write', { unitId: m.owner_unit_id }, await currentTree(services, w.trx));
    if (input.decisionId) await mustExist(w.trx, 'decisions', [input.decisionId], 'decisionId');
    await insertCorrectiveAction(w, { id, measureId, indicatorId: null, unitId: null, ...input }, m.owner_unit_id);
    if (input.decisionId) {
      await mayCite(services, w, 'corrective_action', id, [input.decisionId], () => 'decisionId');
      await linkDecision(w.trx, input.decisionId, 'corrective_action', id);
    }
    return { id, decisionLevel: levelName(await delegationLevels(w.trx), input.amountKr) };
  });
}

export interface IndicatorActionInput {
  indicatorId: string;
  unitId: string;
  what: string;
  responsibleName: string;
  dueOn: string;
  amountKr: bigint;
  status: string;
}

/** Records what a unit does about an indicator that is off target. */
export async function createIndicatorAction(services: Services, actor: Actor, input: IndicatorActionInput) {
  return write(services, actor, async (w) => {
    const tree = await currentTree(services, w.trx);
    if (!tree.has(input.unitId))
      throw new DomainError('unprocessable', 'Enheten finns inte.', {
        fields: [{ field: 'unitId', message: 'finns inte' }],
      });
    authorize(actor, 'correctiveAction.write', { unitId: input.unitId }, tree);
    await mustExist(w.trx, 'indicators', [input.indicatorId], 'indicatorId');
    const id = randomUUID();
    await insertCorrectiveAction(w, { id, measureId: null, decisionId: null, ...input }, input.unitId);
    const required = levelFor(await delegationLevels(w.trx), input.amountKr);
    return { id, decisionLevel: required?.name ?? null };
  });
}

/**
 * What the caller may do with a corrective action: follow it up (change its status) where they
 * may write corrective actions for its unit, while it is open (domain/economy/corrective-actions).
 * `unitId` is the unit it was taken at: the measure's owner, or the unit of the indicator's deviation.
 */
export function correctiveActionAbilities(actor: Actor, tree: OrgIndex, unitId: string, status: string) {
  const may = abilities(actor, tree)(unitId, { edit: 'correctiveAction.write' });
  return { edit: may.edit && correctiveActionOpen(status) };
}

/** Follows a corrective action up: its new status, as one versioned write with its history. */
export async function updateCorrectiveAction(
  services: Services,
  actor: Actor,
  id: string,
  input: { version: number; status: CorrectiveStatus },
) {
  const updated = await write(services, actor, async (w) => {
    const row = await w.trx.selectFrom('corrective_actions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Åtgärden vid avvikelse');
    const unitId = row.unit_id ?? (row.measure_id ? (await measurePlanId(w.trx, row.measure_id)).owner_unit_id : null);
    authorize(actor, 'correctiveAction.write', { unitId }, await currentTree(services, w.trx));
    if (!correctiveActionOpen(row.status))
      throw new DomainError('unprocessable', 'Åtgärden är genomförd och kan inte längre ändras.', {
        fields: [{ field: 'status', message: 'Åtgärden är redan genomförd.' }],
      });
    const version = await bumpVersion(w.trx, 'corrective_actions', id, input.version, async () => row);
    await w.trx.updateTable('corrective_actions').set({ status: input.status }).where('id', '=', id).execute();
    const before = {
      id: row.id,
      measureId: row.measure_id,
      indicatorId: row.indicator_id,
      unitId: row.unit_id,
      what: row.what,
      responsibleName: row.responsible_name,
      dueOn: row.due_on,
      amountKr: BigInt(row.amount_kr).toString(),
      status: row.status,
      decisionId: row.decision_id,
      createdAt: new Date(row.created_at).toISOString(),
    };
    await w.record({
      kind: 'corrective_action.updated',
      entity: 'corrective_action',
      entityId: id,
      unitId,
      before,
      after: { ...before, status: input.status },
    });
    return { id, version, status: input.status, unitId };
  });
  const { unitId, ...answer } = updated;
  const tree = await currentTree(services);
  return { ...answer, can: unitId ? correctiveActionAbilities(actor, tree, unitId, answer.status) : { edit: false } };
}

/** A corrective action as other capabilities read it. */
export interface CorrectiveAction {
  id: string;
  version: number;
  measureId: string | null;
  indicatorId: string | null;
  what: string;
  responsibleName: string;
  dueOn: string;
  amountKr: bigint;
  status: string;
}

const toAction = (a: {
  id: string;
  version: number;
  measure_id: string | null;
  indicator_id: string | null;
  what: string;
  responsible_name: string;
  due_on: string;
  amount_kr: string | bigint;
  status: string;
}): CorrectiveAction => ({
  id: a.id,
  version: a.version,
  measureId: a.measure_id,
  indicatorId: a.indicator_id,
  what: a.what,
  responsibleName: a.responsible_name,
  dueOn: a.due_on,
  amountKr: BigInt(a.amount_kr),
  status: a.status,
});

/** The corrective actions a unit took on the given indicators, oldest first. */
export async function indicatorCorrectiveActions(db: Executor, unitId: string, indicatorIds: readonly string[]) {
  if (indicatorIds.length === 0) return [];
  const rows = await db
    .selectFrom('corrective_actions')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('indicator_id', 'in', indicatorIds)
    .orderBy('created_at')
    .execute();
  return rows.map(toAction);
}

/** The corrective actions taken on the given measures, oldest first. */
export async function measureCorrectiveActions(db: Executor, measureIds: readonly string[]) {
  if (measureIds.length === 0) return [];
  const rows = await db
    .selectFrom('corrective_actions')
    .selectAll()
    .where('measure_id', 'in', measureIds)
    .orderBy('created_at')
    .execute();
  return rows.map(toAction);
}
