import { CORRECTIVE_STATUSES } from './measures';

export type CorrectiveStatus = (typeof CORRECTIVE_STATUSES)[number];

/**
 * A corrective action (åtgärd vid avvikelse) is followed until it is done: its status may move
 * while it is open, and a done one is closed, kept as it was for the follow-up that relied on it.
 */
export const correctiveActionOpen = (status: string): boolean => status !== 'done';

export const isCorrectiveStatus = (s: string): s is CorrectiveStatus =>
  (CORRECTIVE_STATUSES as readonly string[]).includes(s);
