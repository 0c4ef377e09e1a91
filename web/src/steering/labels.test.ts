import { describe, expect, it } from 'vitest';
import { PERSPECTIVE_LABELS, PLAN_KIND_LABELS } from '../../../domain/steering';
import en from '../i18n/en.json';
import sv from '../i18n/sv.json';
import {
  ACTIVITY_STATUSES,
  AGGREGATIONS,
  ASSIGNMENT_STATUSES,
  DECISION_KINDS,
  PERSPECTIVES,
  PLAN_KINDS,
  STATUSES,
} from './types';

type Tree = { [key: string]: string | Tree };

const keysOf = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keysOf(v, `${prefix}${k}.`)));

describe('labels', () => {
  it('says every status in words, grey as having no data', () => {
    expect(STATUSES.map((s) => sv.status[s])).toEqual(['Grön', 'Gul', 'Röd', 'Grå (inga data)']);
    expect(STATUSES.map((s) => en.status[s])).toEqual(['Green', 'Yellow', 'Red', 'Grey (no data)']);
  });

  it('names the formal status of plans and the kinds of decisions as the register does', () => {
    expect(sv.planStatus).toEqual({ draft: 'Utkast', decided: 'Beslutad', superseded: 'Ersatt' });
    expect(DECISION_KINDS.map((k) => sv.decisionKind[k])).toEqual([
      'Beslut',
      'Uppdrag',
      'Information – antecknas till protokollet',
    ]);
    expect(ACTIVITY_STATUSES.map((s) => sv.activityStatus[s])).toEqual([
      'Ej påbörjad',
      'Pågår',
      'Klar',
      'Försenad',
      'Stoppad',
    ]);
  });

  it('names plan kinds and perspectives in Swedish as the domain does', () => {
    expect(sv.planKind).toEqual(PLAN_KIND_LABELS);
    expect(sv.perspective).toEqual(PERSPECTIVE_LABELS);
  });

  it("has a label in both languages for every value of the domain's closed lists", () => {
    const lists = {
      perspective: PERSPECTIVES,
      planKind: PLAN_KINDS,
      decisionKind: DECISION_KINDS,
      assignmentStatus: ASSIGNMENT_STATUSES,
      activityStatus: ACTIVITY_STATUSES,
      aggregation: AGGREGATIONS,
    } as const;
    for (const [group, values] of Object.entries(lists))
      for (const value of values)
        for (const lang of [sv, en] as unknown as Tree[])
          expect((lang[group] as Tree)[value], `${group}.${value}`).toBeTruthy();
  });

  it('has every Swedish text in English too, and nothing English only', () => {
    // Plural forms differ between languages only in the suffixes i18next picks.
    const base = (keys: string[]) => new Set(keys.map((k) => k.replace(/_(one|other|zero|two|few|many)$/, '')));
    expect([...base(keysOf(en as Tree))].sort()).toEqual([...base(keysOf(sv as Tree))].sort());
  });
});
