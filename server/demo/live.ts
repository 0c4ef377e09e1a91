import type { ControlStep } from '../../domain/control/occasions';
import { swedishDate } from '../../domain/dates';
import type { Feasibility, MeasureCategory } from '../../domain/economy/measures';
import { addDays, type Deadline, daysBetween, deadlineFor, type OccasionKind } from '../../domain/followup/cycle';
import type { SubmissionStatus } from '../../domain/followup/submissions';
import { monthRange, shiftMonth } from '../../domain/indicators/months';
import { mnkrToKronor } from '../../domain/money';
import { OrgIndex } from '../../domain/org';
import { type Services, systemActor } from '../core/context';
import { write } from '../core/write';
import { createActionPlan } from '../economy/action-plans';
import { setAllocation } from '../economy/allocations';
import { createMeasure } from '../economy/measures';
import { reportMeasureIn } from '../economy/reports';
import { refreshMeasureFigures } from '../economy/rollups';
import { createOccasionIn, getCycle, updateOccasion } from '../followup/cycle';
import { unitsOn } from '../org/queries';
import { createDecision } from '../steering/decisions';
import { decidePlan, revisePlan } from '../steering/plans';
import { demoEndMonth } from './steering';

/**
 * The scripted demo ends with the report round of September 2025 (followup.ts). Seeded on a
 * later day the region goes on living up to the clock: the årshjul of every later year, every
 * month's report from November 2025 handed in and approved up to the month before the live one, the live month
 * open with its deadlines still ahead, a current action plan, and the plans in force for the year.
 */
export const SCRIPTED_ROUND = '2025-09';
/**
 * The first month the live demo reports: October 2025 stays as the script leaves it, the round
 * the region still owes (a newcomer, and the follow-up journey, hand it in late).
 */
export const LIVE_FROM = shiftMonth(SCRIPTED_ROUND, 2);

/** The earliest a unit's deadline in the live month may fall: this many days after the seeding day. */
export const LIVE_DEADLINE_MARGIN_DAYS = 3;

const MONTH_NAMES = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

/** Days after the reported month's end each level's report is due: the rhythm of followup.ts. */
const RHYTHM: [Deadline['level'], number][] = [
  ['enhet', 4],
  ['verksamhet', 6],
  ['omrade', 7],
  ['division', 8],
  ['forvaltning', 11],
  ['region', 13],
  ['namnd', 18],
  ['styrelse', 25],
];

const dayIn = (period: string, monthsAfter: number, day: number) =>
  `${shiftMonth(period, monthsAfter)}-${String(day).padStart(2, '0')}`;

interface LiveOccasion {
  kind: OccasionKind;
  period: string | null;
  title: string;
  /** The internal-control step, for an internal_control occasion only. */
  controlStep?: ControlStep;
  deadlines: Deadline[];
}

