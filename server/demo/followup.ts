import type { Deadline, DeadlineLevel, OccasionKind } from '../../domain/followup/cycle';
import type { SubmissionStatus } from '../../domain/followup/submissions';
import { OrgIndex } from '../../domain/org';
import type { ReportKind } from '../../domain/reports/content';
import type { Outcome } from '../../domain/reports/series';
import { fixedClock } from '../core/clock';
import { type Services, systemActor } from '../core/context';
import { write } from '../core/write';
import { createOccasionIn } from '../followup/cycle';
import { unitsOn } from '../org/queries';
import { addItemIn, createMeetingIn, createReportIn, recordDecisionIn, sendReportIn } from '../reports/service';
import { updateAssignment } from '../steering/assignments';

/** Days after the reported month's end each level's report is due (the region's rhythm). */
const RHYTHM: [DeadlineLevel, number][] = [
  ['enhet', 4],
  ['verksamhet', 6],
  ['omrade', 7],
  ['division', 8],
  ['forvaltning', 11],
  ['region', 13],
  ['namnd', 18],
  ['styrelse', 25],
];

const nextMonthDay = (period: string, day: number): string => {
  const [y, m] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return `${next}-${String(day).padStart(2, '0')}`;
};

const deadlinesFor = (period: string, extra: Deadline[] = []): Deadline[] => [
  ...RHYTHM.map(([level, day]) => ({ level, dueOn: nextMonthDay(period, day) })),
  ...extra,
];

/**
 * 2025: monthly reports, tertials in April and August, the interim report per juli (LKBR 13:1:
 * half to two thirds of the year) and the annual report; the interim and annual reports carry
 * the styrelse, revisorer and fullmäktige steps (filled in by the cycle where not given here).
 */
const OCCASIONS_2025: { kind: OccasionKind; period: string | null; title: string; deadlines?: Deadline[] }[] = [
  ...['01', '02', '03', '05', '06', '09', '10', '11'].map((m) => ({
    kind: 'month' as const,
    period: `2025-${m}`,
    title: `Månadsrapport ${['januari', 'februari', 'mars', '', 'maj', 'juni', '', '', 'september', 'oktober', 'november'][Number(m) - 1]}`,
  })),
  { kind: 'tertial', period: '2025-04', title: 'Tertialrapport 1' },
  { kind: 'interim', period: '2025-07', title: 'Delårsrapport per juli' },
  { kind: 'tertial', period: '2025-08', title: 'Tertialrapport 2' },
  {
    kind: 'annual',
    period: '2025-12',
    title: 'Årsredovisning 2025',
    deadlines: [
      { level: 'enhet', dueOn: '2026-01-14' },
      { level: 'division', dueOn: '2026-01-21' },
      { level: 'forvaltning', dueOn: '2026-01-28' },
      { level: 'namnd', dueOn: '2026-02-17' },
      { level: 'styrelse', dueOn: '2026-03-09' },
      { level: 'revisorer', dueOn: '2026-03-30' },
      { level: 'fullmaktige', dueOn: '2026-04-14' },
    ],
  },
  {
    kind: 'budget',
    period: null,
    title: 'Budget 2026 och regionplan 2026–2028',
    deadlines: [{ level: 'fullmaktige', dueOn: '2025-06-17' }],
  },
  {
    kind: 'regionplan',
    period: null,
    title: 'Regionplan 2026–2028 till nämnderna',
    deadlines: [{ level: 'styrelse', dueOn: '2025-09-15' }],
  },
  {
    kind: 'verksamhetsplan',
    period: null,
    title: 'Verksamhetsplaner 2026',
    deadlines: [
      { level: 'division', dueOn: '2025-10-31' },
      { level: 'forvaltning', dueOn: '2025-11-14' },
      { level: 'namnd', dueOn: '2025-12-09' },
    ],
  },
];

