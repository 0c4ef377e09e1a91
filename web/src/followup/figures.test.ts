import { describe, expect, it } from 'vitest';
import { deviationFigure, indicatorText, kronorText, mnkrText } from './figures';
import { suggestedTitle } from './labels';

const NBSP = '\u00a0';

describe('money in deviations', () => {
  it('shows whole kronor as mnkr, the Swedish way', () => {
    expect(mnkrText('-146600000')).toBe(`\u2212146,6 mnkr`);
    expect(mnkrText('6000000')).toBe(`6,0 mnkr`);
    expect(mnkrText(3_200_000)).toBe(`3,2 mnkr`);
    expect(mnkrText(null)).toBe('–');
  });

  it('gives the exact kronor for a tooltip', () => {
    expect(kronorText('-2800000')).toBe(`\u22122${NBSP}800${NBSP}000 kr`);
    expect(kronorText(null)).toBeUndefined();
  });
});

describe('indicator figures', () => {
  it('rounds to a decimal and adds the unit of measure', () => {
    expect(indicatorText('21.3447', '%')).toBe(`21,3${NBSP}%`);
    expect(indicatorText('-3.6553', '%')).toBe(`\u22123,7${NBSP}%`);
    expect(indicatorText(1234, 'st')).toBe(`1${NBSP}234${NBSP}st`);
    expect(indicatorText(null, '%')).toBe('–');
  });

  it('picks the reading by kind', () => {
    expect(deviationFigure({ kind: 'measure', unitOfMeasure: 'kr' }, '-2800000')).toBe(`\u22122,8 mnkr`);
    expect(deviationFigure({ kind: 'indicator', unitOfMeasure: 'index' }, '84.1651')).toBe(`84,2${NBSP}index`);
  });
});

describe('suggestedTitle', () => {
  it('names a follow-up by its month and a milestone by its year', () => {
    expect(suggestedTitle('Månadsrapport', 'month', '2025-09', 2025)).toBe('Månadsrapport september 2025');
    expect(suggestedTitle('Tertialrapport', 'tertial', '', 2025)).toBe('Tertialrapport');
    expect(suggestedTitle('Budget', 'budget', null, 2026)).toBe('Budget 2026');
  });
});
