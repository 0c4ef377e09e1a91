import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createDemoContext, type TestContext } from '../../test/support/context';
import type { Seeded } from '../../test/support/demo-ids';
import {
  type ReportFact,
  SEED002_ACTIVE_DECISIONS,
  SEED002_AGENCY_STAFF,
  SEED002_AUTUMN,
  SEED002_FLAGGED_MEASURES,
  SEED002_FORECASTS,
  SEED002_MEETINGS,
  SEED002_PLAN,
  SEED002_ROADMAP,
  SEED002_STUDIED_MEASURES,
  type SeedMnkr,
} from './seed002-facts';

/**
 * Whole kronor from the API as the seed writes mnkr: one decimal at most, Swedish comma, "-"
 * for a deficit ("-146,6", "197"). Rounding to the seed's precision is the only loss, so a
 * figure off by 0,05 mnkr or more fails.
 */
const asSeed = (kronor: string | null | undefined): SeedMnkr | null => {
  if (kronor === null || kronor === undefined) return null;
  const tenths = Number((BigInt(kronor) * 10n + (BigInt(kronor) < 0n ? -500_000n : 500_000n)) / 1_000_000n);
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  const whole = Math.trunc(abs / 10);
  const decimal = abs % 10;
  return `${sign}${whole}${decimal ? `,${decimal}` : ''}`;
};

