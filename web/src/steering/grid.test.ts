import { describe, expect, it } from 'vitest';
import { cellKey, errorsByCell, pendingChanges, storedByCell } from './grid';
import type { StoredValue } from './types';

const stored = (unitId: string, period: string, value: string, extra: Partial<StoredValue> = {}): StoredValue => ({
  indicatorId: 'ind',
  unitId,
  period,
  kind: 'outcome',
  value,
  comment: '',
  enteredByName: 'Hanna Berglund',
  enteredAt: `${period}-06T09:00:00.000Z`,
  ...extra,
});

describe('value grid', () => {
  const values = [
    stored('a', '2025-01', '12.5', { comment: 'från lönesystemet' }),
    stored('a', '2025-02', '1234'),
    stored('a', '2025-01', '99', { kind: 'forecast' }),
    stored('b', '2025-01', '7', { indicatorId: 'other' }),
  ];
  const byCell = storedByCell(values, 'ind');

  it('keeps only the outcomes of the chosen indicator', () => {
    expect([...byCell.keys()]).toEqual([cellKey('a', '2025-01'), cellKey('a', '2025-02')]);
  });

  it('sends only cells that say another number, with the time of the value shown', () => {
    const texts = new Map([
      [cellKey('a', '2025-01'), '12,50'], // the same number
      [cellKey('a', '2025-02'), '1 300'], // changed
      [cellKey('b', '2025-03'), '4,25'], // new
      [cellKey('b', '2025-04'), ''], // empty and was empty
    ]);
    const { rows, keys, invalid } = pendingChanges('ind', byCell, texts);
    expect(invalid.size).toBe(0);
    expect(keys).toEqual([cellKey('a', '2025-02'), cellKey('b', '2025-03')]);
    expect(rows).toEqual([
      {
        indicatorId: 'ind',
        unitId: 'a',
        period: '2025-02',
        kind: 'outcome',
        value: '1300',
        comment: '',
        basedOn: '2025-02-06T09:00:00.000Z',
      },
      {
        indicatorId: 'ind',
        unitId: 'b',
        period: '2025-03',
        kind: 'outcome',
        value: '4.25',
        comment: '',
        basedOn: null,
      },
    ]);
  });

  it('removes a value whose cell was emptied, keeping its comment until then', () => {
    const { rows } = pendingChanges('ind', byCell, new Map([[cellKey('a', '2025-01'), ' ']]));
    expect(rows).toEqual([
      {
        indicatorId: 'ind',
        unitId: 'a',
        period: '2025-01',
        kind: 'outcome',
        value: null,
        comment: 'från lönesystemet',
        basedOn: '2025-01-06T09:00:00.000Z',
      },
    ]);
  });

  it('holds back cells that are not numbers', () => {
    const { rows, invalid } = pendingChanges('ind', byCell, new Map([[cellKey('b', '2025-05'), 'tolv']]));
    expect(rows).toEqual([]);
    expect(invalid.get(cellKey('b', '2025-05'))).toBe('notANumber');
  });

  it("puts the server's row errors back on their cells", () => {
    const keys = [cellKey('a', '2025-02'), cellKey('b', '2025-03')];
    const { cells, other } = errorsByCell(
      [
        { field: 'values.1.unitId', message: 'värdet räknas fram ur enheterna under' },
        { field: 'values.1.value', message: 'ska vara ett tal' },
        { field: 'values.7.value', message: 'okänd rad' },
        { field: 'values', message: 'för många' },
      ],
      keys,
    );
    expect(cells.get(cellKey('b', '2025-03'))).toEqual(['värdet räknas fram ur enheterna under', 'ska vara ett tal']);
    expect(cells.has(cellKey('a', '2025-02'))).toBe(false);
    expect(other.map((o) => o.field)).toEqual(['values.7.value', 'values']);
  });
});
