import { Sparkline } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatFigure } from './numbers';
import { formatMonth } from './periods';
import type { Figure } from './types';

/**
 * The last reporting periods as a small line for the eye, and the same numbers in a table
 * behind a disclosure for everyone else (the line itself is hidden from screen readers).
 */
export function Trend({ figure }: { figure: Figure }) {
  const { t } = useTranslation();
  const points = figure.trend.map((p) => p.outcome);
  if (points.every((p) => p === null)) return <span className="muted">{t('steering.noTrend')}</span>;
  return (
    <div className="trend">
      <div aria-hidden="true" inert>
        <Sparkline w={120} h={32} data={points} color="blue.8" fillOpacity={0.15} curveType="linear" />
      </div>
      <details className="trend-details">
        <summary>{t('steering.showTrend')}</summary>
        <Table withTableBorder captionSide="top" fz="sm">
          <Table.Caption>{t('steering.trendCaption', { name: figure.name })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('steering.month')}</Table.Th>
              <Table.Th scope="col">{t('steering.outcome')}</Table.Th>
              <Table.Th scope="col">{t('steering.target')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {figure.trend.map((p) => (
              <Table.Tr key={p.period}>
                <Table.Th scope="row">{formatMonth(p.period)}</Table.Th>
                <Table.Td>{formatFigure(p.outcome, figure.measureUnit)}</Table.Td>
                <Table.Td>{formatFigure(p.target, figure.measureUnit)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </details>
    </div>
  );
}
