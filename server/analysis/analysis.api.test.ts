import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext } from '../../test/support/context';

const FULL = {
  patients: 'Längre väntan på planerade operationer under julen.',
  staff: 'Personalen flyttas till andra avdelningar under stängningen.',
  unionConsultedOn: '2024-10-01',
  unionConsultedWith: 'Vårdförbundet (MBL 11 §)',
  economy: 'Minskade kostnader med 0,1 mnkr.',
  otherUnits: 'Akutmottagningen får fler inläggningar.',
  conclusion: 'Genomförs med förstärkt jour.',
};

/** Issue 14 part C: a ransonering measure cannot slip through without its risk- och konsekvensanalys. */
describe('risk- och konsekvensanalyser of measures', () => {
  let ctx: Awaited<ReturnType<typeof createDemoContext>>;
  beforeAll(async () => {
    ctx = await createDemoContext();
  }, 300_000);
  afterAll(async () => ctx.close());
  const unit = (key: string) => ctx.demo.units.get(key) as string;
  const measureId = (key: string) => ctx.demo.economy.measures.get(key) as string;
  const planId = () => ctx.demo.economy.planId;
  const as = async (username: string) => {
    const agent = ctx.agent();
    await agent.login(username);
    return agent;
  };
  const measureInput = (over: Record<string, unknown> = {}) => ({
    planId: planId(),
    ownerUnitId: unit('medicin'),
    responsibleName: 'Erik Sundin',
    title: 'Stängd avdelning jul',
    category: 'ransonering',
    feasibility: 2,
    startOn: '2024-12-01',
    fullEffectOn: '2024-12-31',
    calculation: [{ year: 2024, kind: 'saving', description: 'Stängt', amountKr: '100000', realisationPct: 100 }],
    ...over,
  });

  it('seeds one ransonering measure with a done analysis and one without, flagged in the action plan', async () => {
    const revisor = await as('revisor');
    const tree = (await revisor.json('GET', `/api/action-plans/${planId()}/measures?period=2024-12`)).body;
    const byId = (id: string) => tree.measures.find((m: any) => m.id === id);
    expect(byId(measureId('narakut'))).toMatchObject({
      category: 'ransonering',
      status: 'ongoing',
      needsImpactAnalysis: true,
      lacksImpactAnalysis: false,
      impactAnalysis: { status: 'done' },
    });
    expect(byId(measureId('sommar'))).toMatchObject({
      status: 'planned',
      needsImpactAnalysis: true,
      lacksImpactAnalysis: true,
      impactAnalysis: null,
    });
    expect(tree.measures.filter((m: any) => m.lacksImpactAnalysis).map((m: any) => m.title)).toEqual([
      'Stängd vårdavdelning sommartid',
    ]);
    const effekt = tree.measures.find((m: any) => m.category === 'effektivisering');
    expect(effekt).toMatchObject({ needsImpactAnalysis: false, lacksImpactAnalysis: false });

    const analysis = (await revisor.json('GET', `/api/impact-analyses/${byId(measureId('narakut')).impactAnalysis.id}`))
      .body;
    expect(analysis).toMatchObject({
      subjectKind: 'measure',
      subjectName: 'Närakuten Älvdal',
      status: 'done',
      unionConsultedWith: expect.stringMatching(/Vårdförbundet/),
      can: { read: true, edit: false, complete: false },
    });
    expect(analysis.risks.length).toBeGreaterThan(0);
    expect(analysis.costShifts.map((s: any) => s.unitName)).toContain('Medicin');
  });

  it('refuses to submit a month while a measure below the unit lacks its analysis, naming it', async () => {
    const chef = await as('chef.medicin');
    const refused = await chef.json('POST', `/api/action-plans/${planId()}/submissions`, {
      unitId: unit('medicin'),
      period: '2024-12',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual([
      {
        field: `measures.${measureId('sommar')}`,
        message: 'Stängd vårdavdelning sommartid: risk- och konsekvensanalys saknas',
      },
    ]);
    // A unit without such measures submits as before.
    const akut = await chef.json('POST', `/api/action-plans/${planId()}/submissions`, {
      unitId: unit('akut'),
      period: '2024-12',
    });
    expect(akut.status, JSON.stringify(akut.body)).toBe(200);
  });

  it('refuses a report on a ransonering measure started before the rule until its analysis is done', async () => {
    const chef = await as('chef.medicin');
    const id = measureId('sommar');
    // A measure recorded as started before analyses were required (as after the upgrade).
    await ctx.services.db.updateTable('measures').set({ status: 'ongoing' }).where('id', '=', id).execute();
    const m = (await chef.json('GET', `/api/measures/${id}?period=2024-12`)).body;
    const refused = await chef.json('POST', `/api/measures/${id}/reports`, {
      version: m.version,
      period: '2024-12',
      forecastKr: '15000000',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/Stängd vårdavdelning sommartid/);
    expect(refused.body.error.fields).toEqual([
      { field: 'measureId', message: 'Stängd vårdavdelning sommartid: risk- och konsekvensanalys saknas' },
    ]);
    await ctx.services.db.updateTable('measures').set({ status: 'planned' }).where('id', '=', id).execute();
    // Planned, it reports its forecast as before.
    const planned = await chef.json('POST', `/api/measures/${id}/reports`, {
      version: m.version,
      period: '2024-12',
      forecastKr: '15000000',
    });
    expect(planned.status, JSON.stringify(planned.body)).toBe(200);
  });

  it('lets a measure start only once its analysis is done, and records every step', async () => {
    const chef = await as('chef.medicin');
    const created = await chef.json('POST', '/api/measures', measureInput({ status: 'ongoing' }));
    expect(created.status).toBe(422);
    expect(created.body.error.fields[0]).toMatchObject({ field: 'status' });
    expect(created.body.error.message).toMatch(/Stängd avdelning jul.*ransonering/);

    const planned = await chef.json('POST', '/api/measures', measureInput());
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);
    const id = planned.body.id;
    const put = (version: number, status: string) =>
      chef.json('PUT', `/api/measures/${id}`, { ...measureInput({ status }), version });
    expect((await put(1, 'ongoing')).status).toBe(422);

    const draft = await chef.json('POST', '/api/impact-analyses', {
      subjectKind: 'measure',
      measureId: id,
      title: 'Analys: stängd avdelning jul',
      analysedOn: '2024-10-15',
      patients: FULL.patients,
      risks: [{ risk: 'Överbeläggning på akuten', mitigation: 'Förstärkt jour', probability: 3, consequence: 3 }],
      costShifts: [{ unitId: unit('akut'), how: 'Fler inläggningar' }],
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', unitId: unit('medicin'), can: { edit: true, complete: true } });
    // A draft does not count.
    const stillRefused = await put(1, 'ongoing');
    expect(stillRefused.status).toBe(422);
    expect(stillRefused.body.error.fields[0].message).toMatch(/inte klar/);
    // A second analysis for the same measure is refused.
    const twice = await chef.json('POST', '/api/impact-analyses', {
      subjectKind: 'measure',
      measureId: id,
      title: 'Igen',
      analysedOn: '2024-10-15',
    });
    expect(twice.status).toBe(409);

    const incomplete = await chef.json('POST', `/api/impact-analyses/${draft.body.id}/complete`, { version: 1 });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.fields.map((f: any) => f.field).sort()).toEqual(
      ['conclusion', 'economy', 'otherUnits', 'staff', 'unionConsultedOn'].sort(),
    );
    const halfUnion = await chef.json('PUT', `/api/impact-analyses/${draft.body.id}`, {
      version: 1,
      title: 'Analys: stängd avdelning jul',
      analysedOn: '2024-10-15',
      ...FULL,
      unionConsultedWith: '',
    });
    expect(halfUnion.status).toBe(422);
    expect(halfUnion.body.error.fields[0].field).toBe('unionConsultedWith');
    const filled = await chef.json('PUT', `/api/impact-analyses/${draft.body.id}`, {
      version: 1,
      title: 'Analys: stängd avdelning jul',
      analysedOn: '2024-10-15',
      ...FULL,
      risks: draft.body.risks,
      costShifts: [{ unitId: unit('akut'), how: 'Fler inläggningar' }],
    });
    expect(filled.status, JSON.stringify(filled.body)).toBe(200);
    const done = await chef.json('POST', `/api/impact-analyses/${draft.body.id}/complete`, { version: 2 });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', completedAt: expect.any(String), can: { complete: false } });

    const started = await put(1, 'ongoing');
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const m = (await chef.json('GET', `/api/measures/${id}?period=2024-12`)).body;
    expect(m).toMatchObject({ status: 'ongoing', lacksImpactAnalysis: false, can: { analyse: true } });
    const report = await chef.json('POST', `/api/measures/${id}/reports`, {
      version: m.version,
      period: '2024-12',
      forecastKr: '100000',
    });
    expect(report.status, JSON.stringify(report.body)).toBe(200);

    const history = (await (await as('revisor')).json('GET', `/api/history?entity=impact_analysis&id=${draft.body.id}`))
      .body;
    expect(history.entries.map((e: any) => e.kind)).toEqual([
      'impact_analysis.created',
      'impact_analysis.updated',
      'impact_analysis.completed',
    ]);

    const list = (await chef.json('GET', `/api/impact-analyses?unitId=${unit('medicin')}`)).body;
    expect(list.analyses.map((a: any) => a.subjectName)).toEqual(
      expect.arrayContaining(['Stängd avdelning jul', 'Närakuten Älvdal']),
    );
  });

  it('needs an analysis for a measure that changes a service, whatever its category', async () => {
    const chef = await as('chef.medicin');
    const res = await chef.json(
      'POST',
      '/api/measures',
      measureInput({
        title: 'Kortare öppettider',
        category: 'effektivisering',
        changesService: true,
        status: 'ongoing',
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/omfattning eller kvalitet/);
    const ok = await chef.json(
      'POST',
      '/api/measures',
      measureInput({ title: 'Kortare öppettider', category: 'effektivisering', changesService: true }),
    );
    expect(ok.status).toBe(201);
    const m = (await chef.json('GET', `/api/measures/${ok.body.id}?period=2024-12`)).body;
    expect(m).toMatchObject({ changesService: true, lacksImpactAnalysis: true });
  });

  it('writes analyses only where the measure may be written: the revisor and another division get 403', async () => {
    const body = {
      subjectKind: 'measure',
      measureId: measureId('sommar'),
      title: 'Försök',
      analysedOn: '2025-01-01',
    };
    expect((await (await as('revisor')).json('POST', '/api/impact-analyses', body)).status).toBe(403);
    expect((await (await as('politiker')).json('POST', '/api/impact-analyses', body)).status).toBe(403);
    expect((await (await as('chef.kirurgi')).json('POST', '/api/impact-analyses', body)).status).toBe(403);
    const narakut = (await (await as('revisor')).json('GET', `/api/measures/${measureId('narakut')}?period=2024-12`))
      .body;
    const analysisId = narakut.impactAnalysis.id;
    expect((await (await as('chef.kirurgi')).json('GET', `/api/impact-analyses/${analysisId}`)).status).toBe(403);
    const put = await (await as('revisor')).json('PUT', `/api/impact-analyses/${analysisId}`, {
      version: 1,
      title: 'x',
      analysedOn: '2025-01-01',
    });
    expect(put.status).toBe(403);
    // A change named in words, for a unit: written by whoever steers the unit.
    const change = await (await as('chef.medicin')).json('POST', '/api/impact-analyses', {
      subjectKind: 'change',
      subjectTitle: 'Ny bemanningsmodell på akuten',
      unitId: unit('akut'),
      title: 'Analys av bemanningsmodellen',
      analysedOn: '2025-01-10',
    });
    expect(change.status, JSON.stringify(change.body)).toBe(201);
    expect(change.body.subjectName).toBe('Ny bemanningsmodell på akuten');
  });

  it('flags the measure in the deviations and in a board report, frozen when sent', async () => {
    const controller = await as('controller');
    const deviations = (await controller.json('GET', `/api/followup/deviations?period=2025-05&unit=${unit('medicin')}`))
      .body;
    expect(deviations.missingAnalyses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ measureId: measureId('sommar'), unitName: 'Medicin', analysisStatus: null }),
      ]),
    );
    expect(deviations.missingAnalyses.map((m: any) => m.measureId)).not.toContain(measureId('narakut'));

    const created = await controller.json('POST', '/api/reports', {
      kind: 'month',
      title: 'Månadsrapport, Medicin',
      unitId: unit('medicin'),
      period: '2025-05',
      planId: null,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const draft = (await controller.json('GET', `/api/reports/${id}`)).body;
    expect(draft.content.missingAnalyses).toEqual(
      expect.arrayContaining([
        {
          name: 'Stängd vårdavdelning sommartid',
          unitName: 'Medicin',
          reason: 'Ransonering',
          statusLabel: 'Planerad',
          analysisLabel: 'Saknas',
        },
      ]),
    );
    const meeting = await controller.json('POST', '/api/meetings', {
      bodyId: ctx.demo.bodies.get('hsn'),
      meetsOn: '2025-06-20',
      title: 'Hälso- och sjukvårdsnämnden',
    });
    await controller.json('PUT', `/api/reports/${id}`, {
      version: 1,
      title: draft.title,
      sbar: { situation: 'S', background: 'B', assessment: 'A', recommendation: 'R' },
      proposedDecision: 'Informationen antecknas.',
    });
    const sent = await controller.json(
      'POST',
      `/api/reports/${id}/send`,
      { version: 2, meetingId: meeting.body.id, paragraph: '77' },
      { 'Idempotency-Key': `analyses-${id}` },
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);

    // The analysis is written and done afterwards: the sent report keeps the flag, a new draft has none.
    const chef = await as('chef.medicin');
    const a = await chef.json('POST', '/api/impact-analyses', {
      subjectKind: 'measure',
      measureId: measureId('sommar'),
      title: 'Analys: sommarstängning',
      analysedOn: '2025-06-16',
      ...FULL,
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect((await chef.json('POST', `/api/impact-analyses/${a.body.id}/complete`, { version: 1 })).status).toBe(200);
    const frozen = (await controller.json('GET', `/api/reports/${id}`)).body;
    expect(frozen.content.missingAnalyses).toEqual(draft.content.missingAnalyses);
    const redraft = await controller.json('POST', '/api/reports', {
      kind: 'month',
      title: 'Samma månad, efter analysen',
      unitId: unit('medicin'),
      period: '2025-05',
      planId: null,
    });
    const now = (await controller.json('GET', `/api/reports/${redraft.body.id}`)).body.content;
    expect(now.missingAnalyses.map((r: any) => r.name)).not.toContain('Stängd vårdavdelning sommartid');

    const book = new ExcelJS.Workbook();
    const res = await controller.request('GET', `/api/reports/${id}/export?format=xlsx`);
    await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const cells: string[] = [];
    book.getWorksheet('Saknar konsekvensanalys')?.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain('Stängd vårdavdelning sommartid');
  }, 180_000);
});
