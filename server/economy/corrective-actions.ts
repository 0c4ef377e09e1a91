import { randomUUID } from 'node:crypto';
import type { IsoDate } from '../../domain/dates';
import { mayCite } from '../competence/citations';
import type { Actor, Services } from '../core/context';
import { mustExist } from '../core/refs';
import { authorize, write } from '../core/write';
import { currentTree } from '../org/service';
import { linkDecision } from '../steering/decisions';
import { levelName, measurePlanId } from './context';
import { delegationLevels } from './figures';

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
    authorize(actor, 'data.write', { unitId: m.owner_unit_id }, await currentTree(services, w.trx));
    if (input.decisionId) await mustExist(w.trx, 'decisions', [input.decisionId], 'decisionId');
    const row = {
      id,
      measure_id: measureId,
      what: input.what,
      responsible_name: input.responsibleName,
      due_on: input.dueOn,
      amount_kr: input.amountKr,
      status: input.status,
      decision_id: input.decisionId,
      created_at: w.now,
    };
    await w.trx.insertInto('corrective_actions').values(row).execute();
    if (input.decisionId) {
      await mayCite(services, w, 'corrective_action', id, [input.decisionId], () => 'decisionId');
      await linkDecision(w.trx, input.decisionId, 'corrective_action', id);
    }
    await w.record({
      kind: 'corrective_action.created',
      entity: 'corrective_action',
      entityId: id,
      unitId: m.owner_unit_id,
      before: null,
      after: { ...row, amount_kr: String(row.amount_kr) },
    });
    return { id, requiredLevel: levelName(await delegationLevels(w.trx), input.amountKr) };
  });
}
