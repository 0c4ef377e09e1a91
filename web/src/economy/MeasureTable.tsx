import { Anchor, Button, Group, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../app/format';
import { formatMonth } from '../steering/periods';
import { ForecastCell, type SaveOutcome } from './ForecastCell';
import { formatMnkr } from './money';
import { measureKey, measurePath, planKey } from './queries';
import { treeRows, visibleRows } from './tree';
import type { MeasureFigures } from './types';
import { AnalysisMissingBadge, DeviationBadge, MandateFlag, Money, StaleMark } from './ui';

/**
 * The plan's measures as a tree: each measure with its sub-measures under it, its target,
 * forecast, outcome and deviation for the month, and its flags in words. Whoever may report
 * on a measure's unit types its forecast straight into the table.
 */
export function MeasureTable({
  planId,
  period,
  year,
  measures,
}: {
  planId: string;
  period: string;
  year: number;
  measures: MeasureFigures[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState('');
  const [conflict, setConflict] = useState<string | null>(null);
  const rows = useMemo(() => treeRows(measures), [measures]);
  const shown = visibleRows(rows, collapsed);
  const parents = rows.filter((r) => r.hasChildren).map((r) => r.item.id);
  const mayReport = (m: MeasureFigures) => m.can.report;
  const anyWritable = measures.some(mayReport);
  const month = formatMonth(period);

  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const done = async (outcome: SaveOutcome) => {
    if (outcome.kind === 'saved') {
      setConflict(null);
      setMessage(
        t('economy.forecastSaved', { title: outcome.measure.title, month, amount: formatMnkr(outcome.kronor) }),
      );
    } else {
      setMessage('');
      setConflict(outcome.measure.title);
    }
    // Totals, stale marks and the measure's own page all change with one report.
    await queryClient.invalidateQueries({ queryKey: planKey(planId) });
    await queryClient.invalidateQueries({ queryKey: measureKey(outcome.measure.id) });
  };

  return (
    <section aria-labelledby="measures-heading" className="section">
      <Title order={2} size="h3" id="measures-heading" mb="sm">
        {t('economy.measuresHeading')}
      </Title>
      {measures.length === 0 ? (
        <Text>{t('economy.noMeasures')}</Text>
      ) : (
        <>
          <Text size="sm" mb="xs" className="prose">
            {anyWritable ? t('economy.entryHelp', { month }) : t('economy.readOnlyHelp')}
          </Text>
          {parents.length > 0 && (
            <Group gap="xs" mb="xs">
              <Button size="xs" variant="default" onClick={() => setCollapsed(new Set())}>
                {t('economy.expandAll')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setCollapsed(new Set(parents))}>
                {t('economy.collapseAll')}
              </Button>
            </Group>
          )}
          <div aria-live="polite" role="status" className="status-message">
            {message}
          </div>
          <div aria-live="assertive">
            {conflict && (
              <div className="conflict-note" role="alert">
                <strong>{t('economy.conflictTitle')}</strong> {t('economy.conflict', { title: conflict })}
              </div>
            )}
          </div>
          <Table.ScrollContainer minWidth={1100}>
            <Table
              withTableBorder
              captionSide="top"
              verticalSpacing={6}
              horizontalSpacing="xs"
              className="figures-table measure-table"
            >
              <Table.Caption>
                {t('economy.measuresCaption', {
                  year,
                  month,
                  count: measures.length,
                  formatted: formatNumber(measures.length),
                })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('economy.measure')}</Table.Th>
                  <Table.Th scope="col">{t('economy.ownerUnit')}</Table.Th>
                  <Table.Th scope="col">{t('economy.category')}</Table.Th>
                  <Table.Th scope="col">{t('economy.feasibilityShort')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('economy.targetNet')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('economy.forecast')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('economy.outcome')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('economy.deviation')}
                  </Table.Th>
                  <Table.Th scope="col">{t('economy.flags')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map(({ item: m, depth, hasChildren }) => {
                  const open = !collapsed.has(m.id);
                  const stale = m.leaf ? m.stale : m.staleCount > 0;
                  return (
                    <Table.Tr key={m.id} className={stale ? 'row-stale' : undefined} data-measure={m.title}>
                      {/* Named by the title alone, not by the fold button beside it. */}
                      <Table.Th
                        scope="row"
                        aria-labelledby={`measure-title-${m.id}`}
                        fw={depth === 0 ? 600 : 'normal'}
                        style={{ paddingInlineStart: `${depth * 1.5 + 0.5}rem` }}
                      >
                        <span className="measure-title">
                          {hasChildren ? (
                            <button
                              type="button"
                              className="tree-button"
                              aria-expanded={open}
                              aria-label={t('economy.subMeasuresOf', { title: m.title })}
                              onClick={() => toggle(m.id)}
                            >
                              <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                            </button>
                          ) : parents.length > 0 ? (
                            <span className="tree-spacer" aria-hidden="true" />
                          ) : null}
                          <Anchor component={Link} to={measurePath(m.id, period)} id={`measure-title-${m.id}`}>
                            {m.title}
                          </Anchor>
                        </span>
                      </Table.Th>
                      <Table.Td>{m.ownerUnitName}</Table.Td>
                      <Table.Td>{t(`measureCategory.${m.category}`)}</Table.Td>
                      <Table.Td ta="center">{m.feasibility}</Table.Td>
                      <Table.Td ta="right">
                        <Money kr={m.planned} />
                      </Table.Td>
                      <Table.Td ta="right" className="forecast-cell">
                        {mayReport(m) ? (
                          <ForecastCell
                            key={`${m.id}:${m.version}:${period}`}
                            measure={m}
                            period={period}
                            onDone={(o) => void done(o)}
                          />
                        ) : (
                          <Money kr={m.leaf && !m.lastReport ? null : m.forecast} />
                        )}
                        {stale && (
                          <div>
                            <StaleMark lastReport={m.lastReport} staleCount={m.staleCount} leaf={m.leaf} />
                          </div>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Money kr={m.leaf && !m.lastReport ? null : m.outcome} />
                      </Table.Td>
                      <Table.Td ta="right">
                        <Money kr={m.deviation} />
                      </Table.Td>
                      <Table.Td>
                        <span className="flags">
                          {m.deviates && <DeviationBadge />}
                          <MandateFlag mandate={m.mandate} />
                          <AnalysisMissingBadge measure={m} />
                          {m.status === 'stopped' && <span>{t('measureStatus.stopped')}</span>}
                        </span>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </section>
  );
}
