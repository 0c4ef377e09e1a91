import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody } from '../../server/bodies/service';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';
import { systemActor } from '../core/context';
import { addRisk } from './service';

const actor = systemActor('property');

/** A small tree below the region: each unit after the first hangs under an earlier one (depth ≤ 2). */
const world = fc.record({
  parents: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  namnder: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
  risks: fc.array(
    fc.record({
      owner: fc.oneof(
        { weight: 3, arbitrary: fc.record({ unit: fc.nat() }) },
        { weight: 2, arbitrary: fc.record({ body: fc.nat() }) },
      ),
      cell: fc.option(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), { freq: 5 }),
    }),
    { maxLength: 8 },
  ),
});

interface Made {
  id: string;
  unitId: string | null;
  bodyId: string | null;
  cell: [number, number] | null;
}

/**
 * Issue 14: risks roll up a unit → its subtree, a nämnd → the units it governs, the styrelse →
 * every nämnd. The API's matrix is compared with a recomputation from the records created.
 */
describe('risk roll-ups', () => {
  let ctx: TestContext;
  let region: string;
  let styrelse: string;
  const parentOf = new Map<string, string | null>();
  const made: Made[] = [];
  const namnder = new Map<string, string[]>();
  beforeAll(async () => {
    ctx = await createTestContext();
    region = await makeUnit(ctx.services, 'Region', null, 'region');
    parentOf.set(region, null);
    styrelse = (
      await createBody(ctx.services, actor, {
        name: 'Regionstyrelsen',
        kind: 'styrelse',
        parentBodyId: null,
        validFrom: '2023-01-01',
        validTo: null,
        unitIds: [region],
      })
    ).id;
    await makeUser(ctx.services, 'ctl', [{ role: 'controller', unitId: region }]);
  }, 120_000);
  afterAll(async () => ctx.close());

  const inSubtree = (unitId: string, top: string) => {
    for (let u: string | null | undefined = unitId; u; u = parentOf.get(u)) if (u === top) return true;
    return false;
  };
  /** The API's matrix as a map from risk id to its cell ("p:c", or "none" when unassessed). */
  const matrixOf = async (agent: Awaited<ReturnType<TestContext['agent']>>, query: string) => {
    const res = await agent.json('GET', `/api/risks/matrix?${query}&includeBelow=true`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const out = new Map<string, string>();
    for (const c of res.body.cells) for (const id of c.riskIds) out.set(id, `${c.probability}:${c.consequence}`);
    for (const id of res.body.unassessed) out.set(id, 'none');
    expect(res.body.offScale).toEqual([]);
    return out;
  };
  const expected = (keep: (r: Made) => boolean) =>
    new Map(made.filter(keep).map((r) => [r.id, r.cell ? `${r.cell[0]}:${r.cell[1]}` : 'none']));
  const sorted = (m: Map<string, string>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

  it('matches a recomputation for every unit, every nämnd and the styrelse', async () => {
    const agent = ctx.agent();
    await agent.login('ctl', PASSWORD);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        run++;
        const s = ctx.services;
        const top = await makeUnit(s, `Förvaltning ${run}`, region, 'forvaltning');
        parentOf.set(top, region);
        const units = [top];
        const depth = new Map([[top, 0]]);
        for (const [i, p] of w.parents.entries()) {
          const candidates = units.filter((u) => (depth.get(u) ?? 0) < 2);
          const parent = candidates[p % candidates.length] as string;
          const d = (depth.get(parent) ?? 0) + 1;
          const id = await makeUnit(s, `Enhet ${run}.${i}`, parent, d === 1 ? 'verksamhet' : 'enhet');
          parentOf.set(id, parent);
          depth.set(id, d);
          units.push(id);
        }
        // Each nämnd governs a unit of its own in the run's tree.
        const free = [...units];
        const bodies: string[] = [];
        for (const [i, n] of w.namnder.entries()) {
          if (free.length === 0) break;
          const [unitId] = free.splice(n % free.length, 1) as [string];
          const body = await createBody(s, actor, {
            name: `Nämnd ${run}.${i}`,
            kind: 'namnd',
            parentBodyId: null,
            validFrom: '2023-01-01',
            validTo: null,
            unitIds: [unitId],
          });
          namnder.set(body.id, [unitId]);
          bodies.push(body.id);
        }
        const owners = [...bodies, styrelse];
        for (const [i, r] of w.risks.entries()) {
          const unitId = 'unit' in r.owner ? (units[r.owner.unit % units.length] as string) : null;
          const bodyId = 'body' in r.owner ? (owners[r.owner.body % owners.length] as string) : null;
          const id = await addRisk(
            s,
            actor,
            {
              title: `Risk ${run}.${i}`,
              description: '',
              cause: '',
              consequence: '',
              process: '',
              ownerUserId: null,
              existingControls: '',
              plannedActions: '',
              bodyId,
              unitId,
            },
            undefined,
            {
              assessments: r.cell
                ? [{ assessedAt: '2025-06-01', probability: r.cell[0], consequence: r.cell[1], comment: '' }]
                : [],
            },
          );
          made.push({ id, unitId, bodyId, cell: r.cell });
        }

        for (const u of units)
          expect(sorted(await matrixOf(agent, `unitId=${u}`)), `unit ${u}`).toEqual(
            sorted(expected((r) => r.unitId !== null && inSubtree(r.unitId, u))),
          );
        for (const b of bodies) {
          const governed = namnder.get(b) ?? [];
          expect(sorted(await matrixOf(agent, `bodyId=${b}`)), `nämnd ${b}`).toEqual(
            sorted(
              expected(
                (r) => r.bodyId === b || (r.unitId !== null && governed.some((g) => inSubtree(r.unitId as string, g))),
              ),
            ),
          );
        }
        // The styrelse governs the region: its own register, every nämnd's, and every unit's.
        expect(sorted(await matrixOf(agent, `bodyId=${styrelse}`)), 'styrelse').toEqual(
          sorted(
            expected(
              (r) =>
                r.bodyId === styrelse ||
                (r.bodyId !== null && namnder.has(r.bodyId)) ||
                (r.unitId !== null && inSubtree(r.unitId, region)),
            ),
          ),
        );
      }),
      { numRuns: 15 },
    );
  }, 600_000);
});
