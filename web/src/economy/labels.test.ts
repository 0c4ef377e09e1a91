import { describe, expect, it } from 'vitest';
import { MEASURE_CATEGORY_LABELS } from '../../../domain/economy/measures';
import en from '../i18n/en.json';
import sv from '../i18n/sv.json';
import { CORRECTIVE_STATUSES, FEASIBILITY_GRADES, MEASURE_CATEGORIES, MEASURE_STATUSES } from './types';

type Tree = { [key: string]: string | Tree };

describe('economy labels', () => {
  it('names the categories as the region guidance and the Excel sheet do', () => {
    for (const c of MEASURE_CATEGORIES) expect(sv.measureCategory[c]).toBe(MEASURE_CATEGORY_LABELS[c]);
  });

  it("has a label in both languages for every value of the domain's closed lists", () => {
    const lists = {
      measureCategory: MEASURE_CATEGORIES,
      measureStatus: MEASURE_STATUSES,
      feasibility: FEASIBILITY_GRADES.map(String),
      correctiveStatus: CORRECTIVE_STATUSES,
    } as const;
    for (const [group, values] of Object.entries(lists))
      for (const value of values)
        for (const lang of [sv, en] as unknown as Tree[])
          expect((lang[group] as Tree)[value], `${group}.${value}`).toBeTruthy();
  });

  it('says the flags and stale marks in words', () => {
    expect(sv.economy.stale).toBe('Inaktuell');
    expect(sv.economy.deviates).toBe('Avvikelse');
    expect(sv.economy.needsDecisionBy).toBe('Kräver beslut av {{level}}');
    expect(sv.economy.grade12Short).toBe('Åtgärder med genomförbarhet 1–2 täcker inte sparbetinget');
    expect(sv.economy.staleCount_other).toBe('{{count}} åtgärder har inte rapporterat för månaden');
    expect(sv.nav.actionPlans).toBe('Handlingsplaner');
  });
});
