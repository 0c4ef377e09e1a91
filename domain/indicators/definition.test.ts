import { describe, expect, it } from 'vitest';
import { missingReferences, referencesOf } from './definition';

describe('indicator definition', () => {
  it('a ratio is computed from numerator and denominator, a weighted average from its weight', () => {
    expect(referencesOf('ratio')).toEqual(['numeratorId', 'denominatorId']);
    expect(referencesOf('weighted')).toEqual(['weightId']);
    expect(referencesOf('sum')).toEqual([]);
  });
  it('names the references the aggregation needs but that are not chosen', () => {
    const none = { numeratorId: null, denominatorId: null, weightId: null };
    expect(missingReferences({ aggregation: 'ratio', ...none, numeratorId: 'a' })).toEqual(['denominatorId']);
    expect(missingReferences({ aggregation: 'weighted', ...none })).toEqual(['weightId']);
    expect(missingReferences({ aggregation: 'sum', ...none })).toEqual([]);
  });
});
