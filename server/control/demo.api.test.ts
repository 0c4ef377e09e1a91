import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext } from '../../test/support/context';

/** The demo's year of internal control: plans, two tertials of results, a late action escalated. */
describe('internal control in the demo', () => {
  let ctx: Awaited<ReturnType<typeof createDemoContext>>;
  beforeAll(async () => {
    ctx = await createDemoContext();
  }, 400_000);
  afterAll(async () => ctx.close());
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };

  it('shows both decided plans, the results and the escalated late action to the controller and the revisor', async () => {
    const controller = await as('controller');
    const uppsikt = await controller.json('GET', '/api/control/uppsikt?year=2025');
    expect(uppsikt.status, JSON.stringify(uppsikt.body)).toBe(200);
    const hsn = uppsikt.body.bodies.find((b: any) => b.bodyName === 'Hälso- och sjukvårdsnämnden');
    const rs = uppsikt.body.bodies.find((b: any) => b.bodyName === 'Regionstyrelsen');
    expect(rs).toMatchObject({ planStatus: 'decided', points: 3 });
    // Four of its own and the styrelse's region-wide attest control.
    expect(hsn).toMatchObject({ planStatus: 'decided', points: 5, judgement: 'partly' });
    expect(hsn.counts).toMatchObject({ results: 6, done: 5, notDone: 1, deviations: 3, lateActions: 1 });

    const escalations = await controller.json('GET', '/api/control/escalations?year=2025');
    expect(escalations.body.items.map((i: any) => i.reason).sort()).toEqual(['late_action', 'serious_deviation']);
    const late = escalations.body.items.find((i: any) => i.reason === 'late_action');
    expect(late).toMatchObject({ bodyName: 'Hälso- och sjukvårdsnämnden', dueOn: '2025-06-01', occasion: '2025-T1' });
    expect(late.recipients.some((r: any) => r.as === 'controller')).toBe(true);

    const cycle = await controller.json('GET', '/api/cycle?year=2025');
    expect(cycle.body.occasions.filter((o: any) => o.kind === 'internal_control')).toHaveLength(6);

    const revisor = await as('revisor');
    const read = await revisor.json('GET', `/api/control/plans/${hsn.planId}`);
    expect(read.status).toBe(200);
    expect(read.body.can).toEqual({ edit: false, decide: false });
    expect(read.body.decisionCitation).toMatch(/Hälso- och sjukvårdsnämnden 2025-01-30 § 9/);
  }, 180_000);
});
