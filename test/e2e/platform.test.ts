import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followMenu, launchBrowser, type RunningServer, seriousA11yViolations, startServer } from './support';

// Journey: an administrator browses and changes the organisation; an auditor and a manager see the result.
const shots = new URL('../../.test-results/', import.meta.url).pathname;

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // axe needs a page from an explicit context.
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'sv-SE',
    viewport: { width: 1280, height: 900 },
  });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(label: string) {
  expect(await seriousA11yViolations(page, label), `axe on ${label}`).toEqual([]);
}

async function signIn(username: string) {
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel(/^Lösenord/).fill('demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Logga ut' }).count()).toBe(1);
}

async function signOut() {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
}

const focusedText = () => page.evaluate(() => document.activeElement?.querySelector('.tree-name')?.textContent ?? '');
const focused = (attribute: string) => page.evaluate((a) => document.activeElement?.getAttribute(a) ?? null, attribute);

describe('platform journey', () => {
  let unitUrl = '';

  it('shows the accessibility statement to everyone and refuses a wrong password', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await expectAccessible('sign-in');
    // The password's show button is reached by keyboard, named in Swedish, and says its state.
    const password = page.getByLabel(/^Lösenord/);
    await password.fill('hemligt');
    await password.focus();
    await page.keyboard.press('Tab');
    expect(await focused('aria-label')).toBe('Visa lösenordet');
    expect(await focused('aria-pressed')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await password.getAttribute('type')).toBe('text');
    expect(await focused('aria-pressed')).toBe('true');
    await page.keyboard.press('Enter');
    expect(await password.getAttribute('type')).toBe('password');
    await password.fill('');

    await page.getByRole('contentinfo').getByRole('link', { name: 'Tillgänglighetsredogörelse' }).click();
    await page.getByRole('heading', { level: 1, name: /Tillgänglighetsredogörelse/ }).waitFor();
    expect(await page.getByText('lagen (2018:1937) om tillgänglighet till digital offentlig service').count()).toBe(1);
    expect(await page.title()).toContain('Tillgänglighetsredogörelse');
    await expectAccessible('accessibility statement');

    await page.goto('/');
    await page.getByLabel('Användarnamn').fill('admin');
    await page.getByLabel(/^Lösenord/).fill('fel-lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'Fel användarnamn eller lösenord' }).count())
      .toBe(1);
    await expectAccessible('sign-in with error');
  });

  it('says in words that a page is still loading, and the waiting page passes axe', async () => {
    // Every API answer is held back, so the page shows its waiting state for as long as the test looks.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route('**/api/**', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto('/organisation');
      const waiting = page.getByRole('status').filter({ hasText: 'Laddar…' });
      await waiting.first().waitFor();
      await expectAccessible('waiting page');
    } finally {
      release();
      // The held requests go on to the server before the page stops holding new ones.
      await page.unrouteAll({ behavior: 'wait' });
    }
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Laddar…' }).count()).toBe(0);
  });

  it('lets the administrator browse the tree with the keyboard and search it', async () => {
    await signIn('admin');
    // Signing in lands on the start page; the tree is a menu item away.
    await followMenu(page, 'Organisation');
    await page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    const banner = page.getByRole('banner');
    expect(await banner.getByText('Alva Admin').count()).toBe(1);
    expect(await banner.getByText('Administratör').count()).toBe(1);
    expect(
      await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).count(),
    ).toBe(1);

    const tree = page.getByRole('tree', { name: 'Organisationsträd' });
    const root = tree.getByRole('treeitem', { name: /^Region Exempel/ });
    expect(await root.getAttribute('aria-expanded')).toBe('true');
    expect(await root.getAttribute('tabindex')).toBe('0');
    await page.screenshot({ path: `${shots}tree.png`, fullPage: true });
    await expectAccessible('tree');

    await root.focus();
    await page.keyboard.press('ArrowDown');
    expect(await focused('aria-level')).toBe('2');
    const first = await focusedText();
    expect(await focused('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    expect(await focused('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await focused('aria-level')).toBe('3');
    await page.keyboard.press('ArrowLeft');
    expect(await focusedText()).toBe(first);
    await page.keyboard.press('ArrowLeft');
    expect(await focused('aria-expanded')).toBe('false');
    await page.keyboard.press('End');
    expect(await focused('aria-level')).toBe('2');
    await page.keyboard.press('Home');
    expect(await focusedText()).toBe('Region Exempel');
    // Only the focused item is in the tab order (roving tabindex).
    expect(await tree.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);

    await page.getByLabel('Sök enhet').fill('akutklin');
    const match = tree.getByRole('treeitem', { name: /^Akutkliniken/ });
    await match.waitFor();
    expect(await tree.getByRole('treeitem').count()).toBeLessThan(8);
    await expect.poll(() => page.getByText('1 enhet matchar sökningen').count()).toBe(1);
    await expectAccessible('tree with search');

    await match.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Akutkliniken' }).waitFor();
    unitUrl = new URL(page.url()).pathname;
    expect(unitUrl).toMatch(/^\/enheter\//);
  });

  it('shows the unit page and records an edit in its history', async () => {
    expect(await page.title()).toBe('Akutkliniken – Röd tråd');
    const crumbs = page.getByRole('navigation', { name: 'Brödsmulor' });
    expect(await crumbs.getByRole('link', { name: 'Region Exempel' }).count()).toBe(1);
    expect(await page.getByText('Verksamhet', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText('2221', { exact: true }).count()).toBe(1);
    const history = page.getByRole('table', { name: /Alla ändringar av enheten/ });
    await history.waitFor();
    expect(await history.getByText('Skapad', { exact: true }).count()).toBe(1);
    await expectAccessible('unit page');

    await page.getByRole('button', { name: 'Redigera' }).click();
    const form = page.getByRole('region', { name: 'Ändra enhet' });
    await form.getByLabel('Namn').fill('');
    await form.getByRole('button', { name: 'Spara' }).click();
    // The server's field error is shown next to the field.
    await expect.poll(() => form.getByText('får inte vara tomt').count()).toBe(1);
    await expectAccessible('unit edit form with error');

    // Someone else changes the manager while the form is open: saving must not overwrite it.
    const id = unitUrl.split('/').pop();
    const read = await page.request.get(`/api/org-units/${id}`);
    const { unit } = (await read.json()) as { unit: { version: number } };
    const other = await page.request.patch(`/api/org-units/${id}`, {
      data: { version: unit.version, managerName: 'Karin Berg' },
    });
    expect(other.status()).toBe(200);
    await form.getByLabel('Namn').fill('Akutkliniken Centralsjukhuset');
    await form.getByRole('button', { name: 'Spara' }).click();
    await expect.poll(() => form.getByText('Någon annan har ändrat enheten').count()).toBe(1);
    await expect.poll(() => form.getByLabel('Chef').inputValue()).toBe('Karin Berg');
    await expectAccessible('unit edit form with conflict');

    await form.getByLabel('Namn').fill('Akutkliniken Centralsjukhuset');
    await form.getByRole('button', { name: 'Spara' }).click();
    await page.getByRole('heading', { level: 1, name: 'Akutkliniken Centralsjukhuset' }).waitFor();
    await expect.poll(() => page.getByText('Ändringen är sparad.').count()).toBe(1);
    const changed = history.getByRole('row').filter({ hasText: 'Akutkliniken → Akutkliniken Centralsjukhuset' });
    await changed.waitFor();
    // The history names the actor by user name, as recorded at the time.
    expect(await changed.getByRole('cell', { name: 'admin', exact: true }).count()).toBe(1);
    expect(await changed.getByText('Ändrad').count()).toBe(1);
    await page.screenshot({ path: `${shots}unit.png`, fullPage: true });
    await expectAccessible('unit page after edit');
  });

  it('gives the administrator the political bodies and administration pages', async () => {
    await followMenu(page, 'Politiska organ');
    await page.getByRole('heading', { level: 1, name: 'Politiska organ' }).waitFor();
    await page.getByRole('rowheader', { name: 'Regionfullmäktige' }).waitFor();
    await expectAccessible('bodies');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Political bodies' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Political bodies' }).waitFor();
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Politiska organ' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');

    await followMenu(page, 'Administration');
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.screenshot({ path: `${shots}admin.png`, fullPage: true });
    await expectAccessible('administration: units');
    await page.getByRole('tab', { name: 'Användare och roller' }).click();
    await page.getByRole('rowheader', { name: 'Rut Revisor' }).waitFor();
    await expectAccessible('administration: users');
    await signOut();
  });

  it('shows the history to the auditor without an edit button', async () => {
    await signIn('revisor');
    await page.goto(unitUrl);
    await page.getByRole('heading', { level: 1, name: 'Akutkliniken Centralsjukhuset' }).waitFor();
    const history = page.getByRole('table', { name: /Alla ändringar av enheten/ });
    await history.getByRole('row').filter({ hasText: 'Akutkliniken → Akutkliniken Centralsjukhuset' }).waitFor();
    expect(await page.getByRole('button', { name: 'Redigera' }).count()).toBe(0);
    await expectAccessible('unit page as auditor');

    // The tree as it was before the rename still shows the old name.
    await followMenu(page, 'Organisation');
    await page.getByLabel('Visa trädet per datum').fill('2021-01-01');
    await page.getByLabel('Sök enhet').fill('akutklin');
    await page.getByRole('treeitem', { name: /^Akutkliniken 2221/ }).waitFor();
    expect(await page.getByRole('treeitem', { name: /Centralsjukhuset/ }).count()).toBe(0);
    expect(new URL(page.url()).search).toBe('?asOf=2021-01-01');
    await expectAccessible('tree as of an earlier date');
    await signOut();
  });

  it('gives a division manager neither editing nor administration', async () => {
    await signIn('chef.kirurgi');
    await page.goto(unitUrl);
    await page.getByRole('heading', { level: 1, name: 'Akutkliniken Centralsjukhuset' }).waitFor();
    expect(await page.getByRole('button', { name: 'Redigera' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Administration', includeHidden: true }).count()).toBe(0);
    expect(
      await page.getByRole('link', { name: 'Organisation', exact: true, includeHidden: true }).count(),
    ).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: 'Historik' }).count()).toBe(0);
    await expectAccessible('unit page as manager');
    await signOut();
  });
});
