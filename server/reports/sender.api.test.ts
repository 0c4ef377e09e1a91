import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext } from '../../test/support/context';

const plain = (text: string) => text.replace(/[\u00a0\u202f\u2009]/g, ' ');

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'rt-sender-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("a sent report names its sender by the person's name", () => {
  let ctx: Awaited<ReturnType<typeof createDemoContext>>;
  beforeAll(async () => {
    ctx = await createDemoContext();
  });
  afterAll(async () => ctx.close());

  it('shows "Skickad … av Conny Controller", never the user name, in the report and every export', async () => {
    ctx.clock.set('2025-10-20T10:00:00Z');
    const controller = ctx.agent();
    await controller.login('controller');
    const created = await controller.json('POST', '/api/reports', {
      kind: 'month',
      title: 'Månadsrapport september 2025, avsändarens namn',
      unitId: ctx.demo.units.get('hs'),
      period: '2025-09',
      planId: ctx.demo.economy.planId,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const written = await controller.json('PUT', `/api/reports/${id}`, {
      version: 1,
      title: 'Månadsrapport september 2025, avsändarens namn',
      sbar: { situation: 'Läget.', background: 'Bakgrunden.', assessment: 'Bedömningen.', recommendation: 'Beslut.' },
      proposedDecision: 'Nämnden beslutar att godkänna rapporten.',
    });
    expect(written.status).toBe(200);
    const meeting = await controller.json('POST', '/api/meetings', {
      bodyId: ctx.demo.bodies.get('hsn'),
      meetsOn: '2025-10-28',
      title: 'Sammanträde för avsändartestet',
    });
    expect(meeting.status).toBe(201);
    const sent = await controller.json('POST', `/api/reports/${id}/send`, {
      version: 2,
      meetingId: meeting.body.id,
      paragraph: '901',
    });
    expect(sent.status).toBe(200);

    const report = (await controller.json('GET', `/api/reports/${id}`)).body;
    expect(report.sentByName).toBe('Conny Controller');
    expect(report.content.sent).toEqual({ on: '2025-10-20', byName: 'Conny Controller' });

    const pdf = pdfText(
      new Uint8Array(await (await controller.request('GET', `/api/reports/${id}/export?format=pdf`)).arrayBuffer()),
    );
    expect(pdf).toMatch(/Skickad\s+20 oktober 2025 av Conny Controller/);
    expect(pdf).not.toMatch(/av controller\b/);
    const docx = Buffer.from(
      await (await controller.request('GET', `/api/reports/${id}/export?format=docx`)).arrayBuffer(),
    );
    const word = plain((await mammoth.extractRawText({ buffer: docx })).value);
    expect(word).toMatch(/Skickad\s+20 oktober 2025 av Conny Controller/);
  }, 120_000);
});
