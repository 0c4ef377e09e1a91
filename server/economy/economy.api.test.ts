import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';

const M = 1_000_000;
/** Whole kronor as the API gives them: a string of digits. */
const kr = (n: number) => String(Math.round(n));
/** The API's whole kronor as a number of mnkr, for comparing with the seed's figures. */
const mn = (text: string) => Number(BigInt(text)) / M;
const sum = (xs: string[]) => xs.reduce((s, x) => s + BigInt(x), 0n).toString();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('action plans on Region Exempel ("Hållbar framtid")', () => {
  let ctx: TestContext;
  let units: Map<string, string>;
  let planId: string;
  let measures: Map<string, string>;
  beforeAll(async () => {
    const demoCtx = await createDemoContext();
    ctx = demoCtx;
    const seeded = demoCtx.demo;
    units = seeded.units;
    ({ planId, measures } = seeded.economy);
  });
  afterAll(async () => ctx.close());
  const unit = (key: string) => units.get(key) as string;
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };
  const summary = async (period: string, username = 'politiker') =>
    (await as(username)).json('GET', `/api/action-plans/${planId}/summary?period=${period}`);
  const row = (body: any, key: string) => body.byUnit.find((r: any) => r.unitId === unit(key));

  it('lists the plan with its decision and the region’s requirement in whole kronor', async () => {
    const { status, body } = await (await as('revisor')).json('GET', '/api/action-plans');
    expect(status).toBe(200);
    expect(body.plans).toHaveLength(1);
    expect(body.plans[0]).toMatchObject({
      id: planId,
      title: 'Hållbar framtid',
      status: 'decided',
      decision: 'Regionfullmäktige 2023-06-13 § 78 (RS/1100/2023)',
      requirement: [{ year: 2024, amountKr: kr(500 * M) }],
    });
  });

  it('shows 558 planned against 500, and the grade 1–2 total below 500', async () => {
    const { status, body } = await summary('2024-09');
    expect(status).toBe(200);
    expect(body).toMatchObject({ target: kr(500 * M), planned: kr(558 * M), plannedGrade12: kr(491 * M) });
    expect(BigInt(body.plannedGrade12)).toBeLessThan(BigInt(body.target));
    const hs = row(body, 'hs');
    expect(hs).toMatchObject({ target: kr(343.6 * M), forecast: kr(197 * M), deviation: kr(-146.6 * M) });
    expect(body.byFeasibility.find((f: any) => f.feasibility === 3).planned).toBe(kr(67 * M));
  });

  it('gives seed 002’s forecasts: the region at the tertial, the interim report and the end; HS through the autumn', async () => {
    expect((await summary('2024-04')).body.forecast).toBe(kr(337 * M));
    const interim = (await summary('2024-08')).body;
    expect(interim.forecast).toBe(kr(310.7 * M));
    expect(row(interim, 'kt').deviation).toBe(kr(-20.9 * M));
    for (const month of ['2024-09', '2024-10', '2024-11', '2024-12']) {
      const hs = row((await summary(month)).body, 'hs');
      expect(hs.forecast).toBe(kr(197 * M));
      expect(hs.deviation).toBe(kr(-146.6 * M));
    }
    const final = (await summary('2025-01')).body;
    expect(final.year).toBe(2024);
    expect(final.forecast).toBe(kr(337 * M));
    expect(row(final, 'hs').forecast).toBe(kr(226 * M));
  });

  it('adds up: the förvaltningar make the whole, and every deviation is forecast − target', async () => {
    for (const month of ['2024-04', '2024-12', '2025-01']) {
      const body = (await summary(month)).body;
      for (const key of ['planned', 'plannedGrade12', 'forecast', 'forecastGrade12', 'outcome', 'target'] as const)
        expect(sum(body.byUnit.map((r: any) => r[key]))).toBe(body[key]);
      expect(BigInt(body.deviation)).toBe(BigInt(body.forecast) - BigInt(body.target));
      for (const r of body.byUnit) expect(BigInt(r.deviation)).toBe(BigInt(r.forecast) - BigInt(r.target));
      expect(sum(body.byCategory.map((c: any) => c.planned))).toBe(body.planned);
    }
  });

  it('counts the measures not updated in the month as stale', async () => {
    expect((await summary('2024-12')).body.staleCount).toBe(3);
    expect((await summary('2025-01')).body.staleCount).toBe(0);
    const tree = (await (await as('controller')).json('GET', `/api/action-plans/${planId}/measures?period=2024-12`))
      .body;
    const stale = tree.measures.filter((m: any) => m.leaf && m.stale).map((m: any) => m.title);
    expect(stale.sort()).toEqual([
      'Minskad inhyrd personal, Psykiatri',
      'Minskad övertid, Psykiatri',
      'Växla ut köpt vård, Psykiatri',
    ]);
    const parent = tree.measures.find((m: any) => m.title === 'Minskad inhyrd personal');
    expect(parent).toMatchObject({ leaf: false, stale: true, staleCount: 1 });
  });

  it('carries seed 002’s six studied measures with their targets and outcomes', async () => {
    const tree = (await (await as('revisor')).json('GET', `/api/action-plans/${planId}/measures?period=2025-01`)).body;
    const byTitle = (t: string) => tree.measures.find((m: any) => m.title === t);
    expect(
      [
        ['Användning av anti-VEGF', 15.6, 24],
        ['Behovsanpassning av Vårdnära service', 20, 13],
        ['Måltider i egen regi på Åby sjukhus', 3, 3],
        ['Kostnadsneutrala skolskjutsar', 25, 8.3],
        ['Närakuten Älvdal', 12, 0],
        ['Växla ut köpt vård', 38, 39],
      ].map(([t]) => [t, mn(byTitle(t as string).planned), mn(byTitle(t as string).outcome)]),
    ).toEqual([
      ['Användning av anti-VEGF', 15.6, 24],
      ['Behovsanpassning av Vårdnära service', 20, 13],
      ['Måltider i egen regi på Åby sjukhus', 3, 3],
      ['Kostnadsneutrala skolskjutsar', 25, 8.3],
      ['Närakuten Älvdal', 12, 0],
      ['Växla ut köpt vård', 38, 39],
    ]);
    // A parent measure is the sum of its sub-measures.
    const kopt = byTitle('Växla ut köpt vård');
    const children = tree.measures.filter((m: any) => m.parentId === kopt.id);
    expect(children).toHaveLength(3);
    expect(sum(children.map((c: any) => c.planned))).toBe(kopt.planned);
    expect(sum(children.map((c: any) => c.forecast))).toBe(kopt.forecast);
  });

  it('flags the measures above their owner’s mandate that have no decision at the level they need', async () => {
    const tree = (await (await as('revisor')).json('GET', `/api/action-plans/${planId}/measures?period=2024-12`)).body;
    const flagged = tree.measures.filter((m: any) => m.mandate.flagged);
    // Issue 12: one measure above competence, and the ransonering waiting for its nämnd.
    expect(flagged.map((m: any) => m.title).sort()).toEqual([
      'Ortopedins kostnader i nivå med jämförbara regioner',
      'Stängd vårdavdelning sommartid',
    ]);
    for (const m of flagged)
      expect(m.mandate).toMatchObject({
        required: 'Förvaltningschef',
        owner: 'Divisionschef',
        aboveMandate: true,
      });
    const decided = tree.measures.find((m: any) => m.title === 'Översyn av vårdplatser');
    expect(decided.mandate).toMatchObject({ aboveMandate: true, flagged: false });
  });

  it('shows each unit’s requirement beside what is allocated below it and what its measures plan', async () => {
    const body = (await summary('2024-12')).body;
    const region = body.allocations.find((a: any) => a.unitId === unit('region'));
    expect(region).toMatchObject({
      requirement: kr(500 * M),
      allocatedBelow: kr(500 * M),
      planned: kr(558 * M),
      planningGap: kr(-58 * M),
    });
    const hs = body.allocations.find((a: any) => a.unitId === unit('hs'));
    expect(hs.allocatedBelow).toBe(kr(343.6 * M));
    const medicin = body.allocations.find((a: any) => a.unitId === unit('medicin'));
    expect(BigInt(medicin.planningGap)).toBeGreaterThan(0n);
  });

  it('refuses a bad period with 400 and an unknown plan with 404', async () => {
    const bad = await summary('2024-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('period');
    expect((await (await as('politiker')).json('GET', '/api/action-plans/nope/summary?period=2024-12')).status).toBe(
      404,
    );
  });

  describe('reporting', () => {
    it('two concurrent forecast updates of one measure: one wins, the other gets 409, and history keeps every forecast', async () => {
      const id = measures.get('vardplatser') as string;
      const a = await as('chef.medicin');
      const b = await as('controller');
      const current = (await a.json('GET', `/api/measures/${id}?period=2025-01`)).body;
      const [r1, r2] = await Promise.all([
        a.json('POST', `/api/measures/${id}/reports`, {
          version: current.version,
          period: '2025-02',
          forecastKr: 21 * M,
          comment: 'A',
        }),
        b.json('POST', `/api/measures/${id}/reports`, {
          version: current.version,
          period: '2025-02',
          forecastKr: 19 * M,
          comment: 'B',
        }),
      ]);
      expect([r1.status, r2.status].sort(), JSON.stringify([r1.body, r2.body])).toEqual([200, 409]);
      const winner = r1.status === 200 ? r1 : r2;
      const after = (await a.json('GET', `/api/measures/${id}?period=2025-02`)).body;
      expect(after.reports.at(-1)).toMatchObject({
        period: '2025-02',
        forecast: winner.body.forecast,
        comment: winner.body.comment,
      });
      const history = await (await as('revisor')).json('GET', `/api/history?entity=measure&id=${id}`);
      const forecasts = history.body.entries
        .filter((e: any) => e.kind === 'measure.reported')
        .map((e: any) => e.after.period);
      expect(forecasts).toEqual([
        '2024-04',
        '2024-07',
        '2024-08',
        '2024-09',
        '2024-10',
        '2024-11',
        '2024-12',
        '2025-01',
        '2025-02',
      ]);
    });

    it('lets a division manager report their own measures only, and never a measure with sub-measures', async () => {
      const chef = await as('chef.medicin');
      const theirs = measures.get('operation') as string;
      const own = (await chef.json('GET', `/api/measures/${measures.get('kopt-med')}?period=2024-12`)).body;
      const refused = await chef.json('POST', `/api/measures/${theirs}/reports`, {
        version: 1,
        period: '2024-12',
        forecastKr: 1,
      });
      expect(refused.status).toBe(403);
      const parent = (await chef.json('GET', `/api/measures/${measures.get('vardplatser')}?period=2024-12`)).body;
      expect(parent.leaf).toBe(true);
      const hs = await as('controller');
      const kopt = (await hs.json('GET', `/api/measures/${measures.get('kopt')}?period=2024-12`)).body;
      const noParent = await hs.json('POST', `/api/measures/${kopt.id}/reports`, {
        version: kopt.version,
        period: '2024-12',
        forecastKr: 1,
      });
      expect(noParent.status).toBe(422);
      expect(noParent.body.error.fields[0].field).toBe('measureId');
      const ok = await chef.json('POST', `/api/measures/${own.id}/reports`, {
        version: own.version,
        period: '2024-12',
        forecastKr: 6 * M,
        outcomeKr: 5 * M,
        comment: 'Uppdaterad prognos',
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ forecast: kr(6 * M), outcome: kr(5 * M), enteredByName: 'Erik Sundin' });
    });

    it('takes a new measure’s targets from its benefit calculation, and refuses one outside the parent’s unit', async () => {
      const chef = await as('chef.kirurgi');
      const input = {
        planId,
        ownerUnitId: unit('kir'),
        responsibleName: 'Lena Ek',
        title: 'Färre inställda operationer',
        category: 'effektivisering',
        feasibility: 2,
        startOn: '2024-03-01',
        fullEffectOn: '2024-12-31',
        calculation: [
          { year: 2024, kind: 'saving', description: 'Färre strykningar', amountKr: 3_000_000, realisationPct: 80 },
          { year: 2024, kind: 'cost', description: 'Planeringssköterska', amountKr: 700_000, realisationPct: 100 },
        ],
      };
      const created = await chef.json('POST', '/api/measures', input);
      expect(created.status).toBe(201);
      const m = (await chef.json('GET', `/api/measures/${created.body.id}?period=2024-12`)).body;
      expect(m.targets).toEqual([{ year: 2024, gross: '2400000', net: '1700000' }]);
      expect(m.planned).toBe('1700000');
      expect(m.calculation.map((l: any) => l.amountKr)).toEqual(['3000000', '700000']);
      // 2.4 mnkr gross is above a verksamhetschef's 2 mnkr: the områdeschef must decide it.
      expect(m.mandate).toMatchObject({ required: 'Områdeschef', owner: 'Verksamhetschef', flagged: true });
      const outside = await chef.json('POST', '/api/measures', { ...input, ownerUnitId: unit('medicin') });
      expect(outside.status).toBe(403);
      const wrongParent = await (await as('controller')).json('POST', '/api/measures', {
        ...input,
        parentMeasureId: measures.get('hyr-med'),
      });
      expect(wrongParent.status).toBe(422);
      expect(wrongParent.body.error.fields[0].field).toBe('ownerUnitId');
      const negative = await chef.json('POST', '/api/measures', {
        ...input,
        calculation: [{ year: 2024, kind: 'saving', description: 'x', amountKr: -5, realisationPct: 50 }],
      });
      expect(negative.status).toBe(400);
      expect(negative.body.error.fields[0].field).toBe('calculation.0.amountKr');
    });

    it('records a corrective action with the level that must decide it', async () => {
      const chef = await as('chef.medicin');
      const res = await chef.json('POST', `/api/measures/${measures.get('vardplatser')}/corrective-actions`, {
        what: 'Flytta fem vårdplatser till korttidsenheten',
        responsibleName: 'Gustav Palm',
        dueOn: '2025-03-31',
        amountKr: 12 * M,
      });
      expect(res.status).toBe(201);
      expect(res.body.decisionLevel).toBe('Förvaltningschef');
    });
  });

  describe('submitting a month', () => {
    it('refuses while a measure below the unit lacks its report, naming each, and records who submitted once all have', async () => {
      const controller = await as('controller');
      // Psykiatri's three sub-measures did not report in December.
      const refused = await controller.json('POST', `/api/action-plans/${planId}/submissions`, {
        unitId: unit('psykiatri'),
        period: '2024-12',
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields.map((f: any) => f.message).sort()).toEqual([
        'Minskad inhyrd personal, Psykiatri saknar prognos för 2024-12',
        'Minskad övertid, Psykiatri saknar prognos för 2024-12',
        'Växla ut köpt vård, Psykiatri saknar prognos för 2024-12',
      ]);
      const chef = await as('chef.medicin');
      expect(
        (
          await chef.json('POST', `/api/action-plans/${planId}/submissions`, {
            unitId: unit('psykiatri'),
            period: '2024-11',
          })
        ).status,
      ).toBe(403);
      const november = await controller.json('POST', `/api/action-plans/${planId}/submissions`, {
        unitId: unit('psykiatri'),
        period: '2024-11',
      });
      expect(november.status).toBe(200);
      expect(november.body).toMatchObject({ period: '2024-11', submittedByName: 'Conny Controller', measures: 4 });
      const list = (await chef.json('GET', `/api/action-plans/${planId}/submissions?period=2024-11`)).body.submissions;
      expect(list.map((s: any) => s.name)).toEqual([]);
      const all = (await (await as('revisor')).json('GET', `/api/action-plans/${planId}/submissions?period=2024-11`))
        .body.submissions;
      expect(all).toEqual([
        expect.objectContaining({ unitId: unit('psykiatri'), name: 'Psykiatri', submittedByName: 'Conny Controller' }),
      ]);
    });
  });

  describe('Excel', () => {
    it('exports the plan as the boards see it and reads the month’s forecasts back, all or nothing', async () => {
      const controller = await as('controller');
      const res = await controller.request('GET', `/api/action-plans/${planId}/export.xlsx?period=2024-12`);
      expect(res.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const sheet = workbook.getWorksheet('Åtgärder') as ExcelJS.Worksheet;
      const rows: ExcelJS.Row[] = [];
      sheet.eachRow((r, n) => {
        if (n > 1) rows.push(r);
      });
      const byTitle = (t: string) => rows.find((r) => String(r.getCell(3).value).trim() === t) as ExcelJS.Row;
      const vegf = byTitle('Användning av anti-VEGF');
      expect(vegf.getCell(8).value).toBe(15_600_000);
      const total = rows.find((r) => String(r.getCell(3).value).startsWith('Summa Hållbar framtid')) as ExcelJS.Row;
      const summaryBody = (await summary('2024-12')).body;
      expect(total.getCell(9).value).toBe(Number(summaryBody.forecast));
      expect(total.getCell(11).value).toBe(Number(summaryBody.deviation));

      const upload = (wb: ExcelJS.Workbook, query: string) =>
        wb.xlsx.writeBuffer().then((b) =>
          controller.request(
            'POST',
            `/api/action-plans/${planId}/forecasts/import?period=2024-12${query}`,
            Buffer.from(b),
            {
              'content-type': XLSX,
            },
          ),
        );
      vegf.getCell(9).value = 20_000_000;
      vegf.getCell(13).value = 'Bättre än väntat';
      const lab = byTitle('Färre laboratorieanalyser');
      lab.getCell(9).value = 'mycket';
      const bad = await upload(workbook, '');
      expect(bad.status).toBe(422);
      expect((await bad.json()).error.fields).toEqual([
        { field: `rad ${lab.number}, Prognos (kr)`, message: '"mycket" är inte hela kronor' },
      ]);
      expect((await summary('2024-12')).body.forecast).toBe(summaryBody.forecast);

      lab.getCell(9).value = lab.getCell(8).value;
      const trial = await upload(workbook, '&dryRun=true');
      // The two changed rows, and the stale ones, which the month's sheet now reports as current.
      // (A measure that has never reported has a blank forecast and stays without a report.)
      const staleLeaves = rows.filter(
        (r) =>
          r.getCell(4).value === 'Åtgärd' && r.getCell(12).value === 'Ja' && typeof r.getCell(9).value === 'number',
      ).length;
      expect(staleLeaves).toBeGreaterThan(0);
      expect(await trial.json()).toMatchObject({ written: 2 + staleLeaves, dryRun: true });
      expect((await summary('2024-12')).body.forecast).toBe(summaryBody.forecast);
      const done = await upload(workbook, '');
      expect(done.status).toBe(200);
      const after = (await summary('2024-12')).body;
      const vegfBefore = 8_500_000;
      expect(BigInt(after.forecast) - BigInt(summaryBody.forecast)).toBe(
        BigInt(20_000_000 - vegfBefore + (10_000_000 - 5_400_000)),
      );
      const neverReported = rows.filter((r) => r.getCell(4).value === 'Åtgärd' && r.getCell(9).value === null).length;
      expect(after.staleCount).toBe(neverReported);
    });
  });

  describe('delegation order', () => {
    it('is kept by the administrator, checked for rising limits, and read by everyone', async () => {
      const levels = (await (await as('politiker')).json('GET', '/api/delegation-levels')).body.levels;
      expect(levels.map((l: any) => l.name)).toContain('Regionfullmäktige');
      const refused = await (await as('controller')).json('PUT', '/api/delegation-levels', { levels: [] });
      expect(refused.status).toBe(403);
      const admin = await as('admin');
      const falling = await admin.json('PUT', '/api/delegation-levels', {
        levels: [
          { name: 'Enhetschef', unitLevel: 'enhet', maxAmountKr: 1_000_000 },
          { name: 'Divisionschef', unitLevel: 'division', maxAmountKr: 500_000 },
        ],
      });
      expect(falling.status).toBe(422);
      expect(falling.body.error.fields[0].field).toBe('levels.1.maxAmountKr');
      const limits = levels.map((l: any) => l.maxAmountKr);
      expect(limits.every((l: unknown) => l === null || (typeof l === 'string' && /^\d+$/.test(l)))).toBe(true);
      expect(limits).toContain(kr(2 * M));
    });
  });

  // Last, as it adds to the plan's totals: 2^53 + 1 kr, which a JSON number would give as …992.
  describe('amounts beyond 2^53', () => {
    const HUGE = '9007199254740993';
    it('come back exactly, as strings of digits, in a measure’s figures and in the plan summary', async () => {
      const controller = await as('controller');
      const before = (await summary('2024-12', 'controller')).body;
      const created = await controller.json('POST', '/api/measures', {
        planId,
        ownerUnitId: unit('kir'),
        responsibleName: 'Lena Ek',
        title: 'Mycket stor besparing',
        category: 'effektivisering',
        feasibility: 1,
        startOn: '2024-01-01',
        fullEffectOn: '2024-12-31',
        calculation: [{ year: 2024, kind: 'saving', description: 'Stor', amountKr: HUGE, realisationPct: 100 }],
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = created.body.id;
      const fresh = (await controller.json('GET', `/api/measures/${id}?period=2024-12`)).body;
      const reported = await controller.json('POST', `/api/measures/${id}/reports`, {
        version: fresh.version,
        period: '2024-12',
        forecastKr: HUGE,
        outcomeKr: HUGE,
      });
      expect(reported.status, JSON.stringify(reported.body)).toBe(200);
      expect(reported.body).toMatchObject({ forecast: HUGE, outcome: HUGE });
      const m = (await controller.json('GET', `/api/measures/${id}?period=2024-12`)).body;
      expect(m).toMatchObject({ planned: HUGE, plannedGross: HUGE, forecast: HUGE, outcome: HUGE, deviation: '0' });
      expect(m.calculation[0].amountKr).toBe(HUGE);
      expect(m.targets).toEqual([{ year: 2024, gross: HUGE, net: HUGE }]);
      expect(m.reports.at(-1)).toMatchObject({ forecast: HUGE, outcome: HUGE });
      const listed = (await controller.json('GET', `/api/action-plans/${planId}/measures?period=2024-12`)).body;
      expect(listed.measures.find((x: any) => x.id === id)).toMatchObject({ planned: HUGE, forecast: HUGE });
      const after = (await summary('2024-12', 'controller')).body;
      expect(typeof after.planned).toBe('string');
      expect(BigInt(after.planned) - BigInt(before.planned)).toBe(BigInt(HUGE));
      expect(BigInt(after.forecast) - BigInt(before.forecast)).toBe(BigInt(HUGE));
      const region = (
        await controller.json('PUT', `/api/action-plans/${planId}/allocations`, {
          unitId: unit('region'),
          year: 2024,
          amountKr: HUGE,
        })
      ).body;
      expect(region.amountKr).toBe(HUGE);
      expect((await summary('2024-12', 'controller')).body.target).toBe(HUGE);
      const plans = (await controller.json('GET', '/api/action-plans')).body.plans;
      expect(plans[0].requirement).toEqual([{ year: 2024, amountKr: HUGE }]);
    });
  });
});
