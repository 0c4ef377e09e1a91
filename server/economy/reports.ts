import { actorName } from '../../domain/actors';
import type { MeasureCategory, MeasureStatus } from '../../domain/economy/measures';
import { DomainError } from '../../domain/errors';
import { parseMonth } from '../../domain/indicators/months';
import { formatPeriod } from '../../domain/periods';
import { assertMayStart } from '../analysis/gate';
import type { Actor, Executor, Services } from '../core/context';
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
  authorize(w.actor, 'measure.report', { unitId: m.owner_unit_id }, await currentTree(services, w.trx));
  const child = await w.trx
    .selectFrom('measures')
    .select('id')
    .where('parent_measure_id', '=', m.id)
    .executeTakeFirst();
  if (child)
    throw new DomainError('unprocessable', 'En åtgärd med delåtgärder räknas fram ur dem och rapporteras inte själv.', {
      fields: [{ field: field('measureId'), message: 'har delåtgärder' }],
    });
  // A report on a started measure reports it as started: ransonering and changes to a service
  // need their risk- och konsekvensanalys done first (issue 14).
  await assertMayStart(
    w.trx,
    {
      id: m.id,
      title: m.title,
      category: m.category as MeasureCategory,
      changesService: m.changes_service,
      status: m.status as MeasureStatus,
    },
    field('measureId'),
  );
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
  const enteredByName = actorName(w.actor);
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

/** The units that own a measure with a report for the month (of those given, or all). */
export async function unitsWithMeasureReports(
  db: Executor,
  period: string,
  unitIds?: readonly string[],
): Promise<Set<string>> {
  if (unitIds !== undefined && unitIds.length === 0) return new Set();
  let query = db
    .selectFrom('measure_reports')
    .innerJoin('measures', 'measures.id', 'measure_reports.measure_id')
    .select('measures.owner_unit_id as unit_id')
    .where('measure_reports.period', '=', period)
    .distinct();
  if (unitIds !== undefined) query = query.where('measures.owner_unit_id', 'in', unitIds);
  return new Set((await query.execute()).map((r) => r.unit_id));
}

/**
 * The measures without sub-measures, still running, owned by the given units in the given
 * plans, that have no report for the month: what a unit must report before it hands in.
 */
export async function unreportedMeasures(
  db: Executor,
  ownerUnitIds: readonly string[],
  planIds: readonly string[],
  period: string,
): Promise<{ id: string; title: string; ownerUnitId: string }[]> {
  if (planIds.length === 0 || ownerUnitIds.length === 0) return [];
  const measures = await db
    .selectFrom('measures')
    .select(['id', 'title', 'owner_unit_id', 'parent_measure_id', 'status'])
    .where('owner_unit_id', 'in', ownerUnitIds)
    .where('plan_id', 'in', planIds)
    .execute();
  const parents = new Set(
    (
      await db.selectFrom('measures').select('parent_measure_id').where('parent_measure_id', 'is not', null).execute()
    ).map((m) => m.parent_measure_id),
  );
  const leaves = measures.filter((m) => !parents.has(m.id) && m.status !== 'stopped' && m.status !== 'done');
  if (leaves.length === 0) return [];
  const reported = new Set(
    (
      await db
        .selectFrom('measure_reports')
        .select('measure_id')
        .where('period', '=', period)
        .where(
          'measure_id',
          'in',
          leaves.map((l) => l.id),
        )
        .execute()
    ).map((r) => r.measure_id),
  );
  return leaves
    .filter((l) => !reported.has(l.id))
    .map((l) => ({ id: l.id, title: l.title, ownerUnitId: l.owner_unit_id }));
}
