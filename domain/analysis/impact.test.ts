import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEASURE_CATEGORIES, MEASURE_STATUSES } from '../economy/measures';
import {
  ANALYSIS_STATUSES,
  blocksStart,
  isStarted,
  lacksImpactAnalysis,
  mayProceed,
  needsImpactAnalysis,
} from './impact';

const measure = fc.record({
  category: fc.constantFrom(...MEASURE_CATEGORIES),
  changesService: fc.boolean(),
  status: fc.constantFrom(...MEASURE_STATUSES),
  analysis: fc.constantFrom(null, ...ANALYSIS_STATUSES),
});

describe('risk- och konsekvensanalys rule', () => {
  it('needs an analysis for ransonering and for a measure that changes a service, and for nothing else', () => {
    expect(needsImpactAnalysis({ category: 'ransonering', changesService: false })).toBe(true);
    expect(needsImpactAnalysis({ category: 'effektivisering', changesService: true })).toBe(true);
    expect(needsImpactAnalysis({ category: 'effektivisering', changesService: false })).toBe(false);
    expect(needsImpactAnalysis({ category: 'generell', changesService: false })).toBe(false);
  });

  it('counts only a done analysis: a draft leaves the measure flagged', () => {
    const m = { category: 'ransonering' as const, changesService: false };
    expect(lacksImpactAnalysis({ ...m, analysis: null })).toBe(true);
    expect(lacksImpactAnalysis({ ...m, analysis: 'draft' })).toBe(true);
    expect(lacksImpactAnalysis({ ...m, analysis: 'done' })).toBe(false);
    expect(mayProceed({ ...m, analysis: 'draft' })).toBe(false);
  });

  it('refuses starting a ransonering measure without a done analysis, and allows planning it', () => {
    const m = { category: 'ransonering' as const, changesService: false, analysis: null };
    expect(blocksStart({ ...m, status: 'ongoing' })).toBe(true);
    expect(blocksStart({ ...m, status: 'done' })).toBe(true);
    expect(blocksStart({ ...m, status: 'planned' })).toBe(false);
    expect(blocksStart({ ...m, status: 'stopped' })).toBe(false);
  });

  it('blocks exactly the started measures that need an analysis and lack a done one (property)', () => {
    fc.assert(
      fc.property(measure, (m) => {
        const needs = m.category === 'ransonering' || m.changesService;
        expect(blocksStart(m)).toBe(needs && m.analysis !== 'done' && isStarted(m.status));
        // A done analysis, or no need for one, never blocks anything.
        if (m.analysis === 'done' || !needs) expect(mayProceed(m) && !blocksStart(m)).toBe(true);
        // Whatever blocks a start is also flagged.
        if (blocksStart(m)) expect(lacksImpactAnalysis(m)).toBe(true);
      }),
    );
  });
});
