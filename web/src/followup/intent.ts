import { ApiError } from '../app/api';

// A decision on a submission must happen once however often it is sent: each intent (a click
// on "Lämna in", "Godkänn" or "Återsänd") carries a key, and the same key goes with every
// retry of that intent, so the server does the work once and answers every copy alike.

export interface Intent {
  action: string;
  /** What was sent, so a changed comment or analysis is a new intent. */
  body: string;
  key: string;
  /** The last attempt got no definite answer (no connection, a server fault): it may be retried. */
  open: boolean;
}

/**
 * The intent a click starts: the previous one again when the same thing is asked after an
 * attempt that got no definite answer, otherwise a new key.
 */
export function nextIntent(previous: Intent | null, action: string, body: unknown, newKey: () => string): Intent {
  const text = JSON.stringify(body ?? null);
  if (previous?.open && previous.action === action && previous.body === text) return previous;
  return { action, body: text, key: newKey(), open: false };
}

/**
 * Whether a failed request may have reached the server without its answer reaching us, so the
 * same key must be used again: a network failure or a server fault. A refusal (4xx) is final.
 */
export const isTransient = (error: unknown): boolean =>
  !(error instanceof ApiError) || error.status >= 500 || error.status === 408;
