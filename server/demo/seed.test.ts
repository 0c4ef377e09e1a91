import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';
import { listBodies } from '../bodies/service';
import { systemActor } from '../core/context';
import { listUnits } from '../org/service';
import { listUsers } from '../users/service';
import { isEmpty, seedDemo } from './seed';

describe('the demo region', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    expect(await isEmpty(ctx.services)).toBe(true);
    await seedDemo(ctx.services);
    // Seeding the whole demo takes half a minute on a quiet machine and more beside other suites.
  }, 600_000);
  afterAll(async () => ctx.close());
  const actor = systemActor('test');

  it('has at least 60 units over at least five levels, each with a code and a manager', async () => {
    const units = await listUnits(ctx.services, actor);
    expect(units.length).toBeGreaterThanOrEqual(60);
    expect(new Set(units.map((u) => u.level)).size).toBeGreaterThanOrEqual(5);
    expect(units.every((u) => u.code && u.managerName)).toBe(true);
    expect(new Set(units.map((u) => u.code)).size).toBe(units.length);
    const names = new Set(units.map((u) => u.name));
    for (const n of ['Hälso- och sjukvård', 'Regionservice', 'Kollektivtrafik', 'Hörsel och syn', 'Regionstab'])
      expect(names).toContain(n);
    for (const n of ['Kirurgi', 'Medicin', 'Medicinsk service', 'Primärvård', 'Psykiatri']) expect(names).toContain(n);
  });

  it('has the political bodies and the seven demo accounts with their roles', async () => {
    const kinds = (await listBodies(ctx.services, actor)).map((b) => b.kind);
    expect(kinds).toEqual(expect.arrayContaining(['fullmaktige', 'styrelse', 'namnd']));
    const users = await listUsers(ctx.services, actor);
    const roleOf = Object.fromEntries(users.map((u) => [u.username, u.roles.map((r) => r.role)]));
    expect(roleOf).toEqual({
      admin: ['administrator'],
      controller: ['controller'],
      'chef.kirurgi': ['manager'],
      'chef.medicin': ['manager'],
      'chef.ortokir': ['manager'],
      politiker: ['politician'],
      revisor: ['auditor'],
    });
    expect(await isEmpty(ctx.services)).toBe(false);
  });

  it('has the steering chain the demo promises: plans, a drifted goal, 30+ indicators with monthly values, an overdue assignment', async () => {
    const db = ctx.services.db;
    const versions = await db
      .selectFrom('plan_versions as v')
      .innerJoin('plans as p', 'p.id', 'v.plan_id')
      .select(['v.title', 'v.status', 'p.kind', 'v.start_year', 'v.end_year'])
      .execute();
    expect(versions).toEqual(
      expect.arrayContaining([
        { title: 'Regionplan 2025–2027', status: 'decided', kind: 'regionplan', start_year: 2025, end_year: 2027 },
        { title: 'Färdplan 2030', status: 'draft', kind: 'strategi', start_year: 2024, end_year: 2030 },
      ]),
    );
    expect(versions.filter((v) => v.kind === 'verksamhetsplan').length).toBeGreaterThanOrEqual(4);
    const perspectives = await db
      .selectFrom('goals as g')
      .innerJoin('plan_versions as v', 'v.plan_id', 'g.plan_id')
      .where('v.title', '=', 'Regionplan 2025–2027')
      .select('g.perspective')
      .distinct()
      .execute();
    expect(perspectives.map((p) => p.perspective).sort()).toEqual([
      'ekonomi',
      'medarbetare',
      'medborgare',
      'verksamhet',
    ]);
    // Break-down at least three levels deep: a goal whose parent has a parent.
    const links = await db.selectFrom('goal_links').selectAll().execute();
    const parentOf = new Map(links.map((l) => [l.goal_id, l.parent_goal_id]));
    expect([...parentOf.values()].some((p) => parentOf.has(p))).toBe(true);
    const drifted = await db
      .selectFrom('goal_wordings')
      .select('goal_id')
      .where('plan_decided', '=', true)
      .where('decision_id', 'is', null)
      .execute();
    expect(drifted).toHaveLength(1);

    const indicators = await db
      .selectFrom('indicators')
      .select(['id', 'code', 'aggregation', 'rolling_months'])
      .execute();
    expect(indicators.length).toBeGreaterThanOrEqual(30);
    const byCode = new Map(indicators.map((i) => [i.code, i]));
    expect(byCode.get('hyrandel')?.aggregation).toBe('ratio');
    expect(byCode.get('arsarbetare')?.rolling_months).toBe(12);
    const months = await db
      .selectFrom('indicator_values')
      .select('period')
      .distinct()
      .where('indicator_id', '=', byCode.get('personalkostnad')?.id as string)
      .orderBy('period')
      .execute();
    // The test clock stands in June 2025: every month from January 2024 to May 2025.
    expect(months.map((m) => m.period)).toHaveLength(17);
    expect(months[0]?.period).toBe('2024-01');
    const assignments = await db.selectFrom('assignments').select(['status', 'report_back_on']).execute();
    expect(assignments.filter((a) => a.status === 'ongoing' && (a.report_back_on ?? '') < '2025-06-15')).toHaveLength(
      1,
    );
  });
});
