import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, createTestContext, type TestContext } from '../../test/support/context';
import { seedDemo } from '../demo/seed';
import { defaultMailConfig } from './reminders';

describe('follow-up on Region Exempel', () => {
  let ctx: TestContext;
  let units: Map<string, string>;
  beforeAll(async () => {
    const seeded = await createDemoContext();
    ctx = seeded;
    ({ units } = seeded.demo);
  });
  afterAll(async () => ctx.close());
  const unit = (key: string) => units.get(key) as string;
  /** Signs in at a moment of the demo's autumn; the clock is injected, never the wall's. */
  const as = async (username: string, at = '2025-10-20T10:00:00Z') => {
    ctx.clock.set(at);
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };

  it('keeps the 2025 annual cycle with deadlines per level, bottom up, and lets only the administrator change it', async () => {
    const { status, body } = await (await as('politiker')).json('GET', '/api/cycle?year=2025');
    expect(status).toBe(200);
    const interim = body.occasions.find((o: any) => o.kind === 'interim');
    expect(interim).toMatchObject({ period: '2025-07', title: 'Delårsrapport per juli' });
    const dates = interim.deadlines.map((d: any) => d.dueOn);
    expect(dates).toEqual([...dates].sort());
    expect(body.occasions.some((o: any) => o.kind === 'budget' && o.period === null)).toBe(true);

    const controller = await as('controller');
    const denied = await controller.json('POST', '/api/cycle/occasions', {
      year: 2026,
      kind: 'month',
      period: '2026-01',
      title: 'Månadsrapport januari',
      deadlines: [{ level: 'enhet', dueOn: '2026-02-04' }],
    });
    expect(denied.status).toBe(403);

    const admin = await as('admin');
    const wrongOrder = await admin.json('POST', '/api/cycle/occasions', {
      year: 2026,
      kind: 'month',
      period: '2026-01',
      title: 'Månadsrapport januari',
      deadlines: [
        { level: 'enhet', dueOn: '2026-02-10' },
        { level: 'division', dueOn: '2026-02-05' },
      ],
    });
    expect(wrongOrder.status).toBe(422);
    expect(wrongOrder.body.error.fields.map((f: any) => f.field)).toContain('deadlines.1.dueOn');
    const clash = await admin.json('POST', '/api/cycle/occasions', {
      year: 2025,
      kind: 'month',
      period: '2025-09',
      title: 'En till',
      deadlines: [{ level: 'enhet', dueOn: '2025-10-04' }],
    });
    expect(clash.status).toBe(409);
    const created = await admin.json('POST', '/api/cycle/occasions', {
      year: 2026,
      kind: 'month',
      period: '2026-01',
      title: 'Månadsrapport januari',
      deadlines: [
        { level: 'enhet', dueOn: '2026-02-04' },
        { level: 'division', dueOn: '2026-02-09' },
      ],
    });
    expect(created.status).toBe(201);
    const stale = await admin.json('PUT', `/api/cycle/occasions/${created.body.id}`, {
      version: created.body.version + 1,
      title: 'x',
      deadlines: created.body.deadlines,
    });
    expect(stale.status).toBe(409);
  });

  it('asks which step of the internal control an occasion is, and refuses a step on any other kind', async () => {
    const admin = await as('admin');
    const control = {
      year: 2026,
      kind: 'internal_control',
      title: 'Uppföljning av kontroller',
      deadlines: [{ level: 'namnd', dueOn: '2026-06-10' }],
    };
    const missing = await admin.json('POST', '/api/cycle/occasions', control);
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields).toEqual([{ field: 'controlStep', message: expect.stringMatching(/steg/) }]);
    const onMonth = await admin.json('POST', '/api/cycle/occasions', {
      year: 2026,
      kind: 'month',
      period: '2026-02',
      title: 'Månadsrapport februari',
      controlStep: 'results',
      deadlines: [{ level: 'enhet', dueOn: '2026-03-04' }],
    });
    expect(onMonth.status).toBe(422);
    expect(onMonth.body.error.fields.map((f: any) => f.field)).toEqual(['controlStep']);

    // A title the old title rule read as results is kept as the plan decision it was said to be.
    const created = await admin.json('POST', '/api/cycle/occasions', { ...control, controlStep: 'plan' });
    expect(created.status).toBe(201);
    expect(created.body.controlStep).toBe('plan');
    const recorded = await ctx.services.db
      .selectFrom('history')
      .select('after')
      .where('entity_id', '=', created.body.id)
      .where('kind', '=', 'cycle_occasion.created')
      .executeTakeFirstOrThrow();
    expect(recorded.after).toMatchObject({ controlStep: 'plan' });

    // The step is changed with the title; left out, it stays as stored; null is refused.
    const changed = await admin.json('PUT', `/api/cycle/occasions/${created.body.id}`, {
      version: created.body.version,
      title: 'Uppföljning av kontroller tertial 1',
      controlStep: 'results',
      deadlines: created.body.deadlines,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ controlStep: 'results', version: created.body.version + 1 });
    const kept = await admin.json('PUT', `/api/cycle/occasions/${created.body.id}`, {
      version: changed.body.version,
      title: 'Kontroller tertial 1',
      deadlines: changed.body.deadlines,
    });
    expect(kept.body.controlStep).toBe('results');
    const cleared = await admin.json('PUT', `/api/cycle/occasions/${created.body.id}`, {
      version: kept.body.version,
      title: 'Kontroller tertial 1',
      controlStep: null,
      deadlines: kept.body.deadlines,
    });
    expect(cleared.status).toBe(422);
    expect(cleared.body.error.fields.map((f: any) => f.field)).toEqual(['controlStep']);
    const read = await admin.json('GET', '/api/cycle?year=2026');
    expect(read.body.occasions.find((o: any) => o.id === created.body.id).controlStep).toBe('results');
    expect(
      read.body.occasions.filter((o: any) => o.kind !== 'internal_control').map((o: any) => o.controlStep),
    ).toEqual(read.body.occasions.filter((o: any) => o.kind !== 'internal_control').map(() => null));
  });

  it('has a step on every internal-control occasion of the demo, and the database refuses one without', async () => {
    const rows = await ctx.services.db
      .selectFrom('cycle_occasions')
      .select(['year', 'title', 'kind', 'control_step'])
      .execute();
    const control = rows.filter((r) => r.kind === 'internal_control');
    expect(control.length).toBeGreaterThanOrEqual(6);
    expect(control.filter((r) => r.control_step === null)).toEqual([]);
    expect(rows.filter((r) => r.kind !== 'internal_control' && r.control_step !== null)).toEqual([]);
    const steps2025 = control
      .filter((r) => r.year === 2025)
      .map((r) => r.control_step)
      .sort();
    expect(steps2025).toEqual(['assessment', 'plan', 'results', 'results', 'results', 'risk_analysis']);

    const insert = (kind: string, step: string | null) =>
      sql`INSERT INTO cycle_occasions (id, year, kind, period, title, control_step, created_at)
          VALUES (${`raw-${kind}-${step}`}, 2027, ${kind}, NULL, 'Rå rad', ${step}, now())`.execute(ctx.services.db);
    await expect(insert('internal_control', null)).rejects.toThrow(/cycle_occasions_control_step_kind/);
    await expect(insert('budget', 'results')).rejects.toThrow(/cycle_occasions_control_step_kind/);
    await expect(insert('internal_control', 'guess')).rejects.toThrow(/cycle_occasions_control_step_known/);
  });

  it('shows who has not reported September 2025 and how late, with one report returned', async () => {
    const { status, body } = await (await as('controller')).json('GET', '/api/followup/status?period=2025-09');
    expect(status).toBe(200);
    const row = (key: string) => body.units.find((r: any) => r.unitId === unit(key));
    expect(row('anop')).toMatchObject({ status: 'returned', late: true });
    expect(row('anop').returnComment).toMatch(/övertiden/);
    expect(row('ortokir')).toMatchObject({ status: 'approved', late: false, daysLate: 0 });
    expect(row('medicin')).toMatchObject({ status: 'submitted', late: false });
    // Psykiatri is a division: due 8 October, not handed in on 20 October.
    expect(row('psykiatri')).toMatchObject({ status: 'not_started', deadline: '2025-10-08', late: true, daysLate: 12 });
    expect(row('kt')).toMatchObject({ status: 'in_progress', deadline: '2025-10-11', daysLate: 9 });
    expect(body.counts.returned).toBe(1);
    expect(body.counts.late).toBe(body.units.filter((r: any) => r.late).length);
    expect(body.counts.late).toBeGreaterThan(0);
    expect(body.counts.approved).toBeGreaterThan(10);
    // Before the deadlines nobody is late.
    const early = await (await as('controller', '2025-10-02T08:00:00Z')).json(
      'GET',
      '/api/followup/status?period=2025-09',
    );
    expect(early.body.counts.late).toBe(0);
    expect((await (await as('controller')).json('GET', '/api/followup/status?period=2025-13')).status).toBe(400);
  });

  it('shows a division manager only their own division', async () => {
    const { body } = await (await as('chef.kirurgi')).json('GET', '/api/followup/status?period=2025-09');
    const ids = new Set(body.units.map((r: any) => r.unitId));
    expect(ids.has(unit('kirurgi'))).toBe(true);
    expect(ids.has(unit('ortokir'))).toBe(true);
    expect(ids.has(unit('medicin'))).toBe(false);
    expect(ids.has(unit('region'))).toBe(false);
    const other = await (await as('chef.kirurgi')).json('GET', `/api/followup/submissions/${unit('medicin')}/2025-09`);
    expect(other.status).toBe(403);
  });

  it('takes a report from submitted through returned and resubmitted to approved, each step once per key', async () => {
    const path = `/api/followup/submissions/${unit('ortokir')}/2025-10`;
    const area = await as('chef.ortokir', '2025-11-03T09:00:00Z');
    const before = await area.json('GET', path);
    expect(before.body).toMatchObject({
      status: 'not_started',
      version: 0,
      deadline: '2025-11-07',
      can: { submit: true },
    });

    const empty = await area.json('POST', `${path}/submit`, { version: 0 });
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields[0].field).toBe('analysis');

    const key = { 'Idempotency-Key': 'submit-ortokir-2025-10-a' };
    const first = await area.json(
      'POST',
      `${path}/submit`,
      { version: 0, analysis: 'Kostnaderna följer budget.' },
      key,
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'submitted', version: 1 });
    const retried = await area.json(
      'POST',
      `${path}/submit`,
      { version: 0, analysis: 'Kostnaderna följer budget.' },
      key,
    );
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    const submittedEntries = await ctx.services.db
      .selectFrom('history')
      .select('id')
      .where('entity_id', '=', `${unit('ortokir')}:2025-10`)
      .where('kind', '=', 'submission.submitted')
      .execute();
    expect(submittedEntries).toHaveLength(1);

    // The unit cannot approve its own report; the division can.
    expect((await area.json('POST', `${path}/approve`, { version: 1 })).status).toBe(403);
    const division = await as('chef.kirurgi', '2025-11-05T09:00:00Z');
    expect((await division.json('GET', path)).body.can.decide).toBe(true);
    const noComment = await division.json('POST', `${path}/return`, { version: 1, comment: ' ' });
    expect(noComment.status).toBe(422);
    const returned = await division.json('POST', `${path}/return`, {
      version: 1,
      comment: 'Förklara övertiden i oktober.',
    });
    expect(returned.body).toMatchObject({ status: 'returned', returnComment: 'Förklara övertiden i oktober.' });

    const again = await as('chef.ortokir', '2025-11-06T09:00:00Z');
    const resubmitted = await again.json('POST', `${path}/submit`, {
      version: 2,
      analysis: 'Övertiden beror på två vakanser som nu är tillsatta.',
    });
    expect(resubmitted.body.status).toBe('submitted');

    const approver = await as('chef.kirurgi', '2025-11-07T09:00:00Z');
    const staleApprove = await approver.json('POST', `${path}/approve`, { version: 2 });
    expect(staleApprove.status).toBe(409);
    const approved = await approver.json(
      'POST',
      `${path}/approve`,
      { version: 3 },
      { 'Idempotency-Key': 'approve-ok-1' },
    );
    expect(approved.body).toMatchObject({ status: 'approved', decidedByName: 'Anna Holm', late: false });
    expect(approved.body.trail.map((t: any) => t.action)).toEqual(['submitted', 'returned', 'submitted', 'approved']);
    expect(approved.body.trail[1].comment).toBe('Förklara övertiden i oktober.');
    // Nothing moves an approved report.
    const afterwards = await as('chef.ortokir', '2025-11-07T09:30:00Z');
    expect((await afterwards.json('PUT', path, { version: 4, analysis: 'ändrat' })).status).toBe(409);
    const division2 = await as('chef.kirurgi', '2025-11-07T09:40:00Z');
    expect((await division2.json('POST', `${path}/return`, { version: 4, comment: 'nej' })).status).toBe(409);
    // A key used for another request is refused rather than replayed.
    const reused = await division2.json(
      'POST',
      `/api/followup/submissions/${unit('kir')}/2025-10/approve`,
      { version: 0 },
      {
        'Idempotency-Key': 'approve-ok-1',
      },
    );
    expect(reused.status).toBe(422);
  });

  it('lists deviations with analysis, corrective action, decision level and escalation', async () => {
    const { status, body } = await (await as('controller')).json(
      'GET',
      `/api/followup/deviations?period=2024-09&unit=${unit('hs')}`,
    );
    expect(status).toBe(200);
    const measures = body.deviations.filter((d: any) => d.kind === 'measure');
    expect(measures.length).toBeGreaterThan(0);
    for (const d of measures) {
      expect(BigInt(d.value) < BigInt(d.target)).toBe(true);
      expect(BigInt(d.deviation)).toBe(BigInt(d.value) - BigInt(d.target));
      expect(d.decisionLevel).not.toBeNull();
    }
    const narakuten = measures.find((d: any) => /Närakuten/.test(d.name));
    expect(narakuten).toMatchObject({ target: '12000000' });
    expect(body.deviations.every((d: any) => d.status === 'red' || d.status === 'yellow')).toBe(true);
  });

  it('takes a corrective action against an indicator off target, with its decision level and escalation', async () => {
    const controller = await as('controller');
    const path = `/api/followup/deviations?period=2025-09&unit=${unit('region')}`;
    const before = (await controller.json('GET', path)).body.deviations.filter((d: any) => d.kind === 'indicator');
    expect(before.length).toBeGreaterThan(1);
    const [first, second] = before;
    expect(first).toMatchObject({ correctiveAction: null, decisionLevel: null, escalated: false });
    const action = (indicatorId: string, amountKr: number | string) => ({
      indicatorId,
      unitId: unit('region'),
      what: 'Gemensam bemanningspool i stället för inhyrd personal',
      responsibleName: 'Maria Lindqvist',
      dueOn: '2025-12-31',
      amountKr,
      status: 'proposed',
    });
    // 20 mnkr is within the regional director's mandate; 70 mnkr goes to the committee.
    expect(
      (await controller.json('POST', '/api/followup/corrective-actions', action(first.id, 20_000_000))).status,
    ).toBe(201);
    const big = await controller.json('POST', '/api/followup/corrective-actions', action(second.id, '70000000'));
    expect(big.body).toMatchObject({ decisionLevel: 'Nämnd' });
    const after = (await controller.json('GET', path)).body.deviations;
    expect(after.find((d: any) => d.id === first.id)).toMatchObject({
      correctiveAction: {
        what: 'Gemensam bemanningspool i stället för inhyrd personal',
        responsibleName: 'Maria Lindqvist',
      },
      decisionLevel: 'Förvaltningschef',
      escalated: false,
    });
    expect(after.find((d: any) => d.id === second.id)).toMatchObject({ decisionLevel: 'Nämnd', escalated: true });

    const negative = await controller.json('POST', '/api/followup/corrective-actions', action(first.id, -5));
    expect(negative.status).toBe(400);
    expect(negative.body.error.fields[0].field).toBe('amountKr');
    const unknown = await controller.json('POST', '/api/followup/corrective-actions', action('finns-inte', 0));
    expect(unknown.status).toBe(422);
    const medicin = await as('chef.medicin');
    expect((await medicin.json('POST', '/api/followup/corrective-actions', action(first.id, 0))).status).toBe(403);
  });

  it('reminds managers before and after a deadline, once each, and keeps them in the outbox without SMTP', async () => {
    // November 2025 is due 4 December for units, 7 December for areas, 8 December for divisions.
    const admin = await as('admin', '2025-12-04T07:00:00Z');
    const first = await admin.json('POST', '/api/followup/reminders/run');
    expect(first.status).toBe(200);
    expect(first.body.sent).toBe(0);
    const again = await admin.json('POST', '/api/followup/reminders/run');
    expect(again.body.created).toBe(0);
    const outbox = (await admin.json('GET', '/api/outbox')).body.messages;
    const novemberBefore = outbox.filter(
      (m: any) => /Månadsrapport november/.test(m.subject) && /^Påminnelse/.test(m.subject),
    );
    expect(novemberBefore.map((m: any) => m.to)).toEqual(['chef.ortokir@exempel.example']);
    expect(novemberBefore[0]).toMatchObject({ sentAt: null, transport: 'outbox' });

    const later = await as('admin', '2025-12-09T07:00:00Z');
    const after = await later.json('POST', '/api/followup/reminders/run');
    expect(after.body.created).toBeGreaterThan(0);
    const late = (await later.json('GET', '/api/outbox')).body.messages.filter(
      (m: any) => /Månadsrapport november/.test(m.subject) && /^Försenad/.test(m.subject),
    );
    expect(late.map((m: any) => m.to).sort()).toEqual([
      'chef.kirurgi@exempel.example',
      'chef.medicin@exempel.example',
      'chef.ortokir@exempel.example',
    ]);
    expect((await later.json('POST', '/api/followup/reminders/run')).body.created).toBe(0);
    expect((await (await as('chef.kirurgi')).json('GET', '/api/outbox')).status).toBe(403);
  });
});

