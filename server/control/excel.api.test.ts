import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBody } from '../../server/bodies/service';
import { systemActor } from '../../server/core/context';
import { createDecision } from '../../server/steering/decisions';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('internal control plan in Excel', () => {
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
    const body = async (name: string, unitIds: string[]) =>
      (
        await createBody(s, actor, {
          name,
          kind: 'namnd',
          parentBodyId: null,
          validFrom: '2023-01-01',
          validTo: null,
          unitIds,
        })
      ).id;
    ids.hsn = await body('Hälso- och sjukvårdsnämnden', [ids.hs]);
    ids.ktn = await body('Kollektivtrafiknämnden', [ids.kt]);
    ids.ctl = await makeUser(s, 'ctl', [{ role: 'controller', unitId: ids.region }]);
    ids.ctlkt = await makeUser(s, 'ctlkt', [{ role: 'controller', unitId: ids.kt }]);
    ids.checker = await makeUser(s, 'checker');
    const now = new Date('2025-06-15T10:00:00Z');
    await s.db
      .insertInto('risks')
      .values([
        { id: 'risk-hsn', body_id: ids.hsn, title: 'Beroende av hyrpersonal', created_at: now, updated_at: now },
        { id: 'risk-kir', unit_id: ids.kir, title: 'Stängda vårdplatser', created_at: now, updated_at: now },
        { id: 'risk-ktn', body_id: ids.ktn, title: 'Upphandling utanför avtal', created_at: now, updated_at: now },
      ])
      .execute();
    ids.decision = (
      await createDecision(s, actor, {
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
      })
    ).id;
    const ctl = await as('ctl');
    const plan = await ctl.json('POST', '/api/control/plans', { bodyId: ids.hsn, year: 2025 });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    ids.plan = plan.body.id;
    for (const point of [
      {
        what: 'Stickprov av hyrpersonal',
        method: 'Stickprov om 20 pass',
        frequency: 'tertial',
        riskId: 'risk-hsn',
        checkerUserId: ids.checker,
        recipient: 'Förvaltningsledningen',
        dueOn: '2025-12-31',
      },
      { what: 'Genomgång av vårdplatser', frequency: 'yearly', riskId: 'risk-kir' },
    ]) {
      const res = await ctl.json('POST', `/api/control/plans/${ids.plan}/points`, point);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  }, 120_000);
  afterAll(async () => ctx.close());

  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username, PASSWORD);
    return agent;
  };
  const counts = async () => {
    const n = async (table: 'control_points' | 'history') =>
      Number(
        (
          await ctx.services.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { points: await n('control_points'), history: await n('history') };
  };
  const exported = async (agent: Awaited<ReturnType<typeof as>>) => {
    const res = await agent.request('GET', `/api/control/plans/${ids.plan}/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    return workbook;
  };
  const upload = async (agent: Awaited<ReturnType<typeof as>>, workbook: ExcelJS.Workbook) =>
    agent.request('POST', `/api/control/plans/${ids.plan}/import`, Buffer.from(await workbook.xlsx.writeBuffer()), {
      'content-type': XLSX,
    });
  const sheetOf = (workbook: ExcelJS.Workbook) => {
    const sheet = workbook.getWorksheet('Kontrollpunkter') as ExcelJS.Worksheet;
    const h: Record<string, number> = {};
    sheet.getRow(1).eachCell((cell, col) => {
      h[String(cell.value)] = col;
    });
    const row = (what: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((r) => {
        if (r.getCell(h.Kontrollmoment as number).value === what) found = r;
      });
      return found as ExcelJS.Row;
    };
    const add = (cells: Record<string, unknown>) => {
      const r = sheet.addRow([]);
      for (const [k, v] of Object.entries(cells)) r.getCell(h[k] as number).value = v as ExcelJS.CellValue;
      return r.number;
    };
    return { sheet, h, row, add };
  };

  it('exports the points and reads the export back unchanged: the same plan, nothing written', async () => {
    const ctl = await as('ctl');
    const workbook = await exported(ctl);
    const { h, row } = sheetOf(workbook);
    expect(Object.keys(h)).toEqual([
      'Id',
      'Kontrollmoment',
      'Metod',
      'Frekvens',
      'Kontrollant (användarnamn)',
      'Mottagare',
      'Klart senast',
      'Risk-id',
      'Risk',
      'Regiongemensam',
    ]);
    const first = row('Stickprov av hyrpersonal');
    expect(first.getCell(h.Frekvens as number).value).toBe('Tertial');
    expect(first.getCell(h['Kontrollant (användarnamn)'] as number).value).toBe('checker');
    expect(first.getCell(h['Klart senast'] as number).value).toBe('2025-12-31');
    expect(first.getCell(h.Risk as number).value).toBe('Beroende av hyrpersonal');

    const before = await ctl.json('GET', `/api/control/plans/${ids.plan}`);
    const n = await counts();
    const res = await upload(ctl, workbook);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ rows: 2, created: 0, updated: 0, unchanged: 2 });
    expect(await counts()).toEqual(n);
    expect((await ctl.json('GET', `/api/control/plans/${ids.plan}`)).body).toEqual(before.body);
  });

  it('adds and changes points from the sheet, the risk by its title, with history per point', async () => {
    const ctl = await as('ctl');
    const workbook = await exported(ctl);
    const { h, row, add } = sheetOf(workbook);
    row('Genomgång av vårdplatser').getCell(h.Metod as number).value = 'Genomgång med verksamhetschefen';
    add({
      Kontrollmoment: 'Kontroll av inhyrda läkares avtal',
      Frekvens: 'halvår',
      'Kontrollant (användarnamn)': 'checker',
      Risk: 'Stängda vårdplatser',
    });
    const n = await counts();
    const res = await upload(ctl, workbook);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ rows: 3, created: 1, updated: 1, unchanged: 1 });
    expect(await counts()).toEqual({ points: n.points + 1, history: n.history + 2 });
    const plan = (await ctl.json('GET', `/api/control/plans/${ids.plan}`)).body;
    const byWhat = (what: string) => plan.points.find((p: any) => p.what === what);
    expect(plan.points.map((p: any) => p.what).sort()).toEqual([
      'Genomgång av vårdplatser',
      'Kontroll av inhyrda läkares avtal',
      'Stickprov av hyrpersonal',
    ]);
    expect(byWhat('Genomgång av vårdplatser').method).toBe('Genomgång med verksamhetschefen');
    expect(byWhat('Kontroll av inhyrda läkares avtal')).toMatchObject({
      frequency: 'half_year',
      checkerUserId: ids.checker,
      riskId: 'risk-kir',
      occasions: ['2025-H1', '2025-H2'],
    });
  });

  it('names every bad row and field with 422 and writes nothing', async () => {
    const ctl = await as('ctl');
    const workbook = await exported(ctl);
    const { h, row, add } = sheetOf(workbook);
    // A good change that must not be written either.
    row('Stickprov av hyrpersonal').getCell(h.Mottagare as number).value = 'Nämnden';
    const noWhat = add({ Frekvens: 'År' });
    const badFrequency = add({ Kontrollmoment: 'A', Frekvens: 'varje vecka' });
    const badChecker = add({ Kontrollmoment: 'B', Frekvens: 'År', 'Kontrollant (användarnamn)': 'nobody' });
    const foreignRisk = add({ Kontrollmoment: 'C', Frekvens: 'År', 'Risk-id': 'risk-ktn' });
    const unknownRisk = add({ Kontrollmoment: 'D', Frekvens: 'År', Risk: 'Finns inte' });
    const badDate = add({ Kontrollmoment: 'E', Frekvens: 'År', 'Klart senast': '31/12' });
    const unknownId = add({ Id: 'no-such-point', Kontrollmoment: 'F', Frekvens: 'År' });
    const n = await counts();
    const res = await upload(ctl, workbook);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.message).toMatch(/Inget har importerats/);
    expect(body.error.fields).toEqual([
      { field: `rad ${noWhat}, Kontrollmoment`, message: 'saknas' },
      {
        field: `rad ${badFrequency}, Frekvens`,
        message: '"varje vecka" är ingen frekvens (Månad, Tertial, Halvår, År, En gång)',
      },
      {
        field: `rad ${badChecker}, Kontrollant (användarnamn)`,
        message: 'ingen användare har användarnamnet "nobody"',
      },
      { field: `rad ${foreignRisk}, Risk-id`, message: 'risken hör inte till organets register' },
      { field: `rad ${unknownRisk}, Risk`, message: 'ingen risk i organets register heter "Finns inte"' },
      { field: `rad ${badDate}, Klart senast`, message: '"31/12" är inget datum ÅÅÅÅ-MM-DD' },
      { field: `rad ${unknownId}, Id`, message: 'ingen kontrollpunkt i planen har detta id' },
    ]);
    expect(await counts()).toEqual(n);
    const plan = (await ctl.json('GET', `/api/control/plans/${ids.plan}`)).body;
    expect(plan.points.find((p: any) => p.what === 'Stickprov av hyrpersonal').recipient).toBe('Förvaltningsledningen');
  });

  it('refuses an importer who may not write the plan, and a decided plan, writing nothing', async () => {
    const ctl = await as('ctl');
    const workbook = await exported(ctl);
    sheetOf(workbook).add({ Kontrollmoment: 'Ny kontroll', Frekvens: 'År' });
    const n = await counts();
    // Kollektivtrafik's controller reads and writes only KTN's internal control.
    const ctlkt = await as('ctlkt');
    expect((await ctlkt.request('GET', `/api/control/plans/${ids.plan}/export.xlsx`)).status).toBe(403);
    expect((await upload(ctlkt, workbook)).status).toBe(403);
    expect(await counts()).toEqual(n);

    const plan = (await ctl.json('GET', `/api/control/plans/${ids.plan}`)).body;
    const decided = await ctl.json('POST', `/api/control/plans/${ids.plan}/decide`, {
      version: plan.version,
      decisionId: ids.decision,
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const m = await counts();
    const refused = await upload(ctl, workbook);
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.fields).toEqual([{ field: 'planId', message: 'planen är redan beslutad' }]);
    expect(await counts()).toEqual(m);
    // A decided plan is still exported.
    expect((await exported(ctl)).getWorksheet('Kontrollpunkter')?.rowCount).toBe(4);
  });
});
