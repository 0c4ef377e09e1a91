import { type ControlFrequency, type ControlPlanStatus, isLate, occasionsOf } from '../../domain/control/rules';
import type { IsoDate } from '../../domain/dates';
import type { Services } from '../core/context';
import { actionRows, planRows, pointRows, resultRows } from './store';

/**
 * A body's internkontrollplan of `year` as its board report shows it: per control point the
 * occasions, how many were done and not done, deviations, open and late actions (as of `day`);
 * and every deviation whose action is not done. Four set-based reads, whatever the plan's size.
 * The caller is authorised on the report, so this reads without an actor.
 */
export async function controlResultsForBoard(services: Services, bodyId: string, year: number, day: IsoDate) {
  const [plan] = await planRows(services.db, { bodyId, year });
  if (!plan) return { planStatus: null, points: [], openDeviations: [] };
  const points = await pointRows(services.db, { planIds: [plan.id] });
  const results = await resultRows(services.db, { pointIds: points.map((p) => p.id) });
  const actions = await actionRows(services.db, { resultIds: results.map((r) => r.id) });
  const late = (a: (typeof actions)[number]) =>
    isLate({ dueOn: String(a.due_on), status: a.status as 'open' | 'done' }, day);
  const openDeviations = [];
  for (const p of points)
    for (const r of results.filter((x) => x.point_id === p.id && x.deviation)) {
      const mine = actions.filter((a) => a.result_id === r.id);
      const open = mine.filter((a) => a.status === 'open');
      if (mine.length > 0 && open.length === 0) continue;
      const rows = open.length > 0 ? open : [null];
      for (const a of rows)
        openDeviations.push({
          what: p.what,
          occasion: r.occasion,
          findings: r.findings,
          serious: r.serious,
          action: a ? `${a.what} (${a.owner_name ?? 'ingen ansvarig'}, senast ${String(a.due_on)})` : null,
          late: a ? late(a) : false,
        });
    }
  return {
    planStatus: plan.status as ControlPlanStatus,
    points: points.map((p) => {
      const mine = results.filter((r) => r.point_id === p.id);
      const acts = actions.filter((a) => mine.some((r) => r.id === a.result_id));
      return {
        what: p.what,
        unitId: p.unit_id,
        occasions: occasionsOf(p.frequency as ControlFrequency, year).length,
        done: mine.filter((r) => r.done).length,
        notDone: mine.filter((r) => !r.done).length,
        deviations: mine.filter((r) => r.deviation).length,
        openActions: acts.filter((a) => a.status === 'open').length,
        lateActions: acts.filter(late).length,
      };
    }),
    openDeviations,
  };
}
