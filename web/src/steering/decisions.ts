import type { Decision } from './types';

/**
 * How a decision is cited beside what it concerns, as the server cites it on plans and
 * goals: "Regionfullmäktige 2024-11-26 § 145 (RS/1234/2024)".
 */
export const citationOf = (
  d: Pick<Decision, 'bodyName' | 'officialName' | 'decidedOn' | 'paragraph' | 'diarienummer'>,
): string =>
  [
    d.bodyName ?? d.officialName,
    d.decidedOn,
    d.paragraph ? `§ ${d.paragraph}` : null,
    d.diarienummer ? `(${d.diarienummer})` : null,
  ]
    .filter(Boolean)
    .join(' ');
