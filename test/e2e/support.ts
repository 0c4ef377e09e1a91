import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const root = new URL('../../', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The moment every journey's server starts its clock at (CLOCK_START): the demo is seeded on that
 * day and the journeys see the same region whatever day they run on. Early in the day, so a long
 * run stays on it.
 */
export const E2E_CLOCK_START = '2026-12-02T08:00:00Z';

/** YYYY-MM-DD, in Swedish time, `days` after the day the journeys' clock starts on. */
export function e2eDayFromStart(days: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
    new Date(Date.parse(E2E_CLOCK_START) + days * 86_400_000),
  );
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the compiled server (built by the global setup, as `npm start` builds it) on a copy of
 * the demo region the global setup seeded, and waits until it answers its health check.
 */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rodtrad-e2e-'));
  const demo = inject('e2eDemoDataDir');
  if (demo) cpSync(demo, dataDir, { recursive: true });
  return startServerOn(dataDir);
}

/** Starts the compiled server on a data folder (seeding the demo if it is empty); stop removes the folder unless kept. */
export async function startServerOn(dataDir: string, options: { keep?: boolean } = {}): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'dist/server.js'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      CLOCK_START: E2E_CLOCK_START,
      // The start's reminders made before the first request: journeys read the outbox.
      REMINDERS_START_DELAY_SECONDS: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once('exit', r));
        // Signal the whole process group, so nothing the server started outlives it.
        process.kill(-child.pid, 'SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      }
      if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Runs axe for WCAG 2.1 A and AA and returns the serious and critical violations, printing them. */
export async function seriousA11yViolations(page: Page, label: string) {
  // Colours are judged as drawn: a dialog still fading in blends its text with what lies behind.
  // Wait until no animation or transition runs (several frames in a row, as the component library
  // starts its transitions from timers), so a busy machine does not catch one half-way.
  await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    for (let quiet = 0, rounds = 0; quiet < 3 && rounds < 200; rounds++) {
      // A loader that spins for ever is not waited for.
      const running = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY);
      if (running.length === 0) quiet++;
      else {
        quiet = 0;
        const settled = Promise.all(running.map((a) => a.finished.catch(() => null)));
        await Promise.race([settled, new Promise((r) => setTimeout(r, 2_000))]);
      }
      await frame();
    }
  });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode()
    .options({ resultTypes: ['violations'] })
    .analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of serious) {
    console.error(
      `[axe] ${label}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')}`,
    );
  }
  return serious.map((v) => `${v.id}: ${v.help}`);
}

/**
 * Follows a main-menu entry: the menu is grouped by task, so the entry's group is opened
 * first when the entry is not already showing.
 */
export async function followMenu(page: Page, name: string) {
  const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
  const link = nav.getByRole('link', { name, exact: true });
  if (!(await link.isVisible()))
    await nav
      .locator('li.menu-group')
      .filter({ has: page.locator(`a:text-is("${name}")`) })
      .getByRole('button')
      .click();
  await link.click();
}

/** A page in a new Swedish browser context on `server`, waiting as long as the journeys do. */
export async function journeyPage(
  browser: Browser,
  server: RunningServer,
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, locale: 'sv-SE', viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Signs in on the login form the page shows, as a demo user (password "demo"), and waits for the menu. */
export async function signInAs(page: Page, username: string) {
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel(/^Lösenord/).fill('demo');
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
}

/** Opens `path` signed in as `username`, signed out first whatever an earlier step left behind. */
export async function openAs(page: Page, username: string, path = '/') {
  await page.context().clearCookies();
  await page.goto(path);
  await signInAs(page, username);
}
