import type { TFunction } from 'i18next';
import { formatMonth } from '../steering/periods';
import { isFollowupKind, type Occasion } from './types';

// Words for the annual cycle that more than one page says the same way.

/** "Månadsrapport", "Delårsrapport", "Budget" … */
export const kindLabel = (t: TFunction, kind: string): string => t(`followup.kind.${kind}`, { defaultValue: kind });

/** "Enhet", "Division", "Fullmäktige" … */
export const levelLabel = (t: TFunction, level: string): string =>
  t(`followup.level.${level}`, { defaultValue: level });

/** What an occasion is about: the month a follow-up reports on, or the year of a milestone. */
export const occasionPeriodText = (o: Pick<Occasion, 'period'>): string => (o.period ? formatMonth(o.period) : '–');

/** The title an occasion is offered before one is typed: "Månadsrapport september 2025", "Budget 2026". */
export function suggestedTitle(kindText: string, kind: string, period: string | null, year: number): string {
  if (isFollowupKind(kind))
    return period && /^\d{4}-\d{2}$/.test(period) ? `${kindText} ${formatMonth(period)}` : kindText;
  return `${kindText} ${year}`;
}
