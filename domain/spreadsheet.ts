/**
 * A cell that a spreadsheet program would read as a formula is an injection vector
 * (CSV/formula injection): text starting with = + - @ tab or CR, also after leading spaces,
 * which some programs skip. Every exported text cell passes through here as its final text.
 */
export const FORMULA_START = /^[\s\u00a0]*[=+\-@\t\r]/;

/** The text with an apostrophe in front if it could be read as a formula; the import takes it off. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
