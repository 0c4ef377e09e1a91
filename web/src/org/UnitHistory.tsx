import { Alert, Loader, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { call, client } from '../app/client';
import { formatDate, formatDateTime } from '../app/format';
import { HistoryChanges } from '../history/HistoryChanges';

export function UnitHistory({ unitId, nameOf }: { unitId: string; nameOf: (id: string | null) => string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['history', 'org_unit', unitId],
    queryFn: () => call(client.GET('/history', { params: { query: { entity: 'org_unit', id: unitId } } })),
  });

  const show = (field: string, value: string): string => {
    if (field === 'parentId') return nameOf(value);
    if (field === 'level') return t(`level.${value}`);
    if (field === 'validFrom' || field === 'validTo') return formatDate(value);
    return value;
  };

  return (
    <section aria-labelledby="history-heading" className="section">
      <Title order={2} size="h3" id="history-heading" mb="sm">
        {t('history.title')}
      </Title>
      {history.isPending ? (
        <Loader size="sm" aria-label={t('common.loading')} />
      ) : history.isError ? (
        <Alert color="red" role="alert">
          {history.error.message}
        </Alert>
      ) : history.data.entries.length === 0 ? (
        <Text>{t('history.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder captionSide="top" className="history-table">
            <Table.Caption>{t('history.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('history.at')}</Table.Th>
                <Table.Th scope="col">{t('history.who')}</Table.Th>
                <Table.Th scope="col">{t('history.what')}</Table.Th>
                <Table.Th scope="col">{t('history.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...history.data.entries]
                .sort((a, b) => b.at.localeCompare(a.at))
                .map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>
                      <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                    </Table.Td>
                    <Table.Td>{entry.actorName}</Table.Td>
                    <Table.Td>{kindLabel(t, entry.kind)}</Table.Td>
                    <Table.Td>
                      {entry.kind === 'org_unit.created' ? (
                        t('history.createdAs', {
                          name: entry.changes.find((c) => c.field === 'name')?.after ?? '—',
                        })
                      ) : (
                        <HistoryChanges changes={entry.changes} show={show} />
                      )}
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

function kindLabel(t: TFunction, kind: string): string {
  return t(`historyKind.${kind.replace('.', '_')}`, { defaultValue: kind });
}
