import { describe, expect, it } from 'vitest';
import { changesOf, normalisePayload } from './history';

describe('history payloads', () => {
  it('writes snake_case rows and camelCase input alike, with kronor and times as text', () => {
    const at = new Date('2025-03-01T10:00:00Z');
    expect(
      normalisePayload({ measure_id: 'm1', forecast_kr: 12n, entered_at: at, nested: { owner_unit_id: 'u' } }),
    ).toEqual({
      measureId: 'm1',
      forecastKr: '12',
      enteredAt: '2025-03-01T10:00:00.000Z',
      nested: { ownerUnitId: 'u' },
    });
    expect(normalisePayload({ amountKr: '5', skipped: undefined })).toEqual({ amountKr: '5' });
  });

  it('lists what changed from what to what, nested fields by path, without bookkeeping', () => {
    expect(
      changesOf(
        { measure: { id: 'm', version: 1, title: 'A', status: 'planned' }, calculation: [{ amountKr: '1' }] },
        { measure: { id: 'm', version: 2, title: 'B', status: 'planned' }, calculation: [] },
      ),
    ).toEqual([
      { field: 'measure.title', before: 'A', after: 'B' },
      { field: 'calculation.0.amountKr', before: '1', after: null },
      { field: 'calculation', before: null, after: '[]' },
    ]);
    expect(changesOf(null, { status: 'submitted', count: 3 })).toEqual([
      { field: 'status', before: null, after: 'submitted' },
      { field: 'count', before: null, after: '3' },
    ]);
  });
});
