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
  });
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

  it('has the political bodies and the six demo accounts with their roles', async () => {
    const kinds = (await listBodies(ctx.services, actor)).map((b) => b.kind);
    expect(kinds).toEqual(expect.arrayContaining(['fullmaktige', 'styrelse', 'namnd']));
    const users = await listUsers(ctx.services, actor);
    const roleOf = Object.fromEntries(users.map((u) => [u.username, u.roles.map((r) => r.role)]));
    expect(roleOf).toEqual({
      admin: ['administrator'],
      controller: ['controller'],
      'chef.kirurgi': ['manager'],
      'chef.medicin': ['manager'],
      politiker: ['politician'],
      revisor: ['auditor'],
    });
    expect(await isEmpty(ctx.services)).toBe(false);
  });
});
