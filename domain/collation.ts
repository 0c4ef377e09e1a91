/**
 * Names sort in Swedish order (Å, Ä, Ö after Z) whichever database holds them: the databases'
 * collations differ (PGlite has no ICU), so ordering of names is done here, once.
 */
const collator = new Intl.Collator('sv-SE', { sensitivity: 'base', numeric: true });

export const compareSwedish = (a: string, b: string): number => collator.compare(a, b);

export function sortBySwedishName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => collator.compare(name(a), name(b)));
}