/** Where each part of the region stands with its September 2025 report. */
function statusPlan(key: string | undefined, underOf: (k: string) => boolean): SubmissionStatus {
  if (key === 'anop') return 'returned';
  if (underOf('anop') || underOf('ortokir')) return 'approved';
  if (key === 'kirurgi') return 'in_progress';
  if (underOf('medicin')) return 'submitted';
  if (key === 'medserv') return 'submitted';
  if (underOf('medserv')) return 'approved';
  if (key === 'primarvard') return 'in_progress';
  if (key === 'pvnorr' || key === 'pvsoder') return 'submitted';
  if (underOf('primarvard')) return 'approved';
  if (key === 'rs') return 'submitted';
  if (underOf('rs')) return 'approved';
  if (key === 'hos') return 'submitted';
  if (underOf('hos')) return 'approved';
  if (underOf('kt')) return 'in_progress';
  return 'not_started';
}

async function seedStatus(services: Services, units: ReadonlyMap<string, string>) {
  const all = await unitsOn(services.db, '2025-10-01');
  const tree = new OrgIndex(all);
  const keyOf = new Map([...units].map(([k, id]) => [id, k]));
  const byId = new Map(all.map((u) => [u.id, u]));
  const period = '2025-09';
  await write(services, systemActor('demo'), async (w) => {
    for (const unit of all) {
      const under = (k: string) => units.has(k) && tree.isInSubtree(unit.id, units.get(k) as string);
      const status = statusPlan(keyOf.get(unit.id), under);
      if (status === 'not_started') continue;
      const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
      const handedIn = status !== 'in_progress';
      const submittedAt = new Date(`${unit.level === 'enhet' ? '2025-10-03' : '2025-10-07'}T15:00:00Z`);
      const decidedAt = new Date('2025-10-09T09:00:00Z');
      const decided = status === 'approved' || status === 'returned';
      await w.trx
        .insertInto('followup_submissions')
        .values({
          unit_id: unit.id,
          period,
          version: decided ? 3 : handedIn ? 2 : 1,
          status,
          analysis: `${unit.name}: utfall i nivå med budget; sjukfrånvaron fortsatt hög och bemanningen under sommaren dyrare än planerat.`,
          submitted_at: handedIn ? submittedAt : null,
          submitted_by: null,
          submitted_by_name: handedIn ? (unit.managerName ?? 'Chef') : null,
          decided_at: decided ? decidedAt : null,
          decided_by_name: decided ? (parent?.managerName ?? 'Chef') : null,
          return_comment:
            status === 'returned'
              ? 'Analysen saknar förklaring till övertiden på operation och vad ni gör åt den. Komplettera och lämna in igen.'
              : null,
          updated_at: decided ? decidedAt : submittedAt,
        })
        .execute();
      const id = `${unit.id}:${period}`;
      if (handedIn)
        await w.record({
          kind: 'submission.submitted',
          entity: 'submission',
          entityId: id,
          unitId: unit.id,
          before: { status: 'in_progress' },
          after: { status: 'submitted' },
        });
      if (decided)
        await w.record({
          kind: status === 'approved' ? 'submission.approved' : 'submission.returned',
          entity: 'submission',
          entityId: id,
          unitId: unit.id,
          before: { status: 'submitted' },
          after: {
            status,
            ...(status === 'returned'
              ? {
                  comment:
                    'Analysen saknar förklaring till övertiden på operation och vad ni gör åt den. Komplettera och lämna in igen.',
                }
              : {}),
          },
        });
    }
  });
}

interface DemoItem {
  paragraph: string;
  title: string;
  outcome: Outcome;
  decision: string;
  /**
   * An uppdrag's follow-up: the responsible unit and the report-back day, and where it stood
   * afterwards (reported back at the meeting it was due, or still in progress).
   */
  assignment?: { unit: string; reportBackOn: string; afterwards: 'ongoing' | { reportedOn: string } };
  report?: {
    kind: ReportKind;
    unit: string;
    period: string;
    situation: string;
    assessment: string;
    recommendation: string;
    proposed: string;
  };
}

