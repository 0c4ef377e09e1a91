import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestContext, type TestContext } from '../../test/support/context';
import { createBody } from '../bodies/service';
import { systemActor } from '../core/context';
import { createUnit } from '../org/service';
import { createUser, grantRole } from '../users/service';

// Each action that data.write was split into, through the API: a manager of A may do it for a
// record of A1 (inside their part) and is refused it, with 403, for a record of B (outside).
// root ── A ── A1
//     └── B

const PERIOD = '2025-05';

describe('a manager may do each steering action inside their part, and is refused it outside', () => {
  let ctx: TestContext;
  let am: Agent;
  let root: Agent;
  const ids = {} as Record<string, string>;

  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username, 'hemligt-losen');
    return agent;
  };
  const created = async (p: Promise<{ status: number; body: any }>) => {
    const res = await p;
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  // A fresh database, two accounts' password hashes and three records: slow on a busy machine.
  beforeAll(async () => {
    ctx = await createTestContext();
    const { services } = ctx;
    const system = systemActor('test');
    for (const [key, parent, level] of [
      ['root', null, 'region'],
      ['A', 'root', 'forvaltning'],
      ['A1', 'A', 'division'],
      ['B', 'root', 'forvaltning'],
    ] as const) {
      const u = await createUnit(services, system, {
        parentId: parent ? (ids[parent] as string) : null,
        name: `Enhet ${key}`,
        level,
        code: null,
        managerName: null,
        validFrom: '2020-01-01',
      });
      ids[key] = u.id;
    }
    for (const key of ['A', 'B'] as const) {
      const b = await createBody(services, system, {
        name: `Nämnden för ${key}`,
        kind: 'namnd',
        parentBodyId: null,
        validFrom: '2020-01-01',
        validTo: null,
        unitIds: [ids[key] as string],
      });
      ids[`body${key}`] = b.id;
    }
    for (const [username, role, unit] of [
      ['a.manager', 'manager', 'A'],
      ['root.controller', 'controller', 'root'],
    ] as const) {
      const u = await createUser(services, system, {
        username,
        displayName: username,
        email: null,
        password: 'hemligt-losen',
      });
      await grantRole(services, system, { userId: u.id, role, unitId: ids[unit] as string });
    }
    am = await as('a.manager');
    root = await as('root.controller');
    ids.regionPlan = (
      await created(
        root.json('POST', '/api/plans', {
          kind: 'regionplan',
          title: 'Regionplan',
          startYear: 2025,
          endYear: 2025,
          ownerUnitId: ids.root,
        }),
      )
    ).id;
    ids.regionGoal = (
      await created(
        root.json('POST', '/api/goals', {
          planId: ids.regionPlan,
          perspective: 'verksamhet',
          ownerUnitId: ids.root,
          title: 'Regionens mål',
        }),
      )
    ).id;
    ids.actionPlan = (
      await created(
        root.json('POST', '/api/action-plans', {
          title: 'Handlingsplan',
          startYear: 2025,
          endYear: 2025,
          ownerUnitId: ids.root,
        }),
      )
    ).id;
  }, 300_000);
  afterAll(async () => {
    await ctx?.close();
  });

  const measure = (unit: string) => ({
    planId: ids.actionPlan,
    ownerUnitId: ids[unit],
    responsibleName: 'Bo Berg',
    title: `Åtgärd för ${unit}`,
    category: 'effektivisering',
    feasibility: 2,
    startOn: '2025-01-01',
    fullEffectOn: '2025-12-31',
    calculation: [{ year: 2025, kind: 'saving', description: 'Kalkyl', amountKr: 100000, realisationPct: 100 }],
  });

  // Each action: the request for a record of `unit` (A1 inside, B outside; bodies: A's and B's).
  const ACTIONS: Record<string, (inside: boolean) => [method: string, path: string, body: unknown]> = {
    'plan.write': (inside) => [
      'POST',
      '/api/plans',
      { kind: 'verksamhetsplan', title: 'Plan', startYear: 2025, endYear: 2025, ownerUnitId: ids[inside ? 'A1' : 'B'] },
    ],
    'goal.write': (inside) => [
      'POST',
      '/api/goals',
      { planId: ids.regionPlan, perspective: 'ekonomi', ownerUnitId: ids[inside ? 'A1' : 'B'], title: 'Mål' },
    ],
    'activity.write': (inside) => [
      'POST',
      '/api/activities',
      {
        title: 'Aktivitet',
        ownerUnitId: ids[inside ? 'A1' : 'B'],
        responsibleName: 'Bo Berg',
        startOn: '2025-01-01',
        endOn: '2025-12-31',
        goalIds: [],
      },
    ],
    'analysis.write': (inside) => [
      'PUT',
      `/api/goals/${ids.regionGoal}/analyses`,
      { unitId: ids[inside ? 'A1' : 'B'], period: PERIOD, text: 'Analys', version: null },
    ],
    'measure.write': (inside) => ['POST', '/api/measures', measure(inside ? 'A1' : 'B')],
    'decision.write': (inside) => [
      'POST',
      '/api/decisions',
      {
        kind: 'beslut',
        bodyId: ids[inside ? 'bodyA' : 'bodyB'],
        decidedOn: '2025-05-20',
        paragraph: '1',
        title: 'Beslut',
      },
    ],
    'assignment.write': (inside) => [
      'POST',
      '/api/assignments',
      {
        title: 'Uppdrag',
        bodyId: ids[inside ? 'bodyA' : 'bodyB'],
        assigneeUnitId: ids[inside ? 'A1' : 'B'],
        dueOn: '2025-12-31',
      },
    ],
    'report.write': (inside) => [
      'POST',
      '/api/reports',
      { kind: 'month', title: 'Rapport', unitId: ids[inside ? 'A1' : 'B'], period: PERIOD, planId: null },
    ],
    'meeting.write': (inside) => [
      'POST',
      '/api/meetings',
      { bodyId: ids[inside ? 'bodyA' : 'bodyB'], meetsOn: '2025-06-20', title: 'Sammanträde' },
    ],
  };

  for (const [action, request] of Object.entries(ACTIONS))
    it(`${action}: allowed inside, 403 outside`, async () => {
      const [method, path, body] = request(true);
      const inside = await am.json(method as any, path, body);
      expect(inside.status, JSON.stringify(inside.body)).toBeLessThan(300);
      const [m2, p2, b2] = request(false);
      expect((await am.json(m2 as any, p2, b2)).status).toBe(403);
    });

  it('target.write: allowed inside, 403 outside; indicator.define only at the root', async () => {
    const definition = {
      name: 'Indikator',
      measureUnit: 'st',
      direction: 'higher',
      frequency: 'month',
      aggregation: 'sum',
      goalIds: [],
    };
    expect((await am.json('POST', '/api/indicators', definition)).status).toBe(403);
    const indicator = await created(root.json('POST', '/api/indicators', definition));
    expect(indicator.can.edit).toBe(true);
    expect((await am.json('GET', `/api/indicators/${indicator.id}`)).body.can.edit).toBe(false);
    const target = (unit: string) => ({ unitId: ids[unit], period: '2025', target: '10', tolerance: '1' });
    const set = await am.json('PUT', `/api/indicators/${indicator.id}/targets`, target('A1'));
    expect(set.status).toBe(200);
    expect(set.body.can.edit).toBe(true);
    expect((await am.json('PUT', `/api/indicators/${indicator.id}/targets`, target('B'))).status).toBe(403);
  });

  it('correctiveAction.write: allowed on a measure inside, 403 outside', async () => {
    const mine = await created(am.json('POST', '/api/measures', measure('A1')));
    const theirs = await created(root.json('POST', '/api/measures', measure('B')));
    const action = { what: 'Åtgärda', responsibleName: 'Bo Berg', dueOn: '2025-09-30' };
    expect((await am.json('POST', `/api/measures/${mine.id}/corrective-actions`, action)).status).toBe(201);
    expect((await am.json('POST', `/api/measures/${theirs.id}/corrective-actions`, action)).status).toBe(403);
    const read = await am.json('GET', `/api/measures/${mine.id}?period=${PERIOD}`);
    expect(read.body.can).toMatchObject({ edit: true, correct: true, read: true });
  });
});
