import type { ControlStep } from '../../domain/control/occasions';
import type { ControlFrequency } from '../../domain/control/rules';
import type { Deadline } from '../../domain/followup/cycle';
import { saveAssessment } from '../control/oversight';
import { addPoint, createPlan, decidePlan } from '../control/plans';
import { recordResult } from '../control/results';
import { fixedClock } from '../core/clock';
import { type Services, systemActor } from '../core/context';
import { write } from '../core/write';
import { createOccasionIn } from '../followup/cycle';
import { createDecision } from '../steering/decisions';

/** The internal-control milestones of 2025 in the årshjul: risk analysis to yearly assessment. */
const OCCASIONS: { title: string; controlStep: ControlStep; deadlines: Deadline[] }[] = [
  {
    title: 'Riskanalys inför internkontrollplan 2025',
    controlStep: 'risk_analysis',
    deadlines: [
      { level: 'enhet', dueOn: '2024-11-15' },
      { level: 'namnd', dueOn: '2024-12-10' },
    ],
  },
  {
    title: 'Beslut om internkontrollplan 2025',
    controlStep: 'plan',
    deadlines: [
      { level: 'namnd', dueOn: '2025-01-30' },
      { level: 'styrelse', dueOn: '2025-02-05' },
    ],
  },
  {
    title: 'Intern kontroll: resultat tertial 1',
    controlStep: 'results',
    deadlines: [
      { level: 'enhet', dueOn: '2025-05-10' },
      { level: 'namnd', dueOn: '2025-05-28' },
    ],
  },
  {
    title: 'Intern kontroll: resultat tertial 2',
    controlStep: 'results',
    deadlines: [
      { level: 'enhet', dueOn: '2025-09-10' },
      { level: 'namnd', dueOn: '2025-09-24' },
    ],
  },
  {
    title: 'Intern kontroll: resultat tertial 3',
    controlStep: 'results',
    deadlines: [
      { level: 'enhet', dueOn: '2026-01-15' },
      { level: 'namnd', dueOn: '2026-01-28' },
    ],
  },
  {
    title: 'Årlig bedömning av den interna kontrollen 2025',
    controlStep: 'assessment',
    deadlines: [
      { level: 'namnd', dueOn: '2026-02-20' },
      { level: 'styrelse', dueOn: '2026-03-10' },
      { level: 'revisorer', dueOn: '2026-03-31' },
    ],
  },
];

interface DemoPoint {
  risk: string;
  what: string;
  method: string;
  frequency: ControlFrequency;
  unit: string | null;
  checker: string | null;
  recipient: string;
  regionWide?: boolean;
}

const RS_POINTS: DemoPoint[] = [
  {
    risk: 'Attest',
    what: 'Attest enligt attestordningen',
    method: 'Stickprov om 25 leverantörsfakturor per halvår: rätt attestant, inom beloppsgräns',
    frequency: 'half_year',
    unit: null,
    checker: 'controller',
    recipient: 'Regionstyrelsen',
    regionWide: true,
  },
  {
    risk: 'Bisysslor',
    what: 'Redovisning av bisysslor',
    method: 'Kontroll att alla chefer redovisat bisysslor i medarbetarsamtalet',
    frequency: 'yearly',
    unit: null,
    checker: 'controller',
    recipient: 'Regiondirektören',
  },
  {
    risk: 'Upphandling',
    what: 'Inköp utanför avtal',
    method: 'Uttag ur e-handelssystemet av köp hos leverantörer utan avtal',
    frequency: 'tertial',
    unit: null,
    checker: 'controller',
    recipient: 'Regionstyrelsen',
  },
];

