import { Anchor, Breadcrumbs, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { shownActorName } from '../../../domain/actors';
import { lineEffect } from '../../../domain/economy/measures';
import { analysisPath, measureAnalysisPath } from '../analysis/queries';
import { formatDate, formatDateTime } from '../app/format';
import { PageHeading } from '../app/page';
import { CompetenceNote } from '../competence/CompetenceNote';
import { formatMonth, monthOrNull } from '../steering/periods';
import { useDefaultPeriod } from '../steering/queries';
import { EnteredBy, LoadError, Loading, PeriodInput } from '../steering/ui';
import { CorrectiveActions } from './CorrectiveActions';
import { MeasureHistory } from './MeasureHistory';
import { formatShare } from './money';
import { defaultPlanPeriod } from './periods';
import { actionPlansQuery, measurePath, measureQuery, measureTreeQuery, planPath } from './queries';
import { ReportForm } from './ReportForm';
import type { Measure } from './types';
import { AnalysisMissingBadge, DeviationBadge, MandateFlag, Money, StaleMark } from './ui';

/** One measure: its figures for a month, benefit calculation, every report, decisions and corrective actions. */
export function MeasurePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const plans = useQuery(actionPlansQuery);
  const chosen = monthOrNull(params.get('period'));
  const current = useDefaultPeriod();
  const period = chosen ?? current.period;
  const measure = useQuery({
    ...measureQuery(id, period),
    placeholderData: (previous) => (previous?.id === id ? previous : undefined),
  });
  const planId = measure.data?.planId ?? '';
  const tree = useQuery({ ...measureTreeQuery(planId, period), enabled: !!planId });
  const plan = plans.data?.plans.find((p) => p.id === planId) ?? null;

  // Without a month asked for, open on one within the plan's years, as the plan page does.
  useEffect(() => {
    if (chosen || !plan || current.pending) return;
    const month = defaultPlanPeriod(current.period, plan);
    if (month !== period) setParams({ period: month }, { replace: true });
  }, [chosen, plan, period, setParams, current.pending, current.period]);

  if (measure.isPending) return <Loading />;
  if (measure.isError)
    return (
      <>
        <PageHeading title={t('economy.measureHeading')} />
        <LoadError error={measure.error} />
      </>
    );

  const m = measure.data;
  const month = formatMonth(period);
  const titleOf = new Map((tree.data?.measures ?? []).map((x) => [x.id, x.title]));
  const mayReport = m.can.report;
  const mayWrite = m.can.correct;
  const stale = m.leaf ? m.stale : m.staleCount > 0;
  return (
    <>
      <nav aria-label={t('economy.breadcrumbs')}>
        <Breadcrumbs separator="›" mb="sm" className="breadcrumbs">
          <Anchor component={Link} to="/handlingsplaner">
            {t('economy.plansTitle')}
          </Anchor>
          <Anchor component={Link} to={planPath(m.planId, period)}>
            {plan?.title ?? t('economy.thePlan')}
          </Anchor>
          {m.parentId && titleOf.has(m.parentId) && (
            <Anchor component={Link} to={measurePath(m.parentId, period)}>
              {titleOf.get(m.parentId)}
            </Anchor>
          )}
          <span aria-current="page">{m.title}</span>
        </Breadcrumbs>
      </nav>
      <PageHeading title={m.title} />
      {m.description && (
        <Text mb="md" className="prose">
          {m.description}
        </Text>
      )}
      <Paper withBorder p="md" mb="md" radius="md">
        <Group align="flex-end" wrap="wrap" justify="space-between">
          <PeriodInput value={period} onChange={(p) => setParams({ period: p }, { replace: true })} />
          <Anchor component={Link} to={`${planPath(m.planId, period)}#measures-heading`}>
            {t('economy.backToPlan')}
          </Anchor>
        </Group>
      </Paper>

      <div className="unit-grid">
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="about-heading">
          <Title order={2} size="h3" id="about-heading" mb="sm">
            {t('economy.aboutHeading')}
          </Title>
          <dl className="facts">
            <dt>{t('economy.ownerUnit')}</dt>
            <dd>{m.ownerUnitName}</dd>
            <dt>{t('economy.responsible')}</dt>
            <dd>{m.responsibleName}</dd>
            <dt>{t('economy.category')}</dt>
            <dd>{t(`measureCategory.${m.category}`)}</dd>
            <dt>{t('economy.feasibility')}</dt>
            <dd>{t(`feasibility.${m.feasibility}`)}</dd>
            <dt>{t('economy.status')}</dt>
            <dd>{t(`measureStatus.${m.status}`)}</dd>
            <dt>{t('economy.startOn')}</dt>
            <dd>{formatDate(m.startOn)}</dd>
            <dt>{t('economy.fullEffectOn')}</dt>
            <dd>{formatDate(m.fullEffectOn)}</dd>
            <dt>{t('economy.riskAnalysis')}</dt>
            <dd>{m.riskAnalysisRef ?? <span className="muted">{t('economy.noRiskAnalysis')}</span>}</dd>
            <dt>{t('analysis.recordTerm')}</dt>
            <dd>
              {m.impactAnalysis ? (
                <Anchor component={Link} to={analysisPath(m.impactAnalysis.id)}>
                  {t(`analysisStatus.${m.impactAnalysis.status}`)}
                </Anchor>
              ) : m.needsImpactAnalysis && m.can.analyse ? (
                <Anchor component={Link} to={measureAnalysisPath(m.id)}>
                  {t('analysis.write')}
                </Anchor>
              ) : (
                <span className="muted">
                  {m.needsImpactAnalysis ? t('analysis.badgeMissing') : t('analysis.notNeeded')}
                </span>
              )}{' '}
              <AnalysisMissingBadge measure={m} />
            </dd>
            {m.changesService && (
              <>
                <dt>{t('analysis.changesServiceTerm')}</dt>
                <dd>{t('analysis.changesServiceYes')}</dd>
              </>
            )}
          </dl>
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="mandate-heading">
          <Title order={2} size="h3" id="mandate-heading" mb="sm">
            {t('economy.mandateHeading')}
          </Title>
          <Text>{t('economy.decisionLevelIs', { level: m.mandate.required ?? '–' })}</Text>
          <Text size="sm" className="muted">
            {t('economy.ownerMandate', { level: m.mandate.owner ?? '–' })}
            {m.mandate.aboveMandate ? ` ${t('economy.aboveMandate')}` : ` ${t('economy.withinMandate')}`}
          </Text>
          {m.mandate.flagged && (
            <Text mt="xs">
              <MandateFlag mandate={m.mandate} /> {t('economy.flaggedText')}
            </Text>
          )}
          <CompetenceNote entity="measure" id={m.id} version={m.version} />
          <Decisions measure={m} />
        </Paper>
      </div>

      <section aria-labelledby="figures-heading" className="section">
        <Title order={2} size="h3" id="figures-heading" mb="sm">
          {t('economy.measureFiguresHeading', { month })}
        </Title>
        <Table withTableBorder captionSide="top" className="figures-table" w="auto" miw={420}>
          <Table.Caption>{t('economy.measureFiguresCaption', { month })}</Table.Caption>
          <Table.Tbody>
            {(
              [
                ['targetGross', m.plannedGross],
                ['targetNet', m.planned],
                ['forecast', m.leaf && !m.lastReport ? null : m.forecast],
                ['outcome', m.leaf && !m.lastReport ? null : m.outcome],
                ['deviation', m.deviation],
              ] as const
            ).map(([key, kr]) => (
              <Table.Tr key={key}>
                <Table.Th scope="row">{t(`economy.${key}`)}</Table.Th>
                <Table.Td ta="right">
                  <Money kr={kr} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group gap="xs" mt="xs">
          {stale && <StaleMark lastReport={m.lastReport} staleCount={m.staleCount} leaf={m.leaf} />}
          {m.deviates && <DeviationBadge />}
        </Group>
        {m.lastReport && (
          <Text size="sm" mt="xs" className="muted">
            {t('economy.lastReport', { month: formatMonth(m.lastReport.period) })}{' '}
            <EnteredBy name={m.lastReport.enteredByName} at={m.lastReport.enteredAt} />
          </Text>
        )}
      </section>

      {/* The form starts from the month's figures, so it waits while another month's are still shown. */}
      {mayReport && !measure.isPlaceholderData && (
        <ReportForm key={`${m.id}:${m.version}:${period}`} measure={m} period={period} />
      )}

      {m.leaf ? (
        <Calculation measure={m} />
      ) : (
        <section aria-labelledby="children-heading" className="section">
          <Title order={2} size="h3" id="children-heading" mb="sm">
            {t('economy.childrenHeading')}
          </Title>
          <Text mb="xs">{t('economy.childrenIntro')}</Text>
          <ul className="plain-list">
            {m.children
              .filter((c) => titleOf.has(c))
              .map((c) => (
                <li key={c}>
                  <Anchor component={Link} to={measurePath(c, period)}>
                    {titleOf.get(c)}
                  </Anchor>
                </li>
              ))}
          </ul>
        </section>
      )}

      {m.leaf && <Reports measure={m} period={period} />}
      <CorrectiveActions measure={m} mayWrite={mayWrite} />
      <MeasureHistory measureId={m.id} allowed={m.can.history} />
    </>
  );
}

function Decisions({ measure }: { measure: Measure }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={3} size="h4" mt="md" mb="xs">
        {t('economy.decisionsHeading')}
      </Title>
      {measure.decisions.length === 0 ? (
        <Text>{t('economy.noDecisions')}</Text>
      ) : (
        <ul className="plain-list">
          {measure.decisions.map((d) => (
            <li key={d.id}>
              <strong>{d.title}</strong>
              <br />
              <span className="muted">
                {t(`decisionKind.${d.kind}`)}:{' '}
                {[d.bodyName ?? d.officialName, formatDate(d.decidedOn)].filter(Boolean).join(', ')}
                {d.paragraph ? ` § ${d.paragraph}` : ''}
                {d.diarienummer ? ` (${d.diarienummer})` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The benefit calculation (nyttokalkyl): each line's expected effect, and gross and net per year. */
function Calculation({ measure }: { measure: Measure }) {
  const { t } = useTranslation();
  const lines = measure.calculation;
  return (
    <section aria-labelledby="calculation-heading" className="section">
      <Title order={2} size="h3" id="calculation-heading" mb="sm">
        {t('economy.calculationHeading')}
      </Title>
      {lines.length === 0 ? (
        <Text>{t('economy.noCalculation')}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={860}>
            <Table withTableBorder striped captionSide="top" className="figures-table">
              <Table.Caption>{t('economy.calculationCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('economy.year')}</Table.Th>
                  <Table.Th scope="col">{t('economy.lineKind')}</Table.Th>
                  <Table.Th scope="col">{t('economy.lineDescription')}</Table.Th>
                  <Table.Th scope="col">{t('economy.assumption')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('economy.amount')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('economy.realisation')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('economy.effect')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l, i) => {
                  const effect = lineEffect({ amountKr: BigInt(l.amountKr), realisationPct: l.realisationPct });
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: calculation lines have no id; their order is their identity
                    <Table.Tr key={i}>
                      <Table.Td>{l.year}</Table.Td>
                      <Table.Th scope="row" fw="normal">
                        {t(`economy.lineKinds.${l.kind}`)}
                      </Table.Th>
                      <Table.Td>{l.description}</Table.Td>
                      <Table.Td>{l.assumption || <span className="muted">–</span>}</Table.Td>
                      <Table.Td ta="right">
                        <Money kr={l.amountKr} />
                      </Table.Td>
                      <Table.Td ta="right" className="nowrap">
                        {l.realisationPct}&nbsp;%
                      </Table.Td>
                      <Table.Td ta="right">
                        {l.kind === 'cost' ? <Money kr={-effect} /> : <Money kr={effect} />}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Table withTableBorder captionSide="top" className="figures-table" w="auto" miw={420} mt="md">
            <Table.Caption>{t('economy.targetsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('economy.year')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.targetGross')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.targetNet')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.netShare')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {measure.targets.map((y) => (
                <Table.Tr key={y.year}>
                  <Table.Th scope="row">{y.year}</Table.Th>
                  <Table.Td ta="right">
                    <Money kr={y.gross} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money kr={y.net} />
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    {formatShare(y.net, y.gross)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </section>
  );
}

/** Every report the measure ever had, newest first: the history of its forecast. */
function Reports({ measure, period }: { measure: Measure; period: string }) {
  const { t } = useTranslation();
  const reports = [...measure.reports].sort((a, b) => b.period.localeCompare(a.period));
  return (
    <section aria-labelledby="reports-heading" className="section">
      <Title order={2} size="h3" id="reports-heading" mb="sm">
        {t('economy.reportsHeading')}
      </Title>
      {reports.length === 0 ? (
        <Text>{t('economy.noReports')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder striped captionSide="top" className="figures-table">
            <Table.Caption>{t('economy.reportsCaption', { title: measure.title })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('economy.month')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.forecast')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.outcome')}
                </Table.Th>
                <Table.Th scope="col">{t('economy.reportComment')}</Table.Th>
                <Table.Th scope="col">{t('economy.reportedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reports.map((r) => (
                <Table.Tr key={r.period} className={r.period === period ? 'row-current' : undefined}>
                  <Table.Th scope="row" fw={r.period === period ? 700 : 'normal'}>
                    {formatMonth(r.period)}
                    {r.period === period && <span className="muted"> ({t('economy.chosenMonth')})</span>}
                  </Table.Th>
                  <Table.Td ta="right">
                    <Money kr={r.forecast} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Money kr={r.outcome} />
                  </Table.Td>
                  <Table.Td>{r.comment || <span className="muted">–</span>}</Table.Td>
                  <Table.Td>
                    {shownActorName(r.enteredByName)}, <time dateTime={r.enteredAt}>{formatDateTime(r.enteredAt)}</time>
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
