import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERIM_MONTHS, interimCoversLawfulPart } from './interim';

describe('the interim report’s period (LKBR 13:1)', () => {
  it('accepts per juni, juli and augusti', () => {
    for (const m of ['06', '07', '08']) expect(interimCoversLawfulPart(`2025-${m}`)).toBe(true);
  });

  it('refuses less than half the year and more than two thirds', () => {
    for (const m of ['01', '04', '05', '09', '10', '12']) expect(interimCoversLawfulPart(`2025-${m}`)).toBe(false);
  });

  it('holds exactly when the months covered are between 1/2 and 2/3 of twelve', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const ok = interimCoversLawfulPart(`${year}-${String(month).padStart(2, '0')}`);
        expect(ok).toBe(month / 12 >= 0.5 && month / 12 <= 2 / 3 + 1e-9);
        expect(ok).toBe(month >= INTERIM_MONTHS.first && month <= INTERIM_MONTHS.last);
      }),
    );
  });
});
