import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followMenu, launchBrowser, type RunningServer, seriousA11yViolations, startServer } from './support';

// Journey: an administrator creates a unit, a user with a role, and links a body to the new unit.
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
  page.setDefaultTimeout(10_000);
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
  // A required field's label ends in an asterisk, so match on the start.
  const input = scope.getByLabel(new RegExp(`^${label}`)).first();
  await input.click();
  if (await input.isEditable()) await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

describe('administration journey', () => {
  it('creates a unit under a chosen parent', async () => {
    await page.goto('/administration');
    await page.getByLabel('Användarnamn').fill('admin');
    await page.getByLabel(/^Lösenord/).fill('demo');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();

    const form = page.getByRole('region', { name: 'Skapa enhet' });
    await form.getByRole('button', { name: 'Skapa enhet' }).click();
    await expect.poll(() => form.getByText('Rätta de markerade fälten').count()).toBe(1);
    await expectAccessible('create unit with errors');

    await choose('Överordnad enhet', 'Akutkliniken', /^Akutkliniken/, form);
    await form.getByLabel(/^Namn/).fill('Akutvårdsavdelning 9');
    await form.getByLabel('Kostnadsställe').fill('22219');
    await form.getByRole('button', { name: 'Skapa enhet' }).click();
    await expect.poll(() => form.getByText('Enheten Akutvårdsavdelning 9 är skapad.').count()).toBe(1);
    await expectAccessible('create unit done');

    await followMenu(page, 'Organisation');
    await page.getByLabel('Sök enhet').fill('22219');
    await page.getByRole('treeitem', { name: /^Akutvårdsavdelning 9/ }).waitFor();
  });

  it('creates a user and grants a role', async () => {
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: 'Användare och roller' }).click();
    await page.getByRole('button', { name: 'Ny användare' }).click();
    const create = page.getByRole('region', { name: 'Ny användare' });
    await create.getByLabel(/^Användarnamn/).fill('chef.akut');
    await create.getByLabel(/^Namn/).fill('Aino Akut');
    await create.getByLabel(/^Lösenord/).fill('kort');
    await create.getByRole('button', { name: 'Skapa användare' }).click();
    await expect.poll(() => create.locator('[id$="-error"]').count()).toBeGreaterThan(0);
    await expectAccessible('create user with errors');
    await create.getByLabel(/^Lösenord/).fill('ett-långt-lösenord');
    await create.getByRole('button', { name: 'Skapa användare' }).click();
    await page.getByRole('rowheader', { name: 'Aino Akut' }).waitFor();

    await page.getByRole('button', { name: 'Redigera Aino Akut' }).click();
    const edit = page.getByRole('region', { name: 'Ändra Aino Akut' });
    await choose('Roll', 'Chef', /^Chef$/, edit);
    await choose('Enhet', 'Akutkliniken', /^Akutkliniken/, edit);
    await edit.getByRole('button', { name: 'Ge roll' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /Aino Akut/ })
          .getByText('Chef (Akutkliniken)')
          .count(),
      )
      .toBe(1);
    await expectAccessible('user with role');
  });

  it('links a political body to a unit', async () => {
    await page.getByRole('tab', { name: 'Politiska organ' }).click();
    await page.getByRole('button', { name: 'Redigera Hälso- och sjukvårdsnämnden' }).click();
    const form = page.getByRole('region', { name: 'Ändra Hälso- och sjukvårdsnämnden' });
    await choose('Styr enheter', 'Akutvårdsavdelning', /^Akutvårdsavdelning 9/, form);
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('button', { name: 'Nytt organ' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: /Ändra/ }).count()).toBe(0);
    await expectAccessible('bodies admin');

    await followMenu(page, 'Organisation');
    await page.getByLabel('Sök enhet').fill('22219');
    await page.getByRole('treeitem', { name: /^Akutvårdsavdelning 9/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Akutvårdsavdelning 9' }).waitFor();
    expect(await page.getByText('Hälso- och sjukvårdsnämnden').count()).toBeGreaterThan(0);
  });

  it('keeps the delegation order: a bad amount is refused by the field, a good one is saved', async () => {
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: 'Delegationsordning' }).click();
    const limit = page.getByLabel('Högsta belopp i mnkr, nivå 4');
    await expect.poll(() => limit.inputValue()).toBe('10');
    await limit.fill('mycket');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Ange ett tal i mnkr, t.ex. 2,5').waitFor();
    await expectAccessible('delegation order with an error');
    // Below the level under it (5 mnkr): the server names the field.
    await limit.fill('4');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('är lägre än nivån under').waitFor();
    await limit.fill('12,5');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Delegationsordningen är sparad.').waitFor();
    const res = await page.request.get('/api/delegation-levels');
    const levels = (await res.json()).levels as { rank: number; maxAmountKr: string | null }[];
    expect(levels.find((l) => l.rank === 4)?.maxAmountKr).toBe('12500000');
    await expectAccessible('delegation order saved');
  });
});
