import { type ControlFrequency, type ControlPlanStatus, isLate, type Judgement } from '../../domain/control/rules';
import type { IsoDate } from '../../domain/dates';
import type { InternalControlReportSection } from '../../domain/reports/content';
import { type Services, systemActor } from '../core/context';
import { FREQUENCY_WORDS } from './excel';
import { uppsikt } from './oversight';
import { actionRows, planRows, pointRows, resultRows } from './store';

/**
 * A body's internal control of `year` as the internkontrollrapport holds it (issue 14): the plan
 * and its points, every result per occasion, the deviations' actions (late as of `day`), the
 * body's assessment and, for the styrelse, the uppsikt over every body. The caller is authorised
 * on the report, so this reads as the system; `unitNames` names the points' units.
 */
export async function internalControlForReport(
  services: Services,
  body: { id: string; name: string; kind: 'namnd' | 'styrelse' },
  year: number,
  day: IsoDate,
  unitNames: ReadonlyMap<string, string>,
): Promise<InternalControlReportSection> {
  const [plan] = await planRows(services.db, { bodyId: body.id, year });
  const points = plan ? await pointRows(services.db, { planIds: [plan.id] }) : [];
  const results = await resultRows(services.db, { pointIds: points.map((p) => p.id) });
  const actions = await actionRows(services.db, { resultIds: results.map((r) => r.id) });
  const assessment = await services.db
    .selectFrom('control_assessments')
    .select(['judgement', 'reasons', 'decision_id'])
    .where('body_id', '=', body.id)
    .where('year', '=', year)
    .executeTakeFirst();
  const whatOf = new Map(points.map((p) => [p.id, p.what]));
  const resultOf = new Map(results.map((r) => [r.id, r]));
  const pointOrder = new Map(points.map((p, i) => [p.id, i]));
  const byPoint = <T extends { point_id: string; occasion: string }>(a: T, b: T) =>
    (pointOrder.get(a.point_id) ?? 0) - (pointOrder.get(b.point_id) ?? 0) || a.occasion.localeCompare(b.occasion);
  const oversight =
    body.kind === 'styrelse'
      ? (await uppsikt(services, systemActor('reports'), year)).bodies.map((b) => ({
          bodyName: b.bodyName,
          planStatus: b.planStatus,
          points: b.points,
          done: b.counts.done,
          notDone: b.counts.notDone,
          deviations: b.counts.deviations,
          openActions: b.counts.openActions,
          lateActions: b.counts.lateActions,
          judgement: b.judgement,
        }))
      : null;
  return {
    bodyName: body.name,
    bodyKind: body.kind,
    year,
    asOf: day,
    planStatus: plan ? (plan.status as ControlPlanStatus) : null,
    points: points.map((p) => ({
      what: p.what,
      method: p.method,
      frequency: FREQUENCY_WORDS[p.frequency as ControlFrequency],
      unitName: p.unit_id ? (unitNames.get(p.unit_id) ?? null) : null,
      riskTitle: p.risk_title,
      checkerName: p.checker_name,
      recipient: p.recipient,
      dueOn: p.due_on === null ? '' : String(p.due_on),
      regionWide: p.region_wide,
    })),
    results: [...results].sort(byPoint).map((r) => ({
      what: whatOf.get(r.point_id) ?? '',
      occasion: r.occasion,
      done: r.done,
      deviation: r.deviation,
      serious: r.serious,
      sampleSize: r.sample_size,
      findings: r.findings,
    })),
    actions: actions
      .map((a) => ({ a, r: resultOf.get(a.result_id) as (typeof results)[number] }))
      .sort((x, y) => byPoint(x.r, y.r) || String(x.a.due_on).localeCompare(String(y.a.due_on)))
      .map(({ a, r }) => ({
        what: whatOf.get(r.point_id) ?? '',
        occasion: r.occasion,
        action: a.what,
        ownerName: a.owner_name,
        dueOn: String(a.due_on),
        status: a.status as 'open' | 'done',
        late: isLate({ dueOn: String(a.due_on), status: a.status as 'open' | 'done' }, day),
      })),
    assessment: assessment
      ? {
          judgement: assessment.judgement as Judgement,
          reasons: assessment.reasons,
          decided: assessment.decision_id !== null,
        }
      : null,
    oversight,
  };
}
