import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type TestContext } from '../../test/support/context';
import type { Seeded } from '../../test/support/demo-ids';

describe('the demo’s risk registers', () => {
  let ctx: TestContext & { demo: Seeded };
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };

  it('holds about 25 risks for HSN, its units and the styrelse, each assessed 1–3 times', async () => {
    const revisor = await as('revisor');
    const all = await revisor.json('GET', '/api/risks');
    expect(all.status).toBe(200);
    expect(all.body.risks.length).toBeGreaterThanOrEqual(25);
    for (const r of all.body.risks) {
      expect(r.assessmentCount, r.title).toBeGreaterThanOrEqual(1);
      expect(r.assessmentCount, r.title).toBeLessThanOrEqual(3);
      expect(r.can, r.title).toEqual({ edit: false, assess: false, link: false });
    }
    const titles = all.body.risks.map((r: any) => r.title).join(' | ');
    for (const word of [
      'hyrpersonal',
      'Kostnadsövervältring',
      'sommartid',
      'IT-säkerhet',
      'Bisysslor',
      'Attest',
      'utanför avtal',
    ])
      expect(titles).toContain(word);
  });

  it('rolls HSN’s register up over its divisions, and the styrelse’s over every nämnd', async () => {
    const politiker = await as('politiker');
    const hsn = ctx.demo.bodies.get('hsn') as string;
    const rs = ctx.demo.bodies.get('rs') as string;
    const own = await politiker.json('GET', `/api/risks?bodyId=${hsn}`);
    const below = await politiker.json('GET', `/api/risks?bodyId=${hsn}&includeBelow=true`);
    expect(own.body.risks.length).toBeGreaterThan(5);
    expect(below.body.risks.length).toBeGreaterThan(own.body.risks.length);
    const styrelse = await politiker.json('GET', `/api/risks?bodyId=${rs}&includeBelow=true`);
    expect(styrelse.body.risks.length).toBe((await (await as('revisor')).json('GET', '/api/risks')).body.risks.length);
    // Highest value first.
    const values = below.body.risks.map((r: any) => r.current?.value ?? 0);
    expect(values).toEqual([...values].sort((a: number, b: number) => b - a));

    const matrix = await politiker.json('GET', `/api/risks/matrix?bodyId=${hsn}&includeBelow=true`);
    expect(matrix.status).toBe(200);
    expect(matrix.body.cells.reduce((n: number, c: any) => n + c.count, 0)).toBe(below.body.risks.length);
  });

  it('shows chef.kirurgi Kirurgi’s risks with their links, and lets them assess', async () => {
    const chef = await as('chef.kirurgi');
    const kirurgi = ctx.demo.units.get('kirurgi') as string;
    const list = await chef.json('GET', `/api/risks?unitId=${kirurgi}&includeBelow=true`);
    expect(list.status).toBe(200);
    expect(list.body.risks.length).toBe(5);
    const id = ctx.demo.risks.get('kir-hyrlakare') as string;
    const risk = await chef.json('GET', `/api/risks/${id}`);
    expect(risk.body.assessments.map((a: any) => a.value)).toEqual([6, 12]);
    expect(risk.body.links.map((l: any) => l.kind).sort()).toEqual(['goal', 'measure']);
    expect(risk.body.can).toEqual({ edit: true, assess: true, link: true });
    expect((await chef.json('GET', `/api/risks/${ctx.demo.risks.get('med-overbel')}`)).status).toBe(403);
  });
});
