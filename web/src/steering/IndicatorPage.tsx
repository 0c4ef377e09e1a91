import { BarChart } from '@mantine/charts';
import { Anchor, Button, Group, Pagination, Paper, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { useMe } from '../app/auth';
import { PageHeading } from '../app/page';
import { IndicatorForm } from './IndicatorForm';
import { formatFigure } from './numbers';
import { formatMonth, monthOrNull } from './periods';
import {
  ACROSS_PAGE_SIZE,
  acrossQuery,
  indicatorQuery,
  indicatorsQuery,
  useDefaultPeriod,
  useHomeUnit,
  useOrg,
} from './queries';
import { scorecardPath } from './ScorecardPage';
import { TargetsSection } from './Targets';
import type { Across, AcrossRow, Indicator, MonthFigure } from './types';
import { LoadError, Loading, OutcomeText, PeriodInput, StaleNote, StatusBadge } from './ui';

// The chart's two levels come in one page: more bars than this could not be read anyway.
const CHART_UNITS = 500;

/** The page of the full table the URL names (`?page=2`), 1 when none or a bad one. */
function pageOf(text: string | null): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Horizontal follow-up: one indicator across the organisation for a month. */
export function IndicatorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const fallback = useDefaultPeriod();
  const chosen = monthOrNull(params.get('period'));
  const period = chosen ?? fallback.period;
  const me = useMe().data;
  const org = useOrg();
  const home = useHomeUnit();
  // Whoever may not read the whole organisation sees the part they may read.
  const wholeOrg = !!me?.can.readAll;
  const scope = wholeOrg ? null : home.unitId;
  const definition = useQuery(indicatorQuery(id));
  // An indicator just defined by the "Ny indikator" form says so when it opens.
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const [status, setStatus] = useState(created ? t('indicatorForm.created') : '');
  const [editing, setEditing] = useState(false);
  const mayDefine = definition.data?.can.edit ?? false;
  const page = pageOf(params.get('page'));
  const enabled = !org.isPending && (wholeOrg || scope !== null) && (chosen !== null || !fallback.pending);
  // The chart's two levels in one request, the full table a page of units at a time.
  const top = useQuery({
    ...acrossQuery(id, period, scope, { offset: 0, limit: CHART_UNITS, depth: 2 }),
    enabled,
    placeholderData: keepPreviousData,
  });
  const across = useQuery({
    ...acrossQuery(id, period, scope, { offset: (page - 1) * ACROSS_PAGE_SIZE, limit: ACROSS_PAGE_SIZE }),
    enabled,
    placeholderData: keepPreviousData,
  });

  if (top.isPending && definition.isPending) return <Loading />;
  const first = top.data?.rows[0]?.figure;
  const name = definition.data?.name ?? first?.name ?? t('indicator.heading');
  if (top.isError && !definition.data)
    return (
      <>
        <PageHeading title={t('indicator.heading')} />
        <LoadError error={top.error} />
      </>
    );

  return (
    <>
      <PageHeading title={name} />
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      <Text mb="md">{t('indicator.intro', { unit: top.data?.unitName ?? '…', month: formatMonth(period) })}</Text>
      <Paper withBorder p="md" mb="md" radius="md">
        <PeriodInput value={period} onChange={(p) => setParams({ period: p }, { replace: true })} />
      </Paper>
      <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-labelledby="definition-heading">
        <Title order={2} size="h3" id="definition-heading" mb="sm">
          {t('indicator.definition')}
        </Title>
        {definition.data ? (
          <Definition indicator={definition.data} />
        ) : first ? (
          <>
            <FigureFacts figure={first} />
            <Text size="sm" className="muted" mt="xs">
              {t('indicator.partialDefinition')}
            </Text>
          </>
        ) : definition.isError ? (
          <LoadError error={definition.error} />
        ) : (
          <Loading />
        )}
        {mayDefine && definition.data && (
          <Button
            mt="sm"
            variant="default"
            aria-expanded={editing}
            onClick={() => {
              setStatus('');
              setEditing((open) => !open);
            }}
          >
            {t('indicatorForm.openEdit')}
          </Button>
        )}
      </Paper>
      {editing && definition.data && (
        <IndicatorForm
          key={definition.data.id}
          indicator={definition.data}
          onDone={(message) => {
            setEditing(false);
            setStatus(message);
          }}
        />
      )}
      {definition.data && <TargetsSection indicator={definition.data} />}
      {top.isPending ? (
        <Loading />
      ) : top.isError ? (
        <LoadError error={top.error} />
      ) : (
        <ChartView rows={top.data.rows} period={top.data.period} />
      )}
      {across.isPending ? (
        <Loading />
      ) : across.isError ? (
        <LoadError error={across.error} />
      ) : (
        <AcrossView
          across={across.data}
          onPage={(n) =>
            setParams((prev) => {
              const next = new URLSearchParams(prev);
              next.set('page', String(n));
              return next;
            })
          }
        />
      )}
    </>
  );
}

