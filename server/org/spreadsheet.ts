/** The organisation sheet's columns, shared by export and import so the two cannot drift. */
export const ORG_SHEET = 'Organisation';
export const ORG_COLUMNS = [
  { key: 'code', header: 'Kod', width: 12 },
  { key: 'name', header: 'Namn', width: 40 },
  { key: 'level', header: 'Nivå', width: 14 },
  { key: 'parentCode', header: 'Överordnad kod', width: 16 },
  { key: 'manager', header: 'Chef', width: 28 },
  { key: 'validFrom', header: 'Gäller från', width: 14 },
] as const;
export type OrgColumnKey = (typeof ORG_COLUMNS)[number]['key'];