describe('the demo follows seed 002 meeting by meeting', () => {
  let ctx: TestContext;
  let demo: Seeded;
  let revisor: Agent;
  let politiker: Agent;
  beforeAll(async () => {
    const demoCtx = await createDemoContext();
    ctx = demoCtx;
    demo = demoCtx.demo;
    revisor = ctx.agent();
    await revisor.login('revisor');
    politiker = ctx.agent();
    await politiker.login('politiker');
  });
  afterAll(async () => ctx.close());

  const bodyId = (key: string) => demo.bodies.get(key) as string;
  // The demo's names of the units the seed's reports are about (Region Dalarna is Region Exempel).
  const UNIT_NAMES: Record<string, string> = {
    region: 'Region Exempel',
    hs: 'Hälso- och sjukvård',
    kt: 'Kollektivtrafik',
    hos: 'Hörsel och syn',
  };
  const meetingsOf = async (body: string, reader: Agent = revisor) => {
    const res = await reader.json('GET', `/api/meetings?body=${bodyId(body)}`);
    expect(res.status).toBe(200);
    return res.body.meetings as any[];
  };

  it('holds each meeting of the seed on its day, with its paragraphs, titles and outcomes in order', async () => {
    for (const fact of SEED002_MEETINGS) {
      const meeting = (await meetingsOf(fact.body)).find((m) => m.meetsOn === fact.on);
      expect(meeting, `${fact.body} ${fact.on}`).toBeDefined();
      expect(
        meeting.items.map((i: any) => ({ paragraph: i.paragraph, outcome: i.outcome })),
        `${fact.body} ${fact.on}`,
      ).toEqual(fact.items.map((i) => ({ paragraph: i.paragraph, outcome: i.outcome })));
      for (const item of fact.items) {
        const shown = meeting.items.find((i: any) => i.paragraph === item.paragraph);
        // A report on the agenda lends the item its title: "Delårsrapport: Delårsrapport (2024-07)".
        expect(shown.title, `§ ${item.paragraph}`).toContain(item.title);
        if (item.decisionSays) expect(shown.decisionText, `§ ${item.paragraph}`).toContain(item.decisionSays);
        expect(shown.reportId !== null, `§ ${item.paragraph} has a report`).toBe(item.report !== undefined);
      }
    }
  });

  it('has the bodies meet in the autumn only on the seed’s days', async () => {
    for (const body of ['rs', 'hsn', 'ktn'] as const) {
      const autumn = (await meetingsOf(body))
        .map((m) => m.meetsOn as string)
        .filter((on) => on >= SEED002_AUTUMN.from && on <= SEED002_AUTUMN.to)
        .sort();
      const seed = SEED002_MEETINGS.filter((m) => m.body === body && m.on >= SEED002_AUTUMN.from).map((m) => m.on);
      expect(autumn, body).toEqual(seed);
    }
  });

  it('shows each report frozen as the body was shown it: kind, period, paragraph, figures and what it states', async () => {
    const checked: string[] = [];
    for (const fact of SEED002_MEETINGS)
      for (const item of fact.items.filter((i) => i.report)) {
        const r = item.report as ReportFact;
        const where = `${fact.body} ${fact.on} § ${item.paragraph}`;
        const meeting = (await meetingsOf(fact.body)).find((m) => m.meetsOn === fact.on);
        const reportId = meeting.items.find((i: any) => i.paragraph === item.paragraph).reportId;
        const { status, body } = await politiker.json('GET', `/api/reports/${reportId}`);
        expect(status, where).toBe(200);
        expect(body.status, where).toBe('sent');
        const c = body.content;
        expect({ kind: c.kind, period: c.period, unitName: c.unitName }, where).toEqual({
          kind: r.kind,
          period: r.period,
          unitName: UNIT_NAMES[r.unit],
        });
        expect(c.meeting, where).toEqual({ bodyName: meeting.bodyName, meetsOn: fact.on, paragraph: item.paragraph });
        const row = c.actionPlan?.rows.find((x: any) => x.measure === null && x.unitName === c.unitName);
        if (r.target) expect(asSeed(row?.targetKr), `${where} target`).toBe(r.target);
        if (r.forecast) expect(asSeed(row?.forecastKr), `${where} forecast`).toBe(r.forecast);
        if (r.deviation) expect(asSeed(row?.deviationKr), `${where} deviation`).toBe(r.deviation);
        if (r.unit === 'region' && r.forecast) expect(asSeed(c.actionPlan.totals.forecastKr), where).toBe(r.forecast);
        for (const sentence of r.states ?? []) expect(c.sbar.situation, where).toContain(sentence);
        checked.push(where);
      }
    expect(checked.length).toBe(SEED002_MEETINGS.flatMap((m) => m.items).filter((i) => i.report).length);
    expect(checked.length).toBeGreaterThan(10);
  });

  it('writes the interim report per juli, and every export writes "§" before the paragraph', async () => {
    const rs = (await meetingsOf('rs')).find((m) => m.meetsOn === '2024-09-16');
    const item = rs.items.find((i: any) => i.paragraph === '140');
    expect(item.decisionText).toMatch(/per juli 2024/);
    expect(item.decisionText).not.toMatch(/augusti/);
    const { body } = await politiker.json('GET', `/api/reports/${item.reportId}`);
    expect(body.content.period).toBe('2024-07');
    const { meetingText } = await import('../reports/render/format');
    expect(meetingText(body.content.meeting)).toBe('Regionstyrelsen 16 september 2024, § 140');
  });

  it('gives the action plan’s forecasts per month as the seed reports them', async () => {
    for (const f of SEED002_FORECASTS) {
      const { status, body } = await politiker.json(
        'GET',
        `/api/action-plans/${demo.economy.planId}/summary?period=${f.period}`,
      );
      expect(status).toBe(200);
      const row = f.unit === 'region' ? body : body.byUnit.find((r: any) => r.unitId === demo.units.get(f.unit));
      const where = `${f.unit} ${f.period}`;
      expect(asSeed(row.forecast), `${where} forecast`).toBe(f.forecast);
      if (f.target) expect(asSeed(row.target), `${where} target`).toBe(f.target);
      if (f.deviation) expect(asSeed(row.deviation), `${where} deviation`).toBe(f.deviation);
    }
  });

  it('carries the plan’s 558 planned against 500 with 67 of low feasibility, and the six studied measures', async () => {
    const { body } = await revisor.json('GET', `/api/action-plans/${demo.economy.planId}/summary?period=2025-01`);
    expect(asSeed(body.target)).toBe(SEED002_PLAN.target);
    expect(asSeed(body.planned)).toBe(SEED002_PLAN.planned);
    expect(asSeed(body.byFeasibility.find((f: any) => f.feasibility === 3).planned)).toBe(SEED002_PLAN.plannedGrade3);
    const tree = (await revisor.json('GET', `/api/action-plans/${demo.economy.planId}/measures?period=2025-01`)).body;
    for (const m of SEED002_STUDIED_MEASURES) {
      const shown = tree.measures.find((x: any) => x.title === m.title);
      expect({ title: m.title, target: asSeed(shown?.planned), outcome: asSeed(shown?.outcome) }).toEqual(m);
    }
  });

  it('has HSN make the two active decisions of the autumn, the styrelse its two in April, and KTN none', async () => {
    const active: { body: string; on: string; paragraph: string }[] = [];
    for (const body of ['rs', 'hsn', 'ktn'] as const)
      for (const m of await meetingsOf(body))
        for (const i of m.items) {
          if (i.outcome === 'information' || i.outcome === null) continue;
          // Adopting an interim report is a decision, but not one on the plan.
          if (i.reportId) {
            const report = (await revisor.json('GET', `/api/reports/${i.reportId}`)).body;
            if (report.kind === 'interim') continue;
          }
          if (m.meetsOn < '2025-01-01') active.push({ body, on: m.meetsOn, paragraph: i.paragraph });
        }
    const key = (d: { body: string; on: string; paragraph: string }) => `${d.body} ${d.on} § ${d.paragraph}`;
    expect(active.map(key).sort()).toEqual(SEED002_ACTIVE_DECISIONS.map(key).sort());
  });

  it('shows Färdplan 2030 only noted, steering without a decision', async () => {
    const { body } = await revisor.json('GET', '/api/plans');
    const plan = body.plans.find((p: any) => p.title === SEED002_ROADMAP.plan);
    expect(plan).toMatchObject({ status: 'draft', steersWithoutDecision: true });
    const found = (await revisor.json('GET', `/api/decisions?q=${encodeURIComponent('Färdplan 2030')}`)).body.decisions;
    expect(found.map((d: any) => [d.title, d.kind])).toEqual([[SEED002_ROADMAP.notedAs, 'information']]);
  });

  it('gives every goal a target year within its plan’s years', async () => {
    const plans = (await revisor.json('GET', '/api/plans')).body.plans as any[];
    const goals = (await revisor.json('GET', '/api/goals')).body.goals as any[];
    expect(goals.length).toBeGreaterThan(10);
    for (const g of goals) {
      const plan = plans.find((p) => p.id === g.planId);
      expect(g.targetYear, `${g.title} in ${plan.title}`).toBeGreaterThanOrEqual(plan.startYear);
      expect(g.targetYear, `${g.title} in ${plan.title}`).toBeLessThanOrEqual(plan.endYear);
    }
  });

  it('gives the agency-staff share of the November report: HS at 3,4 %, Medicin and Kirurgi within 2 %', async () => {
    const f = SEED002_AGENCY_STAFF;
    const indicatorId = demo.steering.indicators.get('hyrandel') as string;
    const { status, body } = await politiker.json('GET', `/api/indicators/${indicatorId}/across?period=${f.month}`);
    expect(status).toBe(200);
    const share = async (unit: string) =>
      body.rows.find((r: any) => r.unitId === demo.units.get(unit))?.figure as { outcome: number; target: number };
    const swedish = (n: number) => n.toFixed(1).replace('.', ',');
    const hs = await share('hs');
    expect(swedish(hs.outcome)).toBe(f.hs);
    expect(String(hs.target)).toBe(f.target);
    for (const d of f.withinTarget) expect((await share(d)).outcome, d).toBeLessThanOrEqual(Number(f.target));
    for (const d of f.wellAbove) expect((await share(d)).outcome, d).toBeGreaterThanOrEqual(Number(f.wellAboveFrom));
  });

  it('flags one measure above its owner’s competence, and keeps one ransonering waiting for its nämnd', async () => {
    const tree = (await revisor.json('GET', `/api/action-plans/${demo.economy.planId}/measures?period=2024-12`)).body;
    const above = tree.measures.find((m: any) => m.title === SEED002_FLAGGED_MEASURES.aboveCompetence.title);
    expect(above.mandate).toMatchObject({
      aboveMandate: true,
      flagged: true,
      required: SEED002_FLAGGED_MEASURES.aboveCompetence.required,
    });
    const waiting = tree.measures.find((m: any) => m.title === SEED002_FLAGGED_MEASURES.ransoneringWaiting.title);
    expect(waiting.category).toBe('ransonering');
    const read = (await revisor.json('GET', `/api/measures/${waiting.id}?period=2024-12`)).body;
    expect(read.competence.decided).toBe(false);
    expect(read.competence.requiredDecisionMaker).toMatch(
      new RegExp(`^${SEED002_FLAGGED_MEASURES.ransoneringWaiting.requiredDecisionMakerStarts}`),
    );
  });
});
