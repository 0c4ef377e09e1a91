import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../server/bodies/members';
import { createBody } from '../../server/bodies/service';
import { systemActor } from '../../server/core/context';
import { createDecision } from '../../server/steering/decisions';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';

/** Issue 14 part B: internkontrollplan, control points, results, actions, escalation, assessment, uppsikt. */
describe('internal control', () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ctx = await createTestContext();
    const s = ctx.services;
    const actor = systemActor('test');
    ids.region = await makeUnit(s, 'Region', null, 'region');
    ids.hs = await makeUnit(s, 'Hälso- och sjukvård', ids.region, 'forvaltning');
    ids.kir = await makeUnit(s, 'Kirurgi', ids.hs, 'verksamhet');
    ids.kt = await makeUnit(s, 'Kollektivtrafik', ids.region, 'forvaltning');
    const body = async (name: string, kind: 'namnd' | 'styrelse' | 'revisorer', unitIds: string[]) =>
      (await createBody(s, actor, { name, kind, parentBodyId: null, validFrom: '2023-01-01', validTo: null, unitIds }))
        .id;
    ids.rs = await body('Regionstyrelsen', 'styrelse', [ids.region]);
    ids.hsn = await body('Hälso- och sjukvårdsnämnden', 'namnd', [ids.hs]);
    ids.ktn = await body('Kollektivtrafiknämnden', 'namnd', [ids.kt]);
    ids.rev = await body('Regionens revisorer', 'revisorer', []);
    ids.admin = await makeUser(s, 'admin', [{ role: 'administrator', unitId: ids.region }]);
    ids.ctl = await makeUser(s, 'ctl', [{ role: 'controller', unitId: ids.region }]);
    ids.ctlhs = await makeUser(s, 'ctlhs', [{ role: 'controller', unitId: ids.hs }]);
    ids.chefhs = await makeUser(s, 'chefhs', [{ role: 'manager', unitId: ids.hs }]);
    ids.ctlkt = await makeUser(s, 'ctlkt', [{ role: 'controller', unitId: ids.kt }]);
    ids.checker = await makeUser(s, 'checker');
    ids.ordf = await makeUser(s, 'ordf');
    ids.rspol = await makeUser(s, 'rspol');
    // A revisor who also holds a controller role: the seat forbids writing all the same.
    ids.revisor = await makeUser(s, 'revisor', [{ role: 'controller', unitId: ids.region }]);
    const seat = (bodyId: string, userId: string, role: 'ordforande' | 'ledamot') =>
      addMember(s, actor, bodyId, { userId, role, validFrom: '2023-01-01', validTo: null });
    await seat(ids.hsn, ids.ordf, 'ordforande');
    await seat(ids.rs, ids.rspol, 'ledamot');
    await seat(ids.rev, ids.revisor, 'ledamot');
    // Part A's register is read through its table: a few minimal risks, seeded here only.
    const now = new Date('2025-06-15T10:00:00Z');
    await s.db
      .insertInto('risks')
      .values([
        { id: 'risk-hsn', body_id: ids.hsn, title: 'Beroende av hyrpersonal', created_at: now, updated_at: now },
        { id: 'risk-kir', unit_id: ids.kir, title: 'Stängda vårdplatser', created_at: now, updated_at: now },
        { id: 'risk-ktn', body_id: ids.ktn, title: 'Upphandling utanför avtal', created_at: now, updated_at: now },
        { id: 'risk-rs', body_id: ids.rs, title: 'Attest och bisysslor', created_at: now, updated_at: now },
      ])
      .execute();
    const decision = async (bodyId: string | null, title: string, officialName: string | null = null) =>
      (
        await createDecision(s, actor, {
          kind: 'beslut',
          bodyId,
          officialName,
          unitId: officialName ? (ids.hs ?? null) : null,
          decidedOn: '2025-06-10',
          paragraph: '12',
          diarienummer: null,
          title,
          text: '',
          links: [],
        })
      ).id;
    ids.decHsn = await decision(ids.hsn, 'Internkontrollplan 2025');
    ids.decKtn = await decision(ids.ktn, 'KTN:s internkontrollplan 2025');
    ids.decRs = await decision(ids.rs, 'Regionstyrelsens internkontrollplan 2025');
    ids.decOfficial = await decision(null, 'Förvaltningschefens beslut', 'Förvaltningschef HS');
  }, 400_000);
  afterAll(async () => ctx.close());
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username, PASSWORD);
    return agent;
  };
  const point = (over: Record<string, unknown> = {}) => ({
    what: 'Stickprov av bemanning med hyrpersonal',
    method: 'Stickprov om 20 pass per tertial',
    frequency: 'tertial',
    recipient: 'Förvaltningsledningen',
    dueOn: '2025-12-31',
    ...over,
  });

  it('copies the styrelse’s region-wide points into a nämnd’s plan and keeps points to the body’s risks', async () => {
    const ctl = await as('ctl');
    const rs = await ctl.json('POST', '/api/control/plans', { bodyId: ids.rs, year: 2025 });
    expect(rs.status, JSON.stringify(rs.body)).toBe(201);
    ids.rsPlan = rs.body.id;
    const wide = await ctl.json(
      'POST',
      `/api/control/plans/${ids.rsPlan}/points`,
      point({ what: 'Attest enligt attestordningen', riskId: 'risk-rs', regionWide: true, frequency: 'half_year' }),
    );
    expect(wide.status, JSON.stringify(wide.body)).toBe(201);
    expect(wide.body.occasions).toEqual(['2025-H1', '2025-H2']);

    const hsn = await ctl.json('POST', '/api/control/plans', { bodyId: ids.hsn, year: 2025 });
    expect(hsn.status).toBe(201);
    ids.hsnPlan = hsn.body.id;
    expect(hsn.body.points).toHaveLength(1);
    expect(hsn.body.points[0]).toMatchObject({ regionWide: true, sourcePointId: wide.body.id, can: { edit: false } });
    expect((await ctl.json('POST', '/api/control/plans', { bodyId: ids.hsn, year: 2025 })).status).toBe(409);

    // A nämnd cannot require controls of the others, nor choose another body's risk.
    const notWide = await ctl.json('POST', `/api/control/plans/${ids.hsnPlan}/points`, point({ regionWide: true }));
    expect(notWide.status).toBe(422);
    expect(notWide.body.error.fields.map((f: any) => f.field)).toEqual(['regionWide']);
    const foreign = await ctl.json('POST', `/api/control/plans/${ids.hsnPlan}/points`, point({ riskId: 'risk-ktn' }));
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.fields.map((f: any) => f.field)).toEqual(['riskId']);

    // A risk of a unit the nämnd governs is in its register too.
    const own = await ctl.json(
      'POST',
      `/api/control/plans/${ids.hsnPlan}/points`,
      point({ riskId: 'risk-kir', unitId: ids.kir, checkerUserId: ids.checker }),
    );
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toMatchObject({ riskTitle: 'Stängda vårdplatser', checkerName: 'checker' });
    ids.point = own.body.id;
    const edited = await ctl.json('PUT', `/api/control/points/${ids.point}`, {
      ...point({ riskId: 'risk-kir', unitId: ids.kir, checkerUserId: ids.checker, method: 'Stickprov om 25 pass' }),
      version: 1,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const stale = await ctl.json('PUT', `/api/control/points/${ids.point}`, { ...point(), version: 1 });
    expect(stale.status).toBe(409);
  });

  it('refuses results for an undecided plan with 422 naming why', async () => {
    const ctl = await as('ctl');
    const early = await ctl.json('PUT', `/api/control/points/${ids.point}/results/2025-T1`, { done: true });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toMatch(/inte beslutad/);
    expect(early.body.error.fields).toEqual([{ field: 'pointId', message: expect.stringMatching(/inte beslutad/) }]);
  });

  it('refuses a decision by a body not competent for the nämnd’s internkontrollplan', async () => {
    const ctl = await as('ctl');
    for (const decisionId of [ids.decKtn, ids.decRs, ids.decOfficial]) {
      const refused = await ctl.json('POST', `/api/control/plans/${ids.hsnPlan}/decide`, { version: 1, decisionId });
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.error.fields.map((f: any) => f.field)).toEqual(['decisionId']);
    }
    // A chef may not ask for the decision of a plan above their unit.
    const chef = await as('chefhs');
    expect(
      (await chef.json('POST', `/api/control/plans/${ids.rsPlan}/decide`, { version: 1, decisionId: ids.decRs }))
        .status,
    ).toBe(403);
    const decided = await ctl.json('POST', `/api/control/plans/${ids.hsnPlan}/decide`, {
      version: 1,
      decisionId: ids.decHsn,
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'decided', decisionId: ids.decHsn, can: { edit: false } });
    expect(decided.body.decisionCitation).toMatch(/Hälso- och sjukvårdsnämnden 2025-06-10 § 12/);
    // A decided plan's points are what the nämnd decided.
    const late = await ctl.json('POST', `/api/control/plans/${ids.hsnPlan}/points`, point());
    expect(late.status).toBe(422);
  });

  it('needs an action for a deviation, lets the checker record, and answers a stale write with 409', async () => {
    const checker = await as('checker');
    const bare = await checker.json('PUT', `/api/control/points/${ids.point}/results/2025-T1`, {
      done: true,
      deviation: true,
      sampleSize: 20,
      findings: 'Tre pass saknade avrop',
    });
    expect(bare.status).toBe(422);
    expect(bare.body.error.fields).toEqual([{ field: 'actions', message: expect.stringMatching(/åtgärd/) }]);
    const wrongOccasion = await checker.json('PUT', `/api/control/points/${ids.point}/results/2025-03`, { done: true });
    expect(wrongOccasion.status).toBe(422);
    expect(wrongOccasion.body.error.fields.map((f: any) => f.field)).toEqual(['occasion']);

    const recorded = await checker.json('PUT', `/api/control/points/${ids.point}/results/2025-T1`, {
      done: true,
      deviation: true,
      sampleSize: 20,
      findings: 'Tre pass saknade avrop',
      evidence: 'https://intranat.example/stickprov-t1',
      actions: [{ what: 'Rutin för avrop av hyrpersonal', ownerUserId: ids.chefhs, dueOn: '2025-07-31' }],
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body).toMatchObject({ version: 1, deviation: true, recordedByName: 'checker' });
    expect(recorded.body.actions).toMatchObject([{ status: 'open', late: false, ownerName: 'chefhs' }]);
    ids.result = recorded.body.id;
    ids.action = recorded.body.actions[0].id;

    // Someone who did not see the first result cannot overwrite it; nor can a stale version.
    const blind = await checker.json('PUT', `/api/control/points/${ids.point}/results/2025-T1`, { done: true });
    expect(blind.status).toBe(409);
    const chef = await as('chefhs');
    const changed = await chef.json('PUT', `/api/control/points/${ids.point}/results/2025-T1`, {
      version: 1,
      done: true,
      deviation: true,
      serious: false,
      sampleSize: 20,
      findings: 'Tre pass saknade avrop; rutinen ses över',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.version).toBe(2);
    const stale = await checker.json('PUT', `/api/control/points/${ids.point}/results/2025-T1`, {
      version: 1,
      done: false,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ version: 2 });

    // Another nämnd's controller records nothing here.
    const ktc = await as('ctlkt');
    expect((await ktc.json('PUT', `/api/control/points/${ids.point}/results/2025-T2`, { done: true })).status).toBe(
      403,
    );
  });

  it('lets the revisorer read everything and write nothing', async () => {
    const rev = await as('revisor');
    expect((await rev.json('GET', `/api/control/plans/${ids.hsnPlan}`)).status).toBe(200);
    const results = await rev.json('GET', `/api/control/points/${ids.point}/results`);
    expect(results.status).toBe(200);
    expect(results.body.point.can).toEqual({ edit: false, record: false });
    expect(results.body.results[0].can.edit).toBe(false);
    expect((await rev.json('GET', '/api/control/uppsikt?year=2025')).body.bodies).toHaveLength(3);
    expect((await rev.json('POST', '/api/control/plans', { bodyId: ids.ktn, year: 2025 })).status).toBe(403);
    expect((await rev.json('PUT', `/api/control/points/${ids.point}/results/2025-T2`, { done: true })).status).toBe(
      403,
    );
    expect(
      (
        await rev.json('PUT', `/api/control/actions/${ids.action}`, {
          version: 1,
          what: 'x',
          ownerUserId: null,
          dueOn: '2025-07-31',
          status: 'done',
        })
      ).status,
    ).toBe(403);
    expect(
      (await rev.json('PUT', `/api/control/bodies/${ids.hsn}/assessments/2025`, { judgement: 'sufficient' })).status,
    ).toBe(403);
  });

  it('escalates a late action to the nämnd’s ordförande and controllers by the injected clock', async () => {
    // Sessions idle out by the same clock: sign in again after moving it.
    ctx.clock.set('2025-07-31T12:00:00Z');
    const before = await (await as('ctl')).json('GET', '/api/control/escalations?year=2025');
    expect(before.status).toBe(200);
    expect(before.body.items).toEqual([]);
    ctx.clock.set('2025-08-10T12:00:00Z');
    const ctl = await as('ctl');
    const list = await ctl.json('GET', '/api/control/escalations?year=2025');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const item = list.body.items[0];
    expect(item).toMatchObject({ reason: 'late_action', bodyId: ids.hsn, actionId: ids.action, dueOn: '2025-07-31' });
    expect(item.recipients).toEqual(
      expect.arrayContaining([
        { userId: ids.ordf, name: 'ordf', as: 'ordforande' },
        { userId: ids.ctlhs, name: 'ctlhs', as: 'controller' },
        { userId: ids.ctl, name: 'ctl', as: 'controller' },
      ]),
    );
    const results = await ctl.json('GET', `/api/control/points/${ids.point}/results`);
    expect(results.body.results[0].actions[0].late).toBe(true);
    // Done, it is no longer escalated.
    const done = await (await as('chefhs')).json('PUT', `/api/control/actions/${ids.action}`, {
      version: 1,
      what: 'Rutin för avrop av hyrpersonal',
      ownerUserId: ids.chefhs,
      dueOn: '2025-07-31',
      status: 'done',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', late: false });
    expect((await ctl.json('GET', '/api/control/escalations?year=2025')).body.items).toEqual([]);
    ctx.clock.set('2025-06-15T10:00:00Z');
  });

  it('rolls results up per nämnd and unit, each role seeing its own bodies', async () => {
    const hsnRow = (body: any) => body.bodies.find((b: any) => b.bodyId === ids.hsn);
    const ctl = await as('ctl');
    const all = await ctl.json('GET', '/api/control/uppsikt?year=2025');
    expect(all.status).toBe(200);
    expect(all.body.bodies.map((b: any) => b.bodyName)).toEqual(
      expect.arrayContaining(['Regionstyrelsen', 'Hälso- och sjukvårdsnämnden', 'Kollektivtrafiknämnden']),
    );
    expect(hsnRow(all.body)).toMatchObject({
      planStatus: 'decided',
      points: 2,
      counts: { results: 1, done: 1, notDone: 0, deviations: 1, openActions: 0, lateActions: 0 },
      units: [{ unitId: ids.kir, counts: { results: 1 } }],
    });
    expect(all.body.total.results).toBe(1);
    // The styrelse's ledamot exercises uppsikt over every nämnd.
    const pol = await as('rspol');
    expect((await pol.json('GET', '/api/control/uppsikt?year=2025')).body.bodies).toHaveLength(3);
    // Kollektivtrafik's controller reads its own nämnd and the styrelse above, not HSN.
    const ktc = await as('ctlkt');
    const kt = await ktc.json('GET', '/api/control/uppsikt?year=2025');
    expect(kt.body.bodies.map((b: any) => b.bodyId).sort()).toEqual([ids.ktn, ids.rs].sort());
    expect(kt.body.total.results).toBe(0);
    expect((await ktc.json('GET', `/api/control/plans/${ids.hsnPlan}`)).status).toBe(403);
    const checker = await as('checker');
    expect((await checker.json('GET', '/api/control/uppsikt?year=2025')).status).toBe(403);
  });

  it('keeps the nämnd’s yearly assessment, written by its controller, with 409 on a stale write', async () => {
    const chef = await as('chefhs');
    expect(
      (await chef.json('PUT', `/api/control/bodies/${ids.hsn}/assessments/2025`, { judgement: 'partly' })).status,
    ).toBe(403);
    const ctlhs = await as('ctlhs');
    const first = await ctlhs.json('PUT', `/api/control/bodies/${ids.hsn}/assessments/2025`, {
      judgement: 'partly',
      reasons: 'Avvikelser i avrop av hyrpersonal; åtgärd genomförd.',
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({
      assessment: { judgement: 'partly', version: 1 },
      points: 2,
      counts: { deviations: 1 },
    });
    const blind = await ctlhs.json('PUT', `/api/control/bodies/${ids.hsn}/assessments/2025`, {
      judgement: 'sufficient',
    });
    expect(blind.status).toBe(409);
    const second = await ctlhs.json('PUT', `/api/control/bodies/${ids.hsn}/assessments/2025`, {
      version: 1,
      judgement: 'sufficient',
      decisionId: ids.decHsn,
    });
    expect(second.status).toBe(200);
    const stale = await ctlhs.json('PUT', `/api/control/bodies/${ids.hsn}/assessments/2025`, {
      version: 1,
      judgement: 'insufficient',
    });
    expect(stale.status).toBe(409);
    const rev = await as('revisor');
    const read = await rev.json('GET', `/api/control/bodies/${ids.hsn}/assessments/2025`);
    expect(read.body).toMatchObject({ assessment: { judgement: 'sufficient', version: 2 }, can: { edit: false } });
    const uppsikt = await rev.json('GET', '/api/control/uppsikt?year=2025');
    expect(uppsikt.body.bodies.find((b: any) => b.bodyId === ids.hsn).judgement).toBe('sufficient');
  });

  it('records every write in the history with its declared payload', async () => {
    const admin = await as('admin');
    const h = await admin.json('GET', `/api/history?entity=control_result&id=${ids.result}`);
    expect(h.status, JSON.stringify(h.body)).toBe(200);
    expect(h.body.entries.map((e: any) => e.kind)).toEqual(['control_result.recorded', 'control_result.updated']);
    expect(h.body.entries[1].changes).toContainEqual({
      field: 'findings',
      before: 'Tre pass saknade avrop',
      after: 'Tre pass saknade avrop; rutinen ses över',
    });
  });
});