const NOTED = 'Informationen antecknas till protokollet.';
const dialogue = (unit: string, period: string, situation: string): DemoItem['report'] => ({
  kind: 'dialogue',
  unit,
  period,
  situation,
  assessment: 'Handlingsplanens åtgärder räcker inte för att nå målet för året. Fler åtgärder arbetas fram.',
  recommendation: 'Nämnden redovisar nya åtgärder med belopp och tidplan till nästa dialog.',
  proposed: NOTED,
});
const economy = (unit: string, period: string, kind: ReportKind = 'month'): DemoItem['report'] => ({
  kind,
  unit,
  period,
  situation: 'Prognosen för handlingsplanens effekt ligger under målet för 2024.',
  assessment: 'Avvikelsen består. Flera åtgärder saknar aktuell rapport.',
  recommendation: 'Styrelsen begär en redovisning av korrigerande åtgärder per förvaltning.',
  proposed: NOTED,
});
const report = (base: DemoItem['report'], changes: Partial<NonNullable<DemoItem['report']>>): DemoItem['report'] => ({
  ...(base as NonNullable<DemoItem['report']>),
  ...changes,
});

/**
 * The meetings of seed 002 (its section 3.1 and bilaga 3): Regionstyrelsen's two April 2024
 * decisions, and the autumn 2024 meetings of Regionstyrelsen, Hälso- och sjukvårdsnämnden and
 * Kollektivtrafiknämnden: what the boards were shown, what each report stated, and what they
 * decided. Paragraphs are the seed's; the seed gives none for the April meeting.
 */
