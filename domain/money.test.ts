import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, kronorInUnit, mnkrToKronor, parseKronor, sumKronor } from './money';

const NBSP = '\u00a0';
const MINUS = '\u2212';

describe('money', () => {
  it('formats millions of kronor the Swedish way', () => {
    expect(formatMoney(1_234_500_000n)).toBe(`1${NBSP}234,5 mnkr`);
    expect(formatMoney(-146_600_000n)).toBe(`${MINUS}146,6 mnkr`);
    expect(formatMoney(343_600_000n)).toBe('343,6 mnkr');
    expect(formatMoney(25_000n, 'tkr', 0)).toBe('25 tkr');
  });

  it('rounds half away from zero on the exact amount, not a float', () => {
    expect(formatMoney(50_000n)).toBe('0,1 mnkr');
    expect(formatMoney(-50_000n)).toBe(`${MINUS}0,1 mnkr`);
    expect(formatMoney(49_999n)).toBe('0,0 mnkr');
    // 0.15 is not exact as a binary float; as a decimal it is, and rounds up.
    expect(formatMoney(150_000n)).toBe('0,2 mnkr');
  });

  it('reads board-paper figures in mnkr into exact kronor', () => {
    expect(mnkrToKronor('343,6')).toBe(343_600_000n);
    expect(mnkrToKronor('-20.9')).toBe(-20_900_000n);
    expect(mnkrToKronor('15,6')).toBe(15_600_000n);
    expect(mnkrToKronor('1,2345678')).toBeNull();
    expect(mnkrToKronor('abc')).toBeNull();
  });

  it('parses whole kronor and refuses anything else', () => {
    expect(parseKronor('1 234 567')).toBe(1_234_567n);
    expect(parseKronor(`${MINUS}12`)).toBe(-12n);
    expect(parseKronor(12.5)).toBeNull();
    expect(parseKronor('12,5')).toBeNull();
  });

  it('keeps every amount exact through the unit conversion (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (k) => {
        expect(mnkrToKronor(kronorInUnit(k, 'mnkr'))).toBe(k);
      }),
    );
  });

  it('sums exactly whatever the order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n })), (xs) => {
        expect(sumKronor(xs)).toBe(sumKronor([...xs].reverse()));
        expect(sumKronor(xs)).toBe(xs.reduce((a, b) => a + b, 0n));
      }),
    );
  });
});
