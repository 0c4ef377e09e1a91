import type { Services } from '../server/core/context';
import { verifyPlanRollups } from '../server/economy/rollup-verify';
import { today } from '../server/org/service';
import { verifyIndicatorRollups } from '../server/steering/rollup-verify';

/** What a verifier of kept figures answers: rows compared, how many differed, the first of them. */
export interface Verification {
  checked: number;
  differing: number;
  differences: { key: string; kept: unknown; recomputed: unknown }[];
}

/** A check that kept figures equal their recomputation from the raw rows, optionally repairing. */
export interface Verifier {
  /** What is verified, in Swedish, as the command prints it. */
  name: string;
  run: (services: Services, options: { repair: boolean }) => Promise<Verification>;
}

/** Every kept figure `verify` checks; another kind of roll-up is one more line here. */
export const VERIFIERS: Verifier[] = [
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
