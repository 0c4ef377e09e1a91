import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousA11yViolations } from './support';

// The accessibility check every journey relies on, tried on pages whose faults are known: it must
// find each serious WCAG 2.1 AA fault, and nothing on a page without one.
describe('the accessibility check of the browser tests', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(async () => browser?.close());

  const html = (body: string) =>
    `<!doctype html><html lang="sv"><head><title>Prov</title></head><body><main><h1>Prov</h1>${body}</main></body></html>`;

  it('finds low contrast, an image without text, a field without a label and a button without a name', async () => {
    await page.setContent(
      html(`
        <p style="color:#999;background:#fff">Grå text på vitt</p>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
        <input type="text">
        <button></button>`),
    );
    const found = await seriousA11yViolations(page, 'kända fel');
    for (const rule of ['color-contrast', 'image-alt', 'label', 'button-name'])
      expect(
        found.some((v) => v.startsWith(`${rule}:`)),
        `${rule} in ${found.join('; ')}`,
      ).toBe(true);
  });

  it('finds nothing on a page without faults', async () => {
    await page.setContent(
      html(`
        <p style="color:#222;background:#fff">Mörk text på vitt</p>
        <label for="namn">Namn</label><input id="namn" type="text">
        <button type="button">Spara</button>`),
    );
    expect(await seriousA11yViolations(page, 'utan fel')).toEqual([]);
  });
});
