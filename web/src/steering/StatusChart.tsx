import { DonutChart } from '@mantine/charts';
import { Group, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../app/format';
import { STATUSES, type Status } from './types';
import { StatusBadge } from './ui';

// Chart shades dark enough to tell apart from the white background (non-text contrast 3:1).
const CHART_COLORS: Record<Status, string> = {
  green: 'green.8',
  yellow: 'yellow.6',
  red: 'red.9',
  grey: 'gray.6',
};

/** How many indicators have each status: a donut for the eye, the same counts in a table. */
export function StatusChart({ counts, caption }: { counts: Record<Status, number>; caption: string }) {
  const { t } = useTranslation();
  const total = STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const data = STATUSES.filter((s) => counts[s] > 0).map((s) => ({
    name: t(`status.${s}`),
    value: counts[s],
    color: CHART_COLORS[s],
  }));
  return (
    <Group align="center" gap="xl" wrap="wrap">
      {total > 0 && (
        <div aria-hidden="true" inert>
          <DonutChart
            data={data}
            size={150}
            thickness={26}
            withTooltip={false}
            chartLabel={formatNumber(total)}
            accessibilityLayer={false}
          />
        </div>
      )}
      <Table withTableBorder captionSide="top" w="auto" miw={260}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('steering.status')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('steering.count')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {STATUSES.map((s) => (
            <Table.Tr key={s}>
              <Table.Th scope="row" fw="normal">
                <StatusBadge status={s} />
              </Table.Th>
              <Table.Td ta="right">{formatNumber(counts[s])}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">{t('steering.total')}</Table.Th>
            <Table.Td ta="right" fw={700}>
              {formatNumber(total)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Group>
  );
}
