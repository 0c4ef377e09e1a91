import { describe, expect, it } from 'vitest';
import { followUpStatus } from './uppdrag';

describe('an uppdrag on the agenda', () => {
  it('is late after its report-back day unless reported, by the day given', () => {
    const a = { status: 'ongoing' as const, reportBackOn: '2024-12-10' };
    expect(followUpStatus(a, '2024-12-10')).toBe('ongoing');
    expect(followUpStatus(a, '2024-12-11')).toBe('late');
    expect(followUpStatus({ ...a, status: 'not_started' }, '2024-11-01')).toBe('not_started');
    expect(followUpStatus({ ...a, status: 'reported' }, '2025-03-01')).toBe('reported');
  });
});
