import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  e2eDayFromStart,
  followMenu,
  journeyPage,
  launchBrowser,
  openAs,
  type RunningServer,
  seriousA11yViolations,
  startServer,
} from './support';

// Journey: the administrator keeps a nämnd's own page (/organ/:id) — adds a row to its
// delegationsordning, is stopped at the field by a negative amount and by an end before the
// start, ends the row from a later day; then seats a politician as ersättare and ends the seat.
// What is asserted is what the screen shows and what the server kept, read from the same API
// the page uses. Dates are the servers' fixed clock's, never the wall clock's.

const NAMND = 'Hälso- och sjukvårdsnämnden';
const MATTER = 'Åtgärd: generell besparing';
const DELEGATE = 'Chefläkare';
const DELEGATE_SHOWN = `${DELEGATE} (Verksamhet)`;
const END_BUTTON = `Avsluta delegationen ${MATTER} till ${DELEGATE_SHOWN}`;
const SEATED = 'Per Politiker';

const TODAY = e2eDayFromStart(0);
const TOMORROW = e2eDayFromStart(1);
const MONTH_AGO = e2eDayFromStart(-30);

/** A day as the page writes it: "2 december 2026". */
const shown = (isoDate: string) =>
  new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: 'Europe/Stockholm' }).format(
    new Date(`${isoDate}T12:00:00Z`),
  );

let server: RunningServer;
let browser: Browser;
let page: Page;
let bodyId: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await journeyPage(browser, server);
  await openAs(page, 'admin');
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const read = async <T>(path: string): Promise<T> => {
  const res = await page.request.get(path);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
};

async function expectAccessible(label: string) {
  expect(await seriousA11yViolations(page, label), `axe on ${label}`).toEqual([]);
}

/** The error Mantine shows under an input, tied to it by id (and announced through aria-describedby). */
async function errorAt(input: Locator): Promise<string> {
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  const id = await input.getAttribute('id');
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  expect(describedBy.split(' ')).toContain(`${id}-error`);
  return (await page.locator(`[id="${id}-error"]`).textContent()) ?? '';
}

/** A table row's cells as the screen reads them, spaces (also no-break ones) made plain. */
async function cellsOf(row: Locator): Promise<string[]> {
  const texts = await row.locator('th, td').allTextContents();
  return texts.map((t) => t.replace(/\s+/g, ' ').trim());
}

type Row = {
  id: string;
  matter: string;
  delegate: { kind: string; title: string; unitLevel?: string };
  maxAmountKr: string | null;
  validFrom: string;
  validTo: string | null;
  decisionId: string | null;
  version: number;
  can: { end: boolean };
};
type Order = { inForce: Row[]; all: Row[]; can: { add: boolean } };
type Member = {
  id: string;
  username: string;
  role: string;
  validFrom: string;
  validTo: string | null;
  version: number;
};

const order = () => read<Order>(`/api/bodies/${bodyId}/delegations`);
const ours = (rows: Row[]) => rows.filter((r) => r.delegate.title === DELEGATE);
const members = async () => (await read<{ members: Member[] }>(`/api/bodies/${bodyId}/members`)).members;

