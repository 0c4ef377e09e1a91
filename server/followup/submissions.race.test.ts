import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestContext, type TestContext, testDatabaseKind } from '../../test/support/context';
import { makeUnit, makeUser, PASSWORD } from '../../test/support/factories';

describe("a unit's monthly report", () => {
  let ctx: TestContext;
  let region: string;
  let admin: Agent;
  let counter = 0;
  beforeAll(async () => {
    ctx = await createTestContext();
    region = await makeUnit(ctx.services, 'Region Test');
    await makeUser(ctx.services, 'admin', [{ role: 'administrator', unitId: region }]);
    admin = ctx.agent();
    await admin.login('admin', PASSWORD);
  });
  afterAll(async () => ctx.close());

  /** A fresh unit with `writers` reporters signed in, each with an agent of their own. */
  async function unitWithWriters(writers: number) {
    counter += 1;
    const unit = await makeUnit(ctx.services, `Enhet ${counter}`, region);
    const chief = ctx.agent();
    await makeUser(ctx.services, `chef${counter}`, [{ role: 'manager', unitId: region }]);
    await chief.login(`chef${counter}`, PASSWORD);
    const agents: Agent[] = [];
    for (let i = 0; i < writers; i++) {
      await makeUser(ctx.services, `rapp${counter}-${i}`, [{ role: 'reporter', unitId: unit }]);
      const a = ctx.agent();
      await a.login(`rapp${counter}-${i}`, PASSWORD);
      agents.push(a);
    }
    return { unit, agents, chief };
  }

  // PGlite has one connection, so only PostgreSQL lets the first writes truly overlap.
  it('lets exactly one of several concurrent first saves or submits through and answers the rest 409', async () => {
    const runs = testDatabaseKind() === 'postgresql' ? 12 : 3;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 6 }), fc.constantFrom('save', 'submit'), async (writers, action) => {
        const { unit, agents } = await unitWithWriters(writers);
        const path = `/api/followup/submissions/${unit}/2025-05`;
        const answers = await Promise.all(
          agents.map((a, i) =>
            action === 'save'
              ? a.json('PUT', path, { version: 0, analysis: `Skrivare ${i}` })
              : a.json('POST', `${path}/submit`, { version: 0, analysis: `Skrivare ${i}` }),
          ),
        );
        const statuses = answers.map((r) => r.status).sort();
        expect(statuses).toEqual([200, ...Array(writers - 1).fill(409)]);
        const winner = answers.find((r) => r.status === 200)?.body;
        for (const lost of answers.filter((r) => r.status === 409))
          expect(lost.body.error.current).toMatchObject({ version: 1, analysis: winner.analysis });
        const entries = await ctx.services.db
          .selectFrom('history')
          .select('id')
          .where('entity', '=', 'submission')
          .where('entity_id', '=', `${unit}:2025-05`)
          .execute();
        expect(entries).toHaveLength(1);
      }),
      { numRuns: runs },
    );
  });

  it('keeps the analysis before and after and the comment of every step in the history', async () => {
    const { unit, agents, chief } = await unitWithWriters(1);
    const writer = agents[0] as Agent;
    const path = `/api/followup/submissions/${unit}/2025-04`;
    expect((await writer.json('PUT', path, { version: 0, analysis: 'Första utkastet.' })).status).toBe(200);
    expect((await writer.json('POST', `${path}/submit`, { version: 1, analysis: 'Färdig analys.' })).status).toBe(200);
    expect((await chief.json('POST', `${path}/return`, { version: 2, comment: 'Förklara övertiden.' })).status).toBe(
      200,
    );
    expect(
      (await writer.json('POST', `${path}/submit`, { version: 3, analysis: 'Övertiden beror på vakanser.' })).status,
    ).toBe(200);
    expect((await chief.json('POST', `${path}/approve`, { version: 4, comment: 'Bra.' })).status).toBe(200);

    const { status, body } = await admin.json('GET', `/api/history?entity=submission&id=${unit}:2025-04`);
    expect(status).toBe(200);
    const steps = body.entries.map((e: { kind: string; before: unknown; after: unknown }) => ({
      kind: e.kind,
      before: e.before,
      after: e.after,
    }));
    expect(steps).toEqual([
      {
        kind: 'submission.saved',
        before: { status: 'not_started', analysis: '' },
        after: { status: 'in_progress', analysis: 'Första utkastet.', comment: null },
      },
      {
        kind: 'submission.submitted',
        before: { status: 'in_progress', analysis: 'Första utkastet.' },
        after: { status: 'submitted', analysis: 'Färdig analys.', comment: null },
      },
      {
        kind: 'submission.returned',
        before: { status: 'submitted', analysis: 'Färdig analys.' },
        after: { status: 'returned', analysis: 'Färdig analys.', comment: 'Förklara övertiden.' },
      },
      {
        kind: 'submission.submitted',
        before: { status: 'returned', analysis: 'Färdig analys.' },
        after: { status: 'submitted', analysis: 'Övertiden beror på vakanser.', comment: null },
      },
      {
        kind: 'submission.approved',
        before: { status: 'submitted', analysis: 'Övertiden beror på vakanser.' },
        after: { status: 'approved', analysis: 'Övertiden beror på vakanser.', comment: 'Bra.' },
      },
    ]);
  });
});
