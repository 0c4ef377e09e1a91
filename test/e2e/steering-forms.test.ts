import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, seriousA11yViolations, signInAs, startServer } from './support';

// Journey: the controller builds a piece of the steering chain from the pages — registers a
// decision, creates a draft plan and a goal in it — rewords a goal of the decided regionplan
// without a decision and is warned first, and defines an indicator with a target; a division
// manager is not offered to define indicators.
//
// Names carry a stamp so the journey can be read apart from the demo's own records.
const STAMP = String(Date.now()).slice(-6);
const DECISION = `Kortare väntetider till specialistvården ${STAMP}`;
const PLAN = `Handlingsplan väntetider ${STAMP}`;
const GOAL = `Väntetiderna till specialistvården ska halveras ${STAMP}`;
const SATISFIED = 'Patienterna ska vara nöjda med vården';
const REWORDED = `Patienterna ska vara nöjda med vård och bemötande ${STAMP}`;
const INDICATOR = `Patienter som väntat över 90 dagar ${STAMP}`;
const DRIFT_WARNING = 'Planen är beslutad. En ny formulering utan beslut visas som ändrad utan beslut.';

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

/** Picks an option in a Mantine select (or multi-select) by typing part of its label. */
async function choose(scope: Locator, label: string, search: string, option: RegExp) {
  const input = scope.getByLabel(new RegExp(`^${label}`)).first();
  await input.click();
  if (await input.isEditable()) await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

const signIn = (username: string) => signInAs(page, username);

async function signOut() {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('button', { name: 'Logga in' }).waitFor();
}

// The menu is grouped by task: open the steering group, then choose the entry.
const nav = (name: string) => ({
  click: async () => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('button', { name: 'Styrning' }).click();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true }).click();
  },
});
const form = (name: string) => page.getByRole('region', { name, exact: true });

