import type { Services } from '../server/core/context';
import { verifyPlanRollups } from '../server/economy/rollup-verify';
import { today } from '../server/org/service';
import { verifyOrganisation } from '../server/org/verify';
import { verifyIndicatorRollups } from '../server/steering/rollup-verify';

/**
 * What a verifier answers: rows checked, how many were wrong, the first of them. A kept figure
 * that differs shows both values; a fault in the stored data says what it is (`problem`).
 */
export interface Verification {
  checked: number;
  differing: number;
  differences: ({ key: string; kept: unknown; recomputed: unknown } | { key: string; problem: string })[];
}

/**
 * A check of stored data: kept figures against their recomputation from the raw rows (which
 * `--repair` rebuilds), or the organisation's own consistency (which a person mends).
 */
export interface Verifier {
  /** What is verified, in Swedish, as the command prints it. */
  name: string;
  /** What `--repair` does not mend, in Swedish: how a person mends it. Absent: `--repair` mends all. */
  byHand?: string;
  run: (services: Services, options: { repair: boolean }) => Promise<Verification>;
}

/** Everything `verify` checks, in order; another kind of roll-up is one more entry here. */
export const VERIFIERS: Verifier[] = [
  // First: a fault in the tree shows up below as roll-up differences of its units.
  {
    name: 'organisationen',
    byHand:
      'Rättas inte av --repair: flytta, avveckla eller byt kostnadsställe på enheterna i organisationen från den dag felet börjar.',
    run: async (services) => {
      const { checked, faults } = await verifyOrganisation(services.db);
      return {
        checked,
        differing: faults.length,
        differences: faults.map((f) => ({
          key: f.to === null ? `från ${f.from}` : `${f.from}–${f.to}`,
          problem: f.text,
        })),
      };
    },
  },
  {
    name: 'indikatorernas summeringar',
    run: (services, { repair }) => verifyIndicatorRollups(services.db, { repair, day: today(services) }),
  },
  {
    name: 'åtgärdsplanernas summeringar',
    run: async (services, { repair }) => {
      const result = await verifyPlanRollups(services.db, { repair });
      // At most the first thousand are listed; all are counted.
      return { ...result, differing: result.differences.length, differences: result.differences.slice(0, 1000) };
    },
  },
];
