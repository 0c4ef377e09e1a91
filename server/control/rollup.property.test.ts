import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREQUENCIES, occasionsOf } from '../../domain/control/rules';
import { createBody } from '../../server/bodies/service';
import { createDecision } from '../../server/steering/decisions';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';
import { systemActor } from '../core/context';
import { addPoint, createPlan, decidePlan } from './plans';
import { recordResult, updateAction } from './results';

const actor = systemActor('property');
const YEAR = 2025;
// The clock's today is 2025-06-15: an action due before it and still open is late.
const DUE = ['2025-05-01', '2025-06-14', '2025-06-15', '2025-09-01'] as const;

const world = fc.record({
  parents: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  namnder: fc.integer({ min: 1, max: 2 }),
  points: fc.array(
    fc.record({
      body: fc.nat(),
      unit: fc.option(fc.nat(), { freq: 3 }),
      frequency: fc.constantFrom(...FREQUENCIES),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  results: fc.array(
    fc.record({
      point: fc.nat(),
      occasion: fc.nat(),
      done: fc.boolean(),
      deviation: fc.boolean(),
      serious: fc.boolean(),
      actions: fc.array(fc.record({ due: fc.constantFrom(...DUE), finished: fc.boolean() }), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
    { maxLength: 8 },
  ),
});

interface Counts {
  results: number;
  done: number;
  notDone: number;
  deviations: number;
  openActions: number;
  lateActions: number;
}
const zero = (): Counts => ({ results: 0, done: 0, notDone: 0, deviations: 0, openActions: 0, lateActions: 0 });

/**
 * Issue 14: control results roll up by body and, within it, by unit. Random trees, plans and
 * results; the uppsikt's counts are compared with a recomputation from the records created.
 */
describe('control result roll-ups', () => {
  let ctx: TestContext;
  let region: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    region = await makeUnit(ctx.services, 'Region', null, 'region');
    await makeUser(ctx.services, 'ctl', [{ role: 'controller', unitId: region }]);
  }, 120_000);
  afterAll(async () => ctx.close());

  it('the uppsikt’s counts per body and unit equal a recomputation', async () => {
    const agent = ctx.agent();
    await agent.login('ctl', PASSWORD);
    const today = '2025-06-15';
    let run = 0;
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        run++;
        const s = ctx.services;
        // One förvaltning per nämnd, each with a few units below it.
        const bodies: { id: string; units: string[] }[] = [];
        for (let n = 0; n < w.namnder; n++) {
          const top = await makeUnit(s, `Förvaltning ${run}.${n}`, region, 'forvaltning');
          const units = [top];
          for (const [i, p] of w.parents.entries())
            units.push(
              await makeUnit(
                s,
                `Enhet ${run}.${n}.${i}`,
                units[p % units.length] as string,
                i === 0 ? 'verksamhet' : 'enhet',
              ),
            );
          const body = await createBody(s, actor, {
            name: `Nämnd ${run}.${n}`,
            kind: 'namnd',
            parentBodyId: null,
            validFrom: '2023-01-01',
            validTo: null,
            unitIds: [top],
          });
          bodies.push({ id: body.id, units });
        }
        const points: { id: string; bodyId: string; unitId: string | null; occasions: string[] }[] = [];
        for (const b of bodies) {
          const plan = await createPlan(s, actor, { bodyId: b.id, year: YEAR });
          for (const [i, p] of w.points.entries()) {
            if (bodies[p.body % bodies.length] !== b) continue;
            const unitId = p.unit === null ? null : (b.units[p.unit % b.units.length] as string);
            const point = await addPoint(s, actor, plan.id, {
              riskId: null,
              regionWide: false,
              unitId,
              what: `Kontroll ${run}.${i}`,
              method: '',
              frequency: p.frequency,
              checkerUserId: null,
              recipient: '',
              dueOn: null,
            });
            points.push({ id: point.id, bodyId: b.id, unitId, occasions: occasionsOf(p.frequency, YEAR) });
          }
          // A plan is decided only with a point (rules.ts): a body the draw gave none gets one.
          if (!points.some((p) => p.bodyId === b.id)) {
            const point = await addPoint(s, actor, plan.id, {
              riskId: null,
              regionWide: false,
              unitId: null,
              what: `Kontroll ${run} för hela området`,
              method: '',
              frequency: 'yearly',
              checkerUserId: null,
              recipient: '',
              dueOn: null,
            });
            points.push({ id: point.id, bodyId: b.id, unitId: null, occasions: occasionsOf('yearly', YEAR) });
          }
          const decision = await createDecision(s, actor, {
            kind: 'beslut',
            bodyId: b.id,
            officialName: null,
            unitId: null,
            decidedOn: '2025-02-01',
            paragraph: `${run}`,
            diarienummer: null,
            title: `Internkontrollplan ${run}`,
            text: '',
            links: [],
          });
          const version = (
            await s.db.selectFrom('control_plans').select('version').where('id', '=', plan.id).executeTakeFirstOrThrow()
          ).version;
          await decidePlan(s, actor, plan.id, { version, decisionId: decision.id });
        }

        // The expected counts, recomputed from what is recorded below.
        const expected = new Map<string, { total: Counts; units: Map<string | null, Counts> }>();
        const add = (c: Counts, d: Partial<Counts>) => {
          for (const k of Object.keys(d) as (keyof Counts)[]) c[k] += d[k] ?? 0;
        };
        const seen = new Set<string>();
        for (const r of w.results) {
          if (points.length === 0) break;
          const point = points[r.point % points.length] as (typeof points)[number];
          const occasion = point.occasions[r.occasion % point.occasions.length] as string;
          if (seen.has(`${point.id}|${occasion}`)) continue;
          seen.add(`${point.id}|${occasion}`);
          const deviation = r.done && r.deviation;
          const result = await recordResult(s, actor, point.id, occasion, {
            version: null,
            done: r.done,
            deviation,
            serious: deviation && r.serious,
            sampleSize: null,
            findings: '',
            evidence: '',
            actions: deviation
              ? r.actions.map((a, i) => ({ what: `Åtgärd ${i}`, ownerUserId: null, dueOn: a.due }))
              : [],
          });
          let open = 0;
          let late = 0;
          if (deviation)
            for (const [i, a] of r.actions.entries()) {
              // The result answers its actions in due order, not as sent: find each by its text.
              const made = result.actions.find((x) => x.what === `Åtgärd ${i}`) as (typeof result.actions)[number];
              if (a.finished)
                await updateAction(s, actor, made.id, {
                  version: made.version,
                  what: made.what,
                  ownerUserId: null,
                  dueOn: a.due,
                  status: 'done',
                });
              else {
                open++;
                if (a.due < today) late++;
              }
            }
          const one = {
            results: 1,
            done: r.done ? 1 : 0,
            notDone: r.done ? 0 : 1,
            deviations: deviation ? 1 : 0,
            openActions: open,
            lateActions: late,
          };
          const body = expected.get(point.bodyId) ?? { total: zero(), units: new Map() };
          add(body.total, one);
          const unit = body.units.get(point.unitId) ?? zero();
          add(unit, one);
          body.units.set(point.unitId, unit);
          expected.set(point.bodyId, body);
        }

        const res = await agent.json('GET', `/api/control/uppsikt?year=${YEAR}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        for (const b of bodies) {
          const row = res.body.bodies.find((x: any) => x.bodyId === b.id);
          const want = expected.get(b.id);
          expect(row.planStatus).toBe('decided');
          expect(row.points).toBe(points.filter((p) => p.bodyId === b.id).length);
          expect(row.counts, `body ${b.id}`).toEqual(want?.total ?? zero());
          const units = new Map(row.units.map((u: any) => [u.unitId, u.counts]));
          expect(units, `units of ${b.id}`).toEqual(want?.units ?? new Map());
        }
        // The whole is the sum of its parts.
        const sum = zero();
        for (const row of res.body.bodies) add(sum, row.counts);
        expect(res.body.total).toEqual(sum);
      }),
      { numRuns: 15 },
    );
  }, 600_000);
});
