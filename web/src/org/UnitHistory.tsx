import { Alert, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { call, client } from '../app/client';
import { formatDate } from '../app/format';
import { Loading } from '../app/Loading';
import { HistoryTable } from '../history/HistoryTable';

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
        <Loading size="sm" inline />
      ) : history.isError ? (
        <Alert color="red" role="alert">
          {history.error.message}
        </Alert>
      ) : history.data.entries.length === 0 ? (
        <Text>{t('history.empty')}</Text>
      ) : (
        <HistoryTable
          entries={history.data.entries}
          caption={t('history.caption')}
          kindLabel={(kind) => kindLabel(t, kind)}
          show={show}
          changes={(entry) =>
            entry.kind === 'org_unit.created'
              ? t('history.createdAs', { name: entry.changes.find((c) => c.field === 'name')?.after ?? '—' })
              : undefined
          }
        />
      )}
    </section>
  );
}

function kindLabel(t: TFunction, kind: string): string {
  return t(`historyKind.${kind.replace('.', '_')}`, { defaultValue: kind });
}
