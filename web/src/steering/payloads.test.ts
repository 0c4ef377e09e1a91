import { describe, expect, it } from 'vitest';
import {
  activityPayload,
  assignmentPayload,
  assignmentReportPayload,
  decisionPayload,
  goalChangePayload,
  goalEditDraftOf,
  goalPayload,
  indicatorDraftOf,
  indicatorPayload,
  integerOf,
  paragraphOf,
  planPayload,
  rewordsWithoutDecision,
  targetPayload,
  targetPeriodOf,
} from './payloads';
import type { Assignment, Goal, Indicator } from './types';

const goal: Goal = {
  id: 'g1',
  version: 4,
  planId: 'p1',
  planTitle: 'Regionplan 2025–2027',
  planDecided: true,
  perspective: 'medborgare',
  focusArea: null,
  ownerUnitId: 'region',
  targetYear: 2027,
  title: 'Patienterna ska vara nöjda med vården',
  description: '',
  drift: false,
  decidedWording: null,
  wordings: [],
  parentGoalIds: ['g0'],
  childGoalIds: [],
  indicatorIds: [],
  decisions: [],
  can: { edit: true },
};

describe('small parsers', () => {
  it('reads whole numbers from number fields, nothing from empty or fractional text', () => {
    expect(integerOf(2025)).toBe(2025);
    expect(integerOf(' 2026 ')).toBe(2026);
    expect(integerOf('')).toBeNull();
    expect(integerOf('20,5')).toBeNull();
  });

  it('stores a paragraph without its sign, which citations add', () => {
    expect(paragraphOf('§ 145')).toBe('145');
    expect(paragraphOf(' 12 a ')).toBe('12 a');
    expect(paragraphOf('§')).toBeNull();
  });

  it('takes a year or a month as the period of a target, nothing else', () => {
    expect(targetPeriodOf('2025')).toBe('2025');
    expect(targetPeriodOf(' 2025-03 ')).toBe('2025-03');
    expect(targetPeriodOf('2025-13')).toBeNull();
    expect(targetPeriodOf('25')).toBeNull();
    expect(targetPeriodOf('2025-3')).toBeNull();
  });
});

describe('decision', () => {
  const draft = {
    kind: 'beslut' as const,
    decidedBy: 'body' as const,
    bodyId: 'rf',
    officialName: 'kvar från förra valet',
    unitId: 'medicin',
    decidedOn: '2025-06-17',
    paragraph: '§ 88',
    diarienummer: ' RS/88/2025 ',
    title: ' Budget 2026 ',
    text: '',
  };

  it("sends a body's decision without the official's name and unit", () => {
    expect(decisionPayload(draft)).toEqual({
      ok: true,
      body: {
        kind: 'beslut',
        bodyId: 'rf',
        officialName: null,
        unitId: null,
        decidedOn: '2025-06-17',
        paragraph: '88',
        diarienummer: 'RS/88/2025',
        title: 'Budget 2026',
        text: '',
      },
    });
  });

  it("sends an official's decision with name and unit, and asks for what is missing", () => {
    const official = decisionPayload({ ...draft, decidedBy: 'official', officialName: 'Eva Ek' });
    expect(official.ok && official.body).toMatchObject({ bodyId: null, officialName: 'Eva Ek', unitId: 'medicin' });
    expect(decisionPayload({ ...draft, decidedBy: 'official', officialName: ' ', unitId: null })).toEqual({
      ok: false,
      errors: { officialName: 'forms.required', unitId: 'forms.chooseUnit' },
    });
    expect(decisionPayload({ ...draft, bodyId: null, decidedOn: '' })).toEqual({
      ok: false,
      errors: { bodyId: 'forms.chooseBody', decidedOn: 'forms.dateRequired' },
    });
  });
});

describe('plan', () => {
  const draft = {
    kind: 'handlingsplan' as const,
    title: 'Handlingsplan nära vård',
    description: '',
    startYear: 2026,
    endYear: '2027',
    ownedBy: 'unit' as const,
    ownerBodyId: 'hsn',
    ownerUnitId: 'medicin',
    parentPlanId: null,
  };

  it('sends the owner chosen, and years as numbers', () => {
    const sent = planPayload(draft);
    expect(sent.ok && sent.body).toMatchObject({
      startYear: 2026,
      endYear: 2027,
      ownerBodyId: null,
      ownerUnitId: 'medicin',
    });
  });

  it('refuses an end before the start, and a missing owner', () => {
    expect(planPayload({ ...draft, endYear: 2025, ownedBy: 'body', ownerBodyId: null })).toEqual({
      ok: false,
      errors: { endYear: 'forms.endYearBeforeStart', ownerBodyId: 'forms.chooseBody' },
    });
    expect(planPayload({ ...draft, startYear: '' })).toEqual({ ok: false, errors: { startYear: 'forms.year' } });
    expect(planPayload({ ...draft, title: ' ' })).toEqual({ ok: false, errors: { title: 'forms.required' } });
  });
});