describe('reminders by SMTP', () => {
  let ctx: TestContext;
  let smtp: SMTPServer;
  const received: { to: string[]; data: string }[] = [];
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk) => {
          data += String(chunk);
        });
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    const port = await new Promise<number>((resolve) => {
      smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as AddressInfo).port));
    });
    ctx = await createTestContext({
      http: { mail: { ...defaultMailConfig, smtpUrl: `smtp://127.0.0.1:${port}`, from: 'rodtrad@exempel.example' } },
    });
    await seedDemo(ctx.services);
  });
  afterAll(async () => {
    await ctx.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends each due reminder once through the SMTP server and marks it sent', async () => {
    ctx.clock.set('2025-12-09T07:00:00Z');
    const admin = ctx.agent();
    await admin.login('admin');
    const run = await admin.json('POST', '/api/followup/reminders/run');
    expect(run.body.sent).toBe(run.body.created);
    expect(run.body.sent).toBeGreaterThan(0);
    expect(received).toHaveLength(run.body.sent);
    expect(received.flatMap((r) => r.to)).toContain('chef.ortokir@exempel.example');
    expect(received.some((r) => /Subject: =\?UTF-8\?|Subject: F/.test(r.data))).toBe(true);
    const outbox = (await admin.json('GET', '/api/outbox')).body.messages;
    expect(outbox.every((m: any) => m.transport === 'smtp' && m.sentAt !== null)).toBe(true);
    expect((await admin.json('POST', '/api/followup/reminders/run')).body.created).toBe(0);
    expect(received).toHaveLength(run.body.sent);
  });
});
