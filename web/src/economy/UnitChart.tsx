import { BarChart } from '@mantine/charts';
import { Paper, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../app/format';
import { formatMonth } from '../steering/periods';
import { mnkrForChart } from './money';
import type { ActionPlanSummary } from './types';
import { Money } from './ui';

/**
 * From requirement to forecast per förvaltning: bars for the eye, hidden from screen readers,
 * and the same figures, exactly, in the table beside them.
 */
export function UnitChart({ summary }: { summary: ActionPlanSummary }) {
  const { t } = useTranslation();
  const rows = summary.byUnit;
  const data = rows.map((r) => ({
    unit: r.name,
    target: mnkrForChart(r.target ?? 0n),
    planned: mnkrForChart(r.planned),
    forecast: mnkrForChart(r.forecast),
  }));
  return (
    <section aria-labelledby="units-heading" className="section">
      <Title order={2} size="h3" id="units-heading" mb="sm">
        {t('economy.unitsHeading')}
      </Title>
      <div className="chart-then-table">
        {rows.length > 0 && (
          <Paper withBorder p="md" radius="md" aria-hidden="true" inert className="chart-box">
            <BarChart
              h={Math.max(220, rows.length * 60 + 70)}
              data={data}
              dataKey="unit"
              orientation="vertical"
              series={[
                { name: 'target', label: t('economy.target'), color: 'gray.7' },
                { name: 'planned', label: t('economy.plannedNet'), color: 'blue.8' },
                { name: 'forecast', label: t('economy.forecast'), color: 'red.9' },
              ]}
              valueFormatter={(v) => `${formatNumber(v)} mnkr`}
              yAxisProps={{ width: 150 }}
              withLegend
              withTooltip={false}
              accessibilityLayer={false}
              gridAxis="x"
            />
          </Paper>
        )}
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder captionSide="top" striped className="figures-table">
            <Table.Caption>
              {t('economy.unitsCaption', { year: summary.year, month: formatMonth(summary.period) })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('economy.forvaltning')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.target')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.plannedNet')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.ofWhichGrade12')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.forecast')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.deviation')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.notReported')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.unitId}>
                  <Table.Th scope="row" fw="normal">
                    {r.name}
                  </Table.Th>
                  <Table.Td ta="right">
                    <Money kr={r.target} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money kr={r.planned} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money kr={r.plannedGrade12} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money kr={r.forecast} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money kr={r.deviation} />
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(r.staleCount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('economy.wholePlan')}</Table.Th>
                <Table.Td ta="right" fw={700}>
                  <Money kr={summary.target} />
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  <Money kr={summary.planned} />
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  <Money kr={summary.plannedGrade12} />
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  <Money kr={summary.forecast} />
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  <Money kr={summary.deviation} />
                </Table.Td>
                <Table.Td ta="right" fw={700}>
                  {formatNumber(summary.staleCount)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </div>
    </section>
  );
}
