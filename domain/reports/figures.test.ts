import { describe, expect, it } from 'vitest';
import { indicatorDeviation, indicatorFigure, indicatorValue } from './figures';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('indicator figures in a board report', () => {
  it('shows a percentage with one decimal, rounding the exact text half away from zero', () => {
    expect(plain(indicatorValue('13.2449', '%'))).toBe('13,2 %');
    expect(plain(indicatorValue('13.25', '%'))).toBe('13,3 %');
    expect(plain(indicatorValue('80', '%'))).toBe('80,0 %');
  });

  it('gives a difference of percentages in percentage points, signed', () => {
    expect(indicatorDeviation('-11.7551', '%')).toBe('\u221211,8 procentenheter');
    expect(indicatorDeviation('2.8', '%', 'percentage points')).toBe('+2,8 percentage points');
    expect(plain(indicatorDeviation('0.04', 'timmar'))).toBe('0,0 timmar');
  });

  it('keeps a count whole and a measured figure at one decimal', () => {
    expect(plain(indicatorValue('1840', 'antal'))).toBe('1 840');
    expect(plain(indicatorValue('4.1234', 'timmar'))).toBe('4,1 timmar');
    expect(indicatorFigure('ej mätt', '%')).toBe('ej mätt');
    expect(indicatorValue(null, '%')).toBe('–');
  });
});
