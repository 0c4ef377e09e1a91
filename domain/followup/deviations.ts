/** What a deviation (avvikelse) is a deviation of: an indicator of the scorecard, or a measure. */
export const DEVIATION_KINDS = ['indicator', 'measure'] as const;
export type DeviationKind = (typeof DEVIATION_KINDS)[number];

/** The statuses that make a figure a deviation: red, or yellow (green and grey are none). */
export const DEVIATION_STATUSES = ['red', 'yellow'] as const;
export type DeviationStatus = (typeof DEVIATION_STATUSES)[number];
