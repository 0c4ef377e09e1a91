import { describe, expect, it } from 'vitest';
import { type PlanVersionYears, planCoversYear, versionInForce } from './steering';

const v = (seq: number, status: PlanVersionYears['status'], startYear: number, endYear: number) => ({
  seq,
  status,
  startYear,
  endYear,
});

describe('the plan version in force', () => {
  it('is the decided version, not a newer draft revision', () => {
    const versions = [v(1, 'decided', 2025, 2027), v(2, 'draft', 2030, 2031)];
    expect(versionInForce(versions)?.seq).toBe(1);
    expect(planCoversYear(versions, 2025)).toBe(true);
    expect(planCoversYear(versions, 2030)).toBe(false);
  });

  it('is the decided one after a revision is decided; the superseded one never counts', () => {
    const versions = [v(1, 'superseded', 2023, 2024), v(2, 'decided', 2025, 2026)];
    expect(planCoversYear(versions, 2024)).toBe(false);
    expect(planCoversYear(versions, 2026)).toBe(true);
  });

  it('is the newest draft of a plan never decided, and none for a plan without versions', () => {
    expect(versionInForce([v(1, 'draft', 2024, 2030)])?.seq).toBe(1);
    expect(planCoversYear([v(1, 'draft', 2024, 2030)], 2027)).toBe(true);
    expect(versionInForce([])).toBeUndefined();
    expect(planCoversYear([], 2025)).toBe(false);
  });
});
