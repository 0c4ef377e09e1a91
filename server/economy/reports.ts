import { DomainError } from '../../domain/errors';
import { parseMonth } from '../../domain/indicators/months';
import { formatPeriod } from '../../domain/periods';
import type { Actor, Services } from '../core/context';
import { badRef } from '../core/refs';
import { authorize, bumpVersion, type WriteTx, write } from '../core/write';
import { currentTree } from '../org/service';
import { kr } from './context';
import { refreshMeasureFigures } from './rollups';

export interface ReportInput {
  measureId: string;
  version: number;
  period: string;
  forecastKr: bigint;
  outcomeKr: bigint | null;
  comment: string;
}

/**
 * A unit's report on a measure for a month: the forecast of the year's net effect and the
 * outcome so far. Only measures without sub-measures take reports; a stale version is refused.
 */
export async function reportMeasureIn(
  services: Services,
  w: WriteTx,
  input: ReportInput,
  field = (f: string) => f,
  /** A bulk import refreshes the kept figures once for all its measures instead. */
  options: { deferFigures?: boolean } = {},
) {
  const month = formatPeriod(parseMonth(input.period, field('period')));
  const m = await w.trx.selectFrom('measures').selectAll().where('id', '=', input.measureId).executeTakeFirst();
  if (!m) throw badRef(field('measureId'), 'finns inte');
  authorize(w.actor, 'value.write', { unitId: m.owner_unit_id }, await currentTree(services, w.trx));
  const child = await w.trx
    .selectFrom('measures')
    .select('id')
    .where('parent_measure_id', '=', m.id)
    .executeTakeFirst();
  if (child)
    throw new DomainError('unprocessable', 'En åtgärd med delåtgärder räknas fram ur dem och rapporteras inte själv.', {
      fields: [{ field: field('measureId'), message: 'har delåtgärder' }],
    });
  const before = await w.trx
    .selectFrom('measure_reports')
    .selectAll()
    .where('measure_id', '=', m.id)
    .where('period', '=', month)
    .executeTakeFirst();
  await bumpVersion(w.trx, 'measures', m.id, input.version, async () => ({
    ...m,
    report: before ?? null,
  }));
  await w.trx.deleteFrom('measure_reports').where('measure_id', '=', m.id).where('period', '=', month).execute();
  const enteredByName = w.actor.kind === 'user' ? w.actor.displayName : `system:${w.actor.name}`;
  const after = await w.trx
    .insertInto('measure_reports')
    .values({
      measure_id: m.id,
      period: month,
      forecast_kr: input.forecastKr,
      outcome_kr: input.outcomeKr,
      comment: input.comment,
      entered_by_name: enteredByName,
      entered_at: w.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (!options.deferFigures) await refreshMeasureFigures(w.trx, [m.id]);
  await w.record({
    kind: 'measure.reported',
    entity: 'measure',
    entityId: m.id,
    unitId: m.owner_unit_id,
    before: before ?? null,
    after,
  });
  return after;
}

export async function reportMeasure(services: Services, actor: Actor, input: ReportInput) {
  const row = await write(services, actor, (w) => reportMeasureIn(services, w, input));
  return {
    measureId: row.measure_id,
    period: row.period,
    forecast: kr(row.forecast_kr),
    outcome: row.outcome_kr === null ? null : kr(row.outcome_kr),
    comment: row.comment,
    enteredByName: row.entered_by_name,
    enteredAt: new Date(row.entered_at).toISOString(),
  };
}
