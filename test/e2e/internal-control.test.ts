import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  e2eDayFromStart,
  followMenu,
  launchBrowser,
  openAs,
  type RunningServer,
  seriousA11yViolations,
  startServer,
} from './support';

// Journey (issue 14): a year of internal control for Hälso- och sjukvårdsnämnden, through the
// menu and the screens only. The manager of Kirurgi adds a risk to the division's register,
// assesses it, links the measure it threatens and finds it in the matrix; the controller makes
// it a control point in the nämnd's draft internkontrollplan, registers the nämnd's decision and
// adopts the plan with it, records a result with a deviation (refused until it has an action),
// writes the nämnd's yearly assessment, and sends a board report carrying the control results to
// a meeting, frozen, exported as PDF, Word and Excel. A politician exercises uppsikt; the revisor
// reads it all and finds nothing to write with. The API is only used to read back what the
// screens wrote.
//
// The server's clock starts at E2E_CLOCK_START: the plan is that year's (the demo's plans are 2025's).
const UNIT = 'Kirurgi';
const BODY = 'Hälso- och sjukvårdsnämnden';
const RISK = 'Operationer ställs in när narkossköterskor saknas';
const MEASURE = 'Minskad inhyrd personal, Kirurgi';
const POINT = 'Stickprov på inställda operationer och deras orsak';
const FINDINGS = 'Fyra av tolv inställda operationer saknade orsak i journalen.';
const ACTION = 'Inför orsakskod för inställd operation';
const NBSP = '\u00a0';

const dayIn = e2eDayFromStart;
const TODAY = dayIn(0);
const YEAR = Number(TODAY.slice(0, 4));
const MONTH = TODAY.slice(0, 7);
const DECISION = `Internkontrollplan ${YEAR} för ${BODY}`;
const MEETS_ON = dayIn(21);
const MEETING = `${BODY} ${MEETS_ON}`;
const REPORT = `Månadsrapport ${MONTH}, Hälso- och sjukvård – intern kontroll`;

