import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlStep } from '../../domain/control/occasions';
import { createBody } from '../../server/bodies/service';
import { systemActor } from '../../server/core/context';
import { createDecision } from '../../server/steering/decisions';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser } from '../../test/support/factories';
import { createOccasion } from '../followup/cycle';
import { defaultMailConfig, mailerFor, runReminders } from '../followup/reminders';
import { saveAssessment } from './oversight';
import { addPoint, createPlan, decidePlan } from './plans';
import { recordResult } from './results';

/** Issue 14: the årshjul's internal-control occasions remind like the other follow-up. */
describe('reminders for the internal-control occasions', () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  const actor = systemActor('test');
  beforeAll(async () => {
    ctx = await createTestContext();
    const s = ctx.services;
    ids.region = await makeUnit(s, 'Region', null, 'region');
    ids.hs = await makeUnit(s, 'Hälso- och sjukvård', ids.region, 'forvaltning');
    ids.kir = await makeUnit(s, 'Kirurgi', ids.hs, 'enhet');
    ids.kt = await makeUnit(s, 'Kollektivtrafik', ids.region, 'forvaltning');
    const body = async (name: string, kind: 'namnd' | 'styrelse', unitIds: string[]) =>
      (await createBody(s, actor, { name, kind, parentBodyId: null, validFrom: '2023-01-01', validTo: null, unitIds }))
        .id;
    ids.rs = await body('Regionstyrelsen', 'styrelse', [ids.region]);
    ids.hsn = await body('Hälso- och sjukvårdsnämnden', 'namnd', [ids.hs]);
    ids.ktn = await body('Kollektivtrafiknämnden', 'namnd', [ids.kt]);
    ids.ctlhs = await makeUser(s, 'ctlhs', [{ role: 'controller', unitId: ids.hs }]);
    ids.ctlkt = await makeUser(s, 'ctlkt', [{ role: 'controller', unitId: ids.kt }]);
    ids.checker = await makeUser(s, 'checker');
    const decision = await createDecision(s, actor, {
      kind: 'beslut',
      bodyId: ids.hsn,
      officialName: null,
      unitId: null,
      decidedOn: '2025-06-10',
      paragraph: '12',
      diarienummer: null,
      title: 'Internkontrollplan 2025',
      text: '',
      links: [],
    });
    const plan = await createPlan(s, actor, { bodyId: ids.hsn, year: 2025 });
    const point = await addPoint(s, actor, plan.id, {
      riskId: null,
      regionWide: false,
      unitId: ids.kir,
      what: 'Stickprov av bemanning',
      method: 'Stickprov om 20 pass',
      frequency: 'tertial',
      checkerUserId: ids.checker,
      recipient: 'Förvaltningsledningen',
      dueOn: '2025-12-31',
    });
    ids.point = point.id;
    const version = (
      await ctx.services.db
        .selectFrom('control_plans')
        .select('version')
        .where('id', '=', plan.id)
        .executeTakeFirstOrThrow()
    ).version;
    await decidePlan(s, actor, plan.id, { version, decisionId: decision.id });
    ids.t2 = await occasion(2025, 'results', 'Intern kontroll: resultat tertial 2', [
      { level: 'enhet', dueOn: '2025-09-10' },
      { level: 'namnd', dueOn: '2025-09-24' },
    ]);
    ids.assessment = await occasion(2025, 'assessment', 'Årlig bedömning av den interna kontrollen 2025', [
      { level: 'namnd', dueOn: '2026-02-20' },
    ]);
    ids.plan26 = await occasion(2026, 'plan', 'Beslut om internkontrollplan 2026', [
      { level: 'namnd', dueOn: '2026-01-30' },
    ]);
  }, 120_000);
  afterAll(async () => ctx.close());

  const occasion = async (
    year: number,
    controlStep: ControlStep,
    title: string,
    deadlines: { level: any; dueOn: string }[],
  ) =>
    (
      await createOccasion(ctx.services, actor, {
        year,
        kind: 'internal_control',
        period: null,
        title,
        controlStep,
        deadlines,
      })
    ).id;

  const run = async (at: string) => {
    ctx.clock.set(`${at}T07:00:00Z`);
    return runReminders(ctx.services, defaultMailConfig, mailerFor(defaultMailConfig));
  };
  const outbox = async (occasionId: string | undefined) =>
    (
      await ctx.services.db
        .selectFrom('outbox')
        .select(['reminder_key', 'user_id', 'subject', 'body'])
        .where('reminder_key', 'like', `reminder:${occasionId}:%`)
        .orderBy('reminder_key')
        .execute()
    ).map((r) => ({ ...r, when: r.reminder_key.split(':').at(-1) }));

  it('reminds a control point’s checker before the deadline, once, and not after the results are in', async () => {
    expect((await run('2025-09-01')).created).toBe(0);
    expect(await outbox(ids.t2)).toEqual([]);

    const before = await run('2025-09-08');
    expect(before.created).toBe(1);
    const [sent] = await outbox(ids.t2);
    expect(sent).toMatchObject({ user_id: ids.checker, when: 'before' });
    expect(sent?.subject).toContain('senast 2025-09-10');
    // The tertials ended by the deadline, both still without a result.
    expect(sent?.body).toContain('Stickprov av bemanning (2025-T1)');
    expect(sent?.body).toContain('Stickprov av bemanning (2025-T2)');
    expect(sent?.body).not.toContain('2025-T3');

    // Run again, the same day and the next: the same reminder is never made twice.
    expect((await run('2025-09-08')).created).toBe(0);
    expect((await run('2025-09-09')).created).toBe(0);

    for (const occasion of ['2025-T1', '2025-T2'])
      await recordResult(ctx.services, actor, ids.point as string, occasion, {
        version: null,
        done: true,
        deviation: false,
        serious: false,
        sampleSize: 20,
        findings: '',
        evidence: '',
        actions: [],
      });
    // Done: neither the checker after the unit's deadline nor the controller at the nämnd's is reminded.
    expect((await run('2025-09-11')).created).toBe(0);
    expect((await run('2025-09-22')).created).toBe(0);
    expect((await run('2025-09-25')).created).toBe(0);
    expect(await outbox(ids.t2)).toHaveLength(1);
  });

  it('reminds the nämnd’s controllers of the assessment and the plan decision until each is done', async () => {
    expect((await run('2026-01-20')).created).toBe(0);
    // Neither nämnd has a plan for 2026: both controllers, before the deadline and after it.
    await run('2026-01-28');
    expect((await outbox(ids.plan26)).map((r) => [r.user_id, r.when])).toEqual(
      expect.arrayContaining([
        [ids.ctlhs, 'before'],
        [ids.ctlkt, 'before'],
      ]),
    );
    await run('2026-02-02');
    const plan = await outbox(ids.plan26);
    expect(plan.filter((r) => r.when === 'after').map((r) => r.user_id)).toEqual(
      expect.arrayContaining([ids.ctlhs, ids.ctlkt]),
    );
    expect(plan.every((r) => r.subject.includes('senast 2026-01-30'))).toBe(true);

    await run('2026-02-18');
    expect((await outbox(ids.assessment)).map((r) => [r.user_id, r.when]).sort()).toEqual(
      [
        [ids.ctlhs, 'before'],
        [ids.ctlkt, 'before'],
      ].sort(),
    );
    await saveAssessment(ctx.services, actor, ids.hsn as string, 2025, {
      version: null,
      judgement: 'partly',
      reasons: 'Två avvikelser är inte åtgärdade.',
      decisionId: null,
    });
    await run('2026-02-22');
    const after = (await outbox(ids.assessment)).filter((r) => r.when === 'after');
    // HSN has written its assessment; KTN has not.
    expect(after.map((r) => r.user_id)).toEqual([ids.ctlkt]);
    expect((await run('2026-02-23')).created).toBe(0);
  });

  // The step is the occasion's own field: a title that reads like another step no longer misleads.
  it('reminds about control results for an occasion whose step is results, whatever its title says', async () => {
    // Its title reads like the yearly assessment, which the old title rule took it for.
    const odd = await occasion(2025, 'results', 'Bedömning av kontrollerna tertial 3', [
      { level: 'enhet', dueOn: '2026-03-10' },
      { level: 'namnd', dueOn: '2026-03-20' },
    ]);
    await run('2026-03-08');
    const sent = await outbox(odd);
    expect(sent.map((r) => [r.user_id, r.when])).toEqual([[ids.checker, 'before']]);
    expect(sent[0]?.body).toContain('Resultaten av dessa kontroller ska registreras senast 2026-03-10');
    expect(sent[0]?.body).toContain('Stickprov av bemanning (2025-T3)');
  });

  it('reminds about the plan decision for an occasion whose step is plan, though its title names no decision', async () => {
    // The old title rule read this as a control period and, with no decided 2027 plan, said nothing.
    const odd = await occasion(2027, 'plan', 'Internkontrollplanen 2027 fastställs', [
      { level: 'namnd', dueOn: '2027-01-29' },
    ]);
    await run('2027-01-27');
    const sent = await outbox(odd);
    expect(sent.map((r) => [r.user_id, r.when]).sort()).toEqual(
      [
        [ids.ctlhs, 'before'],
        [ids.ctlkt, 'before'],
      ].sort(),
    );
    expect(sent.map((r) => r.body).join('\n')).toContain(
      'Hälso- och sjukvårdsnämndens internkontrollplan 2027 ska vara beslutad senast 2027-01-29',
    );
  });
});
