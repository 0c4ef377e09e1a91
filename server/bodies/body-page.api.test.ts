import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

const M = 1_000_000;

// What the body page (/organ/:bodyId) reads: the order, the seats and the reports with the
// abilities the web shows buttons from; the caller's own seats in /api/me.
describe('a body’s page: order, seats and reported decisions (Region Exempel)', () => {
  let ctx: TestContext & Awaited<ReturnType<typeof createDemoContext>>;
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());
  const unit = (key: string) => ctx.demo.units.get(key) as string;
  const body = (key: string) => ctx.demo.bodies.get(key) as string;
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };
  const measure = async (owner: string, mnkr: number, title: string) => {
    const res = await (await as('controller')).json('POST', '/api/measures', {
      planId: ctx.demo.economy.planId,
      ownerUnitId: unit(owner),
      responsibleName: 'Ansvarig',
      title,
      category: 'effektivisering',
      feasibility: 2,
      startOn: '2025-01-01',
      fullEffectOn: '2025-12-31',
      calculation: [
        { year: 2025, kind: 'saving', description: 'Besparing', amountKr: String(mnkr * M), realisationPct: 100 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const byOfficial = async (measureId: string, decidedOn: string) => {
    const res = await (await as('controller')).json('POST', '/api/decisions', {
      kind: 'beslut',
      bodyId: null,
      officialName: 'Johan Berg, hälso- och sjukvårdsdirektör',
      unitId: unit('hs'),
      decidedOn,
      title: 'Beslut om åtgärd',
      links: [{ entity: 'measure', entityId: measureId }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };

  it('offers adding and ending delegations and seats only to whom the server lets write', async () => {
    const admin = await as('admin');
    const order = (await admin.json('GET', `/api/bodies/${body('hsn')}/delegations`)).body;
    expect(order.can).toEqual({ add: true });
    expect(order.inForce.length).toBeGreaterThan(0);
    expect(order.inForce.every((r: any) => r.can.end === (r.validTo === null))).toBe(true);
    const seats = (await admin.json('GET', `/api/bodies/${body('rs')}/members`)).body;
    expect(seats.can).toEqual({ add: true });
    expect(seats.members.length).toBeGreaterThan(0);
    expect(seats.members.every((m: any) => m.can.edit)).toBe(true);

    for (const who of ['politiker', 'revisor', 'controller']) {
      const reader = await as(who);
      const o = (await reader.json('GET', `/api/bodies/${body('hsn')}/delegations`)).body;
      expect(o.can, who).toEqual({ add: false });
      expect(
        o.inForce.some((r: any) => r.can.end),
        who,
      ).toBe(false);
      const s = (await reader.json('GET', `/api/bodies/${body('rs')}/members`)).body;
      expect(s.can, who).toEqual({ add: false });
      expect(
        s.members.some((m: any) => m.can.edit),
        who,
      ).toBe(false);
      // … and the server agrees: the write the button would lead to is refused.
      const refused = await reader.json('POST', `/api/body-delegations/${o.inForce[0].id}/end`, {
        version: o.inForce[0].version,
        validTo: '2030-01-01',
      });
      expect(refused.status, who).toBe(403);
    }

    // What a write answers carries `can` too: an ended row can no longer be ended.
    const row = order.inForce.find((r: any) => r.can.end);
    const ended = await admin.json('POST', `/api/body-delegations/${row.id}/end`, {
      version: row.version,
      validTo: '2030-01-01',
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body.can).toEqual({ end: false });
  });

  it('groups the decisions taken on the body’s behalf by the meeting they are reported to', async () => {
    const before = await byOfficial(await measure('ortokir', 1, 'Före julimötet'), '2031-06-11');
    const between = await byOfficial(await measure('ortokir', 1, 'Mellan mötena'), '2031-07-02');
    const after = await byOfficial(await measure('ortokir', 1, 'Efter sista mötet'), '2031-09-01');
    const controller = await as('controller');
    const meeting = async (meetsOn: string) => {
      const res = await controller.json('POST', '/api/meetings', {
        bodyId: body('hsn'),
        meetsOn,
        title: `Hälso- och sjukvårdsnämnden ${meetsOn}`,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const july = await meeting('2031-07-01');
    const august = await meeting('2031-08-20');

    const res = await (await as('revisor')).json('GET', `/api/bodies/${body('hsn')}/delegation-reports`);
    expect(res.status).toBe(200);
    const [waiting, aug, jul] = res.body.reports;
    // Newest first: what waits for a meeting not yet called, then August, then July.
    expect(waiting).toMatchObject({ meeting: null, from: '2031-08-20', to: null });
    expect(waiting.decisions.map((d: any) => d.id)).toEqual([after]);
    expect(aug).toMatchObject({ meeting: { id: august }, from: '2031-07-01', to: '2031-08-20' });
    expect(aug.decisions.map((d: any) => d.id)).toEqual([between]);
    expect(jul.meeting.id).toBe(july);
    expect(jul.decisions.map((d: any) => d.id)).toContain(before);
    expect(jul.decisions.map((d: any) => d.id)).not.toContain(between);
    // The same windows as the per-meeting answer.
    const atAugust = await controller.json('GET', `/api/meetings/${august}/delegation-decisions`);
    expect(atAugust.body.decisions.map((d: any) => d.id)).toEqual([between]);
    // Another nämnd's report has none of them.
    const ktn = await controller.json('GET', `/api/bodies/${body('ktn')}/delegation-reports`);
    const ids = ktn.body.reports.flatMap((r: any) => r.decisions.map((d: any) => d.id));
    expect(ids).not.toContain(before);
    expect(ids).not.toContain(after);

    expect((await controller.json('GET', '/api/bodies/nosuch/delegation-reports')).status).toBe(404);
  });

  it('lists a body’s wrong-level decisions with the rule, who should decide and the legal basis', async () => {
    const m = await measure('ortokir', 20, 'Växte över mandatet i nämnden');
    const d = await byOfficial(m, '2025-06-10');
    await ctx.services.db
      .updateTable('measure_calc_lines')
      .set({ amount_kr: String(40 * M) })
      .where('measure_id', '=', m)
      .execute();
    const revisor = await as('revisor');
    const all = (await revisor.json('GET', '/api/competence/wrong-level')).body.decisions;
    const item = all.find((x: any) => x.decisionId === d);
    expect(item).toMatchObject({
      matter: 'measure.effektivisering',
      decidedByBodyId: null,
      areaBodyId: body('hsn'),
      areaBodyName: 'Hälso- och sjukvårdsnämnden',
    });
    expect(item.matterLabel.length).toBeGreaterThan(0);
    expect(item.basis).toMatch(/KL|kap\./);
    expect(item.requiredDecisionMaker).toMatch(/Hälso- och sjukvårdsnämndens delegationsordning/);

    const hsn = (await revisor.json('GET', `/api/competence/wrong-level?bodyId=${body('hsn')}`)).body.decisions;
    expect(hsn.map((x: any) => x.decisionId)).toContain(d);
    expect(hsn.every((x: any) => x.areaBodyId === body('hsn') || x.decidedByBodyId === body('hsn'))).toBe(true);
    const ktn = (await revisor.json('GET', `/api/competence/wrong-level?bodyId=${body('ktn')}`)).body.decisions;
    expect(ktn.map((x: any) => x.decisionId)).not.toContain(d);
  });

  it('tells the signed-in user the bodies they sit in, from when to when', async () => {
    const politiker = await as('politiker');
    const me = (await politiker.json('GET', '/api/me')).body;
    expect(me.seats).toEqual([
      expect.objectContaining({
        bodyId: body('rs'),
        bodyName: 'Regionstyrelsen',
        bodyKind: 'styrelse',
        role: 'ledamot',
        validFrom: '2023-01-01',
        validTo: null,
      }),
    ]);
    const revisor = (await (await as('revisor')).json('GET', '/api/me')).body;
    expect(revisor.seats.map((s: any) => [s.bodyId, s.role])).toEqual([[body('rev'), 'ordforande']]);
    // The login answer is the same Me.
    const login = await ctx.agent().json('POST', '/api/auth/login', { username: 'revisor', password: 'demo' });
    expect(login.body.seats.map((s: any) => s.bodyId)).toEqual([body('rev')]);
    expect((await (await as('controller')).json('GET', '/api/me')).body.seats).toEqual([]);

    // An ended seat is no longer one the user sits in.
    const admin = await as('admin');
    const seat = (await admin.json('GET', `/api/bodies/${body('rs')}/members`)).body.members.find(
      (m: any) => m.username === 'politiker',
    );
    expect((await admin.json('GET', '/api/me')).body.seats).toEqual([]);
    const ended = await admin.json('PUT', `/api/body-members/${seat.id}`, {
      version: seat.version,
      role: seat.role,
      validFrom: seat.validFrom,
      validTo: '2024-01-01',
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect((await politiker.json('GET', '/api/me')).body.seats).toEqual([]);
  });
});
