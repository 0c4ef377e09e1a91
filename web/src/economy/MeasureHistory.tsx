import { Anchor, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { parseKronor } from '../../../domain/money';
import { HistoryTable } from '../history/HistoryTable';
import { formatMonth } from '../steering/periods';
import { formatMnkr } from './money';
import { measureHistoryQuery } from './queries';

const amount = (value: string): string => {
  const kr = parseKronor(value);
  return kr === null ? '–' : formatMnkr(kr);
};

/**
 * Every change of the measure, for auditors and administrators: shown only to those the rules
 * let read the history, and only once it has loaded (anyone else would be refused).
 */
export function MeasureHistory({ measureId, allowed }: { measureId: string; allowed: boolean }) {
  const { t } = useTranslation();
  const history = useQuery({ ...measureHistoryQuery(measureId), enabled: allowed });
  if (!allowed || !history.isSuccess) return null;

  // Amounts in whole kronor are shown as mnkr, months as months; any other field as written.
  const show = (field: string, value: string): string => {
    if (/Kr$/.test(field)) return amount(value);
    if (field === 'period') return formatMonth(value);
    return value;
  };

  const entries = history.data.entries;
  return (
    <section aria-labelledby="measure-history-heading" className="section">
      <Title order={2} size="h3" id="measure-history-heading" mb="sm">
        {t('economy.historyHeading')}
      </Title>
      <Text size="sm" mb="xs">
        {t('economy.historyIntro')}{' '}
        <Anchor href={`/api/history?entity=measure&id=${encodeURIComponent(measureId)}`}>
          {t('economy.historyFull')}
        </Anchor>
      </Text>
      {entries.length === 0 ? (
        <Text>{t('economy.historyEmpty')}</Text>
      ) : (
        <HistoryTable
          entries={entries}
          caption={t('economy.historyCaption')}
          minWidth={720}
          kindLabel={(kind) => t(`economy.historyKind.${kind.replace('.', '_')}`, { defaultValue: kind })}
          show={show}
        />
      )}
    </section>
  );
}
