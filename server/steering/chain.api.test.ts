import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import type { SteeringIds } from '../demo/steering';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('steering chain API', () => {
  let ctx: TestContext;
  let units: Map<string, string>;
  let bodies: Map<string, string>;
  let steering: SteeringIds;
  beforeAll(async () => {
    const seeded = await createDemoContext();
    ctx = seeded;
    ({ units, bodies, steering } = seeded.demo);
  });
  afterAll(async () => ctx.close());
  const unit = (key: string) => units.get(key) as string;
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };
  const leafNamed = async (name: string) =>
    (
      await ctx.services.db
        .selectFrom('org_unit_states')
        .select('unit_id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).unit_id;
  const newDecision = async (kind: 'beslut' | 'uppdrag' | 'information', title: string) => {
    const admin = await as('controller');
    const res = await admin.json('POST', '/api/decisions', {
      kind,
      bodyId: bodies.get('rf'),
      decidedOn: '2025-06-10',
      paragraph: '77',
      diarienummer: 'RS/999/2025',
      title,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  describe('plans', () => {
    it('flags a plan that steers work without a decision, and shows the decision behind a decided one', async () => {
      const { body } = await (await as('revisor')).json('GET', '/api/plans');
      const byTitle = (t: string) => body.plans.find((p: any) => p.title === t);
      expect(byTitle('Färdplan 2030').steersWithoutDecision).toBe(true);
      expect(byTitle('Färdplan 2030').status).toBe('draft');
      const rp = byTitle('Regionplan 2025–2027');
      expect(rp.steersWithoutDecision).toBe(false);
      expect(rp.status).toBe('decided');
      expect(rp.inForce.decision).toBe('Regionfullmäktige 2024-11-26 § 145 (RS/1234/2024)');
      expect(byTitle('Verksamhetsplan Medicin 2025').status).toBe('draft');
    });

    it('never changes a decided plan: a change makes a new draft version, which supersedes it only when decided', async () => {
      const controller = await as('controller');
      const id = steering.plans.get('regionplan') as string;
      const before = (await controller.json('GET', `/api/plans/${id}`)).body;
      const changed = await controller.json('PATCH', `/api/plans/${id}`, {
        version: before.version,
        title: 'Regionplan 2025–2027, reviderad',
      });
      expect(changed.status).toBe(200);
      expect(changed.body.versions).toHaveLength(2);
      expect(changed.body.status).toBe('draft');
      expect(changed.body.inForce.seq).toBe(1);
      expect(changed.body.inForce.title).toBe('Regionplan 2025–2027');
      expect(changed.body.versions[0].status).toBe('decided');

      const info = await newDecision('information', 'Information om revidering');
      const refused = await controller.json('POST', `/api/plans/${id}/decide`, {
        version: changed.body.version,
        decisionId: info,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields[0].field).toBe('decisionId');

      const stale = await controller.json('POST', `/api/plans/${id}/decide`, {
        version: before.version,
        decisionId: info,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.current.versions).toHaveLength(2);

      const beslut = await newDecision('beslut', 'Reviderad regionplan');
      const decided = await controller.json('POST', `/api/plans/${id}/decide`, {
        version: changed.body.version,
        decisionId: beslut,
      });
      expect(decided.status).toBe(200);
      expect(decided.body.versions.map((v: any) => v.status)).toEqual(['superseded', 'decided']);
      expect(decided.body.inForce.title).toBe('Regionplan 2025–2027, reviderad');
      expect(decided.body.decisions.map((d: any) => d.id)).toEqual(expect.arrayContaining([beslut]));

      const history = await (await as('revisor')).json('GET', `/api/history?entity=plan&id=${id}`);
      expect(history.body.entries.map((e: any) => e.kind)).toEqual(
        expect.arrayContaining(['plan.created', 'plan.decided', 'plan.revised']),
      );
      expect(history.body.entries.at(-1).actorName).toBe('controller');
    });

    it('refuses a new goal in a decided plan, naming the plan', async () => {
      const res = await (await as('controller')).json('POST', '/api/goals', {
        planId: steering.plans.get('vpkt'),
        perspective: 'ekonomi',
        ownerUnitId: unit('kt'),
        title: 'Ett mål i efterhand',
      });
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0].field).toBe('planId');
    });
  });

  describe('goals', () => {
    it('shows drift with both wordings when a goal of a decided plan was reworded without a decision', async () => {
      const revisor = await as('revisor');
      const goal = (await revisor.json('GET', `/api/goals/${steering.goals.get('pvandel')}`)).body;
      expect(goal.drift).toBe(true);
      expect(goal.title).toBe('Andelen nära vård ska öka');
      expect(goal.decidedWording.title).toBe('Primärvårdens andel av hälso- och sjukvårdens resurser ska öka');
      expect(goal.wordings.map((w: any) => w.drift)).toEqual([false, true]);
      const drifting = (await revisor.json('GET', '/api/goals?drift=true')).body.goals.map((g: any) => g.id);
      expect(drifting).toEqual([steering.goals.get('pvandel')]);
    });

    it('a new wording that cites a decision is no drift; one that cites no decision is', async () => {
      const controller = await as('controller');
      const id = steering.goals.get('nojd') as string;
      const goal = (await controller.json('GET', `/api/goals/${id}`)).body;
      const beslut = await newDecision('beslut', 'Ny lydelse av mål om patientnöjdhet');
      const ok = await controller.json('PATCH', `/api/goals/${id}`, {
        version: goal.version,
        title: 'Patienterna ska vara nöjda med vården och bemötandet',
        decisionId: beslut,
      });
      expect(ok.status).toBe(200);
      expect(ok.body.drift).toBe(false);
      expect(ok.body.decisions.map((d: any) => d.id)).toContain(beslut);
      const drift = await controller.json('PATCH', `/api/goals/${id}`, {
        version: ok.body.version,
        title: 'Patienterna ska vara nöjda',
      });
      expect(drift.body.drift).toBe(true);
      expect(drift.body.decidedWording.title).toBe('Patienterna ska vara nöjda med vården och bemötandet');
      const uppdrag = await newDecision('uppdrag', 'Ett uppdrag');
      const refused = await controller.json('PATCH', `/api/goals/${id}`, {
        version: drift.body.version,
        title: 'Nöjda patienter',
        decisionId: uppdrag,
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields[0].field).toBe('decisionId');
    });

    it('refuses links that would make a goal serve itself', async () => {
      const controller = await as('controller');
      const top = steering.goals.get('hyr') as string;
      const goal = (await controller.json('GET', `/api/goals/${top}`)).body;
      const res = await controller.json('PATCH', `/api/goals/${top}`, {
        version: goal.version,
        parentGoalIds: [steering.goals.get('kir-hyr')],
      });
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0].field).toBe('parentGoalIds');
    });

    it('keeps the break-down: a division goal serves the administration goal that serves the region goal', async () => {
      const revisor = await as('revisor');
      const kir = (await revisor.json('GET', `/api/goals/${steering.goals.get('kir-hyr')}`)).body;
      const hs = (await revisor.json('GET', `/api/goals/${kir.parentGoalIds[0]}`)).body;
      expect(hs.parentGoalIds).toEqual([steering.goals.get('hyr')]);
      const cross = (await revisor.json('GET', `/api/goals/${steering.goals.get('pv-digital')}`)).body;
      expect(cross.parentGoalIds).toHaveLength(2);
    });
  });

  describe('who reads what', () => {
    it('lets a division manager read the plans, goals and decisions above their division, not a sibling division’s', async () => {
      const chef = await as('chef.medicin');
      const plans = (await chef.json('GET', '/api/plans')).body.plans.map((p: any) => p.id);
      const plan = (key: string) => steering.plans.get(key);
      expect(plans).toEqual(
        expect.arrayContaining([plan('regionplan'), plan('vphs'), plan('vpmedicin'), plan('fardplan')]),
      );
      expect(plans).not.toContain(plan('vpkirurgi'));
      expect((await chef.json('GET', `/api/goals/${steering.goals.get('pvandel')}`)).status).toBe(200);
      expect((await chef.json('GET', `/api/goals/${steering.goals.get('kir-hyr')}`)).status).toBe(403);
      const decisions = (await chef.json('GET', '/api/decisions')).body.decisions.map((d: any) => d.title);
      expect(decisions).toContain('Regionplan med budget 2025–2027');
      // Taken by the hälso- och sjukvårdsdirektör: an HS decision, which Medicin works under.
      expect(decisions).toContain('Verksamhetsplan division Kirurgi 2025');
      expect((await chef.json('GET', '/api/indicators')).body.indicators.length).toBeGreaterThanOrEqual(30);
      const assignments = (await chef.json('GET', `/api/assignments?unitId=${unit('medicin')}`)).body.assignments;
      expect(assignments.map((a: any) => a.title)).toContain('Utred akutsjukvårdens organisation');
    });

    it('refuses lists to someone with no role', async () => {
      const admin = await as('admin');
      const created = await admin.json('POST', '/api/users', {
        username: 'utan.roll',
        displayName: 'Utan Roll',
        password: 'ett-langt-losenord',
      });
      expect(created.status).toBe(201);
      const nobody = ctx.agent();
      await nobody.login('utan.roll', 'ett-langt-losenord');
      for (const path of [
        '/api/plans',
        '/api/decisions',
        '/api/goals',
        '/api/indicators',
        '/api/assignments',
        '/api/activities',
      ])
        expect((await nobody.json('GET', path)).status, path).toBe(403);
    });
  });

  describe('decisions and assignments', () => {
    it('refuses a decision taken by nobody, naming the field', async () => {
      const res = await (await as('controller')).json('POST', '/api/decisions', {
        kind: 'beslut',
        decidedOn: '2025-06-10',
        title: 'Ett beslut utan beslutsfattare',
      });
      expect(res.status).toBe(422);
      expect(res.body.error.fields[0].field).toBe('bodyId');
    });

    it('finds decisions by diarienummer, text and kind', async () => {
      const revisor = await as('revisor');
      const found = (await revisor.json('GET', '/api/decisions?q=RS/577')).body.decisions;
      expect(found.map((d: any) => d.title)).toEqual(['Färdplan 2030 – information']);
      expect(found[0].kind).toBe('information');
      const noted = (await revisor.json('GET', '/api/decisions?q=antecknas&kind=information')).body.decisions;
      // The steering demo's two information items and the boards' "noted" of autumn 2024.
      expect(noted.length).toBeGreaterThan(2);
      expect(noted.every((d: any) => d.kind === 'information')).toBe(true);
      const assignments = (await revisor.json('GET', '/api/decisions?q=antecknas&kind=uppdrag')).body.decisions;
      expect(assignments.map((d: any) => d.paragraph).sort()).toEqual(['111', '93']);
    });

    it('flags the overdue report-back', async () => {
      const { body } = await (await as('politiker')).json('GET', '/api/assignments?overdue=true');
      expect(body.assignments.map((a: any) => a.title)).toEqual(['Utred akutsjukvårdens organisation']);
      expect(body.assignments[0].overdue).toBe(true);
    });

    it('lets the assignee report back but not rewrite the assignment', async () => {
      const all = (await (await as('politiker')).json('GET', '/api/assignments')).body.assignments;
      const a = all.find((x: any) => x.title === 'Utred akutsjukvårdens organisation');
      const chef = await as('chef.medicin');
      const report = {
        title: a.title,
        description: a.description,
        bodyId: a.bodyId,
        decisionId: a.decisionId,
        assigneeUnitId: a.assigneeUnitId,
        assigneeName: a.assigneeName,
        dueOn: a.dueOn,
        reportBackOn: a.reportBackOn,
        status: 'reported',
        reportedOn: '2025-06-12',
        version: a.version,
      };
      const rewrite = await chef.json('PUT', `/api/assignments/${a.id}`, { ...report, title: 'Något annat' });
      expect(rewrite.status).toBe(403);
      const reassign = await chef.json('PUT', `/api/assignments/${a.id}`, { ...report, assigneeName: 'Någon annan' });
      expect(reassign.status).toBe(403);
      const ok = await chef.json('PUT', `/api/assignments/${a.id}`, report);
      expect(ok.status).toBe(200);
      expect(ok.body.overdue).toBe(false);
    });
  });

  describe('values', () => {
    it('takes values only at units without units below, for indicators that are entered', async () => {
      const chef = await as('chef.medicin');
      const ward = await leafNamed('Medicinavdelning 1');
      const res = await chef.json('PUT', '/api/values', {
        values: [
          {
            indicatorId: steering.indicators.get('hyrkostnad'),
            unitId: unit('medicin'),
            period: '2025-06',
            kind: 'outcome',
            value: '10',
          },
          {
            indicatorId: steering.indicators.get('hyrandel'),
            unitId: ward,
            period: '2025-06',
            kind: 'outcome',
            value: '3.5',
          },
          {
            indicatorId: steering.indicators.get('hyrkostnad'),
            unitId: ward,
            period: '2025-13',
            kind: 'outcome',
            value: '1',
          },
          {
            indicatorId: steering.indicators.get('npe'),
            unitId: ward,
            period: '2025-06',
            kind: 'outcome',
            value: '80',
          },
          {
            indicatorId: steering.indicators.get('hyrkostnad'),
            unitId: ward,
            period: '2025-06',
            kind: 'outcome',
            value: '12,5',
          },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.fields.map((f: any) => f.field)).toEqual(
        expect.arrayContaining(['values.2.period', 'values.4.value']),
      );
      const rules = await chef.json('PUT', '/api/values', {
        values: [
          {
            indicatorId: steering.indicators.get('hyrkostnad'),
            unitId: unit('medicin'),
            period: '2025-06',
            kind: 'outcome',
            value: '10',
          },
          {
            indicatorId: steering.indicators.get('hyrandel'),
            unitId: ward,
            period: '2025-06',
            kind: 'outcome',
            value: '3.5',
          },
          {
            indicatorId: steering.indicators.get('npe'),
            unitId: ward,
            period: '2025-06',
            kind: 'outcome',
            value: '80',
          },
          {
            indicatorId: steering.indicators.get('hyrkostnad'),
            unitId: ward,
            period: '2025-06',
            kind: 'outcome',
            value: '12.5',
          },
        ],
      });
      expect(rules.status).toBe(422);
      expect(rules.body.error.fields).toEqual([
        { field: 'values.0.unitId', message: expect.stringContaining('räknas fram') },
        { field: 'values.1.indicatorId', message: expect.stringContaining('täljare') },
        { field: 'values.2.period', message: expect.stringContaining('tertial') },
      ]);
      const stored = await ctx.services.db
        .selectFrom('indicator_values')
        .select('value')
        .where('unit_id', '=', ward)
        .where('period', '=', '2025-06')
        .execute();
      expect(stored).toEqual([]);
    });

    it('lets a manager enter values in their subtree only, records who and when, and refuses a stale write', async () => {
      const chef = await as('chef.medicin');
      const mine = await leafNamed('Medicinavdelning 2');
      const theirs = await leafNamed('Kirurgavdelning 1');
      const id = steering.indicators.get('hyrkostnad') as string;
      const outside = await chef.json('PUT', '/api/values', {
        values: [{ indicatorId: id, unitId: theirs, period: '2025-06', kind: 'outcome', value: '1' }],
      });
      expect(outside.status).toBe(403);
      const first = await chef.json('PUT', '/api/values', {
        values: [{ indicatorId: id, unitId: mine, period: '2025-06', kind: 'outcome', value: '1200.5', basedOn: null }],
      });
      expect(first.status).toBe(200);
      expect(first.body.values[0]).toMatchObject({ value: '1200.5', enteredByName: 'Erik Sundin' });
      expect(first.body.values[0].enteredAt).toBe(new Date(ctx.clock.now()).toISOString());
      const stale = await chef.json('PUT', '/api/values', {
        values: [{ indicatorId: id, unitId: mine, period: '2025-06', kind: 'outcome', value: '1300', basedOn: null }],
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.current.value).toBe('1200.5');
      const politician = await as('politiker');
      const refused = await politician.json('PUT', '/api/values', {
        values: [{ indicatorId: id, unitId: mine, period: '2025-06', kind: 'outcome', value: '1' }],
      });
      expect(refused.status).toBe(403);
      const history = await (await as('revisor')).json('GET', `/api/history?entity=indicator&id=${id}`);
      const entry = history.body.entries.find((e: any) => e.kind === 'value.set' && e.unitId === mine);
      expect(entry.actorName).toBe('chef.medicin');
      expect(entry.after.value).toBe('1200.5');
    });

    it('exports values to Excel and reads them back, reporting every bad row and writing nothing then', async () => {
      const controller = await as('controller');
      const id = steering.indicators.get('digbokningar') as string;
      const res = await controller.request(
        'GET',
        `/api/values/export.xlsx?indicator=${id}&unit=${unit('pvnorr')}&from=2025-01&to=2025-05`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(XLSX);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const sheet = workbook.getWorksheet('Värden') as ExcelJS.Worksheet;
      expect(sheet.rowCount).toBe(1 + 3 * 5);
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        'Indikator',
        'Indikatornamn',
        'Enhet',
        'Enhetsnamn',
        'Period',
        'Typ',
        'Värde',
        'Kommentar',
      ]);
      sheet.getRow(2).getCell(7).value = 4321;
      sheet.getRow(3).getCell(7).value = '12,5';

      // A copy with bad rows: nothing of it may be written.
      const bad = new ExcelJS.Workbook();
      await bad.xlsx.load(await workbook.xlsx.writeBuffer());
      const badSheet = bad.getWorksheet('Värden') as ExcelJS.Worksheet;
      badSheet.getRow(4).getCell(1).value = 'finnsinte';
      badSheet.getRow(5).getCell(5).value = '2025-13';
      badSheet.getRow(6).getCell(7).value = 'tolv';
      const rejected = await controller.request(
        'POST',
        '/api/values/import',
        Buffer.from(await bad.xlsx.writeBuffer()),
        {
          'content-type': XLSX,
        },
      );
      expect(rejected.status).toBe(422);
      const error = (await rejected.json()).error;
      expect(error.fields).toEqual([
        { field: 'rad 4, Indikator', message: 'okänd indikatorkod "finnsinte"' },
        { field: 'rad 5, Period', message: '"2025-13" är ingen månad ÅÅÅÅ-MM' },
        { field: 'rad 6, Värde', message: '"tolv" är inget tal' },
      ]);
      const row2 = sheet.getRow(2);
      const key = { unit: String(row2.getCell(3).value), period: String(row2.getCell(5).value) };
      const unitId = (
        await ctx.services.db
          .selectFrom('org_unit_states')
          .select('unit_id')
          .where('code', '=', key.unit)
          .executeTakeFirstOrThrow()
      ).unit_id;
      const stored = () =>
        ctx.services.db
          .selectFrom('indicator_values')
          .select('value')
          .where('indicator_id', '=', id)
          .where('unit_id', '=', unitId)
          .where('period', '=', key.period)
          .where('kind', '=', 'outcome')
          .executeTakeFirstOrThrow();
      const original = (await stored()).value;
      expect(original).not.toBe('4321');

      const good = Buffer.from(await workbook.xlsx.writeBuffer());
      const trial = await controller.request('POST', '/api/values/import?dryRun=true', good, { 'content-type': XLSX });
      expect(await trial.json()).toEqual({ rows: 15, written: 15, removed: 0, dryRun: true });
      expect((await stored()).value).toBe(original);
      const done = await controller.request('POST', '/api/values/import', good, { 'content-type': XLSX });
      expect(done.status).toBe(200);
      expect((await stored()).value).toBe('4321');
    });

    it('refuses a file that is not a spreadsheet with 400', async () => {
      const res = await (await as('controller')).request('POST', '/api/values/import', 'not a workbook', {
        'content-type': XLSX,
      });
      expect(res.status).toBe(400);
    });
  });

  describe('analyses and activities', () => {
    it('keeps the analysis per goal, unit and month, and refuses a stale one', async () => {
      const chef = await as('chef.medicin');
      const goal = steering.goals.get('med-saker') as string;
      const first = await chef.json('PUT', `/api/goals/${goal}/analyses`, {
        unitId: unit('medicin'),
        period: '2025-05',
        text: 'Överbeläggningarna minskar sedan flödet för utskrivningsklara kom i gång.',
        version: null,
      });
      expect(first.status).toBe(200);
      const again = await chef.json('PUT', `/api/goals/${goal}/analyses`, {
        unitId: unit('medicin'),
        period: '2025-05',
        text: 'En annan text.',
        version: null,
      });
      expect(again.status).toBe(409);
      expect(again.body.error.current).toEqual({
        text: first.body.text,
        enteredByName: 'Erik Sundin',
        enteredAt: first.body.enteredAt,
        version: 1,
      });
      const outside = await chef.json('PUT', `/api/goals/${goal}/analyses`, {
        unitId: unit('kirurgi'),
        period: '2025-05',
        text: 'Inte min enhet.',
        version: null,
      });
      expect(outside.status).toBe(403);
      const card = await (await as('politiker')).json('GET', `/api/scorecard?unit=${unit('medicin')}&period=2025-05`);
      const shown = card.body.goals.find((g: any) => g.id === goal);
      expect(shown.analysis).toMatchObject({ text: first.body.text, enteredByName: 'Erik Sundin', version: 1 });
    });

    it('reports an activity month by month; the newest report is its state', async () => {
      const chef = await as('chef.medicin');
      const list = (await chef.json('GET', `/api/activities?unit=${unit('medicin')}`)).body.activities;
      const a = list.find((x: any) => x.title === 'Flöde för utskrivningsklara patienter');
      const res = await chef.json('POST', `/api/activities/${a.id}/reports`, {
        version: a.version,
        period: '2025-06',
        status: 'delayed',
        progress: 30,
        comment: 'Väntar på kommunernas beslut.',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'delayed', progress: 30 });
      expect(res.body.updates.map((u: any) => u.period)).toEqual(['2025-04', '2025-06']);
      const stale = await chef.json('POST', `/api/activities/${a.id}/reports`, {
        version: a.version,
        period: '2025-06',
        status: 'done',
        progress: 100,
      });
      expect(stale.status).toBe(409);
      const bad = await chef.json('POST', '/api/activities', {
        title: 'Baklänges',
        ownerUnitId: unit('medicin'),
        responsibleName: 'Erik Sundin',
        startOn: '2025-06-01',
        endOn: '2025-05-01',
      });
      expect(bad.status).toBe(422);
      expect(bad.body.error.fields[0].field).toBe('endOn');
    });
  });
});
