import { mkdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMnkrInput } from '../../web/src/economy/money';
import { launchBrowser, type RunningServer, seriousA11yViolations, signInAs, startServer } from './support';

// Journey: the controller brings a stale measure of the demo plan "Hållbar framtid" up to date
// for December 2024, straight in the measure table, and the plan's totals follow to the krona;
// a division manager updates his own measure and gets no field for another division's; a
// politician reads the total with its feasibility 1–2 part beside it, and the measure that
// lacks the decision its size needs.
//
// The server runs on the real clock (after the plan's years); the demo's reports cover
// 2024-01..2025-01, and in December 2024 three of Psykiatri's sub-measures did not report.
const PERIOD = '2024-12';
const PLAN = 'Hållbar framtid';
const STALE_MEASURE = 'Minskad övertid, Psykiatri';
const OWN_MEASURE = 'Översyn av vårdplatser';
const OTHER_MEASURE = 'Samordnad operationsplanering';
const FLAGGED_MEASURE = 'Stängd vårdavdelning sommartid';
const IMPORTED_MEASURE = 'Minskad inhyrd personal, Psykiatri';
const NBSP = '\u00a0';

let server: RunningServer;
let browser: Browser;
let page: Page;
let planId = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'sv-SE',
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  mkdirSync(new URL('../../.test-results/', import.meta.url).pathname, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(label: string) {
  expect(await seriousA11yViolations(page, label), `axe on ${label}`).toEqual([]);
}

/** Opens a page as a user, starting signed out whatever an earlier step left behind. */
async function openAs(username: string, path: string) {
  await page.context().clearCookies();
  await page.goto(path);
  await signIn(username);
}

const signIn = (username: string) => signInAs(page, username);

async function signOut() {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('button', { name: 'Logga in' }).waitFor();
}

async function overviewOfDecember() {
  await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
  await page.getByText('som de rapporterats för december 2024').waitFor();
  await page
    .getByRole('table', { name: /åtgärder?, mål och prognos för 2024, rapporterat för december 2024/ })
    .waitFor();
}

/** A key figure on the overview: what it shows, and the exact kronor in its tooltip. */
function keyFigure(label: string): Locator {
  return page.locator(`[data-figure="${label}"]`);
}

async function exactKronor(figure: Locator): Promise<bigint> {
  const title = (await figure.locator('.key-figure-value .money').getAttribute('title')) ?? '';
  expect(title).toMatch(/^−?[\d\u00a0]+ kr$/);
  return BigInt(title.replace(/[^\d−]/g, '').replace('−', '-'));
}

/** Whole kronor the way the overview shows them, "302,9 mnkr" (rounded half away from zero). */
function mnkrText(kronor: bigint): string {
  const tenths = (kronor + 50_000n) / 100_000n;
  const whole = (tenths / 10n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${whole},${tenths % 10n} mnkr`;
}

const measureRow = (title: string): Locator =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: title, exact: true }) });

const forecastInput = (title: string): Locator => page.getByLabel(`Prognos för ${title}, mnkr`, { exact: true });

async function measureId(title: string): Promise<string> {
  const res = await page.request.get(`/api/action-plans/${planId}/measures?period=${PERIOD}`);
  expect(res.status()).toBe(200);
  const { measures } = await res.json();
  const found = measures.find((m: { title: string }) => m.title === title);
  expect(found, title).toBeTruthy();
  return found.id;
}

async function measureFromApi(id: string) {
  const res = await page.request.get(`/api/measures/${id}?period=${PERIOD}`);
  expect(res.status()).toBe(200);
  return res.json();
}

describe('action plan journey', () => {
  it('lists the action plans with their requirement', async () => {
    await page.goto('/handlingsplaner');
    await signIn('controller');
    await page.getByRole('heading', { level: 1, name: 'Handlingsplaner' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${PLAN}`) }) });
    await row.getByText('Regionfullmäktige 2023-06-13 § 78 (RS/1100/2023)').waitFor();
    await row.getByText('2024: 500,0 mnkr').waitFor();
    await expectAccessible('action plans');

    await row.getByRole('link', { name: PLAN }).click();
    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    planId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    // The plan has ended, so it opens on its last month rather than on last month.
    await expect.poll(() => page.getByLabel(/^Period \(månad\)/).inputValue()).toBe(PERIOD);
    await overviewOfDecember();
  });

  it('lets the controller bring a stale measure up to date inline, and the totals follow to the krona', async () => {
    await page.goto(`/handlingsplaner/${planId}?period=${PERIOD}`);
    await overviewOfDecember();
    await page.getByText('3 åtgärder har inte rapporterat för månaden').waitFor();
    await expectAccessible('plan overview, December 2024');

    const forecastBefore = await exactKronor(keyFigure('Prognos'));
    const row = measureRow(STALE_MEASURE);
    await row.getByText('Inaktuell').waitFor();
    await row.getByText('senast rapporterad november 2024').waitFor();
    // Its parent is stale through it.
    await measureRow('Minskad övertid').getByText('1 delåtgärd har inte rapporterat').waitFor();

    const id = await measureId(STALE_MEASURE);
    const before = await measureFromApi(id);
    const input = forecastInput(STALE_MEASURE);
    const shown = parseMnkrInput(await input.inputValue());
    expect(shown).toEqual({ ok: true, kronor: BigInt(before.forecast) });

    // To the krona: 2,345678 mnkr is 2 345 678 kr, not a float near it.
    await input.fill('2,345678');
    await input.press('Enter');
    await page.getByText(`Prognosen för ${STALE_MEASURE} är sparad för december 2024: 2,3 mnkr.`).waitFor();

    const expected = forecastBefore + (2_345_678n - BigInt(before.forecast));
    await expect.poll(() => exactKronor(keyFigure('Prognos'))).toBe(expected);
    await keyFigure('Prognos').getByText(mnkrText(expected), { exact: true }).waitFor();
    await page.getByText('2 åtgärder har inte rapporterat för månaden').waitFor();
    await expect.poll(() => measureRow(STALE_MEASURE).getByText('Inaktuell').count()).toBe(0);
    expect(await measureRow('Minskad övertid').getByText('Inaktuell').count()).toBe(0);
    expect(await forecastInput(STALE_MEASURE).inputValue()).toBe('2,345678');

    // The outcome was kept as it was; the report is for December.
    const after = await measureFromApi(id);
    expect(after.forecast).toBe('2345678');
    expect(after.outcome).toBe(before.outcome);
    expect(after.lastReport.period).toBe(PERIOD);
    expect(after.stale).toBe(false);
    await expectAccessible('plan overview after saving a forecast');
  });

  it('shows the measure with its calculation, every report, and takes a corrective action', async () => {
    await page.getByRole('link', { name: STALE_MEASURE, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: STALE_MEASURE }).waitFor();
    const reports = page.getByRole('table', { name: `Varje rapport för ${STALE_MEASURE}, senaste månaden först` });
    await reports
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^december 2024/ }) })
      .getByText('2,3 mnkr')
      .waitFor();
    await reports.getByRole('rowheader', { name: 'november 2024' }).waitFor();
    await page
      .getByRole('table', { name: /^Besparingar och kostnader per år/ })
      .getByRole('rowheader', { name: 'Besparing' })
      .waitFor();
    await page.getByText('Beslutsnivå: Områdeschef').waitFor();
    await expectAccessible('measure page');

    await page.getByLabel(/^Vad ska göras/).fill('Schemalägg via bemanningsenheten i stället för övertid');
    await page.getByLabel(/^Ansvarig/).fill('Verksamhetschef Psykiatri');
    await page.getByLabel(/^Klart senast/).fill('2025-03-31');
    await page.getByLabel(/^Belopp \(mnkr\)/).fill('1,5');
    await page.getByRole('button', { name: 'Registrera', exact: true }).click();
    await page.getByText('Den korrigerande åtgärden är registrerad. Beslutsnivå: Verksamhetschef.').waitFor();
    const actions = page.getByRole('table', { name: `Korrigerande åtgärder för ${STALE_MEASURE}` });
    const action = actions
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^Schemalägg via bemanningsenheten/ }) });
    await action.getByText('Verksamhetschef', { exact: true }).waitFor();
    await action.getByText('1,5 mnkr', { exact: true }).waitFor();
    await expectAccessible('measure page with a corrective action');
    await signOut();
  });

  it("reads the month's forecasts back from the plan's Excel sheet, reporting every bad row first", async () => {
    await openAs('controller', `/handlingsplaner/${planId}?period=${PERIOD}`);
    await overviewOfDecember();
    const totalBefore = await exactKronor(keyFigure('Prognos'));
    const id = await measureId(IMPORTED_MEASURE);
    const before = await measureFromApi(id);
    const href = (await page.getByRole('link', { name: 'Exportera till Excel' }).getAttribute('href')) ?? '';
    const exported = await page.request.get(href);
    expect(exported.status()).toBe(200);

    // One bad cell: the whole file is refused, with the row and column named.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exported.body()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Åtgärder') as ExcelJS.Worksheet;
    let rowNumber = 0;
    sheet.eachRow((row, n) => {
      if (row.getCell(1).value === id) rowNumber = n;
    });
    expect(rowNumber).toBeGreaterThan(1);
    const file = async (forecast: ExcelJS.CellValue) => {
      sheet.getRow(rowNumber).getCell(9).value = forecast;
      return {
        name: 'handlingsplan.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
      };
    };
    const fileInput = page.getByLabel(/^Excelfil/);
    await fileInput.setInputFiles(await file('ungefär tre miljoner'));
    await page.getByRole('button', { name: 'Kontrollera filen' }).click();
    await page.getByText('1 fel i filen – inget har lästs in').waitFor();
    await page.getByText(`rad ${rowNumber}, Prognos (kr)`).waitFor();
    await expectAccessible('forecast import with an error');

    await fileInput.setInputFiles(await file(3_000_001));
    await page.getByRole('button', { name: 'Kontrollera filen' }).click();
    await page.getByText('Filen är kontrollerad').waitFor();
    // The row changed, and the other stale measure's unchanged row, which the import confirms for the month.
    await page
      .getByText('36 rader med prognoser för december 2024. 2 ändras och 34 är oförändrade.', { exact: false })
      .waitFor();
    expect(await exactKronor(keyFigure('Prognos'))).toBe(totalBefore);
    await page.getByRole('button', { name: 'Läs in 2 ändrade prognoser' }).click();
    await page.getByText('2 prognoser är inlästa för december 2024 (34 oförändrade).').waitFor();
    await expect.poll(() => exactKronor(keyFigure('Prognos'))).toBe(totalBefore + 3_000_001n - BigInt(before.forecast));
    await expect.poll(() => measureRow(IMPORTED_MEASURE).getByText('Inaktuell').count()).toBe(0);
    await expect.poll(() => page.getByText(/har inte rapporterat för månaden/).count()).toBe(0);
    await expectAccessible('forecast import done');
    await signOut();
  });

  it('lets a division manager update his own measure but offers no field for another division', async () => {
    await openAs('chef.medicin', `/handlingsplaner/${planId}?period=${PERIOD}`);
    await overviewOfDecember();
    const totalBefore = await exactKronor(keyFigure('Prognos'));
    const input = forecastInput(OWN_MEASURE);
    const previous = parseMnkrInput(await input.inputValue());
    expect(previous.ok).toBe(true);

    // Someone else reports on the measure after the page loaded: the save is refused and the table reloaded.
    const id = await measureId(OWN_MEASURE);
    const current = await measureFromApi(id);
    const meanwhile = await page.request.post(`/api/measures/${id}/reports`, {
      data: {
        version: current.version,
        period: PERIOD,
        forecastKr: current.forecast,
        outcomeKr: current.outcome,
        comment: 'Avstämt med ekonomen.',
      },
    });
    expect(meanwhile.status()).toBe(200);
    const save = page.getByRole('button', { name: `Spara prognosen för ${OWN_MEASURE}` });
    await input.fill('20');
    await save.click();
    await page.getByRole('alert').getByText('Någon annan har ändrat åtgärden.').waitFor();
    await expect.poll(() => input.inputValue()).toBe('16,4');

    await input.fill('20');
    await save.click();
    await page.getByText(`Prognosen för ${OWN_MEASURE} är sparad för december 2024: 20,0 mnkr.`).waitFor();
    // The comment made meanwhile is kept with the month's report.
    expect((await measureFromApi(id)).lastReport.comment).toBe('Avstämt med ekonomen.');
    const expected = totalBefore + 20_000_000n - (previous.ok ? previous.kronor : 0n);
    await expect.poll(() => exactKronor(keyFigure('Prognos'))).toBe(expected);
    await keyFigure('Prognos').getByText(mnkrText(expected), { exact: true }).waitFor();

    // Kirurgi's measure is no field of his: not in his table, and no input anywhere.
    expect(await forecastInput(OTHER_MEASURE).count()).toBe(0);
    expect(await measureRow(OTHER_MEASURE).getByRole('textbox').count()).toBe(0);
    await expectAccessible('plan overview as a division manager');
    await signOut();

    // The controller sees Kirurgi's measure; the manager is refused its page in words.
    await openAs('controller', '/handlingsplaner');
    const other = await measureId(OTHER_MEASURE);
    await signOut();
    await openAs('chef.medicin', `/atgarder/${other}?period=${PERIOD}`);
    await page.getByRole('alert').getByText('Du saknar behörighet').waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    await expectAccessible('measure page refused');
    await signOut();
  });

  it('shows a politician the grade 1–2 total beside the total, and the measure that lacks its decision', async () => {
    await openAs('politiker', `/handlingsplaner/${planId}?period=${PERIOD}`);
    await overviewOfDecember();
    const planned = keyFigure('Planerat netto');
    await planned.getByText('558,0 mnkr', { exact: true }).waitFor();
    await planned.getByText(/varav genomförbarhet 1–2/).waitFor();
    await planned.getByText('491,0 mnkr', { exact: true }).waitFor();
    await page.getByText('Åtgärder med genomförbarhet 1–2 täcker inte sparbetinget').waitFor();
    await keyFigure('Sparbeting').getByText('500,0 mnkr', { exact: true }).waitFor();

    await measureRow(FLAGGED_MEASURE)
      .getByText(/^Kräver beslut/)
      .waitFor();
    await measureRow(FLAGGED_MEASURE).getByText('Kräver beslut av Förvaltningschef').waitFor();
    // A politician reads: no fields, no import, but the export.
    const table = page.getByRole('table', { name: /åtgärder, mål och prognos för 2024/ });
    expect(await table.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Läs in månadens prognoser från Excel' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Exportera till Excel' }).getAttribute('href')).toBe(
      `/api/action-plans/${planId}/export.xlsx?period=${PERIOD}`,
    );

    // The tree folds with the keyboard; the button says whether it is open.
    const toggle = page.getByRole('button', { name: 'Delåtgärder till Minskad övertid' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await measureRow(STALE_MEASURE).count()).toBe(0);
    await page.keyboard.press('Enter');
    await measureRow(STALE_MEASURE).waitFor();

    // The chart's figures are in a table too, exactly as drawn.
    const units = page.getByRole('table', { name: /^Sparbeting, planerat och prognos per förvaltning/ });
    await units
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Hälso- och sjukvård' }) })
      .getByText('343,6 mnkr')
      .waitFor();
    await expectAccessible('plan overview as a politician');
  });
});
