import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyPage, launchBrowser, openAs, type RunningServer, seriousA11yViolations, startServer } from './support';

// Every flagged record says, on its own page, who must decide it and why (decision competence,
// docs/decisions/012): the roadmap that steers without a decision, the goal reworded after its
// plan was decided, the measure above its owner's competence and the ransonering measure that
// only the nämnd may decide. Ids are read from the API the page itself uses; everything asserted
// is what the screen shows.

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await journeyPage(browser, server);
  await openAs(page, 'controller');
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

type Competence = { decided: boolean; requiredDecisionMaker: string; reason: string };

/** The page's competence note shows the server's judgement: who must decide, and the rule. */
async function expectNote(path: string, competence: string, label: string) {
  const judged = await read<Competence>(competence);
  expect(judged.decided, label).toBe(false);
  await page.goto(path);
  const note = page.locator('.competence-note').filter({ hasText: 'Måste beslutas av' }).first();
  await note.getByText(judged.requiredDecisionMaker, { exact: true }).waitFor();
  await note.getByText(judged.reason, { exact: true }).waitFor();
  expect(await seriousA11yViolations(page, label), `axe on ${label}`).toEqual([]);
  return judged;
}

describe('who must decide, on every flagged record', () => {
  it('shows it on the roadmap that steers without a decision', async () => {
    const { plans } = await read<{ plans: { id: string; title: string }[] }>('/api/plans');
    const roadmap = plans.find((p) => p.title === 'Färdplan 2030');
    expect(roadmap).toBeDefined();
    const id = roadmap?.id as string;
    await expectNote(`/planer/${id}`, `/api/competence/plan/${id}`, 'Färdplan 2030');
  });

  it('shows it on a goal reworded without a decision', async () => {
    const { goals } = await read<{ goals: { id: string; title: string }[] }>('/api/goals?drift=true');
    expect(goals.length).toBeGreaterThan(0);
    const goal = goals[0] as { id: string };
    await expectNote(`/mal/${goal.id}`, `/api/competence/goal/${goal.id}`, 'drifted goal');
  });

  it('shows it on the measure above its owner’s competence and on the ransonering measure', async () => {
    const { plans } = await read<{ plans: { id: string }[] }>('/api/action-plans');
    const measures = (
      await Promise.all(
        plans.map((p) =>
          read<{ measures: { id: string; title: string }[] }>(`/api/action-plans/${p.id}/measures?period=2024-12`).then(
            (r) => r.measures,
          ),
        ),
      )
    ).flat();
    const byTitle = (title: string) => measures.find((m) => m.title === title)?.id as string;
    const above = byTitle('Ortopedins kostnader i nivå med jämförbara regioner');
    const rationing = byTitle('Stängd vårdavdelning sommartid');
    expect(above && rationing).toBeTruthy();
    const a = await expectNote(`/atgarder/${above}`, `/api/competence/measure/${above}`, 'measure above competence');
    expect(a.requiredDecisionMaker).toMatch(/^Förvaltningschef/);
    const r = await expectNote(`/atgarder/${rationing}`, `/api/competence/measure/${rationing}`, 'ransonering measure');
    expect(r.requiredDecisionMaker).toMatch(/^Nämnden som styr enheten/);
  });
});
