/** How sign-in attempts are slowed down; part of `SessionPolicy`. */
export interface ThrottlePolicy {
  /** Failures of one account from one address before each further attempt has to wait. */
  freeFailuresPerAddress: number;
  /** The first wait after those; every further failure of the pair doubles it, up to the cap. */
  backoffBaseSeconds: number;
  backoffMaxMinutes: number;
  /** Failures of one account from all addresses together within the window that refuse it everywhere. */
  maxFailuresPerUser: number;
  failureWindowMinutes: number;
}

export interface Attempt {
  at: Date;
  ip: string;
  success: boolean;
}

const MINUTE = 60_000;

/**
 * Seconds the next sign-in to one account from `ip` must wait (0: go ahead), from that
 * account's recorded attempts, oldest first.
 *
 * The attempts are replayed through the same rule that judged them, so an attempt that was
 * refused (it was never checked against the password) neither counts as a failure nor makes
 * the wait longer. Each account and address pair has its own back-off: people behind the same
 * address (a hospital's NAT) who fail at other accounts, or at this one from elsewhere, do not
 * slow this pair down, except through the cap on the account's failures from everywhere.
 * A success clears its pair.
 */
export function loginWaitSeconds(attempts: readonly Attempt[], ip: string, now: Date, policy: ThrottlePolicy): number {
  const windowMs = policy.failureWindowMinutes * MINUTE;
  const pairs = new Map<string, { failures: number; until: number }>();
  const counted: number[] = [];
  let firstInWindow = 0;

  // Times only grow, so the window over the account's counted failures only moves forward.
  const blockedUntil = (address: string, t: number): number => {
    let until = 0;
    const pair = pairs.get(address);
    if (pair && t < pair.until) until = pair.until;
    while (firstInWindow < counted.length && (counted[firstInWindow] as number) <= t - windowMs) firstInWindow++;
    const inWindow = counted.length - firstInWindow;
    if (inWindow >= policy.maxFailuresPerUser)
      until = Math.max(until, (counted[counted.length - policy.maxFailuresPerUser] as number) + windowMs);
    return until > t ? until : 0;
  };

  for (const a of attempts) {
    const t = a.at.getTime();
    if (blockedUntil(a.ip, t) > 0) continue;
    if (a.success) {
      pairs.delete(a.ip);
      continue;
    }
    const pair = pairs.get(a.ip) ?? { failures: 0, until: 0 };
    pair.failures += 1;
    if (pair.failures >= policy.freeFailuresPerAddress)
      pair.until =
        t +
        Math.min(
          policy.backoffBaseSeconds * 1000 * 2 ** (pair.failures - policy.freeFailuresPerAddress),
          policy.backoffMaxMinutes * MINUTE,
        );
    pairs.set(a.ip, pair);
    counted.push(t);
  }
  const until = blockedUntil(ip, now.getTime());
  return until === 0 ? 0 : Math.ceil((until - now.getTime()) / 1000);
}