function Definition({ indicator: i }: { indicator: Indicator }) {
  const { t } = useTranslation();
  // Names of the parts of a ratio or weighted average, when the list may be read.
  const all = useQuery({ ...indicatorsQuery, enabled: !!(i.numeratorId || i.denominatorId || i.weightId) });
  const nameOf = (id: string | null) =>
    id ? (all.data?.indicators.find((x) => x.id === id)?.name ?? t('indicator.otherIndicator')) : '—';
  const link = (id: string | null) =>
    id ? (
      <Anchor component={Link} to={`/indikatorer/${id}`}>
        {nameOf(id)}
      </Anchor>
    ) : (
      '—'
    );
  return (
    <dl className="facts">
      {i.description && (
        <>
          <dt>{t('indicator.description')}</dt>
          <dd>{i.description}</dd>
        </>
      )}
      <dt>{t('indicator.measureUnit')}</dt>
      <dd>{i.measureUnit}</dd>
      <dt>{t('indicator.direction')}</dt>
      <dd>{t(`direction.${i.direction}`)}</dd>
      <dt>{t('indicator.frequency')}</dt>
      <dd>{t(`frequency.${i.frequency}`)}</dd>
      <dt>{t('indicator.aggregation')}</dt>
      <dd>{t(`aggregation.${i.aggregation}`)}</dd>
      {i.aggregation === 'ratio' && (
        <>
          <dt>{t('indicator.numerator')}</dt>
          <dd>{link(i.numeratorId)}</dd>
          <dt>{t('indicator.denominator')}</dt>
          <dd>{link(i.denominatorId)}</dd>
        </>
      )}
      {i.aggregation === 'weighted' && (
        <>
          <dt>{t('indicator.weight')}</dt>
          <dd>{link(i.weightId)}</dd>
        </>
      )}
      {i.scale !== '1' && (
        <>
          <dt>{t('indicator.scale')}</dt>
          <dd>{t('indicator.scaleText', { scale: i.scale })}</dd>
        </>
      )}
      {i.rollingMonths && (
        <>
          <dt>{t('indicator.rolling')}</dt>
          <dd>{t('indicator.rollingText', { count: i.rollingMonths })}</dd>
        </>
      )}
      <dt>{t('indicator.source')}</dt>
      <dd>{t(`source.${i.source}`)}</dd>
    </dl>
  );
}

/** What a figure says of its indicator, for users who may not read the definitions. */
function FigureFacts({ figure }: { figure: MonthFigure }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('indicator.measureUnit')}</dt>
      <dd>{figure.measureUnit}</dd>
      <dt>{t('indicator.direction')}</dt>
      <dd>{t(`direction.${figure.direction}`)}</dd>
      <dt>{t('indicator.frequency')}</dt>
      <dd>{t(`frequency.${figure.frequency}`)}</dd>
      <dt>{t('indicator.aggregation')}</dt>
      <dd>{t(`aggregation.${figure.aggregation}`)}</dd>
    </dl>
  );
}