/** One year's årshjul as the region runs it (the 2025 one of followup.ts and control.ts, by year). */
export function occasionsOfYear(year: number): LiveOccasion[] {
  const months: LiveOccasion[] = Array.from({ length: 12 }, (_, i) => {
    const period = `${year}-${String(i + 1).padStart(2, '0')}`;
    const rhythm = RHYTHM.map(([level, day]) => ({ level, dueOn: dayIn(period, 1, day) }));
    if (i === 3) return { kind: 'tertial', period, title: 'Tertialrapport 1', deadlines: rhythm };
    if (i === 6) return { kind: 'interim', period, title: 'Delårsrapport per juli', deadlines: rhythm };
    if (i === 7) return { kind: 'tertial', period, title: 'Tertialrapport 2', deadlines: rhythm };
    if (i === 11)
      return {
        kind: 'annual',
        period,
        title: `Årsredovisning ${year}`,
        deadlines: [
          { level: 'enhet', dueOn: `${year + 1}-01-14` },
          { level: 'division', dueOn: `${year + 1}-01-21` },
          { level: 'forvaltning', dueOn: `${year + 1}-01-28` },
          { level: 'namnd', dueOn: `${year + 1}-02-17` },
          { level: 'styrelse', dueOn: `${year + 1}-03-09` },
          { level: 'revisorer', dueOn: `${year + 1}-03-30` },
          { level: 'fullmaktige', dueOn: `${year + 1}-04-14` },
        ],
      };
    return { kind: 'month', period, title: `Månadsrapport ${MONTH_NAMES[i]}`, deadlines: rhythm };
  });
  const next = year + 1;
  const milestone = (kind: OccasionKind, title: string, deadlines: Deadline[]): LiveOccasion => ({
    kind,
    period: null,
    title,
    deadlines,
  });
  // An internal-control milestone names its step; the title is only what it is called.
  const control = (controlStep: ControlStep, title: string, deadlines: Deadline[]): LiveOccasion => ({
    ...milestone('internal_control', title, deadlines),
    controlStep,
  });
  return [
    ...months,
    milestone('budget', `Budget ${next} och regionplan ${next}–${next + 2}`, [
      { level: 'fullmaktige', dueOn: `${year}-06-17` },
    ]),
    milestone('regionplan', `Regionplan ${next}–${next + 2} till nämnderna`, [
      { level: 'styrelse', dueOn: `${year}-09-15` },
    ]),
    milestone('verksamhetsplan', `Verksamhetsplaner ${next}`, [
      { level: 'division', dueOn: `${year}-10-31` },
      { level: 'forvaltning', dueOn: `${year}-11-14` },
      { level: 'namnd', dueOn: `${year}-12-09` },
    ]),
    control('risk_analysis', `Riskanalys inför internkontrollplan ${year}`, [
      { level: 'enhet', dueOn: `${year - 1}-11-15` },
      { level: 'namnd', dueOn: `${year - 1}-12-10` },
    ]),
    control('plan', `Beslut om internkontrollplan ${year}`, [
      { level: 'namnd', dueOn: `${year}-01-30` },
      { level: 'styrelse', dueOn: `${year}-02-05` },
    ]),
    control('results', 'Intern kontroll: resultat tertial 1', [
      { level: 'enhet', dueOn: `${year}-05-10` },
      { level: 'namnd', dueOn: `${year}-05-28` },
    ]),
    control('results', 'Intern kontroll: resultat tertial 2', [
      { level: 'enhet', dueOn: `${year}-09-10` },
      { level: 'namnd', dueOn: `${year}-09-24` },
    ]),
    control('results', 'Intern kontroll: resultat tertial 3', [
      { level: 'enhet', dueOn: `${next}-01-15` },
      { level: 'namnd', dueOn: `${next}-01-28` },
    ]),
    control('assessment', `Årlig bedömning av den interna kontrollen ${year}`, [
      { level: 'namnd', dueOn: `${next}-02-20` },
      { level: 'styrelse', dueOn: `${next}-03-10` },
      { level: 'revisorer', dueOn: `${next}-03-31` },
    ]),
  ];
}

/**
 * The live month's deadlines moved as one, keeping the rhythm's spacing, so that the earliest
 * falls no sooner than LIVE_DEADLINE_MARGIN_DAYS after the seeding day: a newcomer meets this
 * month's report still due, not days late, whatever day of the month the demo was started.
 */
export function liveDeadlines(deadlines: readonly Deadline[], today: string): Deadline[] {
  const earliest = deadlines.map((d) => d.dueOn).sort()[0];
  if (earliest === undefined) return [...deadlines];
  const shift = Math.max(0, daysBetween(earliest, addDays(today, LIVE_DEADLINE_MARGIN_DAYS)));
  return deadlines.map((d) => ({ ...d, dueOn: addDays(d.dueOn, shift) }));
}

