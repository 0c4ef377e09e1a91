import { describe, expect, it } from 'vitest';
import { defaultPlanPeriod } from './periods';

describe('defaultPlanPeriod', () => {
  const plan = { startYear: 2023, endYear: 2024 };

  it('opens on the current follow-up month while the plan runs', () => {
    expect(defaultPlanPeriod('2024-02', plan)).toBe('2024-02');
    expect(defaultPlanPeriod('2023-12', plan)).toBe('2023-12');
  });

  it("opens on the plan's last month once it has ended, and its first before it starts", () => {
    expect(defaultPlanPeriod('2026-10', plan)).toBe('2024-12');
    expect(defaultPlanPeriod('2025-01', plan)).toBe('2024-12');
    expect(defaultPlanPeriod('2022-05', plan)).toBe('2023-01');
  });

  it('uses the current follow-up month when the plan is not known', () => {
    expect(defaultPlanPeriod('2026-10')).toBe('2026-10');
    expect(defaultPlanPeriod('2025-12', null)).toBe('2025-12');
  });
});
