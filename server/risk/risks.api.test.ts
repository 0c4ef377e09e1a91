import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../server/bodies/members';
import { createBody } from '../../server/bodies/service';
import { systemActor } from '../../server/core/context';
import { createGoal } from '../../server/steering/goals';
import { createPlan } from '../../server/steering/plans';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';

// region ── hs ── kirurgi ── ortokir      (HSN governs hs)
//        │     └─ medicin
//        ├─ kt                             (KTN governs kt)
//        └─ stab                           (the styrelse governs stab only: uppsikt is by seat)
describe('risk registers', () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  const risks: Record<string, string> = {};
  const actor = systemActor('test');

  beforeAll(async () => {
    ctx = await createTestContext();
    const s = ctx.services;
    ids.region = await makeUnit(s, 'Region', null, 'region');
    ids.hs = await makeUnit(s, 'Hälso- och sjukvård', ids.region, 'forvaltning');
    ids.kirurgi = await makeUnit(s, 'Kirurgi', ids.hs, 'division');
    ids.ortokir = await makeUnit(s, 'Ortopedi och kirurgi', ids.kirurgi, 'omrade');
    ids.medicin = await makeUnit(s, 'Medicin', ids.hs, 'division');
    ids.kt = await makeUnit(s, 'Kollektivtrafik', ids.region, 'forvaltning');
    ids.stab = await makeUnit(s, 'Regionstab', ids.region, 'forvaltning');
    const body = async (name: string, kind: 'namnd' | 'styrelse' | 'revisorer', unitIds: string[]) =>
      (await createBody(s, actor, { name, kind, parentBodyId: null, validFrom: '2023-01-01', validTo: null, unitIds }))
        .id;
    ids.hsn = await body('Hälso- och sjukvårdsnämnden', 'namnd', [ids.hs]);
    ids.ktn = await body('Kollektivtrafiknämnden', 'namnd', [ids.kt]);
    ids.rs = await body('Regionstyrelsen', 'styrelse', [ids.stab]);
    ids.rev = await body('Regionens revisorer', 'revisorer', []);
    ids.admin = await makeUser(s, 'admin', [{ role: 'administrator', unitId: ids.region }]);
    ids.ctrl = await makeUser(s, 'ctrl', [{ role: 'controller', unitId: ids.region }]);
    ids.chefk = await makeUser(s, 'chefk', [{ role: 'manager', unitId: ids.kirurgi }]);
    ids.chefm = await makeUser(s, 'chefm', [{ role: 'manager', unitId: ids.medicin }]);
    for (const [user, bodyId] of [
      ['pol', ids.hsn],
      ['styr', ids.rs],
      ['rev', ids.rev],
    ] as const) {
      ids[user] = await makeUser(s, user);
      await addMember(s, actor, bodyId as string, {
        userId: ids[user] as string,
        role: 'ledamot',
        validFrom: '2023-01-01',
        validTo: null,
      });
    }
    // Goals to link: one in Kirurgi, one in Medicin, one in Kollektivtrafik.
    for (const [key, unit] of [
      ['goalK', ids.kirurgi],
      ['goalM', ids.medicin],
      ['goalT', ids.kt],
    ] as const) {
      const plan = await createPlan(s, actor, {
        kind: 'verksamhetsplan',
        title: `Plan ${key}`,
        description: '',
        startYear: 2025,
        endYear: 2025,
        ownerBodyId: null,
        ownerUnitId: unit as string,
        parentPlanId: null,
      });
      const goal = await createGoal(s, actor, {
        planId: plan.id,
        perspective: 'verksamhet',
        focusArea: null,
        ownerUnitId: unit as string,
        targetYear: 2025,
        title: `Mål ${key}`,
        description: '',
        parentGoalIds: [],
      });
      ids[key] = goal.id;
    }
  });
  afterAll(async () => ctx.close());

  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username, PASSWORD);
    return agent;
  };
  const newRisk = (owner: { bodyId?: string; unitId?: string }, title: string) => ({
    ...owner,
    title,
    cause: 'Orsak',
    consequence: 'Konsekvens',
  });
  const titles = (body: { risks: { title: string }[] }) => body.risks.map((r) => r.title).sort();

  it('lets units write their own and those who serve a body write the body’s', async () => {
    const chefk = await as('chefk');
    const ctrl = await as('ctrl');
    const chefm = await as('chefm');
    const make = async (agent: Awaited<ReturnType<typeof as>>, owner: object, title: string) => {
      const res = await agent.json('POST', '/api/risks', newRisk(owner, title));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ title, version: 1, status: 'active', current: null, assessments: [] });
      risks[title] = res.body.id;
      return res.body;
    };
    const own = await make(chefk, { unitId: ids.kirurgi }, 'Kirurgi: bemanning');
    expect(own.can).toEqual({ edit: true, assess: true, link: true });
    expect(own.unitName).toBe('Kirurgi');
    await make(chefk, { unitId: ids.ortokir }, 'Ortokir: hyrpersonal');
    await make(chefm, { unitId: ids.medicin }, 'Medicin: vårdplatser');
    const hsn = await make(ctrl, { bodyId: ids.hsn }, 'HSN: kostnadsövervältring');
    expect(hsn.bodyName).toBe('Hälso- och sjukvårdsnämnden');
    await make(ctrl, { bodyId: ids.ktn }, 'KTN: upphandling');
    await make(ctrl, { unitId: ids.kt }, 'KT: förare');
    await make(ctrl, { bodyId: ids.rs }, 'RS: IT-säkerhet');

    // A chef writes neither a sibling's register nor a body's.
    expect((await chefk.json('POST', '/api/risks', newRisk({ unitId: ids.medicin }, 'x'))).status).toBe(403);
    expect((await chefk.json('POST', '/api/risks', newRisk({ bodyId: ids.hsn }, 'x'))).status).toBe(403);
    // Nor does the revisorer's body keep a register.
    const rev = await ctrl.json('POST', '/api/risks', newRisk({ bodyId: ids.rev }, 'x'));
    expect(rev.status).toBe(422);
    expect(rev.body.error.fields[0].field).toBe('bodyId');
  });

  it('shows chef.kirurgi Kirurgi’s risks and those below, not Medicin’s', async () => {
    const chefk = await as('chefk');
    const below = await chefk.json('GET', `/api/risks?unitId=${ids.kirurgi}&includeBelow=true`);
    expect(below.status).toBe(200);
    expect(titles(below.body)).toEqual(['Kirurgi: bemanning', 'Ortokir: hyrpersonal']);
    const own = await chefk.json('GET', `/api/risks?unitId=${ids.kirurgi}`);
    expect(titles(own.body)).toEqual(['Kirurgi: bemanning']);
    expect((await chefk.json('GET', `/api/risks?unitId=${ids.medicin}`)).status).toBe(403);
    expect((await chefk.json('GET', `/api/risks/${risks['Medicin: vårdplatser']}`)).status).toBe(403);
    expect((await chefk.json('GET', `/api/risks/${risks['HSN: kostnadsövervältring']}`)).status).toBe(403);
    // Everything a chef may read, without a scope: still not a sibling's.
    expect(titles((await chefk.json('GET', '/api/risks')).body)).toEqual([
      'Kirurgi: bemanning',
      'Ortokir: hyrpersonal',
    ]);
  });

  it('rolls a nämnd’s register up over its units for its politicians, not another nämnd’s', async () => {
    const pol = await as('pol');
    const hsn = await pol.json('GET', `/api/risks?bodyId=${ids.hsn}&includeBelow=true`);
    expect(hsn.status).toBe(200);
    expect(titles(hsn.body)).toEqual([
      'HSN: kostnadsövervältring',
      'Kirurgi: bemanning',
      'Medicin: vårdplatser',
      'Ortokir: hyrpersonal',
    ]);
    // A politician reads, and writes nothing.
    expect(hsn.body.risks.every((r: any) => !r.can.edit && !r.can.assess)).toBe(true);
    expect(titles((await pol.json('GET', `/api/risks?bodyId=${ids.hsn}`)).body)).toEqual(['HSN: kostnadsövervältring']);
    expect((await pol.json('GET', `/api/risks?bodyId=${ids.ktn}`)).status).toBe(403);
    expect((await pol.json('GET', `/api/risks/${risks['KTN: upphandling']}`)).status).toBe(403);
  });

  it('gives the styrelse every nämnd’s register (uppsikt) and the revisorer everything, to read only', async () => {
    const styr = await as('styr');
    const all = await styr.json('GET', `/api/risks?bodyId=${ids.rs}&includeBelow=true`);
    expect(all.status).toBe(200);
    expect(all.body.risks).toHaveLength(7);
    expect(titles((await styr.json('GET', `/api/risks?bodyId=${ids.rs}`)).body)).toEqual(['RS: IT-säkerhet']);

    const rev = await as('rev');
    const read = await rev.json('GET', '/api/risks');
    expect(read.status).toBe(200);
    expect(read.body.risks).toHaveLength(7);
    expect(read.body.risks.every((r: any) => !r.can.edit && !r.can.assess && !r.can.link)).toBe(true);
    const id = risks['Kirurgi: bemanning'];
    expect((await rev.json('POST', '/api/risks', newRisk({ unitId: ids.kirurgi }, 'x'))).status).toBe(403);
    expect(
      (
        await rev.json('POST', `/api/risks/${id}/assessments`, {
          assessedAt: '2025-01-01',
          probability: 1,
          consequence: 1,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await rev.json('PUT', '/api/risk-scale', {
          version: 1,
          probabilitySteps: ['a', 'b'],
          consequenceSteps: ['a', 'b'],
          thresholds: { medium: 2, high: 3, veryHigh: 4 },
        })
      ).status,
    ).toBe(403);
  });

  it('keeps every assessment as it was: the value and level at each, even after the scale changes', async () => {
    const chefk = await as('chefk');
    const id = risks['Kirurgi: bemanning'];
    const assess = async (assessedAt: string, probability: number, consequence: number) => {
      const res = await chefk.json('POST', `/api/risks/${id}/assessments`, {
        assessedAt,
        probability,
        consequence,
        comment: `Bedömd ${assessedAt}`,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    expect(await assess('2024-03-01', 2, 2)).toMatchObject({ value: 4, level: 'medium', assessedByName: 'chefk' });
    await assess('2025-03-01', 4, 4);
    const before = await chefk.json('GET', `/api/risks/${id}`);
    expect(before.body.current).toMatchObject({ assessedAt: '2025-03-01', value: 16, level: 'very_high' });
    expect(before.body.assessments.map((a: any) => [a.assessedAt, a.value, a.level])).toEqual([
      ['2025-03-01', 16, 'very_high'],
      ['2024-03-01', 4, 'medium'],
    ]);

    // The administrator widens the scale: medium from 6. The past keeps its colour.
    const admin = await as('admin');
    const scale = await admin.json('GET', '/api/risk-scale');
    expect(scale.body).toMatchObject({
      version: 1,
      thresholds: { medium: 4, high: 8, veryHigh: 12 },
      can: { edit: true },
    });
    const changed = await admin.json('PUT', '/api/risk-scale', {
      version: 1,
      probabilitySteps: scale.body.probabilitySteps,
      consequenceSteps: scale.body.consequenceSteps,
      thresholds: { medium: 6, high: 9, veryHigh: 16 },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(await assess('2025-06-01', 2, 2)).toMatchObject({ value: 4, level: 'low' });
    const after = await chefk.json('GET', `/api/risks/${id}`);
    expect(after.body.assessments.map((a: any) => [a.assessedAt, a.value, a.level])).toEqual([
      ['2025-06-01', 4, 'low'],
      ['2025-03-01', 16, 'very_high'],
      ['2024-03-01', 4, 'medium'],
    ]);
    // An assessment dated earlier than the latest does not become the current one.
    await assess('2025-01-01', 3, 3);
    expect((await chefk.json('GET', `/api/risks/${id}`)).body.current).toMatchObject({ assessedAt: '2025-06-01' });

    // The database itself refuses to rewrite or remove an assessment.
    await expect(sql`UPDATE risk_assessments SET value = 1`.execute(ctx.services.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM risk_assessments`.execute(ctx.services.db)).rejects.toThrow(/append-only/);

    // The history records each assessment with its payload.
    const history = await admin.json('GET', `/api/history?entity=risk&id=${id}`);
    expect(history.status).toBe(200);
    expect(history.body.entries.map((e: any) => e.kind)).toEqual([
      'risk.created',
      'risk.assessed',
      'risk.assessed',
      'risk.assessed',
      'risk.assessed',
    ]);
    // Restore the default scale for the tests after this one.
    const back = await admin.json('PUT', '/api/risk-scale', {
      version: 2,
      probabilitySteps: scale.body.probabilitySteps,
      consequenceSteps: scale.body.consequenceSteps,
      thresholds: { medium: 4, high: 8, veryHigh: 12 },
    });
    expect(back.status).toBe(200);
  });

  it('rejects a stale change with 409 carrying the current risk', async () => {
    const ctrl = await as('ctrl');
    const id = risks['HSN: kostnadsövervältring'];
    const risk = (await ctrl.json('GET', `/api/risks/${id}`)).body;
    const change = {
      version: risk.version,
      title: risk.title,
      description: 'Sparplanens åtgärder flyttar kostnader till andra nämnder.',
      cause: risk.cause,
      consequence: risk.consequence,
      process: 'Budgetprocessen',
      ownerUserId: ids.ctrl,
      existingControls: 'Månadsuppföljning',
      plannedActions: 'Konsekvensanalys per åtgärd',
      status: 'active',
    };
    const first = await ctrl.json('PUT', `/api/risks/${id}`, change);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ version: 2, ownerName: 'ctrl', process: 'Budgetprocessen' });
    const stale = await ctrl.json('PUT', `/api/risks/${id}`, { ...change, title: 'Annat' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await ctrl.json('GET', `/api/risks/${id}`)).body.title).toBe(risk.title);
  });

  it('answers bad input with 400 or 422 naming the field', async () => {
    const chefk = await as('chefk');
    const admin = await as('admin');
    const id = risks['Kirurgi: bemanning'];
    const fieldsOf = (res: { body: any }) => res.body.error.fields.map((f: any) => f.field);

    const noTitle = await chefk.json('POST', '/api/risks', { unitId: ids.kirurgi, title: '  ' });
    expect(noTitle.status).toBe(400);
    expect(fieldsOf(noTitle)).toContain('title');
    const both = await chefk.json('POST', '/api/risks', { unitId: ids.kirurgi, bodyId: ids.hsn, title: 'x' });
    expect(both.status).toBe(422);
    const neither = await chefk.json('POST', '/api/risks', { title: 'x' });
    expect(neither.status).toBe(422);
    expect(fieldsOf(neither)).toEqual(['unitId']);
    const owner = await chefk.json('POST', '/api/risks', { unitId: ids.kirurgi, title: 'x', ownerUserId: 'nobody' });
    expect(owner.status).toBe(422);
    expect(fieldsOf(owner)).toEqual(['ownerUserId']);

    const off = await chefk.json('POST', `/api/risks/${id}/assessments`, {
      assessedAt: '2025-01-01',
      probability: 5,
      consequence: 0,
    });
    expect(off.status).toBe(422);
    expect(fieldsOf(off)).toEqual(['probability', 'consequence']);
    const future = await chefk.json('POST', `/api/risks/${id}/assessments`, {
      assessedAt: '2025-06-16',
      probability: 1,
      consequence: 1,
    });
    expect(future.status).toBe(422);
    expect(fieldsOf(future)).toEqual(['assessedAt']);
    const badDate = await chefk.json('POST', `/api/risks/${id}/assessments`, {
      assessedAt: '2025-02-30',
      probability: 1,
      consequence: 1,
    });
    expect(badDate.status).toBe(400);
    expect(fieldsOf(badDate)).toContain('assessedAt');

    const scale = await admin.json('PUT', '/api/risk-scale', {
      version: 3,
      probabilitySteps: ['Låg', '', 'Hög'],
      consequenceSteps: ['Liten', 'Stor'],
      thresholds: { medium: 3, high: 3, veryHigh: 6 },
    });
    expect(scale.status).toBe(422);
    expect(fieldsOf(scale)).toEqual(['probabilitySteps.1', 'thresholds.high']);
    expect((await chefk.json('GET', '/api/risks?includeBelow=maybe')).status).toBe(400);
    expect((await chefk.json('GET', '/api/risks?unitId=nowhere')).status).toBe(404);
  });

  it('links a risk only to records the caller may read, and hides links to those they may not', async () => {
    const chefk = await as('chefk');
    const ctrl = await as('ctrl');
    const id = risks['Kirurgi: bemanning'];
    const own = await chefk.json('POST', `/api/risks/${id}/links`, { kind: 'goal', targetId: ids.goalK });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toEqual({ kind: 'goal', targetId: ids.goalK, title: 'Mål goalK' });
    const again = await chefk.json('POST', `/api/risks/${id}/links`, { kind: 'goal', targetId: ids.goalK });
    expect(again.status).toBe(409);
    const sibling = await chefk.json('POST', `/api/risks/${id}/links`, { kind: 'goal', targetId: ids.goalM });
    expect(sibling.status).toBe(422);
    expect(sibling.body.error.fields[0].field).toBe('targetId');
    const missing = await chefk.json('POST', `/api/risks/${id}/links`, { kind: 'indicator', targetId: 'nothing' });
    expect(missing.status).toBe(422);
    // A controller of the region links the risk to Kollektivtrafik's goal: chef.kirurgi sees it is there, not what.
    expect((await ctrl.json('POST', `/api/risks/${id}/links`, { kind: 'goal', targetId: ids.goalT })).status).toBe(201);
    const seen = await chefk.json('GET', `/api/risks/${id}`);
    expect(seen.body.links).toEqual([{ kind: 'goal', targetId: ids.goalK, title: 'Mål goalK' }]);
    expect(seen.body).toMatchObject({ hiddenLinks: 1, linkCount: 2 });
    expect((await ctrl.json('GET', `/api/risks/${id}`)).body.links).toHaveLength(2);
    const gone = await chefk.request('DELETE', `/api/risks/${id}/links/goal/${ids.goalK}`);
    expect(gone.status).toBe(200);
    expect((await chefk.json('DELETE', `/api/risks/${id}/links/goal/${ids.goalK}`)).status).toBe(404);
  });

  it('counts a scope’s risks per cell of the matrix, by their latest assessment', async () => {
    const ctrl = await as('ctrl');
    await ctrl.json('POST', `/api/risks/${risks['Medicin: vårdplatser']}/assessments`, {
      assessedAt: '2025-05-01',
      probability: 3,
      consequence: 4,
    });
    const m = await ctrl.json('GET', `/api/risks/matrix?bodyId=${ids.hsn}&includeBelow=true`);
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body.cells).toHaveLength(16);
    const cell = (p: number, c: number) => m.body.cells.find((x: any) => x.probability === p && x.consequence === c);
    expect(cell(3, 4)).toMatchObject({
      count: 1,
      value: 12,
      level: 'very_high',
      riskIds: [risks['Medicin: vårdplatser']],
    });
    // Kirurgi's latest assessment (2025-06-01) is 2 × 2.
    expect(cell(2, 2)).toMatchObject({ count: 1, riskIds: [risks['Kirurgi: bemanning']] });
    expect(m.body.unassessed.sort()).toEqual(
      [risks['HSN: kostnadsövervältring'], risks['Ortokir: hyrpersonal']].sort(),
    );
    expect(m.body.cells.reduce((n: number, c: any) => n + c.count, 0)).toBe(2);
    // The list is ordered by value, highest first, unassessed last.
    const list = await ctrl.json('GET', `/api/risks?bodyId=${ids.hsn}&includeBelow=true`);
    expect(list.body.risks.slice(0, 2).map((r: any) => r.current?.value)).toEqual([12, 4]);
  });

  it('closes a risk: it leaves the active register but keeps its history', async () => {
    const chefk = await as('chefk');
    const id = risks['Ortokir: hyrpersonal'];
    const risk = (await chefk.json('GET', `/api/risks/${id}`)).body;
    const closed = await chefk.json('PUT', `/api/risks/${id}`, {
      version: risk.version,
      title: risk.title,
      description: risk.description,
      cause: risk.cause,
      consequence: risk.consequence,
      process: risk.process,
      ownerUserId: null,
      existingControls: risk.existingControls,
      plannedActions: risk.plannedActions,
      status: 'closed',
    });
    expect(closed.status).toBe(200);
    const active = await chefk.json('GET', `/api/risks?unitId=${ids.kirurgi}&includeBelow=true`);
    expect(titles(active.body)).toEqual(['Kirurgi: bemanning']);
    const all = await chefk.json('GET', `/api/risks?unitId=${ids.kirurgi}&includeBelow=true&status=all`);
    expect(titles(all.body)).toEqual(['Kirurgi: bemanning', 'Ortokir: hyrpersonal']);
  });
});
