import { actorName } from '../../domain/actors';
import { DomainError } from '../../domain/errors';
import { parseMonth } from '../../domain/indicators/months';
import { formatPeriod } from '../../domain/periods';
import { assertMaySubmit } from '../analysis/gate';
import type { Actor, Services } from '../core/context';
import { authorizeReadSomewhere, readableInherited } from '../core/read-scope';
import { mustExist } from '../core/refs';
import { authorize, write } from '../core/write';
import { currentTree } from '../org/service';
import { context, planOrThrow } from './context';

/**
 * A unit submits its month: every measure without sub-measures that the unit or a unit below
 * it owns must have its report for the month (each missing one is named), then the submission
 * is recorded with who and when. Submitting again records the new time.
 */
export async function submitPeriod(
  services: Services,
  actor: Actor,
  planId: string,
  input: { unitId: string; period: string },
) {
  const month = formatPeriod(parseMonth(input.period, 'period'));
  return write(services, actor, async (w) => {
    await planOrThrow(w.trx, planId);
    await mustExist(w.trx, 'org_units', [input.unitId], 'unitId');
    const tree = await currentTree(services, w.trx);
    authorize(actor, 'measure.report', { unitId: input.unitId }, tree);
    const inScope = new Set(tree.subtree(input.unitId));
    const measures = await w.trx
      .selectFrom('measures')
      .select(['id', 'title', 'owner_unit_id', 'parent_measure_id', 'status'])
      .where('plan_id', '=', planId)
      .execute();
    const parents = new Set(measures.map((m) => m.parent_measure_id));
    const leaves = measures.filter((m) => !parents.has(m.id) && inScope.has(m.owner_unit_id) && m.status !== 'stopped');
    const reported = new Set(
      leaves.length === 0
        ? []
        : (
            await w.trx
              .selectFrom('measure_reports')
              .select('measure_id')
              .where('period', '=', month)
              .where(
                'measure_id',
                'in',
                leaves.map((l) => l.id),
              )
              .execute()
          ).map((r) => r.measure_id),
    );
    const missing = leaves.filter((l) => !reported.has(l.id));
    if (missing.length > 0)
      throw new DomainError(
        'unprocessable',
        `${missing.length} åtgärder saknar rapport för ${month}. Inget har lämnats in.`,
        {
          fields: missing.map((m) => ({
            field: `measures.${m.id}`,
            message: `${m.title} saknar prognos för ${month}`,
          })),
        },
      );
    // Submitting sends the unit's measures on for decision: none may lack its analysis (issue 14).
    await assertMaySubmit(
      w.trx,
      measures.filter((m) => inScope.has(m.owner_unit_id) && m.status !== 'stopped').map((m) => m.id),
    );
    const before = await w.trx
      .selectFrom('action_plan_submissions')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('unit_id', '=', input.unitId)
      .where('period', '=', month)
      .executeTakeFirst();
    await w.trx
      .deleteFrom('action_plan_submissions')
      .where('plan_id', '=', planId)
      .where('unit_id', '=', input.unitId)
      .where('period', '=', month)
      .execute();
    const submittedByName = actorName(w.actor);
    await w.trx
      .insertInto('action_plan_submissions')
      .values({
        plan_id: planId,
        unit_id: input.unitId,
        period: month,
        submitted_at: w.now,
        submitted_by_name: submittedByName,
      })
      .execute();
    const after = {
      unitId: input.unitId,
      period: month,
      submittedAt: w.now.toISOString(),
      submittedByName,
      measures: leaves.length,
    };
    await w.record({
      kind: 'action_plan.submitted',
      entity: 'plan',
      entityId: planId,
      unitId: input.unitId,
      before: before ?? null,
      after,
    });
    return after;
  });
}

/** Which units have submitted the month, with who and when. */
export async function listSubmissions(services: Services, actor: Actor, planId: string, periodText: string) {
  const month = formatPeriod(parseMonth(periodText, 'period'));
  const ctx = await context(services);
  authorizeReadSomewhere(actor, ctx.tree);
  await planOrThrow(services.db, planId);
  const may = readableInherited(actor, ctx.tree);
  const rows = await services.db
    .selectFrom('action_plan_submissions')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('period', '=', month)
    .execute();
  return rows
    .filter((r) => may(r.unit_id))
    .map((r) => ({
      unitId: r.unit_id,
      name: ctx.names.get(r.unit_id) ?? '',
      period: r.period,
      submittedAt: new Date(r.submitted_at).toISOString(),
      submittedByName: r.submitted_by_name,
    }));
}
