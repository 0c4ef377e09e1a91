/**
 * A cell that a spreadsheet program would read as a formula is an injection vector
 * (CSV/formula injection). Every exported text cell passes through here.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
