import { DomainError } from '../../domain/errors';
import { can } from '../../domain/permissions';
import type { Services } from '../core/context';
import type { WriteTx } from '../core/write';
import { currentTree } from '../org/service';
import type { LinkEntity } from '../steering/decisions';
import { decisionsById, decisionsLinkedTo } from '../steering/reads';
import { Judge } from './judge';

const RECORD_NAMES: Record<LinkEntity, string> = {
  plan: 'planen',
  goal: 'målet',
  assignment: 'uppdraget',
  indicator: 'indikatorn',
  activity: 'aktiviteten',
  measure: 'åtgärden',
  corrective_action: 'den korrigerande åtgärden',
};

/**
 * Checks decisions cited from a record's side (a plan decided by, a wording or a measure backed
 * by a decision) before they are linked: a decision decides only what it names. Citing one that
 * does not yet name the record adds the record to the decision, so it takes the right to change
 * that decision in the register; and its maker must be competent for the record's matter on the
 * day it was taken. Citations already in place are left as they are (and shown judged).
 * `field(i)` names the i-th cited decision in a 422.
 */
export async function mayCite(
  services: Services,
  w: WriteTx,
  entity: LinkEntity,
  entityId: string,
  decisionIds: readonly string[],
  field: (i: number) => string,
): Promise<void> {
  if (decisionIds.length === 0) return;
  const rows = await decisionsById(w.trx, decisionIds);
  const named = new Set((await decisionsLinkedTo(w.trx, entity, [entityId])).map((l) => l.decision.id));
  const judge = new Judge(w.trx);
  const tree = w.actor.kind === 'system' ? null : await currentTree(services, w.trx);
  for (const [i, id] of decisionIds.entries()) {
    const d = rows.get(id);
    if (!d || named.has(id)) continue;
    if (w.actor.kind !== 'system' && tree) {
      const scope = d.scopeUnitId && tree.has(d.scopeUnitId) ? d.scopeUnitId : null;
      if (!can(w.actor.principal, 'decision.write', { unitId: scope }, tree))
        throw new DomainError(
          'unprocessable',
          `Beslutet gäller inte ${RECORD_NAMES[entity]}. Ett beslut avgör bara det som det självt nämner, och du kan inte ändra vad det här beslutet gäller.`,
          {
            fields: [
              {
                field: field(i),
                message: `beslutet nämner inte ${RECORD_NAMES[entity]}; den som för beslutet i diariet lägger till det`,
              },
            ],
          },
        );
    }
    await judge.mustBeCompetent(
      {
        kind: d.kind,
        bodyId: d.bodyId,
        officialName: d.officialName,
        unitId: d.scopeUnitId,
        decidedOn: d.decidedOn,
      },
      entity,
      entityId,
      field(i),
    );
  }
}
