import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../server/bodies/members';
import { createBody } from '../../server/bodies/service';
import { systemActor } from '../../server/core/context';
import { createTestContext, type TestContext } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// region ── hs ── kirurgi      (HSN governs hs)
//        │     └─ medicin
//        └─ kt                  (KTN governs kt)
describe('risk register in Excel', () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  const actor = systemActor('test');

  beforeAll(async () => {
    ctx = await createTestContext();
    const s = ctx.services;
    ids.region = await makeUnit(s, 'Region', null, 'region');
    ids.hs = await makeUnit(s, 'Hälso- och sjukvård', ids.region, 'forvaltning');
    ids.kirurgi = await makeUnit(s, 'Kirurgi', ids.hs, 'division');
    ids.medicin = await makeUnit(s, 'Medicin', ids.hs, 'division');
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
    ids.ctrl = await makeUser(s, 'ctrl', [{ role: 'controller', unitId: ids.region }]);
    ids.chefk = await makeUser(s, 'chefk', [{ role: 'manager', unitId: ids.kirurgi }]);
    ids.pol = await makeUser(s, 'pol');
    await addMember(s, actor, ids.hsn, { userId: ids.pol, role: 'ledamot', validFrom: '2023-01-01', validTo: null });

    const ctrl = await as('ctrl');
    const make = async (owner: object, title: string, assessment?: [number, number, string]) => {
      const res = await ctrl.json('POST', '/api/risks', {
        ...owner,
        title,
        cause: 'Orsak',
        consequence: 'Konsekvens',
        process: 'Bemanning',
        ownerUserId: ids.chefk,
        existingControls: '=SUMMA(A1)',
        plannedActions: 'Rekrytera',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      if (assessment) {
        const [probability, consequence, assessedAt] = assessment;
        const a = await ctrl.json('POST', `/api/risks/${res.body.id}/assessments`, {
          probability,
          consequence,
          assessedAt,
        });
        expect(a.status, JSON.stringify(a.body)).toBe(201);
      }
      return res.body.id as string;
    };
    ids.rHsn = await make({ bodyId: ids.hsn }, 'HSN: kostnadsövervältring', [4, 4, '2025-03-01']);
    ids.rKir = await make({ unitId: ids.kirurgi }, 'Kirurgi: bemanning', [2, 2, '2025-05-01']);
    ids.rMed = await make({ unitId: ids.medicin }, 'Medicin: vårdplatser');
    ids.rKtn = await make({ bodyId: ids.ktn }, 'KTN: upphandling', [1, 1, '2025-01-10']);
  }, 120_000);
  afterAll(async () => ctx.close());

  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username, PASSWORD);
    return agent;
  };
  const counts = async () => {
    const n = async (table: 'risks' | 'risk_assessments' | 'history') =>
      Number(
        (
          await ctx.services.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { risks: await n('risks'), assessments: await n('risk_assessments'), history: await n('history') };
  };
  const exported = async (agent: Awaited<ReturnType<typeof as>>, query: string) => {
    const res = await agent.request('GET', `/api/risks/export.xlsx?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    return workbook;
  };
  const upload = async (agent: Awaited<ReturnType<typeof as>>, workbook: ExcelJS.Workbook) =>
    agent.request('POST', '/api/risks/import', Buffer.from(await workbook.xlsx.writeBuffer()), {
      'content-type': XLSX,
    });
  const headerIndex = (sheet: ExcelJS.Worksheet) => {
    const out: Record<string, number> = {};
    sheet.getRow(1).eachCell((cell, col) => {
      out[String(cell.value)] = col;
    });
    return out;
  };
  const rowOf = (sheet: ExcelJS.Worksheet, title: string) => {
    const col = headerIndex(sheet).Titel as number;
    let found: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(col).value === title) found = r;
    });
    return found as ExcelJS.Row;
  };

  it('exports the register as boards read it, with the matrix on its own sheet', async () => {
    const ctrl = await as('ctrl');
    const workbook = await exported(ctrl, `bodyId=${ids.hsn}&includeBelow=true`);
    const sheet = workbook.getWorksheet('Risker') as ExcelJS.Worksheet;
    const h = headerIndex(sheet);
    expect(Object.keys(h)).toEqual([
      'Id',
      'Register-id',
      'Register',
      'Titel',
      'Beskrivning',
      'Orsak',
      'Konsekvens',
      'Process',
      'Ägare (användarnamn)',
      'Sannolikhet (steg)',
      'Konsekvens (steg)',
      'Riskvärde',
      'Nivå',
      'Senaste bedömning',
      'Befintliga kontroller',
      'Planerade åtgärder',
      'Kopplingar',
    ]);
    expect(sheet.rowCount).toBe(4); // header + HSN's, Kirurgi's and Medicin's; not KTN's
    const hsn = rowOf(sheet, 'HSN: kostnadsövervältring');
    const cell = (name: string) => hsn.getCell(h[name] as number).value;
    expect(cell('Id')).toBe(ids.rHsn);
    expect(cell('Register')).toBe('Hälso- och sjukvårdsnämnden');
    expect(cell('Ägare (användarnamn)')).toBe('chefk');
    expect(cell('Sannolikhet (steg)')).toBe(4);
    expect(cell('Konsekvens (steg)')).toBe(4);
    expect(cell('Riskvärde')).toBe(16);
    expect(cell('Nivå')).toBe('Mycket hög');
    expect(cell('Senaste bedömning')).toBe('2025-03-01');
    // A text that a spreadsheet would take for a formula is exported as text.
    expect(cell('Befintliga kontroller')).toBe("'=SUMMA(A1)");

    const matrix = workbook.getWorksheet('Matris') as ExcelJS.Worksheet;
    const texts: string[] = [];
    matrix.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain('1 (Mycket hög)');
    expect(texts.filter((t) => /^1 \(/.test(t))).toHaveLength(2); // HSN's and Kirurgi's cells
    expect(texts).toContain('Ej bedömda');
  });

  it('reads its own export back unchanged: the same register, nothing written', async () => {
    const ctrl = await as('ctrl');
    const workbook = await exported(ctrl, `bodyId=${ids.hsn}&includeBelow=true`);
    const before = await ctrl.json('GET', `/api/risks?bodyId=${ids.hsn}&includeBelow=true`);
    const n = await counts();
    const res = await upload(ctrl, workbook);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ rows: 3, created: 0, updated: 0, assessed: 0, unchanged: 3 });
    expect(await counts()).toEqual(n);
    expect((await ctrl.json('GET', `/api/risks?bodyId=${ids.hsn}&includeBelow=true`)).body).toEqual(before.body);
  });

  it('creates, updates and assesses from a sheet, with history per risk, also as a multipart form', async () => {
    const ctrl = await as('ctrl');
    const workbook = await exported(ctrl, `unitId=${ids.kirurgi}`);
    const sheet = workbook.getWorksheet('Risker') as ExcelJS.Worksheet;
    const h = headerIndex(sheet);
    const kir = rowOf(sheet, 'Kirurgi: bemanning');
    kir.getCell(h.Beskrivning as number).value = 'Fler vakanser i höst';
    kir.getCell(h['Sannolikhet (steg)'] as number).value = 3;
    kir.getCell(h['Senaste bedömning'] as number).value = '2025-06-01';
    const added = sheet.addRow([]);
    added.getCell(h.Register as number).value = 'Kirurgi';
    added.getCell(h.Titel as number).value = 'Kirurgi: sterilteknik';
    added.getCell(h['Sannolikhet (steg)'] as number).value = 2;
    added.getCell(h['Konsekvens (steg)'] as number).value = 4;
    const n = await counts();
    const form = new FormData();
    form.append('file', new Blob([await workbook.xlsx.writeBuffer()], { type: XLSX }), 'risker.xlsx');
    const multipart = new Request('http://localhost/', { method: 'POST', body: form });
    const res = await ctrl.request('POST', '/api/risks/import', new Uint8Array(await multipart.arrayBuffer()), {
      'content-type': multipart.headers.get('content-type') as string,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ rows: 2, created: 1, updated: 1, assessed: 2, unchanged: 0 });
    const after = await counts();
    expect(after.risks).toBe(n.risks + 1);
    expect(after.assessments).toBe(n.assessments + 2);
    // risk.created + risk.updated + two risk.assessed.
    expect(after.history).toBe(n.history + 4);
    const detail = await ctrl.json('GET', `/api/risks/${ids.rKir}`);
    expect(detail.body).toMatchObject({ description: 'Fler vakanser i höst', version: 2 });
    expect(detail.body.current).toMatchObject({ probability: 3, consequence: 2, assessedAt: '2025-06-01' });
    const list = await ctrl.json('GET', `/api/risks?unitId=${ids.kirurgi}`);
    expect(list.body.risks.find((r: any) => r.title === 'Kirurgi: sterilteknik')).toMatchObject({
      unitId: ids.kirurgi,
      current: { probability: 2, consequence: 4, assessedAt: '2025-06-15' },
    });
  });

  it('names every bad row and field with 422 and writes nothing', async () => {
    const ctrl = await as('ctrl');
    const workbook = await exported(ctrl, `bodyId=${ids.hsn}&includeBelow=true`);
    const sheet = workbook.getWorksheet('Risker') as ExcelJS.Worksheet;
    const h = headerIndex(sheet);
    // A good change that must not be written either.
    rowOf(sheet, 'Medicin: vårdplatser').getCell(h.Beskrivning as number).value = 'ändrad';
    const hsn = rowOf(sheet, 'HSN: kostnadsövervältring');
    hsn.getCell(h['Sannolikhet (steg)'] as number).value = 9;
    const add = (cells: Record<string, unknown>) => {
      const r = sheet.addRow([]);
      for (const [k, v] of Object.entries(cells)) r.getCell(h[k] as number).value = v as ExcelJS.CellValue;
      return r.number;
    };
    const noTitle = add({ Register: 'Kirurgi' });
    const unknownUnit = add({ Register: 'Ortopedi', Titel: 'X' });
    const unknownId = add({ Id: 'no-such-risk', Register: 'Kirurgi', Titel: 'Y' });
    const badOwner = add({ Register: 'Kirurgi', Titel: 'Z', 'Ägare (användarnamn)': 'nobody' });
    const halfAssessed = add({ Register: 'Kirurgi', Titel: 'W', 'Konsekvens (steg)': 2 });
    const future = add({
      Register: 'Kirurgi',
      Titel: 'V',
      'Sannolikhet (steg)': 1,
      'Konsekvens (steg)': 1,
      'Senaste bedömning': '2025-07-01',
    });
    const n = await counts();
    const res = await upload(ctrl, workbook);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.message).toMatch(/Inget har importerats/);
    expect(body.error.fields).toEqual([
      { field: `rad ${hsn.number}, Sannolikhet (steg)`, message: 'Sannolikheten ska vara ett heltal från 1 till 4.' },
      { field: `rad ${noTitle}, Titel`, message: 'saknas' },
      { field: `rad ${unknownUnit}, Register`, message: '"Ortopedi" är ingen nämnd, styrelse eller enhet' },
      { field: `rad ${unknownId}, Id`, message: 'ingen risk har detta id' },
      { field: `rad ${badOwner}, Ägare (användarnamn)`, message: 'ingen användare har användarnamnet "nobody"' },
      { field: `rad ${halfAssessed}, Sannolikhet (steg)`, message: 'saknas när konsekvensen är ifylld' },
      { field: `rad ${future}, Senaste bedömning`, message: 'en bedömning kan inte dateras efter i dag' },
    ]);
    expect(await counts()).toEqual(n);
    expect((await ctrl.json('GET', `/api/risks/${ids.rMed}`)).body.description).toBe('');
  });

  it('refuses a file with a risk the importer may not write, and a reader altogether, writing nothing', async () => {
    const ctrl = await as('ctrl');
    const workbook = await exported(ctrl, `bodyId=${ids.hsn}&includeBelow=true`);
    const sheet = workbook.getWorksheet('Risker') as ExcelJS.Worksheet;
    const h = headerIndex(sheet);
    for (const title of ['HSN: kostnadsövervältring', 'Medicin: vårdplatser', 'Kirurgi: bemanning'])
      rowOf(sheet, title).getCell(h.Process as number).value = 'Ny process';
    const n = await counts();
    // chef.kirurgi writes Kirurgi's register, not the nämnd's nor Medicin's.
    const chefk = await as('chefk');
    const refused = await upload(chefk, workbook);
    expect(refused.status).toBe(403);
    const fields = (await refused.json()).error.fields.map((f: any) => f.field);
    expect(fields).toEqual(
      [rowOf(sheet, 'HSN: kostnadsövervältring').number, rowOf(sheet, 'Medicin: vårdplatser').number]
        .sort((a, b) => a - b)
        .map((r) => `rad ${r}`),
    );
    // A ledamot reads the nämnd's register and writes none.
    const pol = await as('pol');
    expect((await pol.request('GET', `/api/risks/export.xlsx?bodyId=${ids.hsn}`)).status).toBe(200);
    expect((await upload(pol, workbook)).status).toBe(403);
    expect(await counts()).toEqual(n);
    // Nor does anyone export a register they may not read.
    expect((await chefk.request('GET', `/api/risks/export.xlsx?unitId=${ids.medicin}`)).status).toBe(403);
  });
});