const HSN_POINTS: DemoPoint[] = [
  {
    risk: 'hyrpersonal',
    what: 'Avrop av hyrpersonal enligt rutin',
    method: 'Stickprov om 20 pass per tertial: avrop via avtal, beslut av behörig chef',
    frequency: 'tertial',
    unit: 'kirurgi',
    checker: 'chef.kirurgi',
    recipient: 'Förvaltningsledningen Hälso- och sjukvård',
  },
  {
    risk: 'vårdplatser',
    what: 'Patientsäkerhet vid stängda vårdplatser',
    method: 'Genomgång av avvikelserapporter om överbeläggningar och utlokaliseringar',
    frequency: 'tertial',
    unit: 'medicin',
    checker: 'chef.medicin',
    recipient: 'Chefläkaren',
  },
  {
    risk: 'Kostnadsförskjutning',
    what: 'Kostnadsförskjutning till andra nämnder av sparplanen',
    method: 'Jämförelse av fakturerade interna tjänster före och efter åtgärderna',
    frequency: 'half_year',
    unit: null,
    checker: 'controller',
    recipient: 'Hälso- och sjukvårdsnämnden',
  },
  {
    risk: 'IT',
    what: 'Behörighetsloggar i journalsystemet',
    method: 'Stickprov om 50 loggslagningar per tertial',
    frequency: 'tertial',
    unit: 'ortokir',
    checker: 'chef.ortokir',
    recipient: 'Informationssäkerhetssamordnaren',
  },
];

/**
 * The 2025 internkontrollplaner of Regionstyrelsen and Hälso- och sjukvårdsnämnden with control
 * points chosen from their risk registers, the first two tertials' results with deviations and
 * actions (one late, so escalated), and HSN's assessment draft. Risks are found by title in the
 * risk demo; a point whose risk is absent is kept without one.
 */