describe('goal', () => {
  it('creates a goal in the plan, an empty target year and focus area being none', () => {
    const sent = goalPayload('p2', {
      perspective: 'verksamhet',
      focusArea: ' ',
      ownerUnitId: 'medicin',
      targetYear: '',
      title: ' Kortare väntetider ',
      description: '',
      parentGoalIds: ['g1'],
    });
    expect(sent).toEqual({
      ok: true,
      body: {
        planId: 'p2',
        perspective: 'verksamhet',
        focusArea: null,
        ownerUnitId: 'medicin',
        targetYear: null,
        title: 'Kortare väntetider',
        description: '',
        parentGoalIds: ['g1'],
      },
    });
  });

  it('warns of drift only for a new wording of a decided plan without a decision', () => {
    const draft = goalEditDraftOf(goal);
    expect(rewordsWithoutDecision(goal, draft)).toBe(false);
    const reworded = { ...draft, title: 'Patienterna ska vara mycket nöjda' };
    expect(rewordsWithoutDecision(goal, reworded)).toBe(true);
    expect(rewordsWithoutDecision(goal, { ...reworded, decisionId: 'd9' })).toBe(false);
    expect(rewordsWithoutDecision({ ...goal, planDecided: false }, reworded)).toBe(false);
    // Spaces the server trims away are no new wording.
    expect(rewordsWithoutDecision(goal, { ...draft, title: `${goal.title} ` })).toBe(false);
    expect(rewordsWithoutDecision(goal, { ...draft, targetYear: 2030, parentGoalIds: [] })).toBe(false);
  });

  it('changes a goal at the version read', () => {
    const sent = goalChangePayload(goal, { ...goalEditDraftOf(goal), targetYear: 2030, focusArea: 'Bemötande' });
    expect(sent).toEqual({
      ok: true,
      body: {
        version: 4,
        title: goal.title,
        description: '',
        decisionId: null,
        perspective: 'medborgare',
        focusArea: 'Bemötande',
        targetYear: 2030,
        parentGoalIds: ['g0'],
      },
    });
  });
});

describe('indicator', () => {
  const ratio: Indicator = {
    id: 'i1',
    version: 2,
    code: 'hyrandel',
    name: 'Inhyrd personal, andel',
    description: '',
    measureUnit: '%',
    direction: 'lower',
    frequency: 'month',
    aggregation: 'ratio',
    numeratorId: 'kostnad',
    denominatorId: 'personal',
    weightId: null,
    scale: '100',
    rollingMonths: null,
    source: 'entered',
    goalIds: ['g1'],
    can: { edit: true },
  };

  it('sends a ratio with its parts and its scale, a Swedish decimal comma as a point', () => {
    const sent = indicatorPayload({ ...indicatorDraftOf(ratio), scale: '1 000,5' });
    expect(sent.ok && sent.body).toMatchObject({
      aggregation: 'ratio',
      numeratorId: 'kostnad',
      denominatorId: 'personal',
      weightId: null,
      scale: '1000.5',
      code: 'hyrandel',
    });
  });

  it('drops the parts and the scale of another aggregation', () => {
    const sent = indicatorPayload({ ...indicatorDraftOf(ratio), aggregation: 'sum', weightId: 'svar', scale: 'x' });
    expect(sent.ok && sent.body).toMatchObject({ numeratorId: null, denominatorId: null, weightId: null, scale: '1' });
  });

  it('asks for the parts an aggregation needs, and a sensible rolling average', () => {
    const draft = { ...indicatorDraftOf(), name: 'Ny', measureUnit: 'st' };
    expect(indicatorPayload({ ...draft, aggregation: 'ratio', scale: '1,2,3' })).toEqual({
      ok: false,
      errors: { numeratorId: 'forms.required', denominatorId: 'forms.required', scale: 'forms.notANumber' },
    });
    expect(indicatorPayload({ ...draft, aggregation: 'weighted', rollingMonths: 1 })).toEqual({
      ok: false,
      errors: { weightId: 'forms.required', rollingMonths: 'forms.rollingMonths' },
    });
    const plain = indicatorPayload({ ...draft, code: ' ', rollingMonths: 12 });
    expect(plain.ok && plain.body).toMatchObject({ code: null, rollingMonths: 12, scale: '1', source: 'entered' });
  });
});