describe('steering forms journey', () => {
  it('lets the controller register a decision of Regionfullmäktige', async () => {
    await page.goto('/beslut');
    await signIn('controller');
    await page.getByRole('heading', { level: 1, name: 'Beslut' }).waitFor();
    await page.getByRole('button', { name: 'Registrera beslut' }).click();
    const decision = form('Registrera beslut');
    await decision.getByRole('radio', { name: 'Beslut', exact: true }).check();
    await choose(decision, 'Organ', 'fullmäktige', /^Regionfullmäktige$/);
    await decision.getByLabel(/^Beslutsdatum/).fill('2025-06-17');
    await decision.getByLabel(/^Paragraf/).fill('§ 88');
    await decision.getByLabel(/^Diarienummer/).fill(`RS/${STAMP}/2025`);
    await decision.getByLabel(/^Rubrik/).fill(DECISION);
    await decision
      .getByLabel(/^Beslutstext/)
      .fill('Regionfullmäktige ger regionstyrelsen i uppdrag att korta väntetiderna.');
    await expectAccessible('decision form filled in');
    await decision.getByRole('button', { name: 'Registrera', exact: true }).click();

    await page.getByText(`Beslut ”${DECISION}” är registrerat.`).waitFor();
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${DECISION}`) }) });
    await row.getByRole('cell', { name: 'Regionfullmäktige', exact: true }).waitFor();
    await row.getByRole('cell', { name: '§ 88', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Beslut', exact: true }).waitFor();
    await expectAccessible('decisions register with the new decision');
  });

  it('lets the controller create a draft plan and add a goal to it', async () => {
    await nav('Planer').click();
    await page.getByRole('heading', { level: 1, name: 'Planer' }).waitFor();
    await page.getByRole('button', { name: 'Ny plan' }).click();
    const plan = form('Ny plan');
    await choose(plan, 'Typ av plan', 'Handling', /^Handlingsplan$/);
    await plan.getByLabel(/^Rubrik/).fill(PLAN);
    await plan.getByLabel(/^Första år/).fill('2026');
    await plan.getByLabel(/^Sista år/).fill('2026');
    await plan.getByRole('radio', { name: 'Ett politiskt organ' }).check();
    await choose(plan, 'Ägande organ', 'fullmäktige', /^Regionfullmäktige$/);
    await choose(plan, 'Överordnad plan', 'Regionplan', /^Regionplan 2025–2027$/);
    await expectAccessible('new plan form filled in');
    await plan.getByRole('button', { name: 'Skapa planen' }).click();

    await page.getByRole('heading', { level: 1, name: PLAN }).waitFor();
    await page.getByText('Planen är skapad som utkast.').waitFor();
    await page.getByText('Planen har inga mål.').waitFor();

    const goal = form('Nytt mål');
    await goal.getByLabel(/^Målets formulering/).fill(GOAL);
    await choose(goal, 'Ägare', 'Region Exempel', /^Region Exempel/);
    await choose(goal, 'Perspektiv', 'Verksamhet', /^Verksamhet$/);
    await choose(goal, 'Målet tjänar', 'tillgång', /^Invånarna ska ha god tillgång till vård/);
    await page.keyboard.press('Escape');
    await expectAccessible('new goal form filled in');
    await goal.getByRole('button', { name: 'Lägg till målet' }).click();

    await goal.getByText(`Målet ”${GOAL}” är tillagt i planen.`).waitFor();
    const goals = page.getByRole('table', { name: `Mål i ${PLAN}` });
    await goals.getByRole('link', { name: GOAL }).waitFor();
    await goals
      .getByRole('row', { name: new RegExp(`^${GOAL}`) })
      .getByText('Planen är inte beslutad')
      .waitFor();
    await expectAccessible('plan with its new goal');
  });

  it('warns the controller before a goal of a decided plan is reworded without a decision', async () => {
    await nav('Planer').click();
    await page.getByRole('link', { name: 'Regionplan 2025–2027', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Regionplan 2025–2027' }).waitFor();
    // A decided plan takes no new goals; the page says why instead of offering the form.
    await page.getByText(/Planens senaste version är beslutad och ändras inte, så inga mål kan läggas till/).waitFor();
    expect(await page.getByRole('button', { name: 'Lägg till målet' }).count()).toBe(0);
    await page.getByRole('link', { name: SATISFIED, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: SATISFIED }).waitFor();

    await page.getByRole('button', { name: 'Ändra formulering' }).click();
    const edit = form('Ändra formulering');
    expect(await page.getByText(DRIFT_WARNING, { exact: true }).count()).toBe(0);
    await edit.getByLabel(/^Ny formulering/).fill(REWORDED);
    await edit.getByText(DRIFT_WARNING, { exact: true }).waitFor();
    await expectAccessible('goal rewording with the drift warning');
    await edit.getByRole('button', { name: 'Spara utan beslut' }).click();

    await page.getByRole('heading', { level: 1, name: REWORDED }).waitFor();
    const drift = page.getByRole('alert').filter({ hasText: 'Ändrad utan beslut' });
    await drift.getByRole('region', { name: 'Beslutad lydelse' }).getByText(SATISFIED, { exact: true }).waitFor();
    await drift.getByRole('region', { name: 'Nuvarande lydelse' }).getByText(REWORDED, { exact: true }).waitFor();
    await expectAccessible('goal changed without a decision');
  });

  it('lets the controller define a sum indicator and set a 2025 target for the region', async () => {
    await nav('Indikatorer').click();
    await page.getByRole('heading', { level: 1, name: 'Indikatorer' }).waitFor();
    await page.getByRole('table', { name: /indikatorer$/ }).waitFor();
    await expectAccessible('indicator list');
    await page.getByRole('button', { name: 'Ny indikator' }).click();
    const definition = form('Ny indikator');
    await definition.getByLabel(/^Namn/).fill(INDICATOR);
    await definition.getByLabel(/^Kod/).fill(`vant${STAMP}`);
    await definition.getByLabel(/^Måttenhet/).fill('st');
    await choose(definition, 'Riktning', 'Lägre', /^Lägre är bättre$/);
    await definition.getByRole('radio', { name: 'Summa', exact: true }).check();
    // Numerator and denominator belong to a ratio only.
    expect(await definition.getByLabel(/^Täljare/).count()).toBe(0);
    await expectAccessible('new indicator form filled in');
    await definition.getByRole('button', { name: 'Skapa indikatorn' }).click();

    await page.getByRole('heading', { level: 1, name: INDICATOR }).waitFor();
    await page.getByText('Indikatorn är skapad. Sätt målvärden nedan.').waitFor();
    await page.getByText('Inga målvärden är satta.').waitFor();
    const target = form('Sätt målvärde');
    await choose(target, 'Enhet', 'Region Exempel', /^Region Exempel/);
    await target.getByLabel(/^År eller månad/).fill('2025');
    await target.getByLabel(/^Målvärde/).fill('1 234,5');
    await target.getByLabel(/^Tolerans/).fill('10');
    await target.getByRole('button', { name: 'Spara målvärdet' }).click();

    const targets = page.getByRole('table', { name: `Målvärden för ${INDICATOR}` });
    const row = targets.getByRole('row', { name: /^Region Exempel/ });
    await row.getByRole('cell', { name: '2025', exact: true }).waitFor();
    await row.getByRole('cell', { name: '1\u00a0234,5\u00a0st' }).waitFor();
    await expectAccessible('indicator with a target');

    // The decimal comma reached the server as a decimal point.
    const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const res = await page.request.get(`/api/indicators/${id}/targets`);
    expect(res.status()).toBe(200);
    const { targets: stored } = await res.json();
    expect(stored).toEqual([expect.objectContaining({ period: '2025', target: '1234.5', tolerance: '10' })]);
  });

  it('does not offer a division manager to define indicators', async () => {
    await signOut();
    await signIn('chef.medicin');
    await nav('Indikatorer').click();
    await page.getByRole('heading', { level: 1, name: 'Indikatorer' }).waitFor();
    await page.getByRole('link', { name: INDICATOR }).waitFor();
    expect(await page.getByRole('button', { name: 'Ny indikator' }).count()).toBe(0);
    await expectAccessible('indicator list as a division manager');

    await page.getByRole('link', { name: INDICATOR }).click();
    await page.getByRole('heading', { level: 1, name: INDICATOR }).waitFor();
    await page.getByRole('table', { name: `Målvärden för ${INDICATOR}` }).waitFor();
    expect(await page.getByRole('button', { name: 'Ändra definitionen' }).count()).toBe(0);
    // The region's target is the controller's; the manager may not remove it.
    expect(await page.getByRole('button', { name: /^Ta bort målvärdet för Region Exempel/ }).count()).toBe(0);
    await expectAccessible('indicator page as a division manager');
  });
});
