import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/support/context';
import { bombPart, SHEET_HEAD, SHEET_TAIL, textRow, xlsx } from '../test/support/xlsx';
import { cellText, readSheetRows } from './core/workbook';
import { seedDemo } from './demo/seed';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;
const INJECTION = "=cmd|' /C calc'!A0";

/** The peak growth of the process's resident memory while `run` runs, sampled every few milliseconds. */
async function rssGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await run();
    sample();
    return { result, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

/** A sheet whose XML inflates to three gigabytes, headed like the import's own sheet. */
function bomb(sheetName: string, headers: string[], claimedSize?: number) {
  return xlsx(
    sheetName,
    bombPart(
      'xl/worksheets/sheet1.xml',
      { head: SHEET_HEAD + textRow(1, headers), filler: '<x/>'.repeat(256 * 1024), times: 3 * 1024, tail: SHEET_TAIL },
      claimedSize,
    ),
  );
}

describe('uploads that cannot take the server down', () => {
  let ctx: TestContext;
  let planId: string;
  let units: Map<string, string>;
  beforeAll(async () => {
    // The production upload limit, so that a bomb reaches the workbook reader.
    ctx = await createTestContext({ http: { maxUploadBytes: 20 * MB } });
    const seeded = await seedDemo(ctx.services);
    planId = seeded.economy.planId;
    units = seeded.units;
  });
  afterAll(async () => ctx.close());
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };
  const routes = () => [
    {
      name: 'values',
      path: '/api/values/import?dryRun=true',
      sheet: 'Värden',
      headers: ['Indikator', 'Indikatornamn', 'Enhet', 'Enhetsnamn', 'Period', 'Typ', 'Värde', 'Kommentar'],
    },
    {
      name: 'forecasts',
      path: `/api/action-plans/${planId}/forecasts/import?period=2024-12&dryRun=true`,
      sheet: 'Åtgärder',
      headers: ['Id', 'Prognos (kr)', 'Utfall (kr)', 'Kommentar'],
    },
  ];
  const post = async (username: string, path: string, body: Buffer) =>
    (await as(username)).json('POST', path, body, { 'content-type': XLSX });

  it('refuses a politician’s upload to either import with 403 before reading a byte of it', async () => {
    for (const route of routes()) {
      for (const body of [Buffer.from('inget kalkylblad'), Buffer.alloc(0), bomb(route.sheet, route.headers)]) {
        const res = await post('politiker', route.path, body);
        expect([route.name, res.status]).toEqual([route.name, 403]);
      }
      // Whoever may import gets the file's own fault.
      expect((await post('controller', route.path, Buffer.from('inget kalkylblad'))).status).toBe(400);
    }
  });

  it('refuses a zip bomb to either import with 413, in bounded memory, whether its headers tell the truth or lie', async () => {
    for (const route of routes())
      for (const claimed of [undefined, 50 * MB]) {
        const file = bomb(route.sheet, route.headers, claimed);
        expect(file.length).toBeLessThan(20 * MB);
        const agent = await as('controller');
        const { result, growth } = await rssGrowth(() =>
          agent.json('POST', route.path, file, { 'content-type': XLSX }),
        );
        expect([route.name, claimed, result.status]).toEqual([route.name, claimed, 413]);
        expect(result.body.error.code).toBe('payload_too_large');
        expect(result.body.error.message).toMatch(/packas upp till mer än 100 MB/);
        expect(growth).toBeLessThan(300 * MB);
      }
  });

  it('refuses a sheet with more rows than are read with 422 naming the row', async () => {
    for (const route of routes()) {
      // Rows with a value only in a column the import does not read: skipped, so only the count matters.
      const rows = Array.from({ length: 200_001 }, (_, i) => `<row r="${i + 2}"><c r="N${i + 2}"><v>1</v></c></row>`);
      const file = xlsx(route.sheet, SHEET_HEAD + textRow(1, route.headers) + rows.join('') + SHEET_TAIL);
      const res = await post('controller', route.path, file);
      expect([route.name, res.status]).toEqual([route.name, 422]);
      expect(res.body.error.fields).toEqual([
        { field: `blad ${route.sheet}, rad 200001`, message: expect.stringMatching(/fler än 200\s000 rader/) },
      ]);
    }
  });

  it('refuses too long a cell and a cell beyond the last column with 422 naming sheet, row and column', async () => {
    for (const route of routes()) {
      const long = xlsx(
        route.sheet,
        SHEET_HEAD + textRow(1, route.headers) + textRow(5, ['a', 'b', 'x'.repeat(40_000)]) + SHEET_TAIL,
      );
      const res = await post('controller', route.path, long);
      expect([route.name, res.status]).toEqual([route.name, 422]);
      expect(res.body.error.fields[0]).toEqual({
        field: `blad ${route.sheet}, rad 5, kolumn C`,
        message: expect.stringMatching(/mer än 32\s767 tecken/),
      });
      const wide = xlsx(
        route.sheet,
        `${SHEET_HEAD}${textRow(1, route.headers)}<row r="7"><c r="CW7"><v>1</v></c></row>${SHEET_TAIL}`,
      );
      const refused = await post('controller', route.path, wide);
      expect(refused.status).toBe(422);
      expect(refused.body.error.fields[0].field).toBe(`blad ${route.sheet}, rad 7, kolumn CW`);
    }
  });

  it('exports a sub-measure titled as a formula as text, and reads it back unchanged', async () => {
    const controller = await as('controller');
    const base = {
      planId,
      ownerUnitId: units.get('kir') as string,
      responsibleName: 'Lena Ek',
      category: 'effektivisering',
      feasibility: 2,
      startOn: '2024-03-01',
      fullEffectOn: '2024-12-31',
    };
    const parent = await controller.json('POST', '/api/measures', { ...base, title: 'Formler i åtgärdsplanen' });
    expect(parent.status).toBe(201);
    const sub = await controller.json('POST', '/api/measures', {
      ...base,
      parentMeasureId: parent.body.id,
      title: INJECTION,
    });
    expect(sub.status).toBe(201);
    const measure = (await controller.json('GET', `/api/measures/${sub.body.id}?period=2024-12`)).body;
    const reported = await controller.json('POST', `/api/measures/${sub.body.id}/reports`, {
      version: measure.version,
      period: '2024-12',
      forecastKr: 1000,
      comment: INJECTION,
    });
    expect(reported.status).toBe(200);

    const res = await controller.request('GET', `/api/action-plans/${planId}/export.xlsx?period=2024-12`);
    expect(res.status).toBe(200);
    const file = Buffer.from(await res.arrayBuffer());
    let row: { title: string; comment: string } | null = null;
    for await (const r of readSheetRows(file, { sheet: 'Åtgärder' }))
      if (r.cell(1) === sub.body.id) row = { title: r.cell(3) as string, comment: r.cell(13) as string };
    if (!row) throw new Error('the sub-measure is not in the export');
    // Indented under its parent, yet no spreadsheet takes it for a formula.
    expect(row.title).toMatch(/^'\s+=/);
    for (const text of [row.title, row.comment]) expect(text.replace(/^\s+/, '')).not.toMatch(/^[=+\-@\t\r]/);
    expect(cellText(row.title)).toBe(INJECTION);
    expect(cellText(row.comment)).toBe(INJECTION);

    const imported = await controller.request(
      'POST',
      `/api/action-plans/${planId}/forecasts/import?period=2024-12`,
      file,
      { 'content-type': XLSX },
    );
    expect(imported.status).toBe(200);
    const after = (await controller.json('GET', `/api/measures/${sub.body.id}?period=2024-12`)).body;
    // Unchanged by the round trip: the same report, the comment without the export's apostrophe.
    expect(after.version).toBe(measure.version + 1);
    expect(after.lastReport.comment).toBe(INJECTION);
  });
});