describe('a nämnd’s own page: its delegation order and its seats', () => {
  it('is found from the menu, through the list of political bodies', async () => {
    const { bodies } = await read<{ bodies: { id: string; name: string }[] }>('/api/bodies');
    bodyId = bodies.find((b) => b.name === NAMND)?.id as string;
    expect(bodyId).toBeTruthy();

    await followMenu(page, 'Politiska organ');
    await page.getByRole('heading', { level: 1, name: 'Politiska organ' }).waitFor();
    await page
      .getByRole('table', { name: 'Politiska organ' })
      .getByRole('rowheader', { name: NAMND })
      .getByRole('link', { name: NAMND })
      .click();
    await page.getByRole('heading', { level: 1, name: NAMND }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/organ/${bodyId}`);
    // The journey's own row is not there yet.
    expect(ours((await order()).all)).toEqual([]);
    await expectAccessible('body page');
  });

  it('adds a delegation row: a negative amount and an end before the start are refused at their fields', async () => {
    const section = page.getByRole('region', { name: 'Delegationsordning' });
    // Opened by keyboard: the panel's heading takes the focus.
    await section.getByRole('button', { name: 'Lägg till delegation' }).focus();
    await page.keyboard.press('Enter');
    const form = section.getByRole('region', { name: 'Ny rad i delegationsordningen' });
    await form.waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Ny rad i delegationsordningen');
    // The form starts on the region's day (the server's clock), not the browser's.
    expect(await form.getByLabel(/^Gäller från/).inputValue()).toBe(TODAY);
    await expectAccessible('add delegation form');

    await form.getByLabel('Ärende').selectOption({ label: MATTER });
    await form.getByLabel(/^Delegatens titel/).fill(DELEGATE);
    await form.getByLabel('Tjänstepersonens nivå').selectOption({ label: 'Verksamhet' });
    await form.getByLabel('Beslutet som antog raden').selectOption({ label: '26 januari 2023 § 3 Delegationsordning' });
    const amount = form.getByLabel('Högsta belopp (mnkr, tomt = utan gräns)');
    await amount.fill('-2');
    // Sent with Enter on the button, as a keyboard user does: the error is said, and the
    // focus is taken to the field to correct.
    await form.getByRole('button', { name: 'Lägg till delegation' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => errorAt(amount)).toBe('Beloppet får inte vara negativt.');
    await form.getByText('Rätta de markerade fälten och försök igen.').waitFor();
    await expect.poll(() => amount.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible('add delegation, negative amount');
    expect(ours((await order()).all)).toEqual([]);

    await amount.fill('1,5');
    const validTo = form.getByLabel('Gäller till');
    await validTo.fill(e2eDayFromStart(-1));
    await form.getByRole('button', { name: 'Lägg till delegation' }).click();
    await expect.poll(() => errorAt(validTo)).toBe('måste vara efter giltig från');
    await form.getByText('Slutdatum måste vara efter startdatum.').waitFor();
    expect(await amount.getAttribute('aria-invalid')).not.toBe('true');
    await expectAccessible('add delegation, end before start');
    expect(ours((await order()).all)).toEqual([]);

    await validTo.fill('');
    await form.getByRole('button', { name: 'Lägg till delegation' }).click();
    await section.getByText('Delegationen är tillagd.').waitFor();
    expect(await form.count()).toBe(0);

    const row = section.getByRole('row').filter({ hasText: DELEGATE_SHOWN });
    await expect.poll(() => row.count()).toBe(1);
    expect(await cellsOf(row)).toEqual([
      MATTER,
      DELEGATE_SHOWN,
      '1,5 mnkr',
      `${shown(TODAY)} –`,
      `${NAMND} 2023-01-26 § 3`,
      'Avsluta',
    ]);

    const { decisions } = await read<{ decisions: { id: string; title: string }[] }>(
      `/api/decisions?bodyId=${bodyId}&kind=beslut`,
    );
    const adopting = decisions.find((d) => d.title === 'Delegationsordning')?.id;
    expect(adopting).toBeTruthy();
    const kept = await order();
    expect(ours(kept.inForce)).toEqual([
      expect.objectContaining({
        matter: 'measure.generell',
        delegate: { kind: 'official', title: DELEGATE, unitLevel: 'verksamhet' },
        maxAmountKr: '1500000',
        validFrom: TODAY,
        validTo: null,
        decisionId: adopting,
        can: { end: true },
      }),
    ]);
    expect(ours(kept.all)).toHaveLength(1);
    await expectAccessible('delegation added');
  });

  it('ends the row: not before its first day, then from tomorrow', async () => {
    const section = page.getByRole('region', { name: 'Delegationsordning' });
    await section.getByRole('button', { name: END_BUTTON }).click();
    const form = section.getByRole('region', { name: END_BUTTON });
    const endOn = form.getByLabel(/^Första dag utan delegationen/);
    expect(await endOn.inputValue()).toBe(TODAY);
    await expectAccessible('end delegation form');

    // The row starts today: it cannot also stop today.
    await form.getByRole('button', { name: 'Avsluta' }).click();
    await expect.poll(() => errorAt(endOn)).toBe('måste vara efter giltig från');
    await expectAccessible('end delegation, too early');
    expect(ours((await order()).all)[0]?.validTo).toBeNull();

    await endOn.fill(TOMORROW);
    await form.getByRole('button', { name: 'Avsluta' }).click();
    await section.getByText('Delegationen är avslutad.').waitFor();
    expect(await form.count()).toBe(0);

    // In force today still, with its last day shown, and nothing left to end.
    const row = section.getByRole('row').filter({ hasText: DELEGATE_SHOWN });
    await expect
      .poll(() => cellsOf(row))
      .toEqual([
        MATTER,
        DELEGATE_SHOWN,
        '1,5 mnkr',
        `${shown(TODAY)} – ${shown(TOMORROW)}`,
        `${NAMND} 2023-01-26 § 3`,
        '',
      ]);
    expect(await section.getByRole('button', { name: END_BUTTON }).count()).toBe(0);

    const kept = await order();
    expect(ours(kept.inForce)).toEqual([
      expect.objectContaining({ validFrom: TODAY, validTo: TOMORROW, version: 2, can: { end: false } }),
    ]);
    expect(ours(kept.all)).toHaveLength(1);
    await expectAccessible('delegation ended');
  });

  it('seats a politician as ersättare from a month ago, and ends the seat today', async () => {
    const section = page.getByRole('region', { name: 'Ledamöter och ersättare' });
    await section.getByText('Inga ledamöter är registrerade.').waitFor();
    expect(await members()).toEqual([]);

    await section.getByRole('button', { name: 'Lägg till ledamot eller ersättare' }).click();
    const form = section.getByRole('region', { name: 'Ny plats i organet' });
    await form.waitFor();
    await expectAccessible('add seat form');
    await form.getByLabel(/^Användare/).selectOption({ label: `${SEATED} (politiker)` });
    await form.getByLabel('Uppdrag').selectOption({ label: 'Ersättare' });
    await form.getByLabel(/^Gäller från/).fill(MONTH_AGO);
    const validTo = form.getByLabel('Gäller till');
    await validTo.fill(e2eDayFromStart(-31));
    await form.getByRole('button', { name: 'Lägg till ledamot eller ersättare' }).click();
    await expect.poll(() => errorAt(validTo)).toBe('måste vara efter giltig från');
    await form.getByText('Slutdatum måste vara efter startdatum.').waitFor();
    await expectAccessible('add seat, end before start');
    expect(await members()).toEqual([]);

    await validTo.fill('');
    await form.getByRole('button', { name: 'Lägg till ledamot eller ersättare' }).click();
    await section.getByText('Platsen är tillagd.').waitFor();
    expect(await form.count()).toBe(0);
    expect(await section.getByText('Inga ledamöter är registrerade.').count()).toBe(0);
    const row = section.getByRole('row').filter({ has: page.getByRole('rowheader', { name: SEATED }) });
    await expect.poll(() => cellsOf(row)).toEqual([SEATED, 'Ersättare', `${shown(MONTH_AGO)} –`, 'Ändra']);
    const [seat] = await members();
    expect(seat).toMatchObject({
      username: 'politiker',
      role: 'ersattare',
      validFrom: MONTH_AGO,
      validTo: null,
      version: 1,
    });
    await expectAccessible('seat added');
  });

  it('changes the seat to ledamot and ends it today, which the page shows as ended', async () => {
    const section = page.getByRole('region', { name: 'Ledamöter och ersättare' });
    await section.getByRole('button', { name: `Ändra platsen för ${SEATED}` }).click();
    const form = section.getByRole('region', { name: `Ändra platsen för ${SEATED}` });
    await form.waitFor();
    // The form holds the seat as kept.
    expect(await form.getByLabel('Uppdrag').inputValue()).toBe('ersattare');
    expect(await form.getByLabel(/^Gäller från/).inputValue()).toBe(MONTH_AGO);
    expect(await form.getByLabel('Gäller till').inputValue()).toBe('');
    await expectAccessible('edit seat form');

    await form.getByLabel('Uppdrag').selectOption({ label: 'Ledamot' });
    await form.getByLabel('Gäller till').fill(TODAY);
    await form.getByRole('button', { name: 'Spara' }).click();
    await section.getByText('Platsen är sparad.').waitFor();
    expect(await form.count()).toBe(0);

    const row = section.getByRole('row').filter({ has: page.getByRole('rowheader', { name: SEATED }) });
    await expect
      .poll(() => cellsOf(row))
      .toEqual([SEATED, 'Ledamot', `${shown(MONTH_AGO)} – ${shown(TODAY)} (avslutad)`, 'Ändra']);
    const kept = await members();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ role: 'ledamot', validFrom: MONTH_AGO, validTo: TODAY, version: 2 });
    await expectAccessible('seat ended');
  });
});
