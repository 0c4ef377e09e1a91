import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  e2eDayFromStart,
  launchBrowser,
  openAs,
  type RunningServer,
  seriousA11yViolations,
  startServer,
} from './support';

// Journey: the manager of Område Ortopedi och kirurgi writes the area's analysis for October
// 2025 and submits it; the division manager of Kirurgi returns it with a comment; the area
// manager reads the comment, completes the analysis and submits again; the division manager
// approves. Every step is checked on the page and against the API. A controller reads the
// deviations of December 2024 in mnkr. Then the administrator reads the annual cycle, adds an
// occasion due in a few days and runs the reminders, which land in the outbox.
//
// The demo leaves September 2025 decided for the area (approved) and October 2025 untouched,
// with the deadlines long past on the real clock: the area is late until it submits.
const PERIOD = '2025-10';
const AREA = 'Område Ortopedi och kirurgi';
const RETURN_COMMENT = 'Förklara övertiden på ortopeden och vad ni gör åt den.';
// The trail names whoever acted as the history records them: the account, or the person.
const AREA_MANAGER = '(?:Per Sandberg|chef\\.ortokir)';
const DIVISION_MANAGER = '(?:Anna Holm|chef\\.kirurgi)';

let server: RunningServer;
let browser: Browser;
let page: Page;
let areaId = '';

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
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(label: string) {
  expect(await seriousA11yViolations(page, label), `axe on ${label}`).toEqual([]);
}

interface ApiRow {
  unitId: string;
  name: string;
  status: string;
  version: number;
  returnComment: string | null;
}

/** The area's row as the API gives it to whoever is signed in now. */
async function areaFromApi(): Promise<ApiRow> {
  const res = await page.request.get(`/api/followup/status?period=${PERIOD}`);
  expect(res.status()).toBe(200);
  const { units } = (await res.json()) as { units: ApiRow[] };
  const row = units.find((u) => u.name === AREA);
  expect(row, AREA).toBeTruthy();
  return row as ApiRow;
}

const submissionPath = () => `/uppfoljning/${areaId}/${PERIOD}`;
const statusOnPage = () => page.getByTestId('submission-status');

async function onSubmissionPage() {
  await page.getByRole('heading', { level: 1, name: `${AREA} – uppföljning oktober 2025` }).waitFor();
}

