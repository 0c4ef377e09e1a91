import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  e2eDayFromStart,
  launchBrowser,
  openAs,
  type RunningServer,
  seriousA11yViolations,
  startServer,
} from './support';

// Journey: a politician sees on the reports page that Regionstyrelsen was informed about
// Hälso- och sjukvård three times in a row and decided nothing (the demo's autumn 2024). The
// controller writes a monthly report for Hälso- och sjukvård in SBAR form with the action plan
// "Hållbar framtid" filled in by itself, adds a meeting of Hälso- och sjukvårdsnämnden, sends
// the report there (it freezes), exports it as PDF with progress, records what the board did
// with the item, and reads it under "Vad hände sedan".
//
// The server runs on the real clock; the new meeting lies a month ahead of today.
const PLAN = 'Hållbar framtid';
const UNIT = 'Hälso- och sjukvård';
const BODY = 'Hälso- och sjukvårdsnämnden';
const TITLE = 'Månadsrapport september 2025, Hälso- och sjukvård – Hållbar framtid';
const PARAGRAPH = '45';
const NBSP = '\u00a0';

const inDays = e2eDayFromStart;
const MEETS_ON = inDays(30);
const MEETING = `${BODY} ${MEETS_ON}`;

let server: RunningServer;
let browser: Browser;
let page: Page;
let reportUrl = '';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'sv-SE',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  mkdirSync(new URL('../../.test-results/', import.meta.url).pathname, { recursive: true });
});

