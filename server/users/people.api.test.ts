import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

/**
 * The people to choose an owner or checker from: those working in the part of the organisation
 * the record lives in, for whoever reads that part, names only.
 */
describe('people of a part of the organisation', () => {
  let ctx: TestContext & { demo: Awaited<ReturnType<typeof createDemoContext>>['demo'] };
  const unit = (key: string) => ctx.demo.units.get(key) as string;
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };
  const names = (body: any) => (body.people as { displayName: string }[]).map((p) => p.displayName);
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());

  it('lists those with a role on the unit, above it and below it, and no one beside it', async () => {
    const chef = await as('chef.kirurgi');
    const res = await chef.json('GET', `/api/people?unitId=${unit('kirurgi')}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const listed = names(res.body);
    // Below (the area manager), on it (the division manager), above (the region's controller).
    for (const name of ['Per Sandberg', 'Anna Holm', 'Conny Controller']) expect(listed).toContain(name);
    // Medicin's division manager works beside Kirurgi, not in it.
    expect(listed).not.toContain('Erik Sundin');
    // Swedish name order, each once, and nothing but the id and the name.
    expect(listed).toEqual([...new Set(listed)].sort((a, b) => a.localeCompare(b, 'sv')));
    expect(Object.keys(res.body.people[0]).sort()).toEqual(['displayName', 'id']);
  });

  it("lists a body's people by the units it governs", async () => {
    const controller = await as('controller');
    const res = await controller.json('GET', `/api/people?bodyId=${ctx.demo.bodies.get('hsn')}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const name of ['Anna Holm', 'Erik Sundin', 'Per Sandberg']) expect(names(res.body)).toContain(name);
  });

  it('refuses a part the caller does not read, and says what is missing or unknown', async () => {
    const area = await as('chef.ortokir');
    expect((await area.json('GET', `/api/people?unitId=${unit('medicin')}`)).status).toBe(403);
    const neither = await area.json('GET', '/api/people');
    expect(neither.status).toBe(400);
    expect(neither.body.error.fields[0].field).toBe('unitId');
    const both = await area.json('GET', `/api/people?unitId=${unit('ortokir')}&bodyId=${ctx.demo.bodies.get('hsn')}`);
    expect(both.status).toBe(400);
    expect(both.body.error.fields[0].field).toBe('bodyId');
    expect((await area.json('GET', '/api/people?unitId=no-such-unit')).status).toBe(404);
    expect((await ctx.agent().json('GET', `/api/people?unitId=${unit('ortokir')}`)).status).toBe(401);
  });

  it('leaves out accounts that are switched off', async () => {
    const admin = await as('admin');
    const users = (await admin.json('GET', '/api/users')).body.users as any[];
    const per = users.find((u) => u.username === 'chef.ortokir');
    const off = await admin.json('PATCH', `/api/users/${per.id}`, { version: per.version, disabled: true });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const res = await admin.json('GET', `/api/people?unitId=${unit('kirurgi')}`);
    expect(names(res.body)).not.toContain('Per Sandberg');
    expect(names(res.body)).toContain('Anna Holm');
  });
});