/** The units one and two levels below the chosen one: a chart and its table. */
function ChartView({ rows, period }: { rows: AcrossRow[]; period: string }) {
  const { t } = useTranslation();
  const root = rows[0];
  if (!root) return <Text>{t('indicator.noUnits')}</Text>;
  const unit = root.figure.measureUnit;
  const top = rows.filter((r) => r.depth === 1 || r.depth === 2);
  const charted = top.filter((r) => r.figure.outcome !== null);
  const month = formatMonth(period);
  return (
    <section aria-labelledby="chart-heading" className="section">
      <Title order={2} size="h3" id="chart-heading" mb="sm">
        {t('indicator.chartHeading', { unit: root.unitName })}
      </Title>
      {top.length === 0 ? (
        <Text>{t('indicator.noUnits')}</Text>
      ) : (
        <div className="chart-and-table">
          {charted.length > 0 && (
            <Paper withBorder p="md" radius="md" aria-hidden="true" inert className="chart-box">
              <BarChart
                h={Math.max(160, charted.length * 28 + 40)}
                data={charted.map((r) => ({ unit: r.unitName, value: r.figure.outcome }))}
                dataKey="unit"
                orientation="vertical"
                series={[{ name: 'value', label: t('steering.outcome'), color: 'blue.8' }]}
                valueFormatter={(v) => formatFigure(v, unit)}
                yAxisProps={{ width: 190 }}
                withTooltip={false}
                accessibilityLayer={false}
                gridAxis="x"
              />
            </Paper>
          )}
          <Table withTableBorder captionSide="top" striped>
            <Table.Caption>{t('indicator.chartCaption', { unit: root.unitName, month })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('steering.unit')}</Table.Th>
                <Table.Th scope="col">{t('steering.outcome')}</Table.Th>
                <Table.Th scope="col">{t('steering.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {top.map((r) => (
                <Table.Tr key={r.unitId}>
                  <Table.Th
                    scope="row"
                    fw="normal"
                    style={r.depth === 2 ? { paddingInlineStart: '1.5rem' } : undefined}
                  >
                    {r.unitName}
                  </Table.Th>
                  <Table.Td>
                    <OutcomeText figure={r.figure} period={period} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.figure.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </section>
  );
}

/** Every unit, a page at a time in tree order, with its outcome, target, status and reporting. */
function AcrossView({ across, onPage }: { across: Across; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const { rows, period, total, offset, limit } = across;
  const month = formatMonth(period);
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  const shown =
    rows.length === 0
      ? t('indicator.pageEmpty', { total: total.toLocaleString('sv-SE') })
      : t('indicator.pageRange', {
          from: (offset + 1).toLocaleString('sv-SE'),
          to: (offset + rows.length).toLocaleString('sv-SE'),
          total: total.toLocaleString('sv-SE'),
        });
  const pager =
    pages > 1 ? (
      <nav aria-label={t('indicator.pagesLabel')}>
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onPage}
          size="sm"
          getItemProps={(n) => ({ 'aria-label': t('indicator.pageN', { page: n }) })}
          getControlProps={(control) => ({ 'aria-label': t(`indicator.pageControl.${control}`) })}
        />
      </nav>
    ) : null;
  return (
    <>
      <section aria-labelledby="all-heading" className="section">
        <Title order={2} size="h3" id="all-heading" mb="sm">
          {t('indicator.allHeading')}
        </Title>
        <Group justify="space-between" mb="xs">
          <Text aria-live="polite" data-testid="across-range">
            {shown}
          </Text>
          {pager}
        </Group>
        <Table.ScrollContainer minWidth={820}>
          <Table withTableBorder captionSide="top" verticalSpacing={4}>
            <Table.Caption>{t('indicator.allCaption', { month })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('steering.unit')}</Table.Th>
                <Table.Th scope="col">{t('steering.outcome')}</Table.Th>
                <Table.Th scope="col">{t('steering.target')}</Table.Th>
                <Table.Th scope="col">{t('steering.status')}</Table.Th>
                <Table.Th scope="col">{t('indicator.reporting')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.unitId}>
                  <Table.Th
                    scope="row"
                    fw={r.depth < 2 ? 700 : 'normal'}
                    style={{ paddingInlineStart: `${r.depth * 1.25 + 0.6}rem` }}
                  >
                    <Anchor component={Link} to={scorecardPath(r.unitId, period)}>
                      {r.unitName}
                    </Anchor>{' '}
                    <span className="muted tree-level-inline">{t(`level.${r.level}`)}</span>
                  </Table.Th>
                  <Table.Td>
                    <OutcomeText figure={r.figure} period={period} />
                  </Table.Td>
                  <Table.Td>{formatFigure(r.figure.target, r.figure.measureUnit)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.figure.status} />
                  </Table.Td>
                  <Table.Td>
                    {r.figure.stale ? (
                      <StaleNote figure={r.figure} period={period} />
                    ) : r.figure.expected > 0 ? (
                      t('steering.staleReported', { reported: r.figure.reported, count: r.figure.expected })
                    ) : (
                      <span className="muted">{t('indicator.noReporters')}</span>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {pager && (
          <Group justify="flex-end" mt="xs">
            {pager}
          </Group>
        )}
      </section>
      <Text size="sm" className="muted">
        {t('indicator.linkNote')}
      </Text>
    </>
  );
}
