import { DomainError } from '../../domain/errors';
import { type CellValue, cellText, type ImportProblem, readSheetRows, type WorkbookLimits } from './workbook';

/** 400 for an import request that carried no file. */
export function mustHaveFile(data: Buffer | ArrayBuffer): void {
  if (data.byteLength === 0)
    throw new DomainError('bad_request', 'Ingen fil skickades.', { fields: [{ field: '(body)', message: 'saknas' }] });
}

/** A data row of a headed sheet; cells are found by column key, wherever the column stands. */
export interface HeadedRow<K extends string> {
  number: number;
  raw(key: K): CellValue;
  /** The cell as trimmed text; '' where the sheet has no such column. */
  text(key: K): string;
}

/**
 * The data rows of a sheet whose first row names the columns (by `columns`' headers, in any
 * order and case); blank rows are skipped. Each entry of `required` is a column, or columns of
 * which one suffices: if one is missing (or the sheet is empty), a problem on row 1 naming it is
 * added to `problems` and no row is read.
 */
export async function* headedRows<K extends string>(
  data: Buffer | ArrayBuffer,
  options: {
    sheet: string;
    limits?: Partial<WorkbookLimits>;
    columns: readonly { key: K; header: string }[];
    required: readonly (K | readonly [K, ...K[]])[];
    problems: ImportProblem[];
  },
): AsyncGenerator<HeadedRow<K>> {
  const { columns, required, problems } = options;
  const columnOf = new Map<K, number>();
  const missing = () => {
    const before = problems.length;
    for (const need of required) {
      const keys: readonly [K, ...K[]] = typeof need === 'string' ? [need] : need;
      if (!keys.some((k) => columnOf.has(k)))
        problems.push({
          row: 1,
          column: columns.find((c) => c.key === keys[0])?.header ?? keys[0],
          message: 'kolumnen saknas',
        });
    }
    return problems.length > before;
  };
  let headerRead = false;
  for await (const r of readSheetRows(data, { sheet: options.sheet, limits: options.limits })) {
    if (!headerRead) {
      headerRead = true;
      if (r.number === 1)
        for (const [col, value] of r.entries()) {
          const found = columns.find((c) => c.header.toLowerCase() === cellText(value).toLowerCase());
          if (found) columnOf.set(found.key, col);
        }
      if (missing()) return;
      if (r.number === 1) continue;
    }
    if ([...r.entries()].every(([, v]) => cellText(v) === '')) continue;
    const raw = (key: K): CellValue => {
      const col = columnOf.get(key);
      return col === undefined ? null : r.cell(col);
    };
    yield { number: r.number, raw, text: (key) => cellText(raw(key)) };
  }
  if (!headerRead) missing();
}