describe('target', () => {
  it('sends Swedish decimals with a point and an empty tolerance as zero', () => {
    expect(targetPayload({ unitId: 'region', period: '2025', target: '92,5', tolerance: '' })).toEqual({
      ok: true,
      body: { unitId: 'region', period: '2025', target: '92.5', tolerance: '0' },
    });
    const sent = targetPayload({ unitId: 'region', period: '2025-03', target: '−1 234', tolerance: '2,25' });
    expect(sent.ok && sent.body).toEqual({ unitId: 'region', period: '2025-03', target: '-1234', tolerance: '2.25' });
  });

  it('refuses an empty target, which would remove it, and says what else is wrong', () => {
    expect(targetPayload({ unitId: null, period: '25', target: '', tolerance: 'fem' })).toEqual({
      ok: false,
      errors: {
        unitId: 'forms.chooseUnit',
        period: 'forms.targetPeriod',
        target: 'forms.targetRequired',
        tolerance: 'forms.notANumber',
      },
    });
    expect(targetPayload({ unitId: 'r', period: '2025', target: '1,1234567', tolerance: '' })).toEqual({
      ok: false,
      errors: { target: 'forms.tooPrecise' },
    });
  });
});

describe('assignment', () => {
  const draft = {
    title: 'Utred jourverksamheten',
    description: '',
    bodyId: 'hsn',
    decisionId: null,
    assigneeUnitId: null,
    assigneeName: '',
    dueOn: '2026-03-31',
    reportBackOn: '',
  };

  it('needs a unit or an official to give the assignment to', () => {
    expect(assignmentPayload(draft)).toEqual({ ok: false, errors: { assigneeUnitId: 'forms.assigneeRequired' } });
    const sent = assignmentPayload({ ...draft, assigneeName: ' Regiondirektören ' });
    expect(sent.ok && sent.body).toMatchObject({
      assigneeName: 'Regiondirektören',
      reportBackOn: null,
      status: 'not_started',
      reportedOn: null,
    });
  });

  const assignment: Assignment = {
    id: 'a1',
    version: 3,
    title: 'Utred akutsjukvårdens organisation',
    description: 'Redovisa alternativ.',
    bodyId: 'hsn',
    bodyName: 'Hälso- och sjukvårdsnämnden',
    decisionId: 'd1',
    assigneeUnitId: 'hs',
    assigneeName: null,
    dueOn: '2025-06-30',
    reportBackOn: '2025-09-30',
    status: 'ongoing',
    reportedOn: null,
    overdue: true,
    can: { edit: true, report: true },
  };

  it('reports back with everything else as it was, at the version read', () => {
    expect(assignmentReportPayload(assignment, { status: 'reported', reportedOn: '2025-10-02' })).toEqual({
      ok: true,
      body: {
        version: 3,
        title: assignment.title,
        description: assignment.description,
        bodyId: 'hsn',
        decisionId: 'd1',
        assigneeUnitId: 'hs',
        assigneeName: null,
        dueOn: '2025-06-30',
        reportBackOn: '2025-09-30',
        status: 'reported',
        reportedOn: '2025-10-02',
      },
    });
  });

  it('needs the date of a report-back, and drops it when the assignment is reopened', () => {
    expect(assignmentReportPayload(assignment, { status: 'reported', reportedOn: '' })).toEqual({
      ok: false,
      errors: { reportedOn: 'forms.dateRequired' },
    });
    const reopened = assignmentReportPayload(assignment, { status: 'ongoing', reportedOn: '2025-10-02' });
    expect(reopened.ok && reopened.body.reportedOn).toBeNull();
  });
});

describe('activity', () => {
  const draft = {
    title: 'Rekrytera sjuksköterskor',
    description: '',
    ownerUnitId: 'medicin',
    responsibleName: ' Erik Sundin ',
    startOn: '2025-01-01',
    endOn: '2025-12-31',
    status: 'ongoing' as const,
    progress: '40',
    goalIds: ['g1'],
  };

  it('sends progress as a number', () => {
    const sent = activityPayload(draft);
    expect(sent.ok && sent.body).toMatchObject({ progress: 40, responsibleName: 'Erik Sundin' });
  });

  it('refuses an end before the start and progress beyond 100 %', () => {
    expect(activityPayload({ ...draft, endOn: '2024-12-31', progress: 120, ownerUnitId: null })).toEqual({
      ok: false,
      errors: { ownerUnitId: 'forms.chooseUnit', endOn: 'forms.endBeforeStart', progress: 'forms.percent' },
    });
  });
});
