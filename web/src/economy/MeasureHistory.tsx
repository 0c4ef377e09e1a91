import { Anchor, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { shownActorName } from '../../../domain/actors';
import { parseKronor } from '../../../domain/money';
import { formatDateTime } from '../app/format';
import { HistoryChanges } from '../history/HistoryChanges';
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

  const entries = [...history.data.entries].sort(
    (a, b) => b.at.localeCompare(a.at) || Number(b.id) - Number(a.id) || b.id.localeCompare(a.id),
  );
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
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder captionSide="top" className="history-table">
            <Table.Caption>{t('economy.historyCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('history.at')}</Table.Th>
                <Table.Th scope="col">{t('history.who')}</Table.Th>
                <Table.Th scope="col">{t('history.what')}</Table.Th>
                <Table.Th scope="col">{t('history.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td className="nowrap">
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </Table.Td>
                  <Table.Td>{shownActorName(e.actorName)}</Table.Td>
                  <Table.Td>{t(`economy.historyKind.${e.kind.replace('.', '_')}`, { defaultValue: e.kind })}</Table.Td>
                  <Table.Td>
                    <HistoryChanges changes={e.changes} show={show} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
