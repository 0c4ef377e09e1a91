import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody } from '../../server/bodies/service';
import { systemActor } from '../../server/core/context';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';

describe('bodies for everyone who decides or reviews', () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ctx = await createTestContext();
    const s = ctx.services;
    const actor = systemActor('test');
    ids.region = await makeUnit(s, 'Region', null, 'region');
    ids.hs = await makeUnit(s, 'Hälso- och sjukvård', ids.region, 'forvaltning');
    ids.kt = await makeUnit(s, 'Kollektivtrafik', ids.region, 'forvaltning');
    const body = async (name: string, kind: 'namnd' | 'revisorer', unitIds: string[]) =>
      (
        await createBody(s, actor, {
          name,
          kind,
          parentBodyId: null,
          validFrom: '2023-01-01',
          validTo: null,
          unitIds,
        })
      ).id;
    ids.hsn = await body('Hälso- och sjukvårdsnämnden', 'namnd', [ids.hs]);
    ids.ktn = await body('Kollektivtrafiknämnden', 'namnd', [ids.kt]);
    ids.rev = await body('Regionens revisorer', 'revisorer', []);
    ids.admin = await makeUser(s, 'admin', [{ role: 'administrator', unitId: ids.region }]);
    ids.pol = await makeUser(s, 'pol');
    // A revisor who also holds a controller role: the seat forbids writing all the same.
    ids.rev1 = await makeUser(s, 'rev1', [{ role: 'controller', unitId: ids.region }]);
  });
  afterAll(async () => ctx.close());
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username, PASSWORD);
    return agent;
  };
  const scorecard = (unitId: string | undefined) => `/api/scorecard?unit=${unitId}&period=2025-05`;

  it('lets a member of HSN read HSN’s units and not another nämnd’s, until the seat ends', async () => {
    const admin = await as('admin');
    const seat = await admin.json('POST', `/api/bodies/${ids.hsn}/members`, {
      userId: ids.pol,
      role: 'ledamot',
      validFrom: '2023-01-01',
      validTo: '2025-06-20',
    });
    expect(seat.status, JSON.stringify(seat.body)).toBe(201);
    expect(seat.body).toMatchObject({ role: 'ledamot', displayName: 'pol', validTo: '2025-06-20' });
    const members = await admin.json('GET', `/api/bodies/${ids.hsn}/members`);
    expect(members.body.members.map((m: any) => m.userId)).toEqual([ids.pol]);

    const pol = await as('pol');
    expect((await pol.json('GET', scorecard(ids.hs))).status).toBe(200);
    expect((await pol.json('GET', scorecard(ids.kt))).status).toBe(403);
    // A politician writes nothing through a seat.
    const write = await pol.json('POST', '/api/decisions', {
      kind: 'beslut',
      bodyId: ids.hsn,
      officialName: null,
      unitId: null,
      decidedOn: '2025-06-10',
      title: 'Försök',
    });
    expect(write.status).toBe(403);

    // valid_to is the first day without the seat (Swedish time: 23:50 on the 19th, 00:10 on the 20th).
    ctx.clock.set('2025-06-19T21:50:00Z');
    const late = await as('pol');
    expect((await late.json('GET', scorecard(ids.hs))).status).toBe(200);
    ctx.clock.set('2025-06-19T22:10:00Z');
    // The same session loses the seat at midnight: seats are read on every request.
    expect((await late.json('GET', scorecard(ids.hs))).status).toBe(403);
    expect((await (await as('pol')).json('GET', scorecard(ids.hs))).status).toBe(403);
    ctx.clock.set('2025-06-15T10:00:00Z');
  });

  it('lets a revisor read every unit and refuses every write with 403, whatever roles they hold', async () => {
    const admin = await as('admin');
    const seat = await admin.json('POST', `/api/bodies/${ids.rev}/members`, {
      userId: ids.rev1,
      role: 'ordforande',
      validFrom: '2023-01-01',
    });
    expect(seat.status).toBe(201);
    const rev = await as('rev1');
    for (const unit of [ids.hs, ids.kt, ids.region] as string[])
      expect((await rev.json('GET', scorecard(unit))).status).toBe(200);
    const history = await rev.json('GET', `/api/history?entity=body_member&id=${seat.body.id}`);
    expect(history.status).toBe(200);
    const writes: [string, string, unknown][] = [
      ['POST', '/api/decisions', { kind: 'beslut', bodyId: ids.hsn, decidedOn: '2025-06-10', title: 'Försök' }],
      [
        'POST',
        '/api/plans',
        { kind: 'verksamhetsplan', title: 'Plan', startYear: 2026, endYear: 2026, ownerUnitId: ids.hs },
      ],
      ['POST', `/api/bodies/${ids.hsn}/members`, { userId: ids.pol, role: 'ersattare', validFrom: '2025-06-15' }],
    ];
    for (const [method, path, body] of writes) {
      const res = await rev.json(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it('keeps seats with an administrator, versioned and in the history', async () => {
    const admin = await as('admin');
    const added = await admin.json('POST', `/api/bodies/${ids.ktn}/members`, {
      userId: ids.pol,
      role: 'ersattare',
      validFrom: '2025-01-01',
    });
    expect(added.status).toBe(201);
    const bad = await admin.json('PUT', `/api/body-members/${added.body.id}`, {
      version: added.body.version,
      role: 'ledamot',
      validFrom: '2025-01-01',
      validTo: '2024-12-31',
    });
    expect(bad.status).toBe(422);
    // Shown beside the field as it is: in Swedish, not the field's name in the API.
    expect(bad.body.error.fields[0]).toEqual({ field: 'validTo', message: 'måste vara efter giltig från' });
    const ended = await admin.json('PUT', `/api/body-members/${added.body.id}`, {
      version: added.body.version,
      role: 'ledamot',
      validFrom: '2025-01-01',
      validTo: '2025-07-01',
    });
    expect(ended.status).toBe(200);
    const stale = await admin.json('PUT', `/api/body-members/${added.body.id}`, {
      version: added.body.version,
      role: 'ersattare',
      validFrom: '2025-01-01',
      validTo: null,
    });
    expect(stale.status).toBe(409);
    const history = await admin.json('GET', `/api/history?entity=body_member&id=${added.body.id}`);
    expect(history.body.entries.map((e: any) => e.kind).sort()).toEqual(['body_member.added', 'body_member.updated']);
    const pol = await as('pol');
    expect((await pol.json('PUT', `/api/body-members/${added.body.id}`, { ...ended.body })).status).toBe(403);
  });
});