const MEETINGS: { body: string; on: string; items: DemoItem[] }[] = [
  {
    body: 'rs',
    on: '2024-04-15',
    items: [
      {
        paragraph: '58',
        title: 'Genomlysning av verksamheterna',
        outcome: 'uppdrag',
        // "Redovisning i sep": the styrelse's September meeting.
        assignment: { unit: 'region', reportBackOn: '2024-09-16', afterwards: { reportedOn: '2024-09-16' } },
        decision:
          'Regiondirektören uppdras att genomföra en genomlysning av verksamheterna och bedöma vilken förändring i ambitionsnivå som krävs för en hållbar ekonomi. Redovisning i september 2024.',
      },
      {
        paragraph: '59',
        title: 'Förstärkt dialog med nämnder som uppvisar underskott',
        outcome: 'beslut',
        decision:
          'Från maj 2024 införs en förstärkt dialog och löpande uppföljning av de nämnder som uppvisar underskott.',
      },
    ],
  },
  {
    body: 'hsn',
    on: '2024-08-27',
    items: [
      {
        paragraph: '89',
        title: 'Handlingsplan, Hållbar framtid, Hälso- och sjukvård',
        outcome: 'information',
        decision: NOTED,
        report: report(economy('hs', '2024-07'), {
          situation: 'Nytillkomna sparåtgärder; effekten hamnar främst efter 2024.',
        }),
      },
      {
        paragraph: '93',
        title: 'Omvärldsbevakning och jämförelse med liknande regioner',
        outcome: 'uppdrag',
        // The investigations run on into 2025.
        assignment: { unit: 'hs', reportBackOn: '2025-12-09', afterwards: 'ongoing' },
        decision:
          '1. Informationen antecknas till protokollet. 2. Hälso- och sjukvårdsdirektören uppdras att säkerställa att rekommendationerna för An/Op/IVA från 2021 är genomförda. 3. Direktören uppdras att utreda division Medicin och föreslå åtgärder. 4. Direktören uppdras att utreda kirurgin i Centralsjukhuset och Åby.',
      },
      {
        paragraph: '98',
        title: 'Delårsrapport',
        outcome: 'beslut',
        decision: 'Delårsrapport 2024 för förvaltningen Hälso- och sjukvård fastställs.',
        report: report(economy('hs', '2024-07', 'interim'), {
          situation:
            'Målvärde, utfall och prognos för var och en av de 18 övergripande åtgärderna. Prognosavvikelse mot målvärde 149,3 mnkr.',
          proposed: 'Delårsrapporten fastställs.',
        }),
      },
    ],
  },
  {
    body: 'ktn',
    on: '2024-08-29',
    items: [
      {
        paragraph: '55',
        title: 'Delårsrapport',
        outcome: 'beslut',
        decision:
          '1. Delårsrapport 2024 godkänns. 2. Fördjupad dialog om hantering av det ekonomiska underskottet sker på måldialogen den 5 september.',
        report: report(economy('kt', '2024-07', 'interim'), {
          situation: 'En hållbar framtid för Region Exempel: avvikelse jämfört med målvärde 20,9 mnkr.',
          proposed: 'Delårsrapporten godkänns.',
        }),
      },
    ],
  },
  {
    body: 'rs',
    on: '2024-09-16',
    items: [
      {
        paragraph: '121',
        title: 'Dialog med Kollektivtrafiknämnden',
        outcome: 'information',
        decision: NOTED,
        report: dialogue('kt', '2024-08', 'Prognos 2024 för kollektivtrafiken.'),
      },
      {
        paragraph: '122',
        title: 'Dialog med Hälso- och sjukvårdsnämnden',
        outcome: 'information',
        decision: NOTED,
        report: dialogue(
          'hs',
          '2024-08',
          'Delårsrapport med prognos 2024 (−396 mnkr) och rapportering av handlingsplanens 18 övergripande åtgärder: mål 343,6 mnkr, avvikelse mot mål −146,6 mnkr.',
        ),
      },
      {
        paragraph: '123',
        title: 'Ekonomisk information',
        outcome: 'information',
        decision: NOTED,
        report: report(economy('region', '2024-08'), {
          situation: 'Handlingsplanens målvärde, prognos och avvikelse totalt för Region Exempel.',
        }),
      },
      {
        paragraph: '140',
        title: 'Delårsrapport 2024, Region Exempel',
        outcome: 'beslut',
        decision:
          'Regionstyrelsen föreslår regionfullmäktige att delårsrapport för Region Exempel per juli 2024 godkänns.',
        report: report(economy('region', '2024-07', 'interim'), {
          situation: 'Åtgärder för ekonomi i balans: mål 2024 500 mnkr, prognos 310,7 mnkr.',
          proposed: 'Delårsrapporten godkänns.',
        }),
      },
    ],
  },
  {
    body: 'hsn',
    on: '2024-10-08',
    items: [
      {
        paragraph: '111',
        title: 'Handlingsplan Hållbar framtid, Hälso- och sjukvård',
        outcome: 'uppdrag',
        // "Till nästa nämnd": the nämnd's December meeting.
        assignment: { unit: 'hs', reportBackOn: '2024-12-10', afterwards: { reportedOn: '2024-12-10' } },
        decision:
          '1. Informationen antecknas till protokollet. 2. Hälso- och sjukvårdsdirektören uppdras att till nästa nämnd komplettera uppdragen med tidplan, identifiera beslut som krävs, förtydliga målnivåer och redovisa ekonomin per division.',
        report: economy('hs', '2024-08'),
      },
      {
        paragraph: '113',
        title: 'Handlingsplan Hållbar framtid, Hörsel och syn',
        outcome: 'information',
        decision: NOTED,
        report: economy('hos', '2024-08'),
      },
      { paragraph: '115', title: 'Ekonomisk information', outcome: 'information', decision: NOTED },
      {
        paragraph: '118',
        title: 'Omvärldsbevakning och jämförelse av vård med liknande regioner',
        outcome: 'information',
        decision: NOTED,
      },
    ],
  },
  {
    body: 'ktn',
    on: '2024-10-10',
    items: [{ paragraph: '67', title: 'Ledningen informerar', outcome: 'information', decision: NOTED }],
  },
  {
    body: 'rs',
    on: '2024-10-22',
    items: [
      {
        paragraph: '155',
        title: 'Dialog med Hälso- och sjukvårdsnämnden',
        outcome: 'information',
        decision: NOTED,
        report: dialogue(
          'hs',
          '2024-09',
          'Månadsrapport september 2024 med handlingsplanens 18 övergripande åtgärder: avvikelse mot mål −175 mnkr. Effektivisering räcker inte; divisionerna tar fram nya åtgärder. Åtta nya uppdrag för att sänka kostnaderna.',
        ),
      },
      {
        paragraph: '156',
        title: 'Dialog med Kollektivtrafiknämnden',
        outcome: 'information',
        decision: NOTED,
        report: dialogue('kt', '2024-09', 'Prognos 2024: intäkterna från skolkort blir 17 mnkr lägre än budget.'),
      },
      {
        paragraph: '157',
        title: 'Ekonomisk information',
        outcome: 'information',
        decision: NOTED,
        report: economy('region', '2024-09'),
      },
    ],
  },
  {
    body: 'rs',
    on: '2024-12-09',
    items: [
      {
        paragraph: '197',
        title: 'Dialog med Kollektivtrafiknämnden',
        outcome: 'information',
        decision: NOTED,
        report: dialogue('kt', '2024-10', 'Budget 2025; inget särskilt om handlingsplanen.'),
      },
      {
        paragraph: '198',
        title: 'Dialog med Hälso- och sjukvårdsnämnden',
        outcome: 'information',
        decision: NOTED,
        report: dialogue(
          'hs',
          '2024-10',
          'Ekonomisk rapport oktober 2024: prognos 197 mnkr, avvikelse mot mål −175 mnkr (oförändrat från föregående månad). Omtag: ytterligare 150 mnkr genom verkställighetsbeslut av hälso- och sjukvårdsdirektören och 20 mnkr i budgetbeslut av regionfullmäktige, sammantaget 170 mnkr för 2025 fördelade på divisionerna.',
        ),
      },
      {
        paragraph: '199',
        title: 'Ekonomisk information',
        outcome: 'information',
        decision: NOTED,
        report: economy('region', '2024-10'),
      },
    ],
  },
  {
    body: 'hsn',
    on: '2024-12-10',
    items: [
      {
        paragraph: '139',
        title: 'Handlingsplan Hållbar framtid, Hälso- och sjukvård',
        outcome: 'information',
        decision: NOTED,
        report: economy('hs', '2024-11'),
      },
      {
        paragraph: '141',
        title: 'Handlingsplan Hållbar framtid, Hörsel och syn',
        outcome: 'information',
        decision: NOTED,
        report: economy('hos', '2024-11'),
      },
      { paragraph: '143', title: 'Ekonomisk information', outcome: 'information', decision: NOTED },
    ],
  },
  {
    body: 'ktn',
    on: '2024-12-12',
    items: [
      { paragraph: '77', title: 'Ledningen informerar', outcome: 'information', decision: NOTED },
      { paragraph: '79', title: 'Ekonomisk information', outcome: 'information', decision: NOTED },
    ],
  },
];

