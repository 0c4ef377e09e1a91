import { Alert, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatMonth } from '../steering/periods';
import { PlanKeyFigures } from '../ui/PlanKeyFigures';
import type { ActionPlanSummary } from './types';
import { Money } from './ui';

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
      <PlanKeyFigures
        figures={{
          target: <Money kr={s.target} />,
          planned: <Money kr={s.planned} />,
          plannedGrade12: <Money kr={s.plannedGrade12} />,
          forecast: <Money kr={s.forecast} />,
          forecastGrade12: <Money kr={s.forecastGrade12} />,
          outcome: <Money kr={s.outcome} />,
          deviation: <Money kr={s.deviation} />,
        }}
        labels={{
          target: t('economy.target'),
          planned: t('economy.plannedNet'),
          forecast: t('economy.forecast'),
          ofWhichGrade12: t('economy.ofWhichGrade12'),
          outcome: t('economy.outcome'),
          outcomeNote: t('economy.outcomeNote', { month }),
          deviation: t('economy.deviation'),
          deviationNote:
            deviation < 0n
              ? t('economy.deviationBelow')
              : deviation === 0n
                ? t('economy.deviationEqual')
                : t('economy.deviationAbove'),
        }}
      />
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
