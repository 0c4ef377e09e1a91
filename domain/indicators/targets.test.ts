import { describe, expect, it } from 'vitest';
import { targetFor } from './targets';

describe('targets', () => {
  const rows = [
    { unitId: 'region', period: '2025', target: '2', tolerance: '0.5' },
    { unitId: 'kirurgi', period: '2025', target: '3', tolerance: '1' },
    { unitId: 'kirurgi', period: '2025-07', target: '4', tolerance: '1' },
  ];
  it('takes the unit’s own month, then its own year, then the nearest unit above', () => {
    expect(targetFor(['kir', 'kirurgi', 'region'], '2025-07', rows)?.target).toBe('4');
    expect(targetFor(['kir', 'kirurgi', 'region'], '2025-06', rows)?.target).toBe('3');
    expect(targetFor(['medicin', 'region'], '2025-06', rows)?.target).toBe('2');
    expect(targetFor(['medicin', 'region'], '2024-06', rows)).toBeNull();
  });
});