const BODY_NAMES: Record<string, string> = {
  rs: 'Regionstyrelsen',
  hsn: 'Hälso- och sjukvårdsnämnden',
  ktn: 'Kollektivtrafiknämnden',
};
const REPORT_TITLES: Record<ReportKind, string> = {
  month: 'Ekonomisk rapport',
  tertial: 'Tertialrapport',
  interim: 'Delårsrapport',
  annual: 'Årsrapport',
  dialogue: 'Dialogunderlag',
  internal_control: 'Internkontrollrapport',
};

/**
 * The follow-up of Region Exempel: the 2025 annual cycle, where the units stand with their
 * September 2025 reports (some approved, some submitted, some late, one returned), and the
 * meetings of seed 002 (Regionstyrelsen, Hälso- och sjukvårdsnämnden, Kollektivtrafiknämnden)
 * with the reports sent to them (frozen, with the action plan's figures) and the decisions
 * recorded; seed002.api.test.ts checks them against seed002-facts.ts.
 */
export async function seedFollowup(
  services: Services,
  units: ReadonlyMap<string, string>,
  bodies: ReadonlyMap<string, string>,
  planId: string,
) {
  const actor = systemActor('demo');
  const u = (key: string) => units.get(key) as string;
  await write(services, actor, async (w) => {
    for (const o of OCCASIONS_2025)
      await createOccasionIn(services, w, {
        year: 2025,
        kind: o.kind,
        period: o.period,
        title: o.title,
        deadlines: o.deadlines ?? deadlinesFor(o.period as string),
      });
  });
  await seedStatus(services, units);
  const meetings: Record<string, string> = {};
  const followUps: { item: DemoItem; decisionId: string; assignmentId: string; body: string }[] = [];
  for (const m of MEETINGS) {
    // Written as on the day: the reports go out a week before the meeting, so their send time
    // and history read as the board's autumn did.
    const sent = new Date(`${m.on}T08:00:00Z`);
    sent.setUTCDate(sent.getUTCDate() - 7);
    const then = { ...services, clock: fixedClock(sent) };
    await write(then, actor, async (w) => {
      const { id: meetingId } = await createMeetingIn(then, w, {
        bodyId: bodies.get(m.body) as string,
        meetsOn: m.on,
        title: `${BODY_NAMES[m.body]} ${m.on}`,
      });
      meetings[`${m.body}:${m.on}`] = meetingId;
      for (const item of m.items) {
        let itemId: string;
        if (item.report) {
          const r = item.report;
          const { id } = await createReportIn(then, w, {
            kind: r.kind,
            title: `${REPORT_TITLES[r.kind]}: ${item.title} (${r.period})`,
            unitId: u(r.unit),
            period: r.period,
            planId,
            sbar: {
              situation: r.situation,
              background:
                'Regionfullmäktige beslutade 2023 handlingsplanen Hållbar framtid: 500 mnkr lägre kostnader vid utgången av 2024.',
              assessment: r.assessment,
              recommendation: r.recommendation,
            },
            proposedDecision: r.proposed,
          });
          await sendReportIn(then, w, id, { version: 1, meetingId, paragraph: item.paragraph });
          itemId = (
            await w.trx.selectFrom('agenda_items').select('id').where('report_id', '=', id).executeTakeFirstOrThrow()
          ).id;
        } else itemId = (await addItemIn(then, w, meetingId, { paragraph: item.paragraph, title: item.title })).id;
        const recorded = await recordDecisionIn(then, w, meetingId, itemId, {
          outcome: item.outcome,
          text: item.decision,
          assignment: item.assignment
            ? { reportBackOn: item.assignment.reportBackOn, assigneeUnitId: u(item.assignment.unit) }
            : null,
        });
        if (item.assignment && recorded.assignmentId)
          followUps.push({ item, decisionId: recorded.decisionId, assignmentId: recorded.assignmentId, body: m.body });
      }
    });
  }
  // Where the uppdrag stood afterwards: one reported back at the meeting it was due, one in progress.
  for (const { item, decisionId, assignmentId, body } of followUps) {
    const a = item.assignment as NonNullable<DemoItem['assignment']>;
    const reported = a.afterwards === 'ongoing' ? null : a.afterwards.reportedOn;
    await updateAssignment(
      { ...services, clock: fixedClock(new Date(`${reported ?? '2025-01-15'}T12:00:00Z`)) },
      actor,
      assignmentId,
      {
        version: 1,
        title: item.title,
        description: item.decision,
        bodyId: bodies.get(body) as string,
        decisionId,
        assigneeUnitId: u(a.unit),
        assigneeName: null,
        dueOn: a.reportBackOn,
        reportBackOn: a.reportBackOn,
        status: reported ? 'reported' : 'ongoing',
        reportedOn: reported,
      },
    );
  }
  // A report being written now: September 2025 for Hälso- och sjukvård, not yet sent.
  await write(services, actor, (w) =>
    createReportIn(services, w, {
      kind: 'month',
      title: 'Månadsrapport september 2025, Hälso- och sjukvård',
      unitId: u('hs'),
      period: '2025-09',
      planId: null,
      sbar: {
        situation: 'Utfallet efter september visar ett underskott mot budget.',
        background: '',
        assessment: '',
        recommendation: '',
      },
    }),
  );
  return { meetings };
}
