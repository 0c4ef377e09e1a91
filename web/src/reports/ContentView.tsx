import { Badge, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FLAG_SECTION_TEXTS, NO_DECIDED_WORDING, WHO_DECIDES, WHY_RULE } from '../../../domain/reports/content';
import { indicatorDeviation, indicatorValue } from '../../../domain/reports/figures';
import { STATUSES } from '../../../domain/steering';
import { formatNumber } from '../app/format';
import { formatDecimalText } from '../steering/numbers';
import { formatMonth } from '../steering/periods';
import { STATUS_COLORS } from '../steering/ui';
import { PlanKeyFigures } from '../ui/PlanKeyFigures';
import { ColumnHeads, numeric, PlainTable } from '../ui/tables';
import { InternalControlView } from './InternalControlView';
import { type ContentKronor, isNegative, kronorText, mnkrText } from './labels';
import type { ActionPlanSection, DeviationRow, ReportContent, ScorecardSection, StaleRow, TrafficLight } from './types';

// The parts of a report that fill themselves from the data, shown as the exports print them:
// for a draft, today's figures; for a sent report, the figures the board saw.

const LIGHTS: readonly TrafficLight[] = STATUSES;

/** An amount in mnkr with the exact kronor in its tooltip. */
export function Mnkr({ kr }: { kr: ContentKronor }) {
  return (
    <span className="money" title={kr === null || kr === undefined ? undefined : kronorText(kr)}>
      {mnkrText(kr)}
    </span>
  );
}

/**
 * A figure in its own unit of measure, rounded as the exports round it (domain/reports/figures);
 * kronor are shown in mnkr. A deviation has its sign, and a percentage's is in percentage points.
 */
function Figure({ value, unit, deviation = false }: { value: string | null; unit: string; deviation?: boolean }) {
  const { t } = useTranslation();
  if (value === null)
    return (
      <>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">{t('reports.noFigure')}</span>
      </>
    );
  if (unit === 'kr') return <Mnkr kr={value} />;
  // The exact figure is in the tooltip.
  return (
    <span className="figure" title={`${formatDecimalText(value)}${unit ? `\u00a0${unit}` : ''}`}>
      {deviation ? indicatorDeviation(value, unit, t('reports.percentagePoints')) : indicatorValue(value, unit)}
    </span>
  );
}

/** A traffic light, always said in words beside its colour. */
function LightBadge({ status }: { status: TrafficLight }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      className="badge-dark status-badge"
      data-status={status}
      component="span"
    >
      {t(`status.${status}`)}
    </Badge>
  );
}

function StaleBadge() {
  const { t } = useTranslation();
  return (
    <span className="stale-note">
      <Badge color="gray" variant="outline" className="badge-dark" component="span">
        {t('reports.stale')}
      </Badge>
    </span>
  );
}

