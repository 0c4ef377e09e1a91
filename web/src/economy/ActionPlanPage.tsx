import { Alert, Anchor, Breadcrumbs, Group, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeading } from '../app/page';
import { formatMonth, monthOrNull } from '../steering/periods';
import { useDefaultPeriod } from '../steering/queries';
import { LoadError, Loading, PeriodInput } from '../steering/ui';
import { AllocationTable } from './AllocationTable';
import { ForecastImport } from './ForecastImport';
import { KeyFigures } from './KeyFigures';
import { MeasureTable } from './MeasureTable';
import { MixTables } from './MixTables';
import { defaultPlanPeriod } from './periods';
import { actionPlansQuery, exportUrl, measureTreeQuery, summaryQuery } from './queries';
import { UnitChart } from './UnitChart';

/** Keeps showing a plan's figures while another month of the same plan loads; another plan starts afresh. */
const samePlan =
  (planId: string) =>
  <T,>(previous: T | undefined, query: { queryKey: readonly unknown[] } | undefined): T | undefined =>
    query?.queryKey[1] === planId ? previous : undefined;

/** One action plan for a month: its totals, per förvaltning, its measures, the allocation and Excel. */
export function ActionPlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const plans = useQuery(actionPlansQuery);
  const chosen = monthOrNull(params.get('period'));
  const plan = plans.data?.plans.find((p) => p.id === id) ?? null;
  const current = useDefaultPeriod();
  const period = chosen ?? defaultPlanPeriod(current.period, plan);
  const ready = chosen !== null || (!plans.isPending && !current.pending);
  const summary = useQuery({ ...summaryQuery(id, period), enabled: ready, placeholderData: samePlan(id) });
  const tree = useQuery({ ...measureTreeQuery(id, period), enabled: ready, placeholderData: samePlan(id) });

  if (!ready || summary.isPending) return <Loading />;
  if (summary.isError)
    return (
      <>
        <PageHeading title={t('economy.planHeading')} />
        <LoadError error={summary.error} />
      </>
    );

  const s = summary.data;
  const month = formatMonth(s.period);
  const measures = tree.data?.measures ?? [];
  const mayImport = measures.some((m) => m.can.report);
  const afterPlan = Number(s.period.slice(0, 4)) !== s.year;
  return (
    <>
      <nav aria-label={t('economy.breadcrumbs')}>
        <Breadcrumbs separator="›" mb="sm" className="breadcrumbs">
          <Anchor component={Link} to="/handlingsplaner">
            {t('economy.plansTitle')}
          </Anchor>
          <span aria-current="page">{s.title}</span>
        </Breadcrumbs>
      </nav>
      <PageHeading title={s.title} />
      <Text mb="md" className="prose">
        {t('economy.planIntro', { year: s.year, month })}
        {plan?.decision && ` ${t('economy.decidedBy', { decision: plan.decision })}`}
      </Text>
      <Paper withBorder p="md" mb="md" radius="md">
        <Group align="flex-end" wrap="wrap" justify="space-between">
          <PeriodInput value={s.period} onChange={(p) => setParams({ period: p }, { replace: true })} />
          <Group gap="md">
            <Anchor href="#measures-heading">{t('economy.toMeasures')}</Anchor>
            <Anchor href={exportUrl(s.plan, s.period)} download>
              {t('economy.export')}
            </Anchor>
          </Group>
        </Group>
      </Paper>
      <div aria-live="polite">
        {afterPlan && (
          <Alert color="blue" mb="md">
            {t('economy.afterPlan', { year: s.year, month })}
          </Alert>
        )}
      </div>
      <KeyFigures summary={s} />
      <UnitChart summary={s} />
      {tree.isPending ? (
        <Loading />
      ) : tree.isError ? (
        <LoadError error={tree.error} />
      ) : (
        <MeasureTable planId={s.plan} period={tree.data.period} year={s.year} measures={measures} />
      )}
      <MixTables summary={s} />
      <AllocationTable summary={s} />
      {mayImport && <ForecastImport planId={s.plan} period={s.period} />}
    </>
  );
}
