import { randomUUID } from 'node:crypto';
import type { DelegationLevel } from '../../domain/economy/delegation';
import { DomainError } from '../../domain/errors';
import type { UnitLevel } from '../../domain/org';
import type { Actor, Services } from '../core/context';
import { authorizeReadSomewhere } from '../core/read-scope';
import { authorize, write } from '../core/write';
import { currentTree } from '../org/service';
import { kr } from './context';
import { delegationLevels } from './figures';

/** The delegation order is shared knowledge: whoever reads steering data somewhere reads it. */
export async function listDelegationLevels(services: Services, actor: Actor) {
  authorizeReadSomewhere(actor, await currentTree(services));
  return (await delegationLevels(services.db)).map((l) => ({
    ...l,
    maxAmountKr: l.maxAmountKr === null ? null : kr(l.maxAmountKr),
  }));
}

/** Replaces the delegation order; the system owner (administrator for the whole tree) keeps it. */
export async function setDelegationLevels(
  services: Services,
  actor: Actor,
  levels: { name: string; unitLevel: UnitLevel | null; bodyKind: string | null; maxAmountKr: bigint | null }[],
) {
  return write(services, actor, async (w) => {
    authorize(actor, 'orgUnit.write', { unitId: null }, await currentTree(services, w.trx));
    for (const [i, l] of levels.entries()) {
      if (!l.unitLevel && !l.bodyKind)
        throw new DomainError('unprocessable', 'En nivå är en chefsnivå eller ett organ.', {
          fields: [{ field: `levels.${i}.unitLevel`, message: 'ange en enhetsnivå eller en typ av organ' }],
        });
      const previous = levels[i - 1];
      if (previous && previous.maxAmountKr !== null && l.maxAmountKr !== null && l.maxAmountKr < previous.maxAmountKr)
        throw new DomainError('unprocessable', 'Beloppsgränserna ska öka uppåt i ordningen.', {
          fields: [{ field: `levels.${i}.maxAmountKr`, message: 'är lägre än nivån under' }],
        });
      if (previous && previous.maxAmountKr === null)
        throw new DomainError('unprocessable', 'Bara den översta nivån kan sakna beloppsgräns.', {
          fields: [{ field: `levels.${i - 1}.maxAmountKr`, message: 'saknar gräns men har nivåer över sig' }],
        });
    }
    const before = await delegationLevels(w.trx);
    await w.trx.deleteFrom('delegation_levels').execute();
    if (levels.length > 0)
      await w.trx
        .insertInto('delegation_levels')
        .values(
          levels.map((l, i) => ({
            id: randomUUID(),
            rank: i + 1,
            name: l.name,
            unit_level: l.unitLevel,
            body_kind: l.bodyKind,
            max_amount_kr: l.maxAmountKr,
            created_at: w.now,
          })),
        )
        .execute();
    const after = await delegationLevels(w.trx);
    const json = (ls: DelegationLevel[]) =>
      ls.map((l) => ({ ...l, maxAmountKr: l.maxAmountKr === null ? null : String(l.maxAmountKr) }));
    await w.record({
      kind: 'delegation.updated',
      entity: 'delegation',
      entityId: 'order',
      unitId: null,
      before: json(before),
      after: json(after),
    });
    return json(after);
  });
}