export function ActionPlanView({ plan, period }: { plan: ActionPlanSection; period: string }) {
  const { t } = useTranslation();
  const totals = plan.totals;
  const month = formatMonth(period);
  return (
    <section aria-labelledby="report-plan-heading" className="section">
      <Title order={2} size="h3" id="report-plan-heading" mb="sm">
        {t('reports.planHeading', { title: plan.planTitle, year: plan.year })}
      </Title>
      <PlanKeyFigures
        figures={{
          target: <Mnkr kr={totals.targetKr} />,
          planned: <Mnkr kr={totals.plannedKr} />,
          plannedGrade12: <Mnkr kr={totals.plannedGrade12Kr} />,
          forecast: <Mnkr kr={totals.forecastKr} />,
          forecastGrade12: <Mnkr kr={totals.forecastGrade12Kr} />,
          outcome: <Mnkr kr={totals.outcomeKr} />,
          deviation: <Mnkr kr={totals.deviationKr} />,
        }}
        labels={{
          target: t('reports.fig.target'),
          planned: t('reports.fig.planned'),
          forecast: t('reports.fig.forecast'),
          ofWhichGrade12: t('reports.fig.ofWhichGrade12'),
          outcome: t('reports.fig.outcome'),
          outcomeNote: t('reports.fig.outcomeNote', { month }),
          deviation: t('reports.fig.deviation'),
          deviationNote: isNegative(totals.deviationKr) ? t('reports.fig.below') : t('reports.fig.notBelow'),
        }}
      />
      {plan.rows.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table withTableBorder captionSide="top" className="figures-table" verticalSpacing={6}>
            <Table.Caption>{t('reports.planCaption', { title: plan.planTitle, year: plan.year, month })}</Table.Caption>
            <ColumnHeads
              columns={[
                t('reports.col.unitOrMeasure'),
                numeric(t('reports.col.target')),
                numeric(t('reports.col.forecast')),
                numeric(t('reports.col.deviation')),
                t('reports.col.comment'),
              ]}
            />
            <Table.Tbody>
              {plan.rows.map((row, i) => (
                <Table.Tr
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are a frozen list without ids
                  key={i}
                  className={row.stale ? 'row-stale' : undefined}
                  data-kind={row.measure === null ? 'unit' : 'measure'}
                >
                  <Table.Th
                    scope="row"
                    fw={row.measure === null ? 700 : 'normal'}
                    pl={row.measure === null ? 'xs' : 'xl'}
                  >
                    {row.measure === null ? (
                      row.unitName
                    ) : (
                      <>
                        {row.measure}
                        <Text span size="sm" className="muted" display="block">
                          {row.unitName}
                        </Text>
                      </>
                    )}
                  </Table.Th>
                  <Table.Td ta="right" className="nowrap">
                    <Mnkr kr={row.targetKr} />
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    <Mnkr kr={row.forecastKr} />
                    {row.forecastKr === null && <span className="visually-hidden">{t('reports.noForecast')}</span>}
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    <Mnkr kr={row.deviationKr} />
                  </Table.Td>
                  <Table.Td>
                    {row.stale && (
                      <>
                        <StaleBadge />{' '}
                      </>
                    )}
                    {row.comment}
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

export function ScorecardView({ scorecard }: { scorecard: ScorecardSection }) {
  const { t } = useTranslation();
  const total = LIGHTS.reduce((sum, l) => sum + (scorecard.counts[l] ?? 0), 0);
  return (
    <section aria-labelledby="report-scorecard-heading" className="section">
      <Title order={2} size="h3" id="report-scorecard-heading" mb="sm">
        {t('reports.scorecardHeading')}
      </Title>
      {total === 0 ? (
        <Text>{t('reports.noIndicators')}</Text>
      ) : (
        <ul
          className="plain-list report-counts"
          aria-label={t('reports.countsLabel')}
          style={{ marginBottom: '1.5rem' }}
        >
          {LIGHTS.map((light) => (
            <li key={light} data-status={light}>
              <LightBadge status={light} />{' '}
              {t('reports.indicatorCount', {
                count: scorecard.counts[light] ?? 0,
                formatted: formatNumber(scorecard.counts[light] ?? 0),
              })}
            </li>
          ))}
        </ul>
      )}
      {scorecard.goals.map((goal, gi) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: goals are a frozen list without ids
        <div key={gi} className="section">
          <Title order={3} size="h4" mb="xs">
            {goal.title}{' '}
            <Text span size="sm" fw="normal" className="muted">
              ({goal.perspective})
            </Text>{' '}
            <LightBadge status={goal.status} />
          </Title>
          {goal.indicators.length === 0 ? (
            <Text size="sm">{t('reports.goalNoIndicators')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table withTableBorder captionSide="top" className="figures-table" verticalSpacing={6}>
                <Table.Caption className="visually-hidden">
                  {t('reports.goalCaption', { title: goal.title })}
                </Table.Caption>
                <ColumnHeads
                  columns={[
                    t('reports.col.indicator'),
                    numeric(t('reports.col.target')),
                    numeric(t('reports.col.outcome')),
                    numeric(t('reports.col.forecast')),
                    t('reports.col.status'),
                  ]}
                />
                <Table.Tbody>
                  {goal.indicators.map((ind, ii) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: indicators are a frozen list without ids
                    <Table.Tr key={ii} className={ind.stale ? 'row-stale' : undefined}>
                      <Table.Th scope="row" fw="normal">
                        {ind.name}
                      </Table.Th>
                      <Table.Td ta="right" className="nowrap">
                        <Figure value={ind.target} unit={ind.unitOfMeasure} />
                      </Table.Td>
                      <Table.Td ta="right" className="nowrap">
                        <Figure value={ind.outcome} unit={ind.unitOfMeasure} />
                      </Table.Td>
                      <Table.Td ta="right" className="nowrap">
                        <Figure value={ind.forecast} unit={ind.unitOfMeasure} />
                      </Table.Td>
                      <Table.Td>
                        <LightBadge status={ind.status} /> {ind.stale && <StaleBadge />}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </div>
      ))}
    </section>
  );
}

export function DeviationsView({ deviations }: { deviations: DeviationRow[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="report-deviations-heading" className="section">
      <Title order={2} size="h3" id="report-deviations-heading" mb="sm">
        {t('reports.deviationsHeading')}
      </Title>
      {deviations.length === 0 ? (
        <Text>{t('reports.noDeviations')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={1100}>
          <Table withTableBorder captionSide="top" className="figures-table" verticalSpacing={6}>
            <Table.Caption>
              {t('reports.deviationsCaption', { count: deviations.length, formatted: formatNumber(deviations.length) })}
            </Table.Caption>
            <ColumnHeads
              columns={[
                t('reports.col.name'),
                t('reports.col.kind'),
                t('reports.col.unit'),
                numeric(t('reports.col.target')),
                numeric(t('reports.col.value')),
                numeric(t('reports.col.deviation')),
                t('reports.col.analysis'),
                t('reports.col.correctiveAction'),
                t('reports.col.decisionLevel'),
              ]}
            />
            <Table.Tbody>
              {deviations.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: deviations are a frozen list without ids
                <Table.Tr key={i}>
                  <Table.Th scope="row" fw="normal">
                    {d.name}
                  </Table.Th>
                  <Table.Td>{t(`reports.deviationKind.${d.kind}`)}</Table.Td>
                  <Table.Td>{d.unitName}</Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    <Figure value={d.target} unit={d.unitOfMeasure} />
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    <Figure value={d.value} unit={d.unitOfMeasure} />
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    <Figure value={d.deviation} unit={d.unitOfMeasure} deviation />
                  </Table.Td>
                  <Table.Td>{d.analysis || <span className="muted">{t('reports.noAnalysis')}</span>}</Table.Td>
                  <Table.Td>
                    {d.correctiveAction ?? <span className="muted">{t('reports.noCorrectiveAction')}</span>}
                  </Table.Td>
                  <Table.Td>
                    {d.decisionLevel ?? '–'}
                    {d.escalated && (
                      <>
                        {' '}
                        <Badge color="orange" variant="light" className="badge-dark warning-badge" component="span">
                          {t('reports.escalated')}
                        </Badge>
                      </>
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

export function StaleView({ stale, period }: { stale: StaleRow[]; period: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="report-stale-heading" className="section">
      <Title order={2} size="h3" id="report-stale-heading" mb="sm">
        {t('reports.staleHeading')}
      </Title>
      {stale.length === 0 ? (
        <Text>{t('reports.noStale', { month: formatMonth(period) })}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder captionSide="top" verticalSpacing={6}>
            <Table.Caption>
              {t('reports.staleCaption', {
                count: stale.length,
                formatted: formatNumber(stale.length),
                month: formatMonth(period),
              })}
            </Table.Caption>
            <ColumnHeads
              columns={[t('reports.col.name'), t('reports.col.kind'), t('reports.col.unit'), t('reports.col.asOf')]}
            />
            <Table.Tbody>
              {stale.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is frozen and has no ids
                <Table.Tr key={i}>
                  <Table.Th scope="row" fw="normal">
                    {s.name}
                  </Table.Th>
                  <Table.Td>{t(`reports.deviationKind.${s.kind}`)}</Table.Td>
                  <Table.Td>{s.unitName}</Table.Td>
                  <Table.Td>
                    {s.asOf ? t('reports.lastReported', { month: formatMonth(s.asOf) }) : t('reports.neverReported')}
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

type FlagId = keyof typeof FLAG_SECTION_TEXTS;

/**
 * One flag section as the exports print it: who must decide each record and why. Content
 * frozen before the flags were carried has no such section, and none is shown.
 */
function FlagView({ id, headers, rows }: { id: FlagId; headers: string[]; rows: string[][] }) {
  const texts = FLAG_SECTION_TEXTS[id];
  return (
    <section aria-labelledby={`report-${id}-heading`} className="section">
      <Title order={2} size="h3" id={`report-${id}-heading`} mb="sm">
        {texts.title}
      </Title>
      {rows.length === 0 ? (
        <Text>{texts.empty}</Text>
      ) : (
        <PlainTable caption={texts.intro} headers={headers} rows={rows} />
      )}
    </section>
  );
}

/** The flags for the board (decision 016), each with who must decide and why. */
export function FlagsView({ content }: { content: ReportContent }) {
  return (
    <>
      {content.undecidedPlans && (
        <FlagView
          id="undecidedPlans"
          headers={['Plan', 'Slag', 'Ägare', WHO_DECIDES, WHY_RULE]}
          rows={content.undecidedPlans.map((r) => [
            r.title,
            r.kindLabel,
            r.ownerName,
            r.requiredDecisionMaker,
            r.reason,
          ])}
        />
      )}
      {content.driftedGoals && (
        <FlagView
          id="driftedGoals"
          headers={['Nuvarande lydelse', 'Beslutad lydelse', 'Plan och enhet', WHO_DECIDES, WHY_RULE]}
          rows={content.driftedGoals.map((r) => [
            r.currentWording,
            r.decidedWording ?? NO_DECIDED_WORDING,
            `${r.planTitle}, ${r.unitName}`,
            r.requiredDecisionMaker,
            r.reason,
          ])}
        />
      )}
      {content.aboveCompetence && (
        <FlagView
          id="aboveCompetence"
          headers={['Åtgärd', 'Enhet', 'Belopp', WHO_DECIDES, WHY_RULE]}
          rows={content.aboveCompetence.map((r) => [
            r.kind === 'measure' ? r.name : `Korrigerande åtgärd: ${r.name}`,
            r.unitName,
            mnkrText(r.amountKr),
            r.requiredDecisionMaker,
            r.reason,
          ])}
        />
      )}
      {content.missingAnalyses && (
        <FlagView
          id="missingAnalyses"
          headers={['Åtgärd', 'Enhet', 'Varför analys krävs', 'Status', 'Analys']}
          rows={content.missingAnalyses.map((r) => [r.name, r.unitName, r.reason, r.statusLabel, r.analysisLabel])}
        />
      )}
    </>
  );
}

/** Every part that fills itself: action plan, scorecard, deviations, what is out of date, the flags, risk and control. */
export function ContentView({ content }: { content: ReportContent }) {
  return (
    <>
      {/* An internkontrollrapport carries none of the month's figures (issue 14). */}
      {content.kind !== 'internal_control' && (
        <>
          {content.actionPlan && <ActionPlanView plan={content.actionPlan} period={content.period} />}
          <ScorecardView scorecard={content.scorecard} />
          <DeviationsView deviations={content.deviations} />
          <StaleView stale={content.stale} period={content.period} />
        </>
      )}
      <FlagsView content={content} />
      <InternalControlView content={content} />
    </>
  );
}