export async function seedControl(
  services: Services,
  units: ReadonlyMap<string, string>,
  bodies: ReadonlyMap<string, string>,
  users: ReadonlyMap<string, string>,
) {
  const actor = systemActor('demo');
  await write(services, actor, async (w) => {
    for (const o of OCCASIONS)
      await createOccasionIn(services, w, { year: 2025, kind: 'internal_control', period: null, ...o });
  });
  const risks = await services.db.selectFrom('risks').select(['id', 'title', 'body_id', 'unit_id']).execute();
  const riskFor = (word: string) =>
    risks.find((r) => r.title.toLocaleLowerCase('sv').includes(word.toLocaleLowerCase('sv')))?.id ?? null;
  const rs = bodies.get('rs') as string;
  const hsn = bodies.get('hsn') as string;
  const decision = async (bodyId: string, decidedOn: string, paragraph: string, title: string) =>
    (
      await createDecision(services, actor, {
        kind: 'beslut',
        bodyId,
        officialName: null,
        unitId: null,
        decidedOn,
        paragraph,
        diarienummer: null,
        title,
        text: 'Internkontrollplanen antas enligt förslaget.',
        links: [],
      })
    ).id;
  const add = async (planId: string, p: DemoPoint) => {
    let riskId = riskFor(p.risk);
    // A risk from another body's register is not the plan's to choose: keep the point without it.
    const risk = risks.find((r) => r.id === riskId);
    if (risk && risk.body_id !== null && risk.body_id !== (planId === plans.rs ? rs : hsn)) riskId = null;
    try {
      return await addPoint(services, actor, planId, {
        riskId,
        regionWide: p.regionWide ?? false,
        unitId: p.unit ? (units.get(p.unit) ?? null) : null,
        what: p.what,
        method: p.method,
        frequency: p.frequency,
        checkerUserId: p.checker ? (users.get(p.checker) ?? null) : null,
        recipient: p.recipient,
        dueOn: null,
      });
    } catch {
      return addPoint(services, actor, planId, {
        riskId: null,
        regionWide: p.regionWide ?? false,
        unitId: p.unit ? (units.get(p.unit) ?? null) : null,
        what: p.what,
        method: p.method,
        frequency: p.frequency,
        checkerUserId: p.checker ? (users.get(p.checker) ?? null) : null,
        recipient: p.recipient,
        dueOn: null,
      });
    }
  };
  const plans = { rs: '', hsn: '' };
  plans.rs = (await createPlan(services, actor, { bodyId: rs, year: 2025 })).id;
  for (const p of RS_POINTS) await add(plans.rs, p);
  plans.hsn = (await createPlan(services, actor, { bodyId: hsn, year: 2025 })).id;
  const hsnPoints = [];
  for (const p of HSN_POINTS) hsnPoints.push(await add(plans.hsn, p));
  const rsDecision = await decision(rs, '2025-02-05', '21', 'Regionstyrelsens internkontrollplan 2025');
  const hsnDecision = await decision(hsn, '2025-01-30', '9', 'Internkontrollplan 2025 för Hälso- och sjukvårdsnämnden');
  await decidePlan(services, actor, plans.rs, { version: 1, decisionId: rsDecision });
  await decidePlan(services, actor, plans.hsn, { version: 1, decisionId: hsnDecision });

  // Results written as on the day each tertial was reported.
  const on = (day: string) => ({ ...services, clock: fixedClock(`${day}T09:00:00Z`) });
  const [hyr, vard, , it] = hsnPoints;
  const result = (day: string, pointId: string, occasion: string, input: Partial<Parameters<typeof recordResult>[4]>) =>
    recordResult(on(day), actor, pointId, occasion, {
      version: null,
      done: true,
      deviation: false,
      serious: false,
      sampleSize: null,
      findings: '',
      evidence: '',
      actions: [],
      ...input,
    });
  const owner = (u: string) => users.get(u) ?? null;
  if (hyr) {
    // The late action: due on 1 June, still open — escalated to HSN's ordförande and controller.
    await result('2025-05-08', hyr.id, '2025-T1', {
      deviation: true,
      sampleSize: 20,
      findings: 'Fyra av 20 pass avropades utanför avtal, utan beslut av behörig chef.',
      evidence: 'Diarienummer HSN/2025:114, stickprovslista T1',
      actions: [
        {
          what: 'Inför krav på chefsbeslut före avrop i bemanningssystemet',
          ownerUserId: owner('chef.kirurgi'),
          dueOn: '2025-06-01',
        },
      ],
    });
    await result('2025-09-08', hyr.id, '2025-T2', {
      deviation: true,
      sampleSize: 20,
      findings: 'Två av 20 pass utanför avtal; rutinen ännu inte införd.',
      evidence: 'Diarienummer HSN/2025:201',
      actions: [
        { what: 'Utbilda schemaläggare i avropsrutinen', ownerUserId: owner('chef.kirurgi'), dueOn: '2025-10-31' },
      ],
    });
  }
  if (vard) {
    await result('2025-05-09', vard.id, '2025-T1', {
      sampleSize: 34,
      findings: 'Inga avvikelser utöver kända överbeläggningar.',
    });
    await result('2025-09-09', vard.id, '2025-T2', {
      deviation: true,
      serious: true,
      sampleSize: 41,
      findings: 'Sommarens stängda platser gav 12 utlokaliseringar med två allvarliga vårdskador.',
      evidence: 'Lex Maria-anmälan 2025-08, avvikelserapporter',
      actions: [
        {
          what: 'Plan för sommarbemanning 2026 med säkra utlokaliseringar',
          ownerUserId: owner('chef.medicin'),
          dueOn: '2025-12-15',
        },
      ],
    });
  }
  if (it) {
    await result('2025-05-10', it.id, '2025-T1', { sampleSize: 50, findings: 'Alla slagningar hade vårdrelation.' });
    await result('2025-09-10', it.id, '2025-T2', {
      done: false,
      findings: 'Loggverktyget byttes; kontrollen görs i tertial 3.',
    });
  }
  await saveAssessment(on('2025-09-20'), actor, hsn, 2025, {
    version: null,
    judgement: 'partly',
    reasons:
      'Kontrollerna genomförs enligt plan, men avropen av hyrpersonal och patientsäkerheten vid stängda vårdplatser visar brister som ännu inte är åtgärdade. Utkast inför nämndens beslut.',
    decisionId: null,
  });
  return plans;
}
