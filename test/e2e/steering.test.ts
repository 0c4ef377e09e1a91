import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followMenu, launchBrowser, type RunningServer, seriousA11yViolations, signInAs, startServer } from './support';

// Journey: a division manager enters an outcome and writes the month's analysis; a politician
// follows the scorecard down from the region to the division, and finds a plan that steers
// without a decision and a goal whose wording drifted without one.
//
// The demo region has values for 2024-01 up to the month before the server's clock, at most
// 2025-12; the server runs on the real clock, so the journey uses December 2025.
const PERIOD = '2025-12';
const ANALYSIS = `Inhyrningen minskar sedan vi anställde egna sjuksköterskor i höstas. Kontrollerad ${Date.now()}.`;
const AGENCY_SHARE = 'Inhyrd personal, andel av personalkostnaden';
const AGENCY_GOAL = 'Beroendet av inhyrd personal ska upphöra';

let server: RunningServer;
let browser: Browser;
let page: Page;

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

/** Picks an option in a Mantine select by typing part of its label. */
async function choose(label: string, search: string, option: RegExp, scope = page.locator('body')) {
  const input = scope.getByLabel(new RegExp(`^${label}`)).first();
  await input.click();
  if (await input.isEditable()) await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

const signIn = (username: string) => signInAs(page, username);

/** Chooses the month in the month field (it may open on that month already, the latest with data). */
async function choosePeriod(period: string) {
  const field = page.getByLabel(/^Period \(månad\)/);
  await field.fill(period);
  await expect.poll(() => field.inputValue()).toBe(period);
}

async function scorecardOf(unit: string) {
  await page.getByRole('heading', { level: 1, name: `Styrkort för ${unit}` }).waitFor();
  await page.getByText(`analyser för ${unit} i december 2025`).waitFor();
}

/** The API's own figure, written the Swedish way: one decimal at most, a non-breaking space before the unit. */
async function outcomeFromApi(unitId: string, goalTitle: string, indicatorName: string) {
  const res = await page.request.get(`/api/scorecard?unit=${unitId}&period=${PERIOD}`);
  expect(res.status()).toBe(200);
  const card = await res.json();
  const goal = card.goals.find((g: { title: string }) => g.title === goalTitle);
  const figure = goal.indicators.find((i: { name: string }) => i.name === indicatorName);
  expect(typeof figure.outcome).toBe('number');
  const number = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format(figure.outcome);
  return `${number}\u00a0${figure.measureUnit}`;
}

/** A goal's row in the scorecard matrix. */
const goalRow = (title: string): Locator => page.locator(`tr[data-goal="${title}"]`);
/** The row of an indicator under a goal in the matrix (an indicator may measure several goals). */
const indicatorRow = (goal: string, indicator: string): Locator =>
  goalRow(goal).locator(`xpath=following-sibling::tr[@data-indicator="${indicator}"][1]`);
/** Opens a goal's analysis below its row and answers the analysis's region. */
async function openAnalysis(goal: string, unit: string): Promise<Locator> {
  await goalRow(goal)
    .getByRole('button', { name: `Analys: ${goal}` })
    .click();
  return page.getByRole('region', { name: new RegExp(`^Analys för ${unit}, december 2025`) });
}

describe('steering chain journey', () => {
  it('lets a division manager enter an outcome for a ward', async () => {
    await page.goto('/varden');
    await signIn('chef.medicin');
    await page.getByRole('heading', { level: 1, name: 'Mata in värden' }).waitFor();
    await expectAccessible('value entry, nothing chosen');

    await choose('Indikator', 'Budgetavvikelse', /^Budgetavvikelse, ackumulerad/);
    await choose('År', '2025', /^2025$/);
    // The manager's own division is preselected; the grid lists the wards under it.
    await page.getByRole('table', { name: /Utfall för Budgetavvikelse, ackumulerad \(tkr\), 2025/ }).waitFor();
    const cell = page.getByLabel('Medicinavdelning 1, december 2025');
    await cell.fill('1 234,5');
    await expect.poll(() => page.getByText('1 ändrat värde').count()).toBe(1);
    await expectAccessible('value grid with a change');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('1 värde är sparat.').waitFor();
    await expect.poll(() => cell.inputValue()).toBe('1\u00a0234,5');

    // The decimal comma reached the server as a decimal point.
    const indicator = new URL(page.url()).searchParams.get('indicator') ?? '';
    const { units } = await (await page.request.get('/api/org-units')).json();
    const ward = units.find((u: { name: string }) => u.name === 'Medicinavdelning 1');
    const res = await page.request.get(
      `/api/values?indicator=${indicator}&unit=${ward.id}&from=${PERIOD}&to=${PERIOD}`,
    );
    const { values } = await res.json();
    expect(values.filter((v: { kind: string }) => v.kind === 'outcome').map((v: { value: string }) => v.value)).toEqual(
      ['1234.5'],
    );
    await expectAccessible('value grid saved');
  });

  it("lets the manager write the month's analysis on the division's scorecard", async () => {
    await followMenu(page, 'Styrkort');
    await page.getByRole('heading', { level: 1, name: 'Styrkort för Medicin' }).waitFor();
    await choosePeriod(PERIOD);
    await scorecardOf('Medicin');

    await goalRow(AGENCY_GOAL).getByText('Ärvt från Region Exempel').waitFor();
    const goal = await openAnalysis(AGENCY_GOAL, 'Medicin');
    await goal.getByRole('button', { name: /analys$/ }).click();
    await goal.getByRole('textbox', { name: /^Analys för Medicin, december 2025/ }).fill(ANALYSIS);
    await expectAccessible('scorecard, writing an analysis');
    await goal.getByRole('button', { name: 'Spara analysen' }).click();
    await goal.getByText('Analysen är sparad.').waitFor();
    await goal.getByText(ANALYSIS).waitFor();
    await goal.getByText(/Skriven av Erik Sundin/).waitFor();
    await expectAccessible('scorecard of Medicin');

    // A month without outcomes offers the latest month that has them, legibly (axe: contrast).
    const { units } = await (await page.request.get('/api/org-units')).json();
    const medicin = units.find((u: { name: string }) => u.name === 'Medicin');
    await page.goto(`/styrkort/${medicin.id}?period=2027-06`);
    const latest = page.getByRole('link', { name: /^Visa senaste månad med utfall/ });
    await latest.waitFor();
    await expectAccessible('scorecard of a month without outcomes');
    await latest.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('period')).not.toBe('2027-06');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('button', { name: 'Logga in' }).waitFor();
  });

  it('lets a politician follow the scorecard down from the region to the division', async () => {
    await signIn('politiker');
    await followMenu(page, 'Styrkort');
    await page.getByRole('heading', { level: 1, name: 'Styrkort för Region Exempel' }).waitFor();
    await choosePeriod(PERIOD);
    await scorecardOf('Region Exempel');
    // The status counts are a line of text above the matrix.
    await page.getByText(/^Indikatorernas status december 2025:/).waitFor();
    await expectAccessible('scorecard of Region Exempel');

    const children = (unit: string) => page.getByRole('navigation', { name: `Enheter under ${unit}:` });
    await children('Region Exempel').getByRole('link', { name: 'Hälso- och sjukvård' }).click();
    await scorecardOf('Hälso- och sjukvård');
    await expectAccessible('scorecard of Hälso- och sjukvård');

    await children('Hälso- och sjukvård').getByRole('link', { name: 'Medicin', exact: true }).click();
    await scorecardOf('Medicin');
    await page
      .getByRole('navigation', { name: 'Enhetens plats i organisationen' })
      .getByText('Hälso- och sjukvård')
      .waitFor();

    const goal = await openAnalysis(AGENCY_GOAL, 'Medicin');
    await goal.getByText(ANALYSIS).waitFor();
    // A politician reads; only those who may write get the form.
    expect(await goal.getByRole('button', { name: /analys$/ }).count()).toBe(0);

    const medicinId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const expected = await outcomeFromApi(medicinId, AGENCY_GOAL, AGENCY_SHARE);
    const row = indicatorRow(AGENCY_GOAL, AGENCY_SHARE);
    expect(await row.getByRole('cell').nth(1).textContent()).toContain(expected);
    await expectAccessible('scorecard of Medicin, as a politician');
  });

  it('shows a plan that steers without a decision, and a goal changed without one', async () => {
    await followMenu(page, 'Planer');
    await page.getByRole('heading', { level: 1, name: 'Planer' }).waitFor();
    const roadmap = page.getByRole('row', { name: /^Färdplan 2030/ });
    await roadmap.getByText('Styr verksamhet men saknar beslut').waitFor();
    await roadmap.getByText('Utkast').waitFor();
    const regionplan = page.getByRole('row', { name: /^Regionplan 2025–2027/ });
    await regionplan.getByText('Regionfullmäktige 2024-11-26 § 145 (RS/1234/2024)').waitFor();
    expect(await regionplan.getByText('Styr verksamhet men saknar beslut').count()).toBe(0);
    await expectAccessible('plans');

    await regionplan.getByRole('link', { name: 'Regionplan 2025–2027' }).click();
    await page.getByRole('heading', { level: 1, name: 'Regionplan 2025–2027' }).waitFor();
    await expectAccessible('plan');
    await page.getByRole('link', { name: 'Andelen nära vård ska öka' }).click();
    await page.getByRole('heading', { level: 1, name: 'Andelen nära vård ska öka' }).waitFor();
    const drift = page.getByRole('alert').filter({ hasText: 'Ändrad utan beslut' });
    await drift
      .getByRole('region', { name: 'Beslutad lydelse' })
      .getByText('Primärvårdens andel av hälso- och sjukvårdens resurser ska öka')
      .waitFor();
    await drift.getByRole('region', { name: 'Nuvarande lydelse' }).getByText('Andelen nära vård ska öka').waitFor();
    await expectAccessible('goal with drift');
  });

  it('follows one indicator across the organisation, and lists decisions, assignments and activities', async () => {
    await page.goto(`/styrkort?period=${PERIOD}`);
    await scorecardOf('Region Exempel');
    await indicatorRow(AGENCY_GOAL, AGENCY_SHARE)
      .getByRole('button', { name: `Visa trenddiagram för ${AGENCY_SHARE}` })
      .click();
    await page.locator('.matrix-detail').getByRole('link', { name: AGENCY_SHARE }).click();
    await page.getByRole('heading', { level: 1, name: AGENCY_SHARE }).waitFor();
    await page.getByRole('table', { name: /Utfall per enhet i de två nivåerna under Region Exempel/ }).waitFor();
    const all = page.getByRole('table', { name: /alla enheter, december 2025/ });
    await all.getByRole('rowheader', { name: /^Medicin Division/ }).waitFor();
    await expectAccessible('indicator across units');

    await followMenu(page, 'Beslut');
    await page.getByLabel('Sök i beslutsregistret').fill('RS/577/2024');
    const info = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^Färdplan 2030 – information/ }) });
    await info.getByText('Information – antecknas till protokollet').waitFor();
    await page.getByRole('table', { name: /^Beslutsregistret, 1 ärende,/ }).waitFor();
    await expectAccessible('decisions register');

    await followMenu(page, 'Uppdrag');
    await page.getByLabel('Bara försenade').check();
    await page.getByRole('table', { name: 'Uppdrag med försenad återrapportering' }).waitFor();
    await page
      .getByRole('row', { name: /^Utred akutsjukvårdens organisation/ })
      .getByText('Återrapportering försenad')
      .waitFor();
    await expectAccessible('overdue assignments');

    await followMenu(page, 'Aktiviteter');
    await page
      .getByRole('progressbar', { name: 'Framdrift för Rekrytera sjuksköterskor till medicinavdelningarna' })
      .waitFor();
    await expectAccessible('activities');
  });
});
