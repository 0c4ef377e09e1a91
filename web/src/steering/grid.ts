import { parseDecimalInput, sameDecimal } from './numbers';
import type { StoredValue } from './types';

/** One cell of the value grid: a unit and a month. */
export const cellKey = (unitId: string, period: string) => `${unitId}|${period}`;

/** A row of PUT /api/values. */
export interface ValueRow {
  indicatorId: string;
  unitId: string;
  period: string;
  kind: 'outcome';
  value: string | null;
  comment: string;
  /** When the value shown was entered, or null when the cell was empty: a newer value is refused. */
  basedOn: string | null;
}

export interface PendingChanges {
  rows: ValueRow[];
  /** The cell of each row, in the same order, to put the server's errors back on. */
  keys: string[];
  /** Cells whose text is not a number. */
  invalid: Map<string, 'notANumber' | 'tooPrecise'>;
}

/** The outcomes stored for one indicator, by cell. */
export function storedByCell(values: readonly StoredValue[], indicatorId: string): Map<string, StoredValue> {
  return new Map(
    values
      .filter((v) => v.kind === 'outcome' && v.indicatorId === indicatorId)
      .map((v) => [cellKey(v.unitId, v.period), v] as const),
  );
}

/**
 * The cells the user changed, as rows to save: a cell counts as changed when what it says is
 * another number than the stored one (so "12,50" over a stored "12.5" is no change), or it was
 * emptied. A cell's stored comment is kept with its new value.
 */
export function pendingChanges(
  indicatorId: string,
  stored: ReadonlyMap<string, StoredValue>,
  texts: ReadonlyMap<string, string>,
): PendingChanges {
  const rows: ValueRow[] = [];
  const keys: string[] = [];
  const invalid = new Map<string, 'notANumber' | 'tooPrecise'>();
  for (const [key, text] of texts) {
    const parsed = parseDecimalInput(text);
    if (!parsed.ok) {
      invalid.set(key, parsed.reason);
      continue;
    }
    const before = stored.get(key) ?? null;
    if (sameDecimal(parsed.value, before?.value ?? null)) continue;
    const [unitId = '', period = ''] = key.split('|');
    rows.push({
      indicatorId,
      unitId,
      period,
      kind: 'outcome',
      value: parsed.value,
      comment: before?.comment ?? '',
      basedOn: before?.enteredAt ?? null,
    });
    keys.push(key);
  }
  return { rows, keys, invalid };
}

/**
 * The server's field errors ("values.3.value") put on the cells they are about; errors that
 * name no row are returned apart, to show above the grid.
 */
export function errorsByCell(
  fields: readonly { field: string; message: string }[],
  keys: readonly string[],
): { cells: Map<string, string[]>; other: { field: string; message: string }[] } {
  const cells = new Map<string, string[]>();
  const other: { field: string; message: string }[] = [];
  for (const f of fields) {
    const m = /^values\.(\d+)\./.exec(f.field);
    const key = m ? keys[Number(m[1])] : undefined;
    if (key) cells.set(key, [...(cells.get(key) ?? []), f.message]);
    else other.push(f);
  }
  return { cells, other };
}