let server: RunningServer;
let browser: Browser;
let page: Page;
let riskUrl = '';
let planUrl = '';
let pointUrl = '';
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
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
  mkdirSync(new URL('../../.test-results/', import.meta.url).pathname, { recursive: true });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !page) return;
  const name = ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
  await page.screenshot({
    path: new URL(`../../.test-results/internal-control-${name}.png`, import.meta.url).pathname,
    fullPage: true,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const step = (text: string) => console.info(`[internal-control journey] ${text}`);

async function expectAccessible(label: string) {
  expect(await seriousA11yViolations(page, label), `axe on ${label}`).toEqual([]);
}

const signIn = (username: string) => openAs(page, username);

/** Picks an option in a Mantine select by typing part of its label (when it may be typed in). */
async function choose(input: Locator, search: string, option: RegExp) {
  await input.click();
  if (search && (await input.isEditable())) await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const region = (name: string | RegExp) => page.getByRole('region', { name, exact: typeof name === 'string' });
const formWith = (button: string) =>
  page.locator('form').filter({ has: page.getByRole('button', { name: button, exact: true }) });

async function apiJson(path: string): Promise<any> {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return res.json();
}

const idOf = (url: string) => new URL(url).pathname.split('/').at(-1) as string;

async function downloaded(file: Download) {
  return readFileSync(await file.path());
}

// A whole year's steps on a shared, busy machine: the steps, not the test, have the usual timeouts.
describe('a year of internal control', { timeout: 360_000 }, () => {
  it('lets a unit manager add a risk by keyboard, assess it, link the measure it threatens and find it in the matrix', async () => {
    await signIn('chef.kirurgi');
    await followMenu(page, 'Risker');
    await heading('Riskregister').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Riskmatris' }).waitFor();
    await expectAccessible('risk register (manager)');

    // The form by keyboard alone: type, Tab to the next field, Enter on the button.
    await page.getByRole('button', { name: 'Ny risk' }).press('Enter');
    const form = formWith('Lägg till risken');
    await form.getByLabel(/^Rubrik/).focus();
    await page.keyboard.type(RISK);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Brist på narkossköterskor gör att planerade operationer ställs in.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Vakanser och beroende av hyrpersonal.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Längre väntetider och vårdskador.');
    await expectAccessible('new risk form');
    const submit = form.getByRole('button', { name: 'Lägg till risken' });
    for (let i = 0; i < 12 && !(await submit.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await submit.evaluate((el) => el === document.activeElement), 'the button is reached by Tab').toBe(true);
    await page.keyboard.press('Enter');
    await heading(RISK).waitFor();
    riskUrl = page.url();
    step(`risk created: ${riskUrl}`);
    await page.getByText('Ej bedömd').first().waitFor();
    await expectAccessible('risk page');

    // Probability 3 × consequence 4 on the default scale: value 12, very high.
    const assess = formWith('Spara bedömningen');
    await choose(assess.getByLabel(/^Sannolikhet/), '', /^3 – /);
    await choose(assess.getByLabel(/^Konsekvens/), '', /^4 – /);
    await assess.getByLabel(/^Kommentar/).fill('Tre inställda operationer i oktober.');
    await assess.getByRole('button', { name: 'Spara bedömningen' }).click();
    await assess.getByText('Bedömningen är sparad.').waitFor();
    await page.getByText('12 – Mycket hög').first().waitFor();
    const saved = await apiJson(`/api/risks/${idOf(riskUrl)}`);
    expect(saved.current).toMatchObject({ probability: 3, consequence: 4, value: 12, level: 'very_high' });

    // The measure it threatens, chosen by name among the plans' measures, by keyboard.
    const link = formWith('Koppla');
    const target = link.getByLabel(/^Post/);
    await target.click();
    await target.fill('inhyrd personal, Kir');
    const option = page.getByRole('option', { name: new RegExp(`^${MEASURE} \\(`) });
    await option.waitFor();
    await target.press('ArrowDown');
    await target.press('Enter');
    expect(await target.inputValue()).toMatch(new RegExp(`^${MEASURE} \\(`));
    await link.getByRole('button', { name: 'Koppla' }).click();
    const threatens = page.getByRole('region', { name: 'Hotar' });
    await threatens.getByRole('link', { name: MEASURE }).waitFor();
    expect((await apiJson(`/api/risks/${idOf(riskUrl)}`)).links).toContainEqual(
      expect.objectContaining({ kind: 'measure', title: MEASURE }),
    );
    await expectAccessible('risk page with its link');

    // The matrix: the cell of 3 × 4 filters the list, and the risk is there.
    await page.getByRole('link', { name: 'Till riskregistret' }).click();
    await heading('Riskregister').waitFor();
    const cell = page.getByRole('button', { name: /^Sannolikhet 3 \(.+\), konsekvens 4 \(.+\): riskvärde 12,/ });
    await cell.click();
    await page.getByText('Visar riskerna i rutan sannolikhet 3, konsekvens 4.').waitFor();
    expect(await cell.getAttribute('aria-pressed')).toBe('true');
    const list = page.getByRole('table', { name: 'Risker, högsta riskvärde först' });
    await list.getByRole('link', { name: RISK }).waitFor();
    for (const row of await list.getByRole('row').all()) {
      const cells = row.getByRole('cell');
      if ((await cells.count()) > 0) expect(await cells.nth(1).textContent()).toBe('12 – Mycket hög');
    }
    await expectAccessible('risk matrix with a cell chosen');
    step('risk in the matrix');
  });

  it("lets the controller make the risk a control point of the nämnd's plan and adopt it by the nämnd's decision", async () => {
    await signIn('controller');
    await followMenu(page, 'Intern kontroll');
    await heading('Intern kontroll').waitFor();
    await page.getByRole('table', { name: `Internkontrollplan ${YEAR}` }).waitFor();
    await expectAccessible('internal control');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: BODY, exact: true }) });
    await row.getByRole('button', { name: `Skapa plan för ${YEAR}` }).click();
    await heading(`${BODY}: Internkontrollplan ${YEAR}`).waitFor();
    planUrl = page.url();
    await page.getByText('Utkast', { exact: true }).waitFor();
    await expectAccessible('draft control plan');

    await page.getByRole('button', { name: 'Lägg till kontrollpunkt' }).click();
    const form = formWith('Spara');
    await form.getByLabel(/^Vad kontrolleras/).fill(POINT);
    await form.getByLabel(/^Metod/).fill('Stickprov om tolv inställda operationer per tertial.');
    await choose(form.getByLabel(/^Risk i registret/), 'narkossköterskor', new RegExp(`^${RISK} \\(${UNIT}, 12\\)`));
    await choose(form.getByLabel(/^Kontrollant/), '', /\(Jag själv\)$/);
    await form.getByLabel(/^Mottagare av resultatet/).fill(BODY);
    await expectAccessible('control point form');
    await form.getByRole('button', { name: 'Spara' }).click();
    const points = page
      .getByRole('table')
      .filter({ has: page.getByRole('columnheader', { name: 'Vad kontrolleras' }) });
    const pointRow = points.getByRole('row').filter({ has: page.getByRole('link', { name: POINT }) });
    await pointRow.getByText(RISK).waitFor();
    const plan = await apiJson(`/api/control/plans/${idOf(planUrl)}`);
    expect(plan.points).toContainEqual(expect.objectContaining({ what: POINT, riskId: idOf(riskUrl) }));
    step('control point added');

    // The nämnd's decision, registered in the decision register as the protocol has it.
    await followMenu(page, 'Beslut');
    await heading('Beslut').waitFor();
    await page.getByRole('button', { name: 'Registrera beslut' }).click();
    const decision = formWith('Registrera');
    await choose(decision.getByLabel(/^Organ/), 'Hälso', new RegExp(`^${BODY}$`));
    await decision.getByLabel(/^Beslutsdatum/).fill(TODAY);
    await decision.getByLabel(/^Paragraf/).fill('88');
    await decision.getByLabel(/^Rubrik/).fill(DECISION);
    await decision.getByLabel(/^Beslutstext/).fill(`Nämnden antar internkontrollplanen för ${YEAR}.`);
    await decision.getByRole('button', { name: 'Registrera' }).click();
    await page.getByText(`”${DECISION}” är registrerat.`, { exact: false }).waitFor();

    await page.goto(planUrl);
    await heading(`${BODY}: Internkontrollplan ${YEAR}`).waitFor();
    const decide = formWith('Anta planen');
    await choose(decide.getByLabel(/^Beslut/), DECISION.slice(0, 20), new RegExp(`${DECISION}$`));
    await decide.getByRole('button', { name: 'Anta planen' }).click();
    await page.getByText('Beslutad', { exact: true }).first().waitFor();
    expect(await page.getByRole('button', { name: 'Lägg till kontrollpunkt' }).count()).toBe(0);
    expect((await apiJson(`/api/control/plans/${idOf(planUrl)}`)).status).toBe('decided');
    await expectAccessible('decided control plan');
    step('plan decided');
  });

  it('records a result with a deviation, refused without an action, then with its owner and date', async () => {
    await page.getByRole('link', { name: POINT }).click();
    await heading(POINT).waitFor();
    pointUrl = page.url();
    await expectAccessible('control point results');
    const form = formWith('Spara');
    await form.getByRole('heading', { level: 2, name: `Registrera resultat ${YEAR}-T1` }).waitFor();
    await form.getByLabel('Avvikelse funnen').check();
    await form.getByLabel(/^Stickprovets storlek/).fill('12');
    await form.getByLabel(/^Iakttagelser/).fill(FINDINGS);
    await form.getByRole('button', { name: 'Spara' }).click();
    // A deviation without an action is refused, said at the field.
    await form.locator('[aria-invalid="true"]').first().waitFor();
    expect((await apiJson(`/api/control/points/${idOf(pointUrl)}/results`)).results).toEqual([]);

    await form.getByLabel(/^Åtgärd \(krävs vid avvikelse\)/).fill(ACTION);
    await choose(form.getByLabel(/^Ansvarig för åtgärden/), '', /\(Jag själv\)$/);
    await form.getByLabel(/^Klar senast/).fill(dayIn(60));
    await expectAccessible('result entry with an action');
    await form.getByRole('button', { name: 'Spara' }).click();
    const t1 = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${YEAR}-T1` }) });
    await t1.getByText(FINDINGS).waitFor();
    await t1.getByText('Avvikelse funnen').waitFor();
    await t1.getByText(new RegExp(`^${ACTION} \\(`)).waitFor();
    const read = await apiJson(`/api/control/points/${idOf(pointUrl)}/results`);
    expect(read.results).toHaveLength(1);
    expect(read.results[0]).toMatchObject({ occasion: `${YEAR}-T1`, deviation: true, sampleSize: 12 });
    expect(read.results[0].actions).toEqual([
      expect.objectContaining({ what: ACTION, dueOn: dayIn(60), status: 'open', ownerName: expect.any(String) }),
    ]);
    await expectAccessible('control point with a deviation');
    step('result with deviation and action');
  });

  it("records the nämnd's yearly assessment and shows it on the uppsikt page", async () => {
    await followMenu(page, 'Intern kontroll');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: BODY, exact: true }) });
    await row.getByRole('link', { name: 'Årlig bedömning' }).click();
    await heading(`${BODY}: Årlig bedömning ${YEAR}`).waitFor();
    await expectAccessible('yearly assessment');
    const form = formWith('Spara');
    await choose(form.getByLabel(/^Nämndens bedömning/), '', /^Delvis tillräcklig$/);
    await form.getByLabel(/^Skäl/).fill('En kontroll visade brister i dokumentationen; åtgärd pågår.');
    await choose(form.getByLabel(/^Beslut \(valfritt\)/), DECISION.slice(0, 20), new RegExp(`${DECISION}$`));
    await form.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Sparat.').waitFor();
    const bodyId = new URL(page.url()).pathname.split('/').at(-1);
    const view = await apiJson(`/api/control/bodies/${bodyId}/assessments/${YEAR}`);
    expect(view.assessment).toMatchObject({ judgement: 'partly' });
    expect(view.counts).toMatchObject({ deviations: 1, openActions: 1 });

    await page.getByRole('link', { name: 'Till intern kontroll' }).click();
    await page.getByRole('link', { name: 'Styrelsens uppsikt' }).click();
    await heading(/uppsikt/i).waitFor();
    await page.getByRole('row').filter({ hasText: BODY }).getByText('Delvis tillräcklig').waitFor();
    await expectAccessible('uppsikt (controller)');

    // The measures lacking an analysis lead to the analysis form.
    await followMenu(page, 'Avvikelser');
    const missing = page.getByRole('link', { name: 'Stängd vårdavdelning sommartid' }).first();
    await missing.click();
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: /konsekvensanalys/i })
      .waitFor();
    await page.getByRole('textbox').first().waitFor();
    await expectAccessible('analysis form');
    step('assessment and uppsikt');
  });

  it('sends a board report with the deviation and its action, frozen, and exports PDF, Word and Excel', async () => {
    await followMenu(page, 'Sammanträden');
    await heading('Sammanträden').waitFor();
    await page.getByRole('button', { name: 'Nytt sammanträde' }).click();
    const meeting = region('Nytt sammanträde');
    await choose(meeting.getByLabel(/^Organ/), 'Hälso', new RegExp(`^${BODY}$`));
    await meeting.getByLabel(/^Datum/).fill(MEETS_ON);
    await meeting.getByLabel(/^Rubrik/).fill('Ordinarie sammanträde');
    await meeting.getByRole('button', { name: 'Lägg upp sammanträdet' }).click();
    await page.getByText(`Sammanträdet ${MEETING} är upplagt.`).waitFor();

    await followMenu(page, 'Rapporter');
    await heading('Rapporter').waitFor();
    await page.getByRole('button', { name: 'Ny rapport' }).click();
    const form = region('Ny rapport');
    await choose(form.getByLabel(/^Slag av rapport/), '', /^Månadsrapport$/);
    await form.getByLabel(/^Rubrik/).fill(REPORT);
    await choose(form.getByLabel(/^Enhet/), 'Hälso- och sjukvård', /^Hälso- och sjukvård \(/);
    await form.getByLabel(/^Period \(månad\)/).fill(MONTH);
    await form.getByRole('button', { name: 'Skapa rapporten' }).click();
    await heading(REPORT).waitFor();
    reportUrl = page.url();
    const control = region('Kontrollresultat och öppna avvikelser');
    await control.getByText(FINDINGS).waitFor();
    await control.getByText(new RegExp(`^${ACTION} \\(`)).waitFor();

    const edit = region('Text och förslag till beslut');
    await edit.getByLabel(/^Situation/).fill('Internkontrollen har funnit en avvikelse i operationsplaneringen.');
    await edit.getByLabel(/^Rekommendation/).fill('Nämnden följer åtgärden vid nästa tertial.');
    await edit.getByLabel(/^Förslag till beslut/).fill('Informationen antecknas till protokollet.');
    await edit.getByRole('button', { name: 'Spara', exact: true }).click();
    await edit.getByText('Rapporten är sparad.').waitFor();

    const send = region('Skicka till sammanträde');
    await choose(send.getByLabel(/^Sammanträde/), 'Hälso', new RegExp(`^${MEETING}`));
    await send.getByLabel(/^Paragraf/).fill('12');
    await send.getByRole('button', { name: 'Skicka till sammanträdet' }).click();
    await page
      .getByRole('dialog', { name: 'Skicka och frys rapporten?' })
      .getByRole('button', { name: 'Skicka och frys' })
      .click();
    await region('Skickad och fryst')
      .getByText(new RegExp(`till ${MEETING} §${NBSP}12\\.$`))
      .waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    const frozen = region('Kontrollresultat och öppna avvikelser');
    await frozen.getByText(FINDINGS).waitFor();
    await frozen.getByText(new RegExp(`^${ACTION} \\(`)).waitFor();
    const sent = await apiJson(`/api/reports/${idOf(reportUrl)}`);
    expect(sent.status).toBe('sent');
    expect(JSON.stringify(sent.content.controlResults)).toContain(ACTION);
    await expectAccessible('sent report with internal control');

    const exporting = region('Exportera');
    const pdf = page.waitForEvent('download');
    await exporting.getByRole('button', { name: 'Exportera till PDF' }).click();
    const pdfFile = await pdf;
    await exporting.getByText('Filen i PDF är hämtad.').waitFor();
    expect(pdfFile.suggestedFilename()).toMatch(/\.pdf$/);
    expect((await downloaded(pdfFile)).subarray(0, 4).toString('latin1')).toBe('%PDF');
    for (const [name, ext] of [
      ['Word', 'docx'],
      ['Excel', 'xlsx'],
    ] as const) {
      const file = page.waitForEvent('download');
      await exporting.getByRole('link', { name: `Hämta som ${name}` }).click();
      const got = await file;
      expect(got.suggestedFilename()).toMatch(new RegExp(`\\.${ext}$`));
      // Both are zip packages: they begin with the zip signature.
      expect((await downloaded(got)).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    }
    step('report sent and exported');
  });

  it('shows a politician the uppsikt page', async () => {
    await signIn('politiker');
    await followMenu(page, 'Intern kontroll');
    await page.getByRole('link', { name: 'Styrelsens uppsikt' }).click();
    await heading(/uppsikt/i).waitFor();
    await page.getByRole('row').filter({ hasText: BODY }).getByText('Delvis tillräcklig').waitFor();
    await expectAccessible('uppsikt (politician)');
  });

  it('lets the revisor read the report, the plan, the results and the risk with no way to write', async () => {
    await signIn('revisor');
    await page.goto(reportUrl);
    await heading(REPORT).waitFor();
    await region('Kontrollresultat och öppna avvikelser').getByText(FINDINGS).waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Spara|Skicka)/ }).count()).toBe(0);

    await followMenu(page, 'Intern kontroll');
    await heading('Intern kontroll').waitFor();
    expect(await page.getByRole('button', { name: /^Skapa plan/ }).count()).toBe(0);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: BODY, exact: true }) });
    await row.getByRole('link', { name: `Internkontrollplan ${YEAR}` }).click();
    await heading(`${BODY}: Internkontrollplan ${YEAR}`).waitFor();
    await page.getByRole('link', { name: POINT }).waitFor();
    expect(await page.getByRole('button', { name: /^(Lägg till kontrollpunkt|Ändra|Anta planen)/ }).count()).toBe(0);
    await page.getByRole('link', { name: POINT }).click();
    await heading(POINT).waitFor();
    await page.getByText(FINDINGS).waitFor();
    expect(await page.getByRole('button', { name: /^(Spara|Markera klar)/ }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    await expectAccessible('control point (revisor)');

    await page.goto(riskUrl);
    await heading(RISK).waitFor();
    expect(await page.getByRole('button', { name: /^(Spara|Koppla|Spara bedömningen)/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Ta bort kopplingen/ }).count()).toBe(0);
    await expectAccessible('risk page (revisor)');
  });
});
