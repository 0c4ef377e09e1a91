import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

describe('organisation API', () => {
  let ctx: TestContext;
  let units: Map<string, string>;
  beforeAll(async () => {
    const seeded = await createDemoContext();
    ctx = seeded;
    units = seeded.demo.units;
  });
  afterAll(async () => ctx.close());

  const id = (key: string) => units.get(key) as string;

  it('gives the tree as it was on an earlier day', async () => {
    const agent = ctx.agent();
    await agent.login('politiker');
    const before = await agent.json('GET', '/api/org-units?asOf=2023-06-01');
    const now = await agent.json('GET', '/api/org-units');
    const akut = (r: { body: { units: { id: string; parentId: string }[] } }) =>
      r.body.units.find((u) => u.id === id('akut'));
    expect(akut(before)?.parentId).toBe(id('kirurgi'));
    expect(akut(now)?.parentId).toBe(id('medicin'));
    const old = await agent.json('GET', '/api/org-units?asOf=2022-01-01');
    expect(old.body.units.find((u: { id: string }) => u.id === id('hos')).name).toBe('Hörsel- och synvården');
    expect(old.body.units.some((u: { name: string }) => u.name === 'Dagkirurgen Älvdal')).toBe(true);
    expect(now.body.units.some((u: { name: string }) => u.name === 'Dagkirurgen Älvdal')).toBe(false);
  });

  it('refuses an invalid date with 400 naming the field', async () => {
    const agent = ctx.agent();
    await agent.login('politiker');
    const { status, body } = await agent.json('GET', '/api/org-units?asOf=2025-13-01');
    expect(status).toBe(400);
    expect(body.error.fields[0].field).toBe('asOf');
  });

  it('returns names in Swedish order (Å, Ä, Ö after Z)', async () => {
    const agent = ctx.agent();
    await agent.login('controller');
    const names: string[] = (await agent.json('GET', '/api/org-units')).body.units
      .map((u: { name: string }) => u.name)
      .filter((n: string) => n.startsWith('Vårdcentralen '));
    expect(names).toEqual([
      'Vårdcentralen Norrby',
      'Vårdcentralen Sjöstad',
      'Vårdcentralen Söderby',
      'Vårdcentralen Åby',
      'Vårdcentralen Älvdal',
      'Vårdcentralen Östermark',
    ]);
  });

  it('refuses a stale unit update with 409 carrying the current record, and keeps the winner', async () => {
    const a = ctx.agent();
    const b = ctx.agent();
    await a.login('admin');
    await b.login('admin');
    const { body } = await a.json('GET', `/api/org-units/${id('kir')}`);
    const version = body.unit.version;
    const [r1, r2] = await Promise.all([
      a.json('PATCH', `/api/org-units/${id('kir')}`, { version, name: 'Kirurgkliniken A' }),
      b.json('PATCH', `/api/org-units/${id('kir')}`, { version, name: 'Kirurgkliniken B' }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const [winner, loser] = r1.status === 200 ? [r1, r2] : [r2, r1];
    expect(loser.body.error.code).toBe('conflict');
    expect(loser.body.error.current.name).toBe(winner.body.name);
    const stored = await a.json('GET', `/api/org-units/${id('kir')}`);
    expect(stored.body.unit.name).toBe(winner.body.name);
    const history = await a.json('GET', `/api/history?entity=org_unit&id=${id('kir')}`);
    expect(history.body.entries.filter((e: { kind: string }) => e.kind === 'org_unit.updated')).toHaveLength(1);
  });

  it('keeps the old name for days before a rename and records who did it and when', async () => {
    const admin = ctx.agent();
    await admin.login('admin');
    const { body } = await admin.json('GET', `/api/org-units/${id('orto')}`);
    const renamed = await admin.json('PATCH', `/api/org-units/${id('orto')}`, {
      version: body.unit.version,
      name: 'Ortopedi och handkirurgi',
      effectiveFrom: '2025-07-01',
    });
    expect(renamed.status).toBe(200);
    const june = await admin.json('GET', `/api/org-units/${id('orto')}?asOf=2025-06-30`);
    const july = await admin.json('GET', `/api/org-units/${id('orto')}?asOf=2025-07-01`);
    expect(june.body.unit.name).toBe('Ortopedkliniken');
    expect(july.body.unit.name).toBe('Ortopedi och handkirurgi');
    const entry = (await admin.json('GET', `/api/history?entity=org_unit&id=${id('orto')}`)).body.entries.at(-1);
    expect(entry).toMatchObject({ actorName: 'admin', kind: 'org_unit.updated', at: ctx.clock.now().toISOString() });
    expect(entry.before.name).toBe('Ortopedkliniken');
    expect(entry.after.name).toBe('Ortopedi och handkirurgi');
  });

  it('refuses moving a unit under its own subtree (422) and a taken code (409), writing nothing', async () => {
    const admin = ctx.agent();
    await admin.login('admin');
    const { body } = await admin.json('GET', `/api/org-units/${id('pvnorr')}`);
    const historyBefore = (await admin.json('GET', `/api/history?entity=org_unit&id=${id('pvnorr')}`)).body.entries
      .length;
    const cycle = await admin.json('PATCH', `/api/org-units/${id('pvnorr')}`, {
      version: body.unit.version,
      parentId: id('vcnorr'),
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.fields[0].field).toBe('parentId');
    const taken = await admin.json('PATCH', `/api/org-units/${id('pvnorr')}`, {
      version: body.unit.version,
      code: '2000',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields[0].field).toBe('code');
    const after = await admin.json('GET', `/api/org-units/${id('pvnorr')}`);
    expect(after.body.unit).toEqual(body.unit);
    expect((await admin.json('GET', `/api/history?entity=org_unit&id=${id('pvnorr')}`)).body.entries).toHaveLength(
      historyBefore,
    );
  });

  it('refuses a move that would close a circle on a later day, when another move is already dated then', async () => {
    const admin = ctx.agent();
    await admin.login('admin');
    const day = (offset: number) =>
      new Date(ctx.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const version = async (key: string) => (await admin.json('GET', `/api/org-units/${id(key)}`)).body.unit.version;
    // From tomorrow Akutsjukvård lies under Primärvård norr: allowed, no circle on any day.
    const planned = await admin.json('PATCH', `/api/org-units/${id('akut')}`, {
      version: await version('akut'),
      parentId: id('pvnorr'),
      effectiveFrom: day(1),
    });
    expect(planned.status).toBe(200);
    // Today Primärvård norr under Akutsjukvård holds today, but from tomorrow each would lie under
    // the other: refused, whichever day the circle would first appear on.
    for (const from of [day(0), day(1), day(5)]) {
      const circle = await admin.json('PATCH', `/api/org-units/${id('pvnorr')}`, {
        version: await version('pvnorr'),
        parentId: id('akut'),
        effectiveFrom: from,
      });
      expect(circle.status, from).toBe(422);
      expect(circle.body.error.fields[0]).toMatchObject({ field: 'parentId' });
      expect(circle.body.error.message).toContain(day(1) > from ? day(1) : from);
    }
    // The tree of every day still reads, each unit once.
    for (const asOf of [day(0), day(1), day(30)]) {
      const tree = await admin.json('GET', `/api/org-units?asOf=${asOf}`);
      expect(tree.status).toBe(200);
      const ids = tree.body.units.map((u: { id: string }) => u.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('refuses placing a unit under one that is to be closed, whether created or moved there', async () => {
    const admin = ctx.agent();
    await admin.login('admin');
    const day = (offset: number) =>
      new Date(ctx.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const make = async (name: string, code: string) => {
      const res = await admin.json('POST', '/api/org-units', {
        parentId: id('pvsoder'),
        name,
        level: 'enhet',
        code,
        validFrom: day(0),
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; version: number };
    };
    const closing = await make('Mottagning som läggs ner', '24901');
    const other = await make('Mottagning som flyttas', '24902');
    const closed = await admin.json('POST', `/api/org-units/${closing.id}/close`, {
      version: closing.version,
      closedFrom: day(10),
    });
    expect(closed.status).toBe(200);
    const moved = await admin.json('PATCH', `/api/org-units/${other.id}`, {
      version: other.version,
      parentId: closing.id,
      effectiveFrom: day(0),
    });
    expect(moved.status).toBe(422);
    expect(moved.body.error.fields[0]).toMatchObject({ field: 'parentId', message: `avvecklas från ${day(10)}` });
    const created = await admin.json('POST', '/api/org-units', {
      parentId: closing.id,
      name: 'Ny under den',
      level: 'enhet',
      code: null,
      validFrom: day(0),
    });
    expect(created.status).toBe(422);
    expect(created.body.error.fields[0].field).toBe('parentId');
    // Nothing was written: the other unit stays where it was, and nothing lies under the closing one.
    expect((await admin.json('GET', `/api/org-units/${other.id}`)).body.unit.parentId).toBe(id('pvsoder'));
    const later = await admin.json('GET', `/api/org-units?asOf=${day(5)}`);
    expect(later.body.units.filter((u: { parentId: string }) => u.parentId === closing.id)).toEqual([]);
  });

  it('refuses a cost centre code that another unit takes from a later day (409), and lets a freed code be reused', async () => {
    const admin = ctx.agent();
    await admin.login('admin');
    const day = (offset: number) =>
      new Date(ctx.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const create = (name: string, code: string, from: string) =>
      admin.json('POST', '/api/org-units', { parentId: id('pvsoder'), name, level: 'enhet', code, validFrom: from });
    const planned = await create('Mottagning som öppnar', '24920', day(3));
    expect(planned.status).toBe(201);
    // Today the code is free, but from day 3 the planned unit holds it.
    const early = await create('Mottagning i dag', '24920', day(0));
    expect(early.status).toBe(409);
    expect(early.body.error.fields[0]).toMatchObject({
      field: 'code',
      message: `används redan av Mottagning som öppnar från ${day(3)}`,
    });
    const { body: pvnorr } = await admin.json('GET', `/api/org-units/${id('pvnorr')}`);
    const renumbered = await admin.json('PATCH', `/api/org-units/${id('pvnorr')}`, {
      version: pvnorr.unit.version,
      code: '24920',
      effectiveFrom: day(0),
    });
    expect(renumbered.status).toBe(409);
    // A unit closed from day 5 frees its code from then on.
    const closing = (await create('Mottagning som stänger', '24921', day(0))).body as { id: string; version: number };
    const closed = await admin.json('POST', `/api/org-units/${closing.id}/close`, {
      version: closing.version,
      closedFrom: day(5),
    });
    expect(closed.status).toBe(200);
    expect((await create('Mottagning före stängningen', '24921', day(4))).status).toBe(409);
    expect((await create('Mottagning efter stängningen', '24921', day(5))).status).toBe(201);
  });

  it('lets only administrators change units and read users; history only for administrators and auditors', async () => {
    for (const [username, canWrite, canReadHistory] of [
      ['admin', true, true],
      ['controller', false, false],
      ['chef.kirurgi', false, false],
      ['chef.medicin', false, false],
      ['politiker', false, false],
      ['revisor', false, true],
    ] as const) {
      const agent = ctx.agent();
      await agent.login(username);
      expect((await agent.json('GET', '/api/org-units')).status).toBe(200);
      const unit = (await agent.json('GET', `/api/org-units/${id('syn')}`)).body.unit;
      const patch = await agent.json('PATCH', `/api/org-units/${id('syn')}`, {
        version: unit.version,
        managerName: `Ny ${username}`,
      });
      expect(patch.status, username).toBe(canWrite ? 200 : 403);
      expect((await agent.json('GET', '/api/users')).status, username).toBe(canWrite ? 200 : 403);
      expect((await agent.json('GET', `/api/history?entity=org_unit&id=${id('syn')}`)).status, username).toBe(
        canReadHistory ? 200 : 403,
      );
    }
  });
});