/** A stable number in [0, 1) for a text, so the same units are late or returned on every machine. */
function hash01(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

const RETURN_COMMENT =
  'Analysen förklarar inte avvikelsen mot budget. Beskriv orsaken och vad ni gör åt den, och lämna in igen.';
/** Units of the live month that were sent back, so a manager meets a returned report to fix. */
const RETURNED_NOW = ['anop', '2111-2'];
/** Units whose live month nobody has started: a newcomer does a whole month from the start (Kirurgavdelning 1). */
const UNTOUCHED_NOW = ['2111-1'];

export async function seedLive(
  services: Services,
  units: ReadonlyMap<string, string>,
  bodies: ReadonlyMap<string, string>,
  planIds: ReadonlyMap<string, string>,
): Promise<{ actionPlanId: string | null }> {
  const now = services.clock.now();
  const live = demoEndMonth(now);
  if (live <= SCRIPTED_ROUND) return { actionPlanId: null };
  const today = swedishDate(now);
  const year = Number(today.slice(0, 4));
  await seedCycles(services, live, today);
  await seedSubmissions(services, units, live, today);
  await seedPlans(services, units, bodies, planIds, year, today);
  const actionPlanId = await seedActionPlan(services, units, bodies, year, live);
  return { actionPlanId };
}

async function seedCycles(services: Services, live: string, today: string) {
  const lastYear = Number(shiftMonth(live, 1).slice(0, 4));
  await write(services, systemActor('demo'), async (w) => {
    for (let year = 2026; year <= lastYear; year++)
      for (const o of occasionsOfYear(year))
        await createOccasionIn(services, w, {
          year,
          kind: o.kind,
          period: o.period,
          title: o.title,
          controlStep: o.controlStep ?? null,
          deadlines: o.period === live ? liveDeadlines(o.deadlines, today) : o.deadlines,
        });
  });
  // The scripted 2025 cycle has the live month too when the demo starts in the last months of 2025.
  if (live.startsWith('2025-')) {
    const occasion = (await getCycle(services, systemActor('demo'), 2025)).occasions.find((o) => o.period === live);
    if (occasion)
      await updateOccasion(services, systemActor('demo'), occasion.id, {
        version: occasion.version,
        title: occasion.title,
        deadlines: liveDeadlines(occasion.deadlines, today),
      });
  }
}

/**
 * Every report from LIVE_FROM up to the live month: the past
 * ones approved, a few of them handed in late or returned once first; the live month open,
 * some units done, most still at work, two returned with a comment.
 */
async function seedSubmissions(services: Services, units: ReadonlyMap<string, string>, live: string, today: string) {
  const actor = systemActor('demo');
  const keyOf = new Map([...units].map(([k, id]) => [id, k]));
  if (live < LIVE_FROM) return;
  const years = [...new Set(monthRange(LIVE_FROM, live).map((p) => Number(p.slice(0, 4))))];
  const cycles = await Promise.all(years.map((y) => getCycle(services, actor, y)));
  const deadlinesOf = new Map(
    cycles.flatMap((c) => c.occasions.flatMap((o) => (o.period ? [[o.period, o.deadlines] as const] : []))),
  );
  const all = await unitsOn(services.db, today);
  const tree = new OrgIndex(all);
  const byId = new Map(all.map((x) => [x.id, x]));
  const isLeaf = (id: string) => tree.children(id).length === 0;
  const under = (id: string, key: string) => units.has(key) && tree.isInSubtree(id, units.get(key) as string);
  await write(services, actor, async (w) => {
    for (const period of monthRange(LIVE_FROM, live)) {
      const deadlines = deadlinesOf.get(period) ?? [];
      const rows = [];
      const history: Parameters<typeof w.recordAll>[0][number][] = [];
      for (const unit of all) {
        const key = keyOf.get(unit.id);
        const due = deadlineFor(deadlines, unit.level) ?? dayIn(period, 1, 10);
        const roll = hash01(`${unit.id}:${period}`);
        let status: SubmissionStatus;
        let submittedOn: string | null;
        let returnedOnce = false;
        if (period < live) {
          status = 'approved';
          // About one in twenty-five is handed in a few days late, one in thirty returned once.
          submittedOn =
            roll < 0.04 ? addDays(due, 2 + Math.floor(roll * 100)) : addDays(due, -1 - Math.floor(roll * 3));
          returnedOnce = roll > 0.967;
        } else if (key && UNTOUCHED_NOW.includes(key)) {
          status = 'not_started';
          submittedOn = null;
        } else if (key && RETURNED_NOW.includes(key)) {
          status = 'returned';
          submittedOn = addDays(today, -3);
        } else if (isLeaf(unit.id) && !under(unit.id, 'psykiatri')) {
          status = roll < 0.35 ? 'submitted' : roll < 0.5 ? 'approved' : 'in_progress';
          submittedOn = status === 'in_progress' ? null : addDays(today, -1 - Math.floor(roll * 4));
        } else {
          status = unit.level === 'region' || unit.level === 'forvaltning' ? 'not_started' : 'in_progress';
          submittedOn = null;
        }
        if (status === 'not_started') continue;
        // Nothing is handed in before the month it reports on has ended.
        if (submittedOn !== null && submittedOn < dayIn(period, 1, 1)) submittedOn = dayIn(period, 1, 1);
        const decided = status === 'approved' || status === 'returned';
        const decidedOn = submittedOn && decided ? addDays(submittedOn, period < live ? 2 : 1) : null;
        const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
        const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
        const monthName = MONTH_NAMES[Number(period.slice(5)) - 1];
        rows.push({
          unit_id: unit.id,
          period,
          version: (decided ? 3 : submittedOn ? 2 : 1) + (returnedOnce ? 2 : 0),
          status,
          analysis: `${unit.name}, ${monthName}: utfallet i nivå med budget; sjukfrånvaron och kostnaden för inhyrd personal följs särskilt.`,
          submitted_at: submittedOn ? at(submittedOn, 15) : null,
          submitted_by: null,
          submitted_by_name: submittedOn ? (unit.managerName ?? 'Chef') : null,
          decided_at: decidedOn ? at(decidedOn, 9) : null,
          decided_by_name: decidedOn ? (parent?.managerName ?? 'Chef') : null,
          return_comment: status === 'returned' ? RETURN_COMMENT : null,
          updated_at: decidedOn ? at(decidedOn, 9) : submittedOn ? at(submittedOn, 15) : at(today, 8),
        });
        const entity = { entity: 'submission' as const, entityId: `${unit.id}:${period}`, unitId: unit.id };
        const submitted = { ...entity, kind: 'submission.submitted' as const, before: { status: 'in_progress' } };
        if (returnedOnce)
          history.push(
            { ...submitted, after: { status: 'submitted' } },
            {
              ...entity,
              kind: 'submission.returned',
              before: { status: 'submitted' },
              after: { status: 'returned', comment: RETURN_COMMENT },
            },
          );
        if (submittedOn) history.push({ ...submitted, after: { status: 'submitted' } });
        if (decided)
          history.push({
            ...entity,
            kind: status === 'approved' ? 'submission.approved' : 'submission.returned',
            before: { status: 'submitted' },
            after: { status, ...(status === 'returned' ? { comment: RETURN_COMMENT } : {}) },
          });
      }
      if (rows.length > 0) await w.trx.insertInto('followup_submissions').values(rows).execute();
      await w.recordAll(history);
    }
  });
}

/** Each decided verksamhetsplan of 2025 in a new version for the clock's year, decided like the first. */
const YEARLY_PLANS: { key: string; title: string; body: string | null; day: string; diarie: string }[] = [
  { key: 'vphs', title: 'Verksamhetsplan Hälso- och sjukvård', body: 'hsn', day: '01-29', diarie: 'HSN/88' },
  { key: 'vpkirurgi', title: 'Verksamhetsplan Kirurgi', body: null, day: '02-10', diarie: 'HS/201' },
  { key: 'vppv', title: 'Verksamhetsplan Primärvård', body: null, day: '02-10', diarie: 'HS/202' },
  { key: 'vpkt', title: 'Verksamhetsplan Kollektivtrafik', body: 'ktn', day: '01-22', diarie: 'KTN/15' },
];

/**
 * The plans in force for the clock's year: the regionplan 2025–2027 is followed by a new one
 * each autumn once the clock passes 2027, and the verksamhetsplaner decided for 2025 get a
 * version for the year, decided at the start of it (Medicin's stays a draft, as scripted), so a
 * division's scorecard keeps its goals.
 */
async function seedPlans(
  services: Services,
  units: ReadonlyMap<string, string>,
  bodies: ReadonlyMap<string, string>,
  planIds: ReadonlyMap<string, string>,
  year: number,
  today: string,
) {
  const actor = systemActor('demo');
  const renew = async (key: string, title: string, endYear: number, decision: Parameters<typeof createDecision>[2]) => {
    const id = planIds.get(key) as string;
    const { id: decisionId } =
      decision.decidedOn <= today ? await createDecision(services, actor, decision) : { id: '' };
    const { version } = await services.db
      .selectFrom('plans')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // The start stays 2025, so that the earlier years' scorecards still read the same goals.
    const revised = await revisePlan(services, actor, id, { version, title, endYear });
    // A plan whose decision day is still ahead (early January) waits as a draft.
    if (decision.decidedOn <= today) await decidePlan(services, actor, id, { version: revised.version, decisionId });
  };
  const blank = { officialName: null, unitId: null, paragraph: null, text: '', links: [] };
  if (year > 2027)
    await renew('regionplan', `Regionplan 2025–${year + 2}`, year + 2, {
      ...blank,
      kind: 'beslut',
      bodyId: bodies.get('rf') as string,
      decidedOn: `${year - 1}-11-25`,
      paragraph: '140',
      diarienummer: `RS/1234/${year - 1}`,
      title: `Regionplan med budget ${year}–${year + 2}`,
      text: `Regionfullmäktige fastställer regionplan med budget ${year}–${year + 2}; målen från 2025 gäller vidare.`,
    });
  if (year <= 2025) return;
  for (const p of YEARLY_PLANS)
    await renew(p.key, `${p.title} ${year}`, year, {
      ...blank,
      kind: 'beslut',
      bodyId: p.body ? (bodies.get(p.body) as string) : null,
      officialName: p.body ? null : 'Johan Berg, hälso- och sjukvårdsdirektör',
      unitId: p.body ? null : (units.get('hs') as string),
      decidedOn: `${year}-${p.day}`,
      diarienummer: `${p.diarie}/${year}`,
      title: `${p.title} ${year}`,
      text: p.body ? '' : 'Beslut på delegation enligt delegationsordningen punkt 2.3.',
    });
}

interface LiveMeasure {
  key: string;
  title: string;
  owner: string;
  category: MeasureCategory;
  feasibility: Feasibility;
  /** Planned net effect for the year, mnkr. */
  net: string;
  /** Where the forecast lands against the plan by the end of the year (1 = as planned). */
  drift: number;
}

/** The year's measures for an economy in balance; Psykiatri's report of the last month is missing. */
const LIVE_MEASURES: LiveMeasure[] = [
  {
    key: 'bemanning-kir',
    title: 'Gemensam bemanning i Kirurgi',
    owner: 'kirurgi',
    category: 'effektivisering',
    feasibility: 1,
    net: '14',
    drift: 0.95,
  },
  {
    key: 'op-ortokir',
    title: 'Fler operationer per sal i Ortopedi och kirurgi',
    owner: 'ortokir',
    category: 'effektivisering',
    feasibility: 2,
    net: '6',
    drift: 0.8,
  },
  {
    key: 'hyr-med',
    title: 'Egen bemanningspool i Medicin',
    owner: 'medicin',
    category: 'effektivisering',
    feasibility: 2,
    net: '18',
    drift: 0.7,
  },
  {
    key: 'lakemedel',
    title: 'Lägre läkemedelskostnader',
    owner: 'medserv',
    category: 'kostnadsskillnader',
    feasibility: 1,
    net: '9',
    drift: 1,
  },
  {
    key: 'digital-pv',
    title: 'Digitala besök i primärvården',
    owner: 'primarvard',
    category: 'effektivisering',
    feasibility: 2,
    net: '11',
    drift: 0.9,
  },
  {
    key: 'hyr-psyk',
    title: 'Minskad inhyrd personal, Psykiatri',
    owner: 'psykiatri',
    category: 'effektivisering',
    feasibility: 3,
    net: '12',
    drift: 0.55,
  },
  {
    key: 'linjer',
    title: 'Översyn av linjer med få resenärer',
    owner: 'kt',
    category: 'generell',
    feasibility: 2,
    net: '8',
    drift: 0.85,
  },
  {
    key: 'lokaler',
    title: 'Färre inhyrda lokaler',
    owner: 'rs',
    category: 'effektivisering',
    feasibility: 1,
    net: '7',
    drift: 1,
  },
];
const STALE_MEASURE = 'hyr-psyk';

/** The requirement of the year per unit, mnkr. */
const LIVE_ALLOCATIONS: [string, string][] = [
  ['region', '100'],
  ['hs', '75'],
  ['kt', '10'],
  ['rs', '10'],
  ['kirurgi', '20'],
  ['medicin', '20'],
  ['medserv', '10'],
  ['primarvard', '12'],
  ['psykiatri', '13'],
];

const mnkr = (text: string): bigint => mnkrToKronor(text) as bigint;

/**
 * The clock's year's action plan, decided by fullmäktige the autumn before, with measures that
 * have owners and amounts, and a report from each for every month of the year up to the live one.
 */
async function seedActionPlan(
  services: Services,
  units: ReadonlyMap<string, string>,
  bodies: ReadonlyMap<string, string>,
  year: number,
  live: string,
): Promise<string> {
  const actor = systemActor('demo');
  const u = (key: string) => units.get(key) as string;
  const decision = await createDecision(services, actor, {
    kind: 'beslut',
    bodyId: bodies.get('rf') as string,
    officialName: null,
    unitId: null,
    decidedOn: `${year - 1}-11-26`,
    paragraph: '147',
    diarienummer: `RS/1250/${year - 1}`,
    title: `Handlingsplan ekonomi i balans ${year}`,
    text: `Regionfullmäktige fastställer handlingsplanen med målet 100 mnkr lägre kostnader under ${year}.`,
    links: [],
  });
  const plan = await createActionPlan(services, actor, {
    title: `Ekonomi i balans ${year}`,
    description: `Handlingsplan för en ekonomi i balans: 100 mnkr lägre kostnader under ${year}.`,
    startYear: year,
    endYear: year,
    ownerBodyId: bodies.get('rf') as string,
    ownerUnitId: null,
    deviationMarginPct: 10,
  });
  const { version } = await services.db
    .selectFrom('plans')
    .select('version')
    .where('id', '=', plan.id)
    .executeTakeFirstOrThrow();
  await decidePlan(services, actor, plan.id, { version, decisionId: decision.id });
  for (const [unit, amount] of LIVE_ALLOCATIONS)
    await setAllocation(services, actor, plan.id, { unitId: u(unit), year, amountKr: mnkr(amount) });
  const measures = new Map<string, { id: string; version: number; def: LiveMeasure }>();
  for (const m of LIVE_MEASURES) {
    const created = await createMeasure(services, actor, {
      planId: plan.id,
      parentMeasureId: null,
      ownerUnitId: u(m.owner),
      responsibleName: `Chef för ${m.owner}`,
      title: m.title,
      description: '',
      category: m.category,
      feasibility: m.feasibility,
      startOn: `${year}-01-01`,
      fullEffectOn: `${year}-12-31`,
      status: 'ongoing',
      riskAnalysisRef: `Risk- och konsekvensanalys ${m.key.toUpperCase()}-${year}`,
      calculation: [
        {
          year,
          kind: 'saving',
          description: 'Lägre kostnad',
          assumption: `Full effekt under ${year}`,
          amountKr: mnkr(m.net),
          realisationPct: 100,
        },
      ],
      goalIds: [],
      decisionIds: [decision.id],
    });
    measures.set(m.key, { id: created.id, version: 0, def: m });
  }
  for (const row of await services.db
    .selectFrom('measures')
    .select(['id', 'version'])
    .where('plan_id', '=', plan.id)
    .execute())
    for (const m of measures.values()) if (m.id === row.id) m.version = row.version;
  const months = live.startsWith(`${year}-`) ? monthRange(`${year}-01`, live) : [];
  await write(services, actor, async (w) => {
    for (const month of months) {
      const share = Number(month.slice(5)) / 12;
      for (const m of measures.values()) {
        if (m.def.key === STALE_MEASURE && month === live) continue;
        // The forecast slides from the plan towards where the measure will land.
        const factor = 1 - (1 - m.def.drift) * share;
        const forecast = ((mnkr(m.def.net) * BigInt(Math.round(factor * 1000))) / 1000n / 100_000n) * 100_000n;
        await reportMeasureIn(
          services,
          w,
          {
            measureId: m.id,
            version: m.version,
            period: month,
            forecastKr: forecast,
            outcomeKr: (forecast * BigInt(Number(month.slice(5)))) / 12n,
            comment: month === live ? 'Enligt plan hittills.' : '',
          },
          undefined,
          { deferFigures: true },
        );
        m.version += 1;
      }
    }
    await refreshMeasureFigures(
      w.trx,
      [...measures.values()].map((m) => m.id),
    );
  });
  return plan.id;
}