describe('submitting, returning and approving a month', () => {
  it('shows the area as late and not started in the overview', async () => {
    await openAs(page, 'chef.ortokir', `/uppfoljning?period=${PERIOD}`);
    await page.getByRole('heading', { level: 1, name: 'Uppföljning' }).waitFor();
    await page.getByText('Tillfälle: Månadsrapport oktober (månadsrapport).').waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${AREA}`) }) });
    await row.getByText('Ej påbörjad').waitFor();
    await row.getByText(/\d+ dagar sen/).waitFor();
    await expectAccessible('follow-up overview, October 2025');
    areaId = (await areaFromApi()).unitId;

    // Only those that have not reported: everything in October, the area included.
    await page.getByLabel('Visa bara de som inte rapporterat').check();
    await page.getByRole('table', { name: 'Enheter som inte har rapporterat för oktober 2025' }).waitFor();
    await row.getByRole('link', { name: AREA }).click();
    await onSubmissionPage();
  });

  it('lets the area manager save a draft and submit, with an idempotency key', async () => {
    await page.goto(submissionPath());
    await onSubmissionPage();
    await statusOnPage().getByText('Ej påbörjad').waitFor();
    await page.getByRole('table', { name: `Status för enheterna under ${AREA}, oktober 2025` }).waitFor();
    await expectAccessible('submission, not started');

    const analysis = page.getByLabel('Analys för oktober 2025');
    await analysis.fill('Ortopeden har haft hög beläggning; kirurgin i nivå med budget.');
    await page.getByRole('button', { name: 'Spara utkast' }).click();
    await page.getByText('Utkastet är sparat.').waitFor();
    await statusOnPage().getByText('Pågår').waitFor();
    expect((await areaFromApi()).status).toBe('in_progress');

    const submitRequest = page.waitForRequest((r) => r.url().endsWith(`/${PERIOD}/submit`) && r.method() === 'POST');
    await page.getByRole('button', { name: 'Lämna in' }).click();
    const sent = await submitRequest;
    expect(sent.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{32,36}$/);
    await page.getByText(`Rapporten för ${AREA}, oktober 2025, är inlämnad.`).waitFor();
    await statusOnPage().getByText('Inlämnad').waitFor();
    // Submitted: no more editing, and the one who submitted may not decide.
    await expect(page.getByRole('button', { name: 'Lämna in' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Godkänn' }).count()).resolves.toBe(0);
    expect((await areaFromApi()).status).toBe('submitted');
    await expectAccessible('submission, submitted');
  });

  it('lets the division manager return it, and insists on a comment', async () => {
    await openAs(page, 'chef.kirurgi', submissionPath());
    await onSubmissionPage();
    await statusOnPage().getByText('Inlämnad').waitFor();
    await page.getByText('Ortopeden har haft hög beläggning; kirurgin i nivå med budget.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Granska rapporten' }).waitFor();
    await expectAccessible('submission, to be decided');

    await page.getByRole('button', { name: 'Återsänd' }).click();
    await page.getByText('Skriv varför rapporten återsänds.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('decision-comment');
    expect((await areaFromApi()).status).toBe('submitted');

    await page.getByLabel('Kommentar').fill(RETURN_COMMENT);
    await page.getByRole('button', { name: 'Återsänd' }).click();
    await page.getByText(`Rapporten för ${AREA}, oktober 2025, är återsänd.`).waitFor();
    await statusOnPage().getByText('Återsänd').waitFor();
    const row = await areaFromApi();
    expect(row.status).toBe('returned');
    expect(row.returnComment).toBe(RETURN_COMMENT);
  });

  it('shows the area manager the comment, and takes the report in again', async () => {
    await openAs(page, 'chef.ortokir', submissionPath());
    await onSubmissionPage();
    await statusOnPage().getByText('Återsänd').waitFor();
    await page.getByRole('heading', { level: 2, name: /^Återsänd av Anna Holm/ }).waitFor();
    await expect(page.getByTestId('return-comment').textContent()).resolves.toBe(RETURN_COMMENT);
    await expectAccessible('submission, returned');

    const analysis = page.getByLabel('Analys för oktober 2025');
    await analysis.fill(
      'Ortopeden har haft hög beläggning och övertid; två sjuksköterskor anställs i december och övertiden följs varje vecka.',
    );
    await page.getByRole('button', { name: 'Lämna in' }).click();
    await page.getByText(`Rapporten för ${AREA}, oktober 2025, är inlämnad.`).waitFor();
    await statusOnPage().getByText('Inlämnad').waitFor();
    expect((await areaFromApi()).status).toBe('submitted');
  });

  it('lets the division manager approve, and the trail tells it all', async () => {
    await openAs(page, 'chef.kirurgi', submissionPath());
    await onSubmissionPage();
    await page.getByLabel('Kommentar').fill('Bra, tack.');
    await page.getByRole('button', { name: 'Godkänn' }).click();
    await page.getByText(`Rapporten för ${AREA}, oktober 2025, är godkänd.`).waitFor();
    await statusOnPage().getByText('Godkänd').waitFor();
    expect((await areaFromApi()).status).toBe('approved');

    const trail = page.getByRole('region', { name: 'Händelser' }).getByRole('listitem');
    await expect
      .poll(() => trail.allInnerTexts())
      .toEqual([
        expect.stringMatching(new RegExp(`^Utkast sparat av ${AREA_MANAGER}, `)),
        expect.stringMatching(new RegExp(`^Inlämnad av ${AREA_MANAGER}, `)),
        expect.stringMatching(new RegExp(`^Återsänd av ${DIVISION_MANAGER}, .*Kommentar: ${RETURN_COMMENT}`, 's')),
        expect.stringMatching(new RegExp(`^Inlämnad av ${AREA_MANAGER}, `)),
        expect.stringMatching(new RegExp(`^Godkänd av ${DIVISION_MANAGER}, .*Kommentar: Bra, tack\\.`, 's')),
      ]);
    await expectAccessible('submission, approved');

    await page.goto(`/uppfoljning?period=${PERIOD}`);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${AREA}`) }) });
    await row.getByText('Godkänd').waitFor();
    await row.getByText(/^Per Sandberg, /).waitFor();
    await row.getByText(/^Anna Holm, /).waitFor();
    await expectAccessible('follow-up overview after approval');
  });
});