// A failed step leaves a picture of the page behind, to see what the user would have seen.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !page) return;
  const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
  await page.screenshot({
    path: new URL(`../../.test-results/reports-${name}.png`, import.meta.url).pathname,
    fullPage: true,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(label: string) {
  expect(await seriousA11yViolations(page, label), `axe on ${label}`).toEqual([]);
}

async function signOut() {
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await page.getByRole('button', { name: 'Logga in' }).waitFor();
}

/** Picks an option in a Mantine select by typing part of its label (when it may be typed in). */
async function choose(scope: Locator, label: RegExp, search: string, option: RegExp) {
  const input = scope.getByLabel(label).first();
  await input.click();
  if (await input.isEditable()) await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

const region = (name: string | RegExp) => page.getByRole('region', { name, exact: typeof name === 'string' });
const keyFigure = (label: string) => page.locator(`[data-figure="${label}"]`);

async function reportFromApi(): Promise<any> {
  const id = new URL(reportUrl).pathname.split('/').at(-1);
  const res = await page.request.get(`/api/reports/${id}`);
  expect(res.status()).toBe(200);
  return res.json();
}

describe('board report journey', () => {
  it('shows a politician the series a board only noted, in words, and offers no forms', async () => {
    await openAs(page, 'politiker', '/rapporter');
    await page.getByRole('heading', { level: 1, name: 'Rapporter' }).waitFor();
    const series = page.getByRole('table', { name: 'Rapportserier per organ och enhet' });
    const rsHs = series
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Regionstyrelsen' }) })
      .filter({ has: page.getByRole('cell', { name: UNIT, exact: true }) });
    await rsHs.getByText('Informerad 3 gånger i rad utan beslut').waitFor();
    // The committee decided on its own unit's interim report: no flag there.
    const hsnHs = series
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: BODY }) })
      .filter({ has: page.getByRole('cell', { name: UNIT, exact: true }) });
    await hsnHs.waitFor();
    expect(await hsnHs.getByText(/gånger? i rad utan beslut/).count()).toBe(0);

    // Each sent report names its meeting as the protocol does, and what the board did.
    const reports = page.getByRole('table', { name: /^\d+ rapporter$/ });
    const dialogue = reports.getByRole('row').filter({ hasText: `Regionstyrelsen 2024-09-16 §${NBSP}122` });
    await dialogue.getByText('Dialogunderlag', { exact: true }).waitFor();
    await dialogue.getByText('Antecknas till protokollet').waitFor();
    await dialogue.getByText(/^Skickad \d+ \w+ \d{4}$/).waitFor();
    expect(await page.getByRole('button', { name: 'Ny rapport' }).count()).toBe(0);
    await expectAccessible('reports as a politician');

    // A frozen demo report reads as sent, with no fields, and shows what followed.
    await dialogue.getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Skickad och fryst' }).waitFor();
    await region('Vad hände sedan').getByText('Antecknas till protokollet', { exact: true }).waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    await signOut();
  });

  it('refuses to send a draft without a recommendation and a proposed decision, saying so at the fields', async () => {
    await openAs(page, 'controller', '/rapporter');
    await page.getByRole('link', { name: 'Månadsrapport september 2025, Hälso- och sjukvård', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Månadsrapport september 2025, Hälso- och sjukvård' }).waitFor();
    const send = region('Skicka till sammanträde');
    await choose(send, /^Sammanträde/, 'Hälso', /^Hälso- och sjukvårdsnämnden 2024-12-10/);
    await send.getByLabel(/^Paragraf/).fill('999');
    await send.getByRole('button', { name: 'Skicka till sammanträdet' }).click();
    await page
      .getByRole('dialog', { name: 'Skicka och frys rapporten?' })
      .getByRole('button', { name: 'Skicka och frys' })
      .click();
    await send.getByText('Rapporten kan inte skickas ännu.').waitFor();
    const edit = region('Text och förslag till beslut');
    await edit.getByText('Skriv en rekommendation innan rapporten skickas.').waitFor();
    await edit.getByText('Skriv ett förslag till beslut innan rapporten skickas.').waitFor();
    expect(await edit.getByLabel(/^Rekommendation/).getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Utkast', { exact: true }).waitFor();
  });

  it('lets the controller create a report whose action-plan section fills itself, and write its SBAR text', async () => {
    await openAs(page, 'controller', '/rapporter');
    await page.getByRole('heading', { level: 1, name: 'Rapporter' }).waitFor();
    await page.getByRole('button', { name: 'Ny rapport' }).click();
    const form = region('Ny rapport');
    await choose(form, /^Slag av rapport/, '', /^Månadsrapport$/);
    await form.getByLabel(/^Rubrik/).fill(TITLE);
    await choose(form, /^Enhet/, UNIT, new RegExp(`^${UNIT} \\(`));
    await form.getByLabel(/^Period \(månad\)/).fill('2025-09');
    await choose(form, /^Handlingsplan/, PLAN, new RegExp(`^${PLAN}$`));
    await expectAccessible('new report form');
    await form.getByRole('button', { name: 'Skapa rapporten' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    reportUrl = page.url();
    await page.getByText('Utkast', { exact: true }).waitFor();

    // The action plan, in mnkr the Swedish way, with the grade 1–2 part beside each total.
    await region(`Handlingsplan: ${PLAN} 2024`).waitFor();
    await keyFigure('Mål (sparbeting)').getByText(`343,6 mnkr`, { exact: true }).waitFor();
    await keyFigure('Planerat netto').getByText('360,0 mnkr', { exact: true }).waitFor();
    await keyFigure('Planerat netto')
      .getByText(/varav genomförbarhet 1–2/)
      .waitFor();
    await keyFigure('Planerat netto').getByText('293,0 mnkr', { exact: true }).waitFor();
    await keyFigure('Avvikelse').getByText('−117,6 mnkr', { exact: true }).waitFor();
    expect(await keyFigure('Mål (sparbeting)').locator('.money').getAttribute('title')).toBe(
      `343${NBSP}600${NBSP}000 kr`,
    );
    const plan = page.getByRole('table', { name: /^Hållbar framtid: mål och prognos per enhet och åtgärd för 2024/ });
    const hs = plan.getByRole('row').filter({ has: page.getByRole('rowheader', { name: UNIT, exact: true }) });
    await hs.getByText('343,6 mnkr').waitFor();
    await hs.getByText('Inaktuell').waitFor();
    // The scorecard in words beside its colours, and what is out of date with its month.
    await region('Styrkortets status')
      .getByText(/\d+ indikatorer?$/)
      .first()
      .waitFor();
    await region('Styrkortets status').getByText('Röd', { exact: true }).first().waitFor();
    await region('Inaktuella uppgifter').getByText('senast rapporterad januari 2025').first().waitFor();
    await expectAccessible('draft report');

    const edit = region('Text och förslag till beslut');
    await edit.getByLabel(/^Situation/).fill('Prognosen för Hållbar framtid ligger under sparbetinget.');
    await edit.getByLabel(/^Bakgrund/).fill('Fullmäktige beslutade handlingsplanen 2023.');
    await edit.getByLabel(/^Aktuell bedömning/).fill('Flera åtgärder har inte rapporterat sedan januari.');
    await edit.getByLabel(/^Rekommendation/).fill('Nämnden begär korrigerande åtgärder per division.');
    await edit.getByLabel(/^Förslag till beslut/).fill('Förvaltningen uppdras att redovisa korrigerande åtgärder.');
    await edit.getByRole('button', { name: 'Spara', exact: true }).click();
    await edit.getByText('Rapporten är sparad.').waitFor();
    const saved = await reportFromApi();
    expect(saved.sbar.recommendation).toBe('Nämnden begär korrigerande åtgärder per division.');
    expect(saved.proposedDecision).toBe('Förvaltningen uppdras att redovisa korrigerande åtgärder.');

    // Someone else saves meanwhile: the save is refused and the report read again.
    const meanwhile = await page.request.put(new URL(reportUrl).pathname.replace('/rapporter/', '/api/reports/'), {
      data: {
        version: saved.version,
        title: saved.title,
        sbar: { ...saved.sbar, background: 'Ändrat av någon annan.' },
        proposedDecision: saved.proposedDecision,
      },
    });
    expect(meanwhile.status()).toBe(200);
    await edit.getByLabel(/^Situation/).fill('En ändring som kommer för sent.');
    await edit.getByRole('button', { name: 'Spara', exact: true }).click();
    await edit.getByText('Någon annan har ändrat rapporten sedan du öppnade den.', { exact: false }).waitFor();
    await expect.poll(() => edit.getByLabel(/^Bakgrund/).inputValue()).toBe('Ändrat av någon annan.');
    expect(await edit.getByLabel(/^Situation/).inputValue()).toBe(
      'Prognosen för Hållbar framtid ligger under sparbetinget.',
    );
  });

  it('adds a meeting of the committee and sends the report there, frozen', async () => {
    await page.goto('/sammantraden');
    await page.getByRole('heading', { level: 1, name: 'Sammanträden' }).waitFor();
    await region(`Regionstyrelsen 2024-09-16`).waitFor();
    await expectAccessible('meetings');
    const opener = page.getByRole('button', { name: 'Nytt sammanträde' });
    await opener.click();
    const form = region('Nytt sammanträde');
    await choose(form, /^Organ/, 'Hälso', new RegExp(`^${BODY}$`));
    await form.getByLabel(/^Datum/).fill(MEETS_ON);
    await form.getByLabel(/^Rubrik/).fill('Ordinarie sammanträde');
    await form.getByRole('button', { name: 'Lägg upp sammanträdet' }).click();
    await page.getByText(`Sammanträdet ${MEETING} är upplagt.`).waitFor();
    await region(MEETING).waitFor();
    await expect.poll(() => opener.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.goto(reportUrl);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const send = region('Skicka till sammanträde');
    await choose(send, /^Sammanträde/, 'Hälso', new RegExp(`^${MEETING}`));
    await send.getByLabel(/^Paragraf/).fill(`§ ${PARAGRAPH}`);
    await send.getByRole('button', { name: 'Skicka till sammanträdet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Skicka och frys rapporten?' });
    await dialog.getByText(`Rapporten skickas till ${MEETING} §${NBSP}${PARAGRAPH}.`).waitFor();
    await dialog.getByText(/Rapporten fryses/).waitFor();
    await expectAccessible('send confirmation');
    await dialog.getByRole('button', { name: 'Skicka och frys' }).click();

    const sent = region('Skickad och fryst');
    await sent.getByText(new RegExp(`^Skickad .+ av .+ till ${MEETING} §${NBSP}${PARAGRAPH}\\.$`)).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Skickad och fryst');
    await page.getByText('Skickad – fryst').waitFor();
    // Frozen: no field to write in, and the checksum to compare printouts by.
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Spara', exact: true }).count()).toBe(0);
    const report = await reportFromApi();
    expect(report.status).toBe('sent');
    expect(await sent.getByTestId('content-hash').getAttribute('title')).toBe(report.contentHash);
    expect(await sent.getByTestId('content-hash').textContent()).toBe(report.contentHash.slice(0, 12));
    await region('SBAR').getByText('Nämnden begär korrigerande åtgärder per division.').waitFor();
    await region('Vad hände sedan').getByText('Inget beslut är protokollfört ännu.').waitFor();
    await expectAccessible('sent report');
  });

  it('exports the sent report as PDF with its progress shown', async () => {
    const exportRegion = region('Exportera');
    const download = page.waitForEvent('download');
    await exportRegion.getByRole('button', { name: 'Exportera till PDF' }).click();
    const progress = exportRegion.getByRole('progressbar', { name: 'Export till PDF' });
    await progress.waitFor();
    const file = await download;
    await exportRegion.getByText('Filen i PDF är hämtad.').waitFor();
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    const path = await file.path();
    expect(readFileSync(path).subarray(0, 4).toString('latin1')).toBe('%PDF');
    // The plain links make the same file while the request waits.
    expect(await exportRegion.getByRole('link', { name: 'Hämta som Word' }).getAttribute('href')).toMatch(
      /^\/api\/reports\/[^/]+\/export\?format=docx$/,
    );
    await expectAccessible('report after export');
  });

  it('records that the committee noted the information, and the report says what happened next', async () => {
    await page.goto('/sammantraden');
    const meeting = region(MEETING);
    const item = meeting.getByRole('row').filter({ hasText: `§${NBSP}${PARAGRAPH}` });
    await item.getByRole('link', { name: TITLE }).waitFor();
    await item.getByText('Inget beslut protokollfört ännu').waitFor();
    await item.getByRole('button', { name: /^Protokollför beslut/ }).click();
    const form = region(new RegExp(`^Protokollför beslut: ${MEETING} §\\s${PARAGRAPH},`));
    await form.getByLabel('Information – antecknas till protokollet').check();
    expect(await form.getByLabel(/^Beslutstext/).inputValue()).toBe('Informationen antecknas till protokollet.');
    await form.getByLabel(/^Diarienummer/).fill('HSN/45/2026');
    await expectAccessible('record decision form');
    await form.getByRole('button', { name: 'Protokollför', exact: true }).click();
    await page
      .getByText(`Beslutet är protokollfört för ${MEETING} §${NBSP}${PARAGRAPH}: Antecknas till protokollet.`)
      .waitFor();
    await item.getByText('Antecknas till protokollet', { exact: true }).waitFor();
    expect(await item.getByRole('button', { name: /^Protokollför beslut/ }).count()).toBe(0);
    await expectAccessible('meetings after a decision');

    await item.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const next = region('Vad hände sedan');
    await next.getByText(`${MEETING} §${NBSP}${PARAGRAPH}:`, { exact: false }).waitFor();
    await next.getByText('Antecknas till protokollet', { exact: true }).waitFor();
    await next.getByText('Informationen antecknas till protokollet.').waitFor();
    await expectAccessible('report with what followed');

    // The list names the meeting and the outcome too.
    await page.getByRole('link', { name: 'Rapporter', exact: true }).first().click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: TITLE }) });
    await row.getByText(`${MEETING} §${NBSP}${PARAGRAPH}`).waitFor();
    await row.getByText('Antecknas till protokollet', { exact: true }).waitFor();
    await signOut();
  });
});
