import { Badge } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../app/format';
import { SUBMISSION_COLORS } from './status';
import type { SubmissionStatus } from './types';
import './followup.css';

/** A unit's status for the month, in words beside its colour. */
export function SubmissionBadge({ status }: { status: SubmissionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={SUBMISSION_COLORS[status]}
      variant="light"
      className="badge-dark status-badge"
      data-status={status}
      component="span"
    >
      {t(`followup.status.${status}`)}
    </Badge>
  );
}

/** "12 dagar sen", said as a flag so it is seen. */
export function LateBadge({ days }: { days: number }) {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="light" className="badge-dark warning-badge" component="span">
      {days > 0 ? t('followup.daysLate', { count: days }) : t('followup.late')}
    </Badge>
  );
}

/** Who did something and when: "Karin Ek, 2025-10-06 14:05"; a dash when nobody has. */
export function ByWhom({ name, at }: { name: string | null; at: string | null }) {
  if (!name && !at) return <>–</>;
  return (
    <>
      {name ?? ''}
      {name && at ? ', ' : ''}
      {at && <span className="nowrap">{formatDateTime(at)}</span>}
    </>
  );
}

/** A fresh key for one intent; works where the browser offers no randomUUID (plain http). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A table wider than the page in a region of its own that takes the focus, so the keyboard
 * can scroll it even when nothing inside it can be focused.
 */
export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region wider than the page takes the focus so the keyboard can scroll it
    <section className="scroll-region" tabIndex={0} aria-label={label} style={{ ['--scroll-min' as string]: minWidth }}>
      {children}
    </section>
  );
}
