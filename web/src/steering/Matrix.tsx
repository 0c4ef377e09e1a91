import { Anchor, Button, Group, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AnalysisBlock } from './GoalCard';
import './matrix-texts';
import { countsLine, indicatorsOf, matrixRows, unitsMatrix } from './matrix';
import { formatFigure } from './numbers';
import { formatMonth } from './periods';
import { acrossQuery } from './queries';
import { TrendChart, TrendTable } from './TrendChart';
import type { Figure, Scorecard } from './types';
import { OutcomeText, StaleNote, StatusBadge } from './ui';

const COLUMNS = 6;

/** The status counts as one short line of badges (text in each, never colour alone). */
export function CountsLine({ card }: { card: Scorecard }) {
  const { t } = useTranslation();
  const counts = countsLine(card.statusCounts);
  if (counts.length === 0) return null;
  return (
    <Group gap="xs" mb="sm" component="p">
      <Text component="span" size="sm">
        {t('matrix.counts', { month: formatMonth(card.period) })}
      </Text>
      {counts.map((c) => (
        <Group key={c.status} gap={4} component="span">
          <StatusBadge status={c.status} />
          <Text component="span" size="sm" fw={700}>
            {c.count}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

/**
 * The scorecard at a glance: goals under their perspective, one dense row per indicator with
 * status (badge with text), outcome, target, a small trend with the target line and the
 * forecast. Opening an indicator shows its larger chart with the bands and a table of it.
 */
export function ScorecardMatrix({
  card,
  mayWrite,
  onUnits,
}: {
  card: Scorecard;
  mayWrite: boolean;
  onUnits: (goalId: string | null) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const period = card.period;
  return (
    <section aria-labelledby="matrix-heading" className="section">
      <Group justify="space-between" align="center" mb="xs">
        <Title order={2} size="h3" id="matrix-heading">
          {t('matrix.heading')}
        </Title>
        {card.children.length > 0 && (
          <Button size="xs" variant="default" onClick={() => onUnits(null)}>
            {t('matrix.byUnits')}
          </Button>
        )}
      </Group>
      <Table.ScrollContainer minWidth={760}>
        <Table withTableBorder captionSide="top" verticalSpacing={2} fz="sm" className="scorecard-matrix">
          <Table.Caption className="visually-hidden">
            {t('matrix.caption', { unit: card.unitName, month: formatMonth(period) })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('matrix.indicator')}</Table.Th>
              <Table.Th scope="col" w={120}>
                {t('matrix.status')}
              </Table.Th>
              <Table.Th scope="col" w={130}>
                {t('matrix.outcome')}
              </Table.Th>
              <Table.Th scope="col" w={90}>
                {t('matrix.target')}
              </Table.Th>
              <Table.Th scope="col" w={126}>
                {t('matrix.trend')}
              </Table.Th>
              <Table.Th scope="col" w={110}>
                {t('matrix.forecast')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {matrixRows(card).map((row) => {
              if (row.kind === 'perspective')
                return (
                  <Table.Tr key={row.key} className="matrix-perspective">
                    <Table.Th scope="colgroup" colSpan={COLUMNS} bg="var(--mantine-color-gray-1)">
                      {t(`perspective.${row.perspective}`)}
                    </Table.Th>
                  </Table.Tr>
                );
              if (row.kind === 'goal') {
                const g = row.goal;
                const analysisKey = `a-${g.id}`;
                return (
                  <Fragment key={row.key}>
                    <Table.Tr className="matrix-goal" data-goal={g.title}>
                      <Table.Th scope="row">
                        <Anchor component={Link} to={`/mal/${g.id}`} fw={700}>
                          {g.title}
                        </Anchor>
                        <Text size="xs" className="muted">
                          {g.inherited
                            ? t('scorecard.inherited', { unit: g.ownerUnitName })
                            : t('scorecard.own', { unit: g.ownerUnitName })}
                          {' · '}
                          {g.planTitle}
                          {g.planWithoutDecision && ` · ${t('steering.withoutDecision')}`}
                          {g.drift && ` · ${t('steering.drift')}`}
                        </Text>
                      </Table.Th>
                      <Table.Td>
                        <StatusBadge status={g.status} />
                      </Table.Td>
                      <Table.Td colSpan={COLUMNS - 2}>
                        <Group gap="xs">
                          <Button
                            size="compact-xs"
                            variant="default"
                            aria-expanded={open.has(analysisKey)}
                            aria-label={t('matrix.showAnalysis', { goal: g.title })}
                            onClick={() => toggle(analysisKey)}
                          >
                            {t('matrix.analysis')}
                            {g.analysis ? ' ✓' : ''}
                          </Button>
                          {card.children.length > 0 && g.indicators.length > 0 && (
                            <Button
                              size="compact-xs"
                              variant="default"
                              aria-label={t('matrix.byUnitsOf', { goal: g.title })}
                              onClick={() => onUnits(g.id)}
                            >
                              {t('matrix.byUnits')}
                            </Button>
                          )}
                          {g.indicators.length === 0 && (
                            <Text component="span" size="xs" className="muted">
                              {t('scorecard.noIndicators')}
                            </Text>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                    {open.has(analysisKey) && (
                      <Table.Tr>
                        <Table.Td colSpan={COLUMNS}>
                          <AnalysisBlock
                            goal={g}
                            unitId={card.unitId}
                            unitName={card.unitName}
                            period={period}
                            mayWrite={mayWrite}
                            headingId={`analysis-${g.id}`}
                          />
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                );
              }
              const f = row.figure;
              const expanded = open.has(row.key);
              return (
                <Fragment key={row.key}>
                  <Table.Tr data-indicator={f.name} className="matrix-indicator">
                    <Table.Th scope="row" fw="normal" pl="lg">
                      <UnstyledButton
                        aria-expanded={expanded}
                        aria-label={t('matrix.showChart', { name: f.name })}
                        onClick={() => toggle(row.key)}
                        className="matrix-open"
                      >
                        <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>
                        {f.name}
                      </UnstyledButton>
                    </Table.Th>
                    <Table.Td>
                      <StatusBadge status={f.status} /> <StaleNote figure={f} period={period} />
                    </Table.Td>
                    <Table.Td>
                      <OutcomeText figure={f} period={period} />
                    </Table.Td>
                    <Table.Td>{formatFigure(f.target, f.measureUnit)}</Table.Td>
                    <Table.Td>
                      <TrendChart figure={f} />
                    </Table.Td>
                    <Table.Td>
                      {formatFigure(f.forecast, f.measureUnit)}
                      {f.forecastMonth && f.forecastMonth !== period && (
                        <span className="muted"> ({formatMonth(f.forecastMonth)})</span>
                      )}
                    </Table.Td>
                  </Table.Tr>
                  {expanded && (
                    <Table.Tr>
                      <Table.Td colSpan={COLUMNS}>
                        <IndicatorDetail figure={f} period={period} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

/** An opened indicator row: the larger chart with target line and bands, and its text alternative. */
function IndicatorDetail({ figure, period }: { figure: Figure; period: string }) {
  const { t } = useTranslation();
  return (
    <div className="matrix-detail">
      <Group justify="space-between" mb={4}>
        <Text fw={700}>{t('matrix.chartHeading', { name: figure.name, count: figure.trend.length })}</Text>
        <Anchor component={Link} to={`/indikatorer/${figure.id}?period=${period}`} size="sm">
          {figure.name}
        </Anchor>
      </Group>
      <div style={{ maxWidth: 640 }}>
        <TrendChart figure={figure} size="large" />
      </div>
      <TrendTable figure={figure} />
    </div>
  );
}

/**
 * The horizontal view: the unit's child units as rows, the indicators (of one goal, or all)
 * as columns, each cell the unit's status and figure from the cross-unit answer.
 */
export function UnitsMatrix({
  card,
  goalId,
  onClose,
  unitPath,
}: {
  card: Scorecard;
  goalId: string | null;
  onClose: () => void;
  unitPath: (unitId: string) => string;
}) {
  const { t } = useTranslation();
  const indicators = indicatorsOf(card, goalId);
  // Only the unit and its children, in one page: the matrix shows no unit further down.
  const answers = useQueries({
    queries: indicators.map((i) => acrossQuery(i.id, card.period, card.unitId, { offset: 0, limit: 500, depth: 1 })),
  });
  const rows = unitsMatrix(
    card.children,
    answers.map((a) => a.data?.rows),
  );
  const goal = goalId ? card.goals.find((g) => g.id === goalId) : undefined;
  const heading = goal
    ? t('matrix.unitsHeadingGoal', { goal: goal.title, unit: card.unitName })
    : t('matrix.unitsHeading', { unit: card.unitName });
  return (
    <section aria-labelledby="units-heading" className="section">
      <Group justify="space-between" align="center" mb="xs">
        <Title order={2} size="h3" id="units-heading">
          {heading}
        </Title>
        <Button size="xs" variant="default" onClick={onClose}>
          {t('matrix.closeUnits')}
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text>{t('matrix.noChildren')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={200 + indicators.length * 130}>
          <Table withTableBorder captionSide="top" verticalSpacing={2} fz="sm">
            <Table.Caption className="visually-hidden">
              {t('matrix.unitsCaption', { unit: card.unitName, month: formatMonth(card.period) })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('matrix.unit')}</Table.Th>
                {indicators.map((i) => (
                  <Table.Th key={i.id} scope="col">
                    {i.name}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.unitId}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component={Link} to={unitPath(r.unitId)}>
                      {r.unitName}
                    </Anchor>
                  </Table.Th>
                  {r.cells.map((f, i) => (
                    <Table.Td key={indicators[i]?.id}>
                      {f ? (
                        <>
                          <StatusBadge status={f.status} />{' '}
                          <Text component="span" size="sm">
                            {formatFigure(f.outcome, f.measureUnit)}
                          </Text>
                        </>
                      ) : (
                        '…'
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
