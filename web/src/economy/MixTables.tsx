import { Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../app/format';
import { formatShare } from './money';
import type { ActionPlanSummary, Totals } from './types';
import { Money } from './ui';

/** What kind of measures the plan rests on, and how sure they are: per category and per feasibility grade. */
export function MixTables({ summary }: { summary: ActionPlanSummary }) {
  const { t } = useTranslation();
  const headings = (first: string, withGrade12: boolean) => (
    <Table.Thead>
      <Table.Tr>
        <Table.Th scope="col">{first}</Table.Th>
        <Table.Th scope="col" ta="right">
          {t('economy.measureCount')}
        </Table.Th>
        <Table.Th scope="col" ta="right">
          {t('economy.plannedNet')}
        </Table.Th>
        <Table.Th scope="col" ta="right">
          {t('economy.shareOfPlanned')}
        </Table.Th>
        {withGrade12 && (
          <Table.Th scope="col" ta="right">
            {t('economy.ofWhichGrade12')}
          </Table.Th>
        )}
        <Table.Th scope="col" ta="right">
          {t('economy.forecast')}
        </Table.Th>
        <Table.Th scope="col" ta="right">
          {t('economy.outcome')}
        </Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
  const cells = (row: Totals, withGrade12: boolean) => (
    <>
      <Table.Td ta="right">{formatNumber(row.measures)}</Table.Td>
      <Table.Td ta="right">
        <Money kr={row.planned} />
      </Table.Td>
      <Table.Td ta="right" className="nowrap">
        {formatShare(row.planned, summary.planned)}
      </Table.Td>
      {withGrade12 && (
        <Table.Td ta="right">
          <Money kr={row.plannedGrade12} />
        </Table.Td>
      )}
      <Table.Td ta="right">
        <Money kr={row.forecast} />
      </Table.Td>
      <Table.Td ta="right">
        <Money kr={row.outcome} />
      </Table.Td>
    </>
  );
  return (
    <section aria-labelledby="mix-heading" className="section">
      <Title order={2} size="h3" id="mix-heading" mb="sm">
        {t('economy.mixHeading')}
      </Title>
      <div className="chart-then-table">
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder captionSide="top" striped className="figures-table">
            <Table.Caption>{t('economy.categoryCaption', { year: summary.year })}</Table.Caption>
            {headings(t('economy.category'), true)}
            <Table.Tbody>
              {summary.byCategory.map((row) => (
                <Table.Tr key={row.category}>
                  <Table.Th scope="row" fw="normal">
                    {t(`measureCategory.${row.category}`)}
                  </Table.Th>
                  {cells(row, true)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder captionSide="top" striped className="figures-table">
            <Table.Caption>{t('economy.feasibilityCaption', { year: summary.year })}</Table.Caption>
            {headings(t('economy.feasibility'), false)}
            <Table.Tbody>
              {summary.byFeasibility.map((row) => (
                <Table.Tr key={row.feasibility}>
                  <Table.Th scope="row" fw="normal">
                    {t(`feasibility.${row.feasibility}`)}
                  </Table.Th>
                  {cells(row, false)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </div>
    </section>
  );
}