describe('deviations', () => {
  it('lists the measures short of target in mnkr, with the level that must decide, and the red indicators', async () => {
    await openAs(page, 'controller', '/avvikelser?period=2024-12');
    await page.getByRole('heading', { level: 1, name: 'Avvikelser' }).waitFor();
    const table = page.getByRole('table', { name: 'Avvikelser för Region Exempel och enheterna under, december 2024' });
    const measure = table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^Minskad inhyrd personal, Kirurgi/ }) });
    await measure.getByText('Åtgärd', { exact: true }).waitFor();
    await measure.getByText('6,0 mnkr').waitFor();
    await measure.getByText('\u22122,8 mnkr').waitFor();
    await measure.getByText('Områdeschef').waitFor();
    const link = measure.getByRole('link', { name: 'Minskad inhyrd personal, Kirurgi' });
    expect(await link.getAttribute('href')).toMatch(/^\/atgarder\/[\w-]+\?period=2024-12$/);
    await table.getByRole('row').filter({ hasText: 'Eskalerad' }).first().waitFor();
    const indicator = table
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^Andel digitalt bokade besök/ }) });
    await indicator.getByText('Indikator', { exact: true }).waitFor();
    await indicator.getByText('Röd').waitFor();
    await expectAccessible('deviations, December 2024');

    // A corrective action against the red indicator: 70 mnkr is the committee's to decide,
    // above the regional director's mandate, so the row says it is escalated.
    const form = page.getByRole('form', { name: 'Registrera en korrigerande åtgärd' });
    await form
      .getByLabel(/^Indikator/)
      .first()
      .click();
    await page
      .getByRole('option', { name: /^Andel digitalt bokade besök/ })
      .first()
      .click();
    await form.getByRole('textbox', { name: /^Vad ska göras/ }).fill('Digital bokning i alla vårdcentralers telefonkö');
    await form.getByRole('textbox', { name: /^Ansvarig/ }).fill('Astrid Mattsson');
    await form.getByLabel(/^Klart senast/).fill('2025-03-31');
    await form.getByRole('textbox', { name: /^Belopp/ }).fill('70');
    await form.getByRole('button', { name: 'Registrera' }).click();
    await page.getByText('Den korrigerande åtgärden är registrerad. Beslutsnivå: Nämnd.').waitFor();
    await indicator.getByText('Digital bokning i alla vårdcentralers telefonkö').waitFor();
    await indicator.getByText('Nämnd', { exact: true }).waitFor();
    await indicator.getByText('Eskalerad').waitFor();
    await expectAccessible('deviations with a corrective action for an indicator');
  });
});

const dayFromNow = e2eDayFromStart;
/** The month before the one `day` falls in. */
const lastMonthOf = (day: string) => {
  const d = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 2, 15));
  return d.toISOString().slice(0, 7);
};

