/** A number for JSON from exact decimal text, rounded to at most `places` decimals. */
export function jsonNumber(value: { toDecimalPlaces(n: number): { toNumber(): number } } | null, places = 4) {
  return value === null ? null : value.toDecimalPlaces(places).toNumber();
}
