import { Alert, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMonth } from '../steering/periods';
import type { ActionPlanSummary } from './types';
import { Money } from './ui';

/** One term of the description list; a note (the grade 1–2 part, what the sign means) stands right under it. */
function Figure({ label, children, note }: { label: string; children: ReactNode; note?: ReactNode }) {
  return (
    <div className="key-figure" data-figure={label}>
      <dt className="key-figure-label">{label}</dt>
      <dd className="key-figure-value">{children}</dd>
      {note && <dd className="key-figure-note">{note}</dd>}
    </div>
  );
}

/**
 * The plan's totals for the year: the requirement, what the measures plan and forecast with
 * the feasibility grade 1–2 part always beside them, the outcome and the deviation. Every
 * warning is said in words.
 */
export function KeyFigures({ summary }: { summary: ActionPlanSummary }) {
  const { t } = useTranslation();
  const s = summary;
  const month = formatMonth(s.period);
  // Amounts are strings of digits: compared as BigInt, never as text.
  const deviation = BigInt(s.deviation);
  const target = BigInt(s.target);
  return (
    <section aria-labelledby="key-figures-heading" className="section">
      <Title order={2} size="h3" id="key-figures-heading" mb="sm">
        {t('economy.keyFiguresHeading', { year: s.year })}
      </Title>
      <dl className="key-figures">
        <Figure label={t('economy.target')}>
          <Money kr={s.target} />
        </Figure>
        <Figure
          label={t('economy.plannedNet')}
          note={
            <>
              {t('economy.ofWhichGrade12')}: <Money kr={s.plannedGrade12} />
            </>
          }
        >
          <Money kr={s.planned} />
        </Figure>
        <Figure
          label={t('economy.forecast')}
          note={
            <>
              {t('economy.ofWhichGrade12')}: <Money kr={s.forecastGrade12} />
            </>
          }
        >
          <Money kr={s.forecast} />
        </Figure>
        <Figure label={t('economy.outcome')} note={t('economy.outcomeNote', { month })}>
          <Money kr={s.outcome} />
        </Figure>
        <Figure
          label={t('economy.deviation')}
          note={
            deviation < 0n
              ? t('economy.deviationBelow')
              : deviation === 0n
                ? t('economy.deviationEqual')
                : t('economy.deviationAbove')
          }
        >
          <Money kr={s.deviation} />
        </Figure>
      </dl>
      <div aria-live="polite">
        {BigInt(s.planned) < target && (
          <Alert color="orange" mt="sm" title={t('economy.plannedShort')}>
            {t('economy.plannedShortText')}
          </Alert>
        )}
        {BigInt(s.plannedGrade12) < target && (
          <Alert color="orange" mt="sm" title={t('economy.grade12Short')}>
            {t('economy.grade12ShortText')} <Money kr={s.plannedGrade12} /> {t('economy.ofTarget')}{' '}
            <Money kr={s.target} />.
          </Alert>
        )}
        {s.staleCount > 0 && (
          <Alert color="gray" mt="sm" title={t('economy.staleCount', { count: s.staleCount })}>
            {t('economy.staleCountText', { month })}
          </Alert>
        )}
      </div>
    </section>
  );
}
