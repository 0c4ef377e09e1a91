import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser, type RunningServer, seriousA11yViolations, signInAs, startServer } from './support';

// Journey: every demo role walks the links the UI shows them — from each menu item, every in-app
// link within two clicks — and never meets a refusal, and axe finds nothing serious on any page
// (WCAG 2.1 AA, as each role sees it). The web offers a link or a button only
// where the server's abilities (`can` on records) or reading rules say it leads somewhere, so a
// page saying "Du saknar behörighet", or an /api/ answer 403 while a page loads, is a bug.
//
// Bounded: pages are deduplicated by route pattern (ids become :p), one page per pattern and role,
// and each page is visited once: a menu item already reached from another is walked on from the
// links it had then.

const ROLES = ['admin', 'controller', 'chef.kirurgi', 'chef.medicin', 'chef.ortokir', 'politiker', 'revisor'];
const FORBIDDEN_TEXT = 'Du saknar behörighet';
const PER_PATTERN = 1;
const DEPTH = 2;
// A page has settled when none of its requests has been open for this long and it says nowhere
// that it is still loading: its queries start on the first render, and follow-up queries as soon
// as their answers render, within a few frames.
const QUIET_MS = 250;
const LOADING_TEXT = 'Laddar…';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The route a path belongs to: its first segment, every further segment an id. */
const patternOf = (path: string) => {
  const [first = '', ...rest] = path.split('/').filter(Boolean);
  return `/${[first, ...rest.map(() => ':p')].join('/')}`;
};

/** The in-app links on the page (paths with their query), not downloads, files or the API. */
async function linksOn(page: Page, base: string): Promise<string[]> {
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll((as) => as.filter((a) => !a.hasAttribute('download')).map((a) => (a as HTMLAnchorElement).href));
  const out = new Set<string>();
  for (const href of hrefs) {
    const url = new URL(href, base);
    if (url.origin !== new URL(base).origin || url.pathname.startsWith('/api/')) continue;
    out.add(url.pathname + url.search);
  }
  return [...out];
}

/**
 * Resolves when none of the page's requests has been open for `QUIET_MS` and no status region
 * says the page is loading (the browser's own network-idle rule waits a fixed half second after
 * the last request, twice over for most pages).
 */
function watchRequests(page: Page) {
  const open = new Set<unknown>();
  let lastChange = performance.now();
  const change = () => {
    lastChange = performance.now();
  };
  page.on('request', (r) => {
    open.add(r);
    change();
  });
  const done = (r: unknown) => {
    open.delete(r);
    change();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  const loading = page.getByRole('status').filter({ hasText: LOADING_TEXT });
  return async (timeoutMs: number) => {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (open.size > 0 || performance.now() - lastChange < QUIET_MS) {
        if (performance.now() > deadline) throw new Error(`requests still open after ${timeoutMs} ms: ${open.size}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      if ((await loading.count()) === 0) return;
      if (performance.now() > deadline) throw new Error(`the page still says ${LOADING_TEXT} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
}

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await signInAs(page, username);
}

// The roles walk side by side (the e2e project's `maxConcurrency` at a time), each in a browser
// context of its own against the one server: most of a page's time is the browser rendering and
// axe judging it, one core's work, while the other core would idle.
describe.concurrent('every link a role is shown leads somewhere it may go', () => {
  for (const username of ROLES)
    it(`walks every menu item two clicks deep as ${username}`, { timeout: 900_000 }, async ({ expect }) => {
      const context = await browser.newContext({
        baseURL: server.url,
        locale: 'sv-SE',
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      let refused: string[] = [];
      page.on('response', (res) => {
        if (res.status() === 403 && new URL(res.url()).pathname.startsWith('/api/'))
          refused.push(`${res.request().method()} ${new URL(res.url()).pathname}${new URL(res.url()).search}`);
      });
      await signIn(page, username);
      const menu = await page
        .getByRole('navigation', { name: 'Huvudmeny' })
        .locator('a[href]')
        .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
      expect(menu.length).toBeGreaterThan(5);

      const settled = watchRequests(page);
      const problems: string[] = [];
      const seen = new Set<string>();
      const perPattern = new Map<string, number>();
      // The links of each page visited, so that no page is loaded and checked twice.
      const linksOf = new Map<string, string[]>();
      const visit = async (path: string, from: string) => {
        const known = linksOf.get(path);
        if (known) return known;
        refused = [];
        // Generous waits: a refusal is what fails the walk, not a slow page on a busy machine.
        await page.goto(path, { waitUntil: 'load', timeout: 90_000 });
        // Let the queries that start after the first render settle.
        await settled(90_000);
        const text = await page.locator('main').innerText();
        if (text.includes(FORBIDDEN_TEXT)) problems.push(`${path} (from ${from}) shows "${FORBIDDEN_TEXT}"`);
        for (const r of refused) problems.push(`${path} (from ${from}) got 403 from ${r}`);
        for (const v of await seriousA11yViolations(page, `${username} ${path}`)) problems.push(`${path}: axe ${v}`);
        const links = await linksOn(page, server.url);
        linksOf.set(path, links);
        return links;
      };
      const admit = (path: string) => {
        if (seen.has(path)) return false;
        const pattern = patternOf(path.split('?')[0] as string);
        const n = perPattern.get(pattern) ?? 0;
        if (n >= PER_PATTERN) return false;
        seen.add(path);
        perPattern.set(pattern, n + 1);
        return true;
      };

      for (const item of menu) {
        let frontier = [item];
        admit(item);
        for (let depth = 0; depth <= DEPTH && frontier.length > 0; depth++) {
          const next: string[] = [];
          for (const path of frontier) {
            const links = await visit(path, depth === 0 ? 'menu' : `${item}, ${depth} click(s)`);
            if (depth < DEPTH) for (const link of links) if (admit(link)) next.push(link);
          }
          frontier = next;
        }
      }
      await context.close();
      console.log(`[link-walk] ${username}: ${linksOf.size} pages, ${perPattern.size} route patterns`);
      expect(problems).toEqual([]);
    });
});
