import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../domain/competence/rules';
import { createDemoContext, createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';

const M = 1_000_000;

describe('decided by the right body (Region Exempel)', () => {
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
  /** Registers a decision as the controller (or `who`), returning its id. */
  const decision = async (input: Record<string, unknown>, who = 'controller') => {
    const res = await (await as(who)).json('POST', '/api/decisions', {
      kind: 'beslut',
      decidedOn: '2025-06-10',
      title: 'Beslut',
      ...input,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const official = (unitKey: string, name = 'Regiondirektören') => ({
    bodyId: null,
    officialName: name,
    unitId: unit(unitKey),
  });

  describe('plans: "styr verksamhet men saknar beslut"', () => {
    it('refuses an official’s or the styrelse’s decision on Färdplan 2030 and keeps the flag, naming who must decide', async () => {
      const id = ctx.demo.steering.plans.get('fardplan') as string;
      const controller = await as('controller');
      const before = (await controller.json('GET', `/api/plans/${id}`)).body;
      expect(before.steersWithoutDecision).toBe(true);
      expect(before.competence).toMatchObject({ requiredDecisionMaker: 'Regionfullmäktige', decided: false });
      expect(before.competence.reason).toMatch(/KL 5 kap\. 1 §/);

      for (const maker of [official('region'), { bodyId: body('rs'), officialName: null, unitId: null }]) {
        const d = await decision({ ...maker, title: 'Färdplan 2030 fastställs' });
        const refused = await controller.json('POST', `/api/plans/${id}/decide`, {
          version: before.version,
          decisionId: d,
        });
        expect(refused.status).toBe(422);
        expect(refused.body.error.fields[0].field).toBe('decisionId');
        expect(refused.body.error.fields[0].message).toMatch(/Beslutas av: Regionfullmäktige/);
      }
      const still = (await controller.json('GET', `/api/plans/${id}`)).body;
      expect(still.steersWithoutDecision).toBe(true);
      expect(still.status).toBe('draft');

      const rf = await decision({ bodyId: body('rf'), officialName: null, unitId: null, title: 'Färdplan 2030' });
      const decided = await controller.json('POST', `/api/plans/${id}/decide`, {
        version: still.version,
        decisionId: rf,
      });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      const after = (await controller.json('GET', `/api/plans/${id}`)).body;
      expect(after.steersWithoutDecision).toBe(false);
      expect(after.competence.decided).toBe(true);
    });

    it('does not let an official’s decision clear a regionplan’s flag, and shows that decision as not competent', async () => {
      const admin = await as('controller');
      const created = await admin.json('POST', '/api/plans', {
        kind: 'regionplan',
        title: 'Regionplan 2028',
        startYear: 2028,
        endYear: 2028,
        ownerBodyId: body('rf'),
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const plan = created.body;
      const goal = await admin.json('POST', '/api/goals', {
        planId: plan.id,
        perspective: 'ekonomi',
        ownerUnitId: unit('region'),
        title: 'Ekonomi i balans',
      });
      expect(goal.status, JSON.stringify(goal.body)).toBe(201);
      const d = await decision({ ...official('region'), title: 'Regionplan 2028' });
      const refused = await admin.json('POST', `/api/plans/${plan.id}/decide`, {
        version: plan.version,
        decisionId: d,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields[0].field).toBe('decisionId');

      // As if decided before the rules existed: the decision is kept and shown, but clears nothing.
      await ctx.services.db
        .updateTable('plan_versions')
        .set({ status: 'decided', decision_id: d })
        .where('plan_id', '=', plan.id)
        .execute();
      await ctx.services.db
        .insertInto('decision_links')
        .values({ decision_id: d, entity: 'plan', entity_id: plan.id })
        .execute();
      const shown = (await admin.json('GET', `/api/plans/${plan.id}`)).body;
      expect(shown.status).toBe('decided');
      expect(shown.steersWithoutDecision).toBe(true);
      expect(shown.competence.requiredDecisionMaker).toBe('Regionfullmäktige');
      expect(shown.competence.decisions).toEqual([
        expect.objectContaining({ id: d, competent: false, required: 'Regionfullmäktige' }),
      ]);
      expect(shown.competence.decisions[0].reason).toMatch(/Regiondirektören får inte besluta om regionplan/);
      const listed = (await admin.json('GET', '/api/plans')).body.plans.find((p: any) => p.id === plan.id);
      expect(listed.steersWithoutDecision).toBe(true);
    });
  });

  describe('goals: the wording drift', () => {
    it('clears fullmäktige’s drifted goal only with a decision of fullmäktige naming it', async () => {
      const id = ctx.demo.steering.goals.get('pvandel') as string;
      const controller = await as('controller');
      const goal = (await controller.json('GET', `/api/goals/${id}`)).body;
      expect(goal.drift).toBe(true);
      expect(goal.competence).toMatchObject({ requiredDecisionMaker: 'Regionfullmäktige', decided: false });

      const director = await decision({ ...official('region'), title: 'Nytt mål om nära vård' });
      const refused = await controller.json('PATCH', `/api/goals/${id}`, {
        version: goal.version,
        title: 'Andelen nära vård ska öka kraftigt',
        decisionId: director,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields[0].field).toBe('decisionId');
      expect((await controller.json('GET', `/api/goals/${id}`)).body.drift).toBe(true);

      const rf = await decision({ bodyId: body('rf'), officialName: null, unitId: null, title: 'Mål om nära vård' });
      const ok = await controller.json('PATCH', `/api/goals/${id}`, {
        version: goal.version,
        title: 'Andelen nära vård ska öka kraftigt',
        decisionId: rf,
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.drift).toBe(false);
      expect(ok.body.decidedWording.title).toBe('Andelen nära vård ska öka kraftigt');
      expect((await controller.json('GET', `/api/goals/${id}`)).body.competence.decided).toBe(true);
    });
  });

  describe('measures: "above mandate" and ransonering', () => {
    const measure = (overrides: Record<string, unknown>) => ({
      planId: ctx.demo.economy.planId,
      ownerUnitId: unit('ortokir'),
      responsibleName: 'Per Sandberg',
      title: 'Samordnade operationssalar',
      category: 'effektivisering',
      feasibility: 2,
      startOn: '2024-01-01',
      fullEffectOn: '2024-12-31',
      calculation: [
        { year: 2024, kind: 'saving', description: 'Färre salar', amountKr: String(30 * M), realisationPct: 100 },
      ],
      ...overrides,
    });

    it('refuses an area manager citing fullmäktige’s unrelated regionplan on a 30 mnkr measure (seed 004)', async () => {
      const chef = await as('chef.ortokir');
      const regionplan = ctx.demo.steering.decisions.get('regionplan') as string;
      const refused = await chef.json('POST', '/api/measures', measure({ decisionIds: [regionplan] }));
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields[0].field).toBe('decisionIds.0');
      expect(refused.body.error.message).toMatch(/Beslutet gäller inte åtgärden/);
    });

    it('clears the flag on a 30 mnkr measure only by a competent decision naming it', async () => {
      const chef = await as('chef.ortokir');
      const created = await chef.json('POST', '/api/measures', measure({}));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id;
      const read = async () => (await chef.json('GET', `/api/measures/${id}?period=2024-12`)).body;
      const before = await read();
      expect(before.mandate).toMatchObject({ aboveMandate: true, flagged: true });
      expect(before.competence).toMatchObject({ decided: false, decisions: [] });
      expect(before.competence.requiredDecisionMaker).toMatch(/^Regiondirektör eller högre/);

      // The area manager's own decision is above their 5 mnkr: refused, naming the link.
      const own = await chef.json('POST', '/api/decisions', {
        kind: 'beslut',
        ...official('ortokir', 'Per Sandberg, områdeschef'),
        decidedOn: '2024-01-10',
        title: 'Samordnade operationssalar',
        links: [{ entity: 'measure', entityId: id }],
      });
      expect(own.status).toBe(422);
      expect(own.body.error.fields[0].field).toBe('links.0');
      expect(own.body.error.fields[0].message).toMatch(/över områdeschefs gräns/);
      expect((await read()).mandate.flagged).toBe(true);

      await decision({
        bodyId: body('hsn'),
        officialName: null,
        unitId: null,
        decidedOn: '2024-01-25',
        title: 'Samordnade operationssalar',
        links: [{ entity: 'measure', entityId: id }],
      });
      const after = await read();
      expect(after.mandate.flagged).toBe(false);
      expect(after.competence.decided).toBe(true);
      expect(after.competence.decisions).toEqual([expect.objectContaining({ competent: true })]);
    });

    it('refuses ransonering decided by anyone below the nämnd, and the demo’s closed ward waits for its nämnd', async () => {
      const chef = await as('chef.medicin');
      const sommar = ctx.demo.economy.measures.get('sommar') as string;
      const waiting = (await chef.json('GET', `/api/measures/${sommar}?period=2024-12`)).body;
      expect(waiting.competence.decided).toBe(false);
      expect(waiting.competence.requiredDecisionMaker).toMatch(/^Nämnden som styr enheten/);
      expect(waiting.competence.reason).toMatch(/KL 6 kap\. 38 §/);

      const below = await chef.json('POST', '/api/decisions', {
        kind: 'beslut',
        ...official('medicin', 'Erik Sundin, divisionschef'),
        decidedOn: '2024-03-01',
        title: 'Stängd vårdavdelning sommartid',
        links: [{ entity: 'measure', entityId: sommar }],
      });
      expect(below.status).toBe(422);
      expect(below.body.error.fields[0]).toMatchObject({ field: 'links.0' });
      expect(below.body.error.fields[0].message).toMatch(/KL 6 kap\. 38 §/);

      const unlinked = await decision(
        { ...official('medicin', 'Erik Sundin, divisionschef'), decidedOn: '2024-03-01', title: 'Sommarstängning' },
        'chef.medicin',
      );
      const started = await chef.json(
        'POST',
        '/api/measures',
        measure({
          ownerUnitId: unit('medicin'),
          responsibleName: 'Erik Sundin',
          title: 'Stängd avdelning jul',
          category: 'ransonering',
          status: 'ongoing',
          calculation: [{ year: 2024, kind: 'saving', description: 'Stängt', amountKr: '100000', realisationPct: 100 }],
          decisionIds: [unlinked],
        }),
      );
      expect(started.status).toBe(422);
      expect(started.body.error.fields[0].field).toBe('decisionIds.0');
      expect(started.body.error.fields[0].message).toMatch(/KL 6 kap\. 38 §/);

      // Within a division manager's amount, yet flagged: ransonering waits for the nämnd.
      const small = await chef.json(
        'POST',
        '/api/measures',
        measure({
          ownerUnitId: unit('medicin'),
          responsibleName: 'Erik Sundin',
          title: 'Stängd avdelning jul',
          category: 'ransonering',
          calculation: [{ year: 2024, kind: 'saving', description: 'Stängt', amountKr: '100000', realisationPct: 100 }],
        }),
      );
      expect(small.status, JSON.stringify(small.body)).toBe(201);
      const flagged = (await chef.json('GET', `/api/measures/${small.body.id}?period=2024-12`)).body;
      expect(flagged.mandate).toMatchObject({ aboveMandate: false, flagged: true });
      expect(flagged.competence.requiredDecisionMaker).toMatch(/^Nämnden som styr enheten/);

      await decision({
        bodyId: body('hsn'),
        officialName: null,
        unitId: null,
        title: 'Stängd vårdavdelning sommartid',
        links: [{ entity: 'measure', entityId: sommar }],
      });
      expect((await chef.json('GET', `/api/measures/${sommar}?period=2024-12`)).body.competence.decided).toBe(true);
    });
  });
});

describe('the competence rules', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
    const root = await makeUnit(ctx.services, 'Regionen');
    await makeUser(ctx.services, 'admin', [{ role: 'administrator', unitId: root }]);
    await makeUser(ctx.services, 'controller', [{ role: 'controller', unitId: root }]);
    await makeUser(ctx.services, 'viewer', [{ role: 'viewer', unitId: root }]);
  });
  afterAll(async () => ctx.close());
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username, PASSWORD);
    return agent;
  };
  const change = (version: number, rules: unknown[], validFrom = '2025-06-15') => ({ version, validFrom, rules });

  it('are readable by whoever reads steering data, and start as kommunallagen’s defaults', async () => {
    const res = await (await as('viewer')).json('GET', '/api/competence-rules');
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    const byMatter = (a: string[], b: string[]) => (a[0] as string).localeCompare(b[0] as string);
    expect(res.body.inForce.map((r: any) => [r.matter, r.lowest, r.basis, r.validFrom]).sort(byMatter)).toEqual(
      DEFAULT_RULES.map((r) => [r.matter, r.lowest, r.basis, r.validFrom]).sort(byMatter),
    );
    expect(res.body.inForce.find((r: any) => r.matter === 'measure.ransonering').lowestLabel).toBe('Nämnd');
  });

  it('are adjusted by an administrator only, from today on, versioned and in the history', async () => {
    const rule = { matter: 'plan.utvecklingsplan', lowest: 'namnd', basis: 'Utvecklingsplaner beslutas av nämnden.' };
    expect((await (await as('controller')).json('PUT', '/api/competence-rules', change(1, [rule]))).status).toBe(403);
    const admin = await as('admin');
    const backwards = await admin.json('PUT', '/api/competence-rules', change(1, [rule], '2025-01-01'));
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.fields[0].field).toBe('validFrom');
    const unlawful = await admin.json(
      'PUT',
      '/api/competence-rules',
      change(1, [rule, { matter: 'measure.ransonering', lowest: 'official', basis: 'x' }]),
    );
    expect(unlawful.status).toBe(422);
    expect(unlawful.body.error.fields[0].field).toBe('rules.1.lowest');

    const saved = await admin.json('PUT', '/api/competence-rules', change(1, [rule]));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.inForce.find((r: any) => r.matter === 'plan.utvecklingsplan')).toMatchObject({
      lowest: 'namnd',
      validFrom: '2025-06-15',
    });
    // The earlier rule is kept: decisions taken before today are judged by it.
    expect(saved.body.all.filter((r: any) => r.matter === 'plan.utvecklingsplan').map((r: any) => r.lowest)).toEqual([
      'official',
      'namnd',
    ]);
    const stale = await admin.json('PUT', '/api/competence-rules', change(1, [rule]));
    expect(stale.status).toBe(409);

    const history = await admin.json('GET', '/api/history?entity=competence&id=rules');
    expect(history.status).toBe(200);
    expect(history.body.entries.map((e: any) => e.kind)).toEqual(['competence.updated']);
    expect(history.body.entries[0].actorName).toBe('admin');
  });
});
