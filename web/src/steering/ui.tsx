import { Alert, Badge, type MantineColor, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { shownActorName } from '../../../domain/actors';
import { formatDateTime } from '../app/format';
import { formatFigure } from './numbers';
import { dueMonthOf, formatMonth } from './periods';
import { isForbidden } from './queries';
import type { MonthFigure, Status } from './types';

/** The colour beside a status; the status is always also said in words. */
export const STATUS_COLORS: Record<Status, MantineColor> = {
  green: 'green',
  yellow: 'yellow',
  red: 'red',
  grey: 'gray',
};

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" className="badge-dark status-badge" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** A flag that must be seen: a plan steering without a decision, a goal changed without one. */
export function WarningBadge({ children }: { children: string }) {
  return (
    <Badge color="orange" variant="light" className="badge-dark warning-badge">
      {children}
    </Badge>
  );
}

/**
 * "Inaktuell" with why: how many of the units that report it have reported the due month,
 * and which month the figure is for when an older one is shown.
 */
export function StaleNote({ figure, period }: { figure: MonthFigure; period: string }) {
  const { t } = useTranslation();
  if (!figure.stale) return null;
  const due = dueMonthOf(figure.frequency, period);
  return (
    <span className="stale-note">
      <Badge color="gray" variant="outline" className="badge-dark">
        {t('steering.stale')}
      </Badge>{' '}
      <span className="muted">
        {t('steering.staleReported', { reported: figure.reported, count: figure.expected })}
        {figure.outcomeMonth && figure.outcomeMonth !== due
          ? ` ${t('steering.staleOlder', { month: formatMonth(figure.outcomeMonth) })}`
          : ''}
      </span>
    </span>
  );
}

/** An outcome, and the month it is for when that is not the month asked about. */
export function OutcomeText({ figure, period }: { figure: MonthFigure; period: string }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="figure">{formatFigure(figure.outcome, figure.measureUnit)}</span>
      {figure.outcome === null && <span className="visually-hidden">{t('steering.noOutcome')}</span>}
      {figure.outcomeMonth && figure.outcomeMonth !== period && (
        <span className="muted figure-month"> ({formatMonth(figure.outcomeMonth)})</span>
      )}
    </>
  );
}

/** A month field; chromium shows a month picker, other browsers a text field for ÅÅÅÅ-MM. */
export function PeriodInput({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange: (period: string) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      type="month"
      label={label ?? t('steering.period')}
      description={t('steering.periodHelp')}
      value={value}
      min="2000-01"
      max="2100-12"
      onChange={(e) => {
        const v = e.currentTarget.value;
        if (/^\d{4}-\d{2}$/.test(v)) onChange(v);
      }}
      w={260}
    />
  );
}

export { Loading } from '../app/Loading';

/** Why something could not be shown; a refusal is explained as such. */
export function LoadError({ error }: { error: Error }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={isForbidden(error) ? t('steering.forbiddenTitle') : t('common.loadFailed')}>
      {isForbidden(error) ? t('steering.forbidden') : error.message}
    </Alert>
  );
}

/** Who wrote something and when: "Erik Sundin, 2025-12-03 14:05". */
export function EnteredBy({ name, at }: { name: string; at: string }) {
  const { t } = useTranslation();
  return (
    <>
      {t('steering.enteredBy', {
        name: shownActorName(name),
        at: formatDateTime(at),
      })}
    </>
  );
}
