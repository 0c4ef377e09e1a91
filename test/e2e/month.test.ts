import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, seriousA11yViolations, startServer } from './support';

// Journey (issue 13): the manager of Område Ortopedi och kirurgi starts on the start page,
// opens Kirurgavdelning 1's month from the list of reports to hand in, enters every indicator's
// outcome and forecast, the measures, the goal analyses and the unit's analysis on that one
// page, and hands it in; the division manager of Kirurgi finds it waiting on the start page,
// reviews it with its figures and approves it. Clicks are counted: at most 30 for both.
//
// The server runs on the real clock; the month is whatever the start page opens on (the
// newest followed-up month that has ended), so the test reads it from the API.
const UNIT = 'Kirurgavdelning 1';

let server: RunningServer;
let browser: Browser;
let page: Page;
let clicks = 0;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'sv-SE',
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every click of the journey goes through here, so the count is the user's. */
async function click(locator: ReturnType<Page['locator']>) {
  clicks += 1;
  await locator.click();
}

async function expectAccessible(label: string) {
  expect(await seriousA11yViolations(page, label), `axe on ${label}`).toEqual([]);
}

async function signInOnStart(username: string) {
  await page.context().clearCookies();
  await page.goto('/');
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel(/^Lösenord/).fill('demo');
  await click(page.getByRole('button', { name: 'Logga in' }));
  await page.getByRole('heading', { level: 1, name: /^Att göra i / }).waitFor();
}

describe('the month in one place', () => {
  let month = '';

  // A whole month of entry on a shared machine: the steps, not the test, have the usual timeouts.
  const JOURNEY_MS = 600_000;
  const step = (text: string) => console.info(`[month journey] ${text}`);

  it(
    'lets a manager do a unit month from the start page and hand it in',
    async () => {
      await signInOnStart('chef.ortokir');
      month = ((await (await page.request.get('/api/periods/current')).json()) as { month: string }).month;
      const task = page.getByTestId('tasks-submit').getByRole('link', { name: `Lämna in ${UNIT}, ${month}` });
      // axe looks at the page once the tasks have come, not at the spinner before them.
      await task.waitFor();
      step(`start page for ${month}`);
      await expectAccessible('start page (manager)');
      await click(task);
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${UNIT} – `) }).waitFor();
      // The context is in the address, and the menu carries it on.
      expect(page.url()).toContain(`manad=${month}`);
      expect(
        await page.getByRole('navigation', { name: 'Huvudmeny' }).locator('a[href^="/styrkort"]').getAttribute('href'),
      ).toContain(`manad=${month}`);
      await page.getByTestId('month-indicators').waitFor();
      step('month page');
      await expectAccessible('month page (manager)');

      // Every indicator: outcome and forecast (ratios as their parts), typed row by row.
      const cells = page.getByTestId('month-indicators').locator('input');
      const count = await cells.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) await cells.nth(i).fill(String(40 + (i % 7)));
      await cells.nth(count - 1).press('Enter');
      step(`${count} indicator cells entered`);
      // Measures: this month's forecast of the year's effect, saved with Enter.
      const measures = page.getByTestId('month-measures');
      if ((await measures.count()) > 0) {
        const forecasts = measures.getByRole('textbox', { name: /^Prognos, kr/ });
        for (let i = 0; i < (await forecasts.count()); i++) {
          await forecasts.nth(i).fill('250000');
          await forecasts.nth(i).press('Enter');
        }
      }
      const goals = page.getByRole('textbox', { name: /^Analys av målet / });
      for (let i = 0; i < (await goals.count()); i++)
        await goals.nth(i).fill('Utfallet följer planen; inga avvikelser att åtgärda.');
      await page.getByRole('textbox', { name: 'Enhetens samlade analys' }).fill('Månaden i nivå med budget och målen.');
      await page.getByRole('textbox', { name: 'Enhetens samlade analys' }).press('Tab');
      await expect
        .poll(() => page.getByText('Inget saknas. Rapporten kan lämnas in.').count(), { timeout: 30_000 })
        .toBe(1);

      step('nothing missing');
      await click(page.getByRole('button', { name: 'Lämna in' }));
      await expect.poll(() => page.getByTestId('month-status').textContent(), { timeout: 60_000 }).toBe('Inlämnad');
      expect(await page.getByText('Rapporten är inlämnad. Inget mer behövs från enheten.').count()).toBe(1);
    },
    JOURNEY_MS,
  );

  it(
    'lets the approver review the figures on the same page and approve, within 30 clicks for both',
    async () => {
      await signInOnStart('chef.kirurgi');
      const review = page
        .getByTestId('tasks-approve')
        .getByRole('link', { name: `Granska och godkänn ${UNIT}, ${month}` });
      await review.waitFor();
      await expectAccessible('start page (approver)');
      await click(review);
      await page.getByRole('heading', { level: 1, name: new RegExp(`^${UNIT} – `) }).waitFor();
      // Read-only, with figures, statuses and last period's figure.
      const table = page.getByTestId('month-indicators');
      await table.waitFor();
      expect(await table.locator('input').count()).toBe(0);
      expect(await table.getByText(/^4\d/).count()).toBeGreaterThan(0);
      expect(await table.getByRole('columnheader', { name: 'Förra perioden' }).count()).toBe(1);
      await expectAccessible('month page (approver)');
      await click(page.getByRole('button', { name: 'Godkänn' }));
      await expect.poll(() => page.getByTestId('month-status').textContent(), { timeout: 60_000 }).toBe('Godkänd');
      expect(await page.getByRole('button', { name: 'Godkänn' }).count()).toBe(0);
      expect(clicks).toBeLessThanOrEqual(30);
      step(`clicks: ${clicks}`);
    },
    JOURNEY_MS,
  );
});
