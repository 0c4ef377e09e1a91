import { DomainError } from '../../domain/errors';
import type { Actor, Services } from '../core/context';
import { mustExist } from '../core/refs';
import { authorize, write } from '../core/write';
import { currentTree } from '../org/service';
import { kr, planOrThrow } from './context';

/** Sets the requirement a plan puts on a unit for a year (the region's at the top, split below). */
export async function setAllocation(
  services: Services,
  actor: Actor,
  planId: string,
  input: { unitId: string; year: number; amountKr: bigint },
) {
  return write(services, actor, async (w) => {
    const plan = await planOrThrow(w.trx, planId);
    await mustExist(w.trx, 'org_units', [input.unitId], 'unitId');
    authorize(actor, 'allocation.write', { unitId: input.unitId }, await currentTree(services, w.trx));
    if (input.year < plan.startYear || input.year > plan.endYear)
      throw new DomainError('unprocessable', 'Året ligger utanför planens period.', {
        fields: [{ field: 'year', message: `ska vara ${plan.startYear}–${plan.endYear}` }],
      });
    const before = await w.trx
      .selectFrom('action_plan_allocations')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('unit_id', '=', input.unitId)
      .where('year', '=', input.year)
      .executeTakeFirst();
    await w.trx
      .deleteFrom('action_plan_allocations')
      .where('plan_id', '=', planId)
      .where('unit_id', '=', input.unitId)
      .where('year', '=', input.year)
      .execute();
    await w.trx
      .insertInto('action_plan_allocations')
      .values({ plan_id: planId, unit_id: input.unitId, year: input.year, amount_kr: input.amountKr })
      .execute();
    const after = { unitId: input.unitId, year: input.year, amountKr: kr(input.amountKr) };
    await w.record({
      kind: 'allocation.set',
      entity: 'plan',
      entityId: planId,
      unitId: input.unitId,
      before: before ? { unitId: before.unit_id, year: before.year, amountKr: kr(before.amount_kr) } : null,
      after,
    });
    return after;
  });
}
