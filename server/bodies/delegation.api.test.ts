import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

const M = 1_000_000;

describe('delegation per body (Region Exempel)', () => {
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
  /** A measure of `mnkr` owned by `owner`, created by the controller; returns its id. */
  const measure = async (owner: string, mnkr: number, title = 'Samordnade operationssalar') => {
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
  /** Registers a beslut deciding `measureId`, as the controller. */
  const decide = async (maker: Record<string, unknown>, measureId: string, decidedOn = '2025-06-10') =>
    (await as('controller')).json('POST', '/api/decisions', {
      kind: 'beslut',
      bodyId: null,
      officialName: null,
      unitId: null,
      decidedOn,
      title: 'Beslut om åtgärd',
      ...maker,
      links: [{ entity: 'measure', entityId: measureId }],
    });
  const forvaltningschef = () => ({ officialName: 'Johan Berg, hälso- och sjukvårdsdirektör', unitId: unit('hs') });
  const competence = async (measureId: string) =>
    (await (await as('controller')).json('GET', `/api/competence/measure/${measureId}`)).body;

  it('lets HSN’s förvaltningschef decide a measure within HSN’s order, and not one above its limit', async () => {
    const within = await measure('ortokir', 20);
    const ok = await decide(forvaltningschef(), within);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const judged = await competence(within);
    expect(judged.decided).toBe(true);
    expect(judged.decisions[0].reason).toMatch(/på delegation från Hälso- och sjukvårdsnämnden/);

    const above = await measure('ortokir', 30);
    const refused = await decide(forvaltningschef(), above);
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields[0].field).toBe('links.0');
    expect(refused.body.error.fields[0].message).toMatch(
      /förvaltningschefs gräns på .* enligt Hälso- och sjukvårdsnämndens delegationsordning/,
    );
    const still = await competence(above);
    expect(still.decided).toBe(false);
    expect(still.requiredDecisionMaker).toMatch(/^Regiondirektör eller högre enligt Hälso- och sjukvårdsnämndens/);
  });

  it('gives the styrelse and its order no decision power in a nämnd’s area: uppsikt only (KL 6:1)', async () => {
    const inHsn = await measure('ortokir', 20, 'Åtgärd i nämndens område');
    // The styrelse delegated measures to its arbetsutskott up to 100 mnkr …
    const byUtskott = await decide({ bodyId: body('rsau') }, inHsn);
    expect(byUtskott.status).toBe(422);
    expect(byUtskott.body.error.fields[0].message).toMatch(/Hälso- och sjukvårdsnämndens delegationsordning ger inte/);
    // … and the styrelse itself has no power there either.
    const byStyrelse = await decide({ bodyId: body('rs') }, inHsn);
    expect(byStyrelse.status).toBe(422);
    expect(byStyrelse.body.error.fields[0].message).toMatch(/uppsikt.*KL 6 kap\. 1 §/);

    // In the styrelse's own area the utskott decides on delegation.
    const inStab = await measure('stab', 20, 'Åtgärd i regionstaben');
    const own = await decide({ bodyId: body('rsau') }, inStab);
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect((await competence(inStab)).decisions[0].reason).toMatch(/på delegation från Regionstyrelsen/);
  });

  it('keeps the judgement of earlier decisions when a body changes its order from a day', async () => {
    const admin = await as('admin');
    const earlier = await measure('ortokir', 20, 'Beslutad före ändringen');
    expect((await decide(forvaltningschef(), earlier, '2025-06-10')).status).toBe(201);

    const order = (await admin.json('GET', `/api/bodies/${body('hsn')}/delegations`)).body;
    const row = order.inForce.find(
      (r: any) =>
        r.matter === 'measure.effektivisering' &&
        r.delegate.kind === 'official' &&
        r.delegate.unitLevel === 'forvaltning',
    );
    expect(row).toMatchObject({ maxAmountKr: String(25 * M), validTo: null });
    const adopted = await (await as('controller')).json('POST', '/api/decisions', {
      kind: 'beslut',
      bodyId: body('hsn'),
      officialName: null,
      unitId: null,
      decidedOn: '2025-06-12',
      title: 'Ändrad delegationsordning',
    });
    expect(adopted.status).toBe(201);
    const change = {
      matter: 'measure.effektivisering',
      delegateKind: 'official',
      delegateTitle: 'Förvaltningschef',
      delegateUnitLevel: 'forvaltning',
      maxAmountKr: String(10 * M),
      decisionId: adopted.body.id,
      replacesId: row.id,
      replacesVersion: row.version,
    };
    // Never backwards: the order of a past day is what earlier decisions were judged by.
    const backwards = await admin.json('POST', `/api/bodies/${body('hsn')}/delegations`, {
      ...change,
      validFrom: '2025-06-01',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.fields[0].field).toBe('validFrom');
    // Only an administrator keeps the orders.
    const controller = await as('controller');
    const forbidden = await controller.json('POST', `/api/bodies/${body('hsn')}/delegations`, {
      ...change,
      validFrom: '2025-06-15',
    });
    expect(forbidden.status).toBe(403);

    const changed = await admin.json('POST', `/api/bodies/${body('hsn')}/delegations`, {
      ...change,
      validFrom: '2025-06-15',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    expect(changed.body).toMatchObject({ maxAmountKr: String(10 * M), validFrom: '2025-06-15', validTo: null });

    const after = (await admin.json('GET', `/api/bodies/${body('hsn')}/delegations`)).body;
    expect(after.all.find((r: any) => r.id === row.id)).toMatchObject({
      validTo: '2025-06-15',
      maxAmountKr: String(25 * M),
    });
    const before = (await admin.json('GET', `/api/bodies/${body('hsn')}/delegations?day=2025-06-14`)).body;
    expect(before.inForce.find((r: any) => r.id === row.id)).toBeTruthy();

    // The earlier decision keeps its judgement; the same decision today is refused.
    expect((await competence(earlier)).decisions).toEqual([expect.objectContaining({ competent: true })]);
    const later = await measure('ortokir', 20, 'Beslutad efter ändringen');
    const refused = await decide(forvaltningschef(), later, '2025-06-15');
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields[0].message).toMatch(/förvaltningschefs gräns på 10/);

    const history = await admin.json('GET', `/api/history?entity=body_delegation&id=${body('hsn')}`);
    expect(history.status).toBe(200);
    expect(history.body.entries.map((e: any) => e.kind)).toContain('body_delegation.added');
  });

  it('refuses to delegate ransonering, which needs the nämnd (KL 6:38)', async () => {
    const res = await (await as('admin')).json('POST', `/api/bodies/${body('hsn')}/delegations`, {
      matter: 'measure.ransonering',
      delegateKind: 'official',
      delegateTitle: 'Förvaltningschef',
      delegateUnitLevel: 'forvaltning',
      validFrom: '2025-07-01',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].field).toBe('matter');
    expect(res.body.error.fields[0].message).toMatch(/KL 6 kap\. 38 §/);
  });

  it('lists decisions taken under delegation for the body’s next meeting (anmälan av delegationsbeslut)', async () => {
    const m = await measure('ortokir', 1, 'Anmäls till nämnden');
    const d = await decide(forvaltningschef(), m, '2025-06-11');
    expect(d.status).toBe(201);
    const ktnMeasure = await measure('kt', 1, 'Anmäls till kollektivtrafiknämnden');
    const k = await decide(
      { officialName: 'Eva Pettersson, förvaltningschef', unitId: unit('kt') },
      ktnMeasure,
      '2025-06-11',
    );
    expect(k.status, JSON.stringify(k.body)).toBe(201);

    const meeting = await (await as('controller')).json('POST', '/api/meetings', {
      bodyId: body('hsn'),
      meetsOn: '2025-06-24',
      title: 'Hälso- och sjukvårdsnämnden juni',
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);

    const politiker = await as('politiker');
    const next = await politiker.json('GET', `/api/bodies/${body('hsn')}/delegation-decisions`);
    expect(next.status).toBe(200);
    expect(next.body.meeting).toMatchObject({ id: meeting.body.id, meetsOn: '2025-06-24' });
    const ids = next.body.decisions.map((x: any) => x.id);
    expect(ids).toContain(d.body.id);
    expect(ids).not.toContain(k.body.id);
    const atMeeting = await politiker.json('GET', `/api/meetings/${meeting.body.id}/delegation-decisions`);
    expect(atMeeting.body.decisions.map((x: any) => x.id)).toEqual(ids);
    const ktn = await politiker.json('GET', `/api/bodies/${body('ktn')}/delegation-decisions`);
    expect(ktn.body.decisions.map((x: any) => x.id)).toContain(k.body.id);
    expect(ktn.body.decisions.map((x: any) => x.id)).not.toContain(d.body.id);
  });

  it('lists decisions taken at the wrong level for the board and the auditors', async () => {
    const m = await measure('ortokir', 20, 'Växte över mandatet');
    const d = await decide(forvaltningschef(), m, '2025-06-10');
    expect(d.status).toBe(201);
    // The measure grows above what its maker could decide: the decision is now at the wrong level.
    await ctx.services.db
      .updateTable('measure_calc_lines')
      .set({ amount_kr: String(40 * M) })
      .where('measure_id', '=', m)
      .execute();
    for (const who of ['politiker', 'revisor']) {
      const res = await (await as(who)).json('GET', '/api/competence/wrong-level');
      expect(res.status).toBe(200);
      const item = res.body.decisions.find((x: any) => x.decisionId === d.body.id);
      expect(item).toMatchObject({ entity: 'measure', entityId: m, recordTitle: 'Växte över mandatet' });
      expect(item.reason).toMatch(/förvaltningschefs gräns/);
    }
  });
});