describe('the annual cycle and the reminders', () => {
  it('shows the 2025 cycle as a calendar and as a list', async () => {
    await openAs(page, 'admin', '/arshjul?year=2025');
    await page.getByRole('heading', { level: 1, name: 'Årshjul' }).waitFor();
    const calendar = page.getByRole('table', { name: 'Sista dagar per nivå och månad 2025' });
    const enhet = calendar
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Enhet', exact: true }) });
    await enhet.getByText('Månadsrapport september').waitFor();
    const list = page.getByRole('table', { name: /^Tillfällen i årshjulet 2025/ });
    const september = list
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^Månadsrapport september/ }) });
    await september.getByText('Månadsrapport', { exact: true }).waitFor();
    await september.getByText('september 2025').waitFor();
    await september.getByText('Enhet: 4 oktober 2025').waitFor();
    await list.getByRole('row').filter({ hasText: 'Budget 2026' }).getByText('Fullmäktige: 17 juni 2025').waitFor();
    await expectAccessible('annual cycle 2025');
  });

  it('lets the administrator add an occasion due in a few days, and the reminders go to the outbox', async () => {
    // Last month: the demo's cycle has its report with the region's own dates. The administrator
    // takes it out and adds it again due in a few days, so its units are reminded.
    const period = lastMonthOf(dayFromNow(0));
    const year = Number(period.slice(0, 4));
    const cycle = await (await page.request.get(`/api/cycle?year=${year}`)).json();
    const existing = (cycle.occasions as { period: string | null; title: string }[]).find((o) => o.period === period);
    await page.goto(`/arshjul?year=${year}`);
    if (existing) {
      await page.getByRole('button', { name: `Ta bort ${existing.title}`, exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(existing.title).first().waitFor();
      await dialog.getByRole('button', { name: 'Ta bort tillfället' }).click();
      await page.getByText(`${existing.title} har tagits bort ur årshjulet.`).waitFor();
      await expect.poll(() => page.getByRole('rowheader', { name: new RegExp(`^${existing.title}`) }).count()).toBe(0);
    }

    await page.getByRole('button', { name: 'Lägg till tillfälle' }).click();
    const form = page.getByRole('region', { name: `Nytt tillfälle i årshjulet ${year}` });
    await form.waitFor();
    await form.getByLabel(/^Avser månad/).fill(period);
    await form.getByLabel('Rubrik').fill(`Månadsrapport för påminnelser ${period}`);
    // Due tomorrow for the units and in two days for the divisions (and the areas below them,
    // which have no date of their own): within the days before a deadline that reminders go.
    await form.getByLabel('Sista dag, Enhet').fill(dayFromNow(1));
    await form.getByLabel('Sista dag, Division').fill(dayFromNow(0));
    await form.getByRole('button', { name: 'Lägg till tillfälle' }).click();
    // A division before its units is refused before anything is sent.
    await form.getByText('Kan inte vara före sista dagen för en lägre nivå.').waitFor();
    await form.getByLabel('Sista dag, Division').fill(dayFromNow(2));
    await form.getByRole('button', { name: 'Lägg till tillfälle' }).click();
    await page.getByText(`Månadsrapport för påminnelser ${period} har lagts till i årshjulet.`).waitFor();
    await page.getByRole('rowheader', { name: new RegExp(`^Månadsrapport för påminnelser ${period}`) }).waitFor();
    await expectAccessible(`annual cycle ${year} with a new occasion`);

    await page.goto('/administration');
    await page.getByRole('tab', { name: 'Utkorg' }).click();
    await page.getByRole('heading', { level: 2, name: 'Utkorg' }).waitFor();
    // The demo's live month may have reminders waiting already (made when the server started).
    const table = page.getByRole('table', { name: 'Meddelanden, de senaste först' });
    const waiting = ((await (await page.request.get('/api/outbox')).json()).messages as unknown[]).length;
    await page.getByText(waiting === 0 ? 'Utkorgen är tom.' : /^\d+ meddelanden?, varav/).waitFor();
    const rowsBefore = waiting + 1;
    await page.getByRole('button', { name: 'Skicka påminnelser nu' }).click();
    const ran = page.getByText(/^\d+ skapade?, 0 skickade?\.$/);
    await ran.waitFor();
    const created = Number((await ran.textContent())?.match(/^\d+/)?.[0]);
    expect(created).toBeGreaterThan(0);
    await expect.poll(() => table.getByRole('row').count()).toBe(rowsBefore + created);
    const reminder = table.getByRole('row').filter({ hasText: `Påminnelse: Månadsrapport för påminnelser ${period}` });
    await expect.poll(() => reminder.count()).toBe(created);
    await reminder.first().getByText('Väntar i utkorgen').waitFor();
    await reminder.first().getByText('Visa meddelandet').click();
    await reminder
      .first()
      .getByText(/ska lämna in sin rapport för/)
      .waitFor();
    await expectAccessible('outbox');

    // Run again: every reminder was made once, so nothing new.
    await page.getByRole('button', { name: 'Skicka påminnelser nu' }).click();
    await page.getByText('0 skapade, 0 skickade.').waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(rowsBefore + created);
  });
});
