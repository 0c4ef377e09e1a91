/** The query key of a unit's month, shared by the month page and the submission page's checklist. */
export const unitMonthKey = (unitId: string, month: string) => ['unit-month', unitId, month] as const;
