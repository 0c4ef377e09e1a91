import { Alert, Anchor, Breadcrumbs, Group, Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMe } from '../app/auth';
import { PageHeading } from '../app/page';
import { may } from './access';
import { GoalCard } from './GoalCard';
import { formatMonth, monthOrNull } from './periods';
import { scorecardQuery, useDefaultPeriod, useHomeUnit, useOrg } from './queries';
import { StatusChart } from './StatusChart';
import { goalsByPerspective, hasOutcomes, latestMonthWithData } from './scorecard';
import type { ScorecardGoal } from './types';
import { LoadError, Loading, PeriodInput } from './ui';

export const scorecardPath = (unitId: string, period: string) => `/styrkort/${unitId}?period=${period}`;

/** Styrkort: a unit's goals, indicators, status and analyses for a month, with drill-down. */
export function ScorecardPage() {
  const { t } = useTranslation();
  const { unitId: unitParam } = useParams();
  const [params, setParams] = useSearchParams();
  const home = useHomeUnit();
  const fallback = useDefaultPeriod();
  const chosen = monthOrNull(params.get('period'));
  const period = chosen ?? fallback.period;
  const unitId = unitParam ?? home.unitId;
  const ready = !!unitId && (chosen !== null || !fallback.pending);
  const card = useQuery({
    ...scorecardQuery(unitId ?? '', period),
    enabled: ready,
    // Keep showing the unit while another month loads; another unit starts afresh.
    placeholderData: (previous) => (previous?.unitId === unitId ? previous : undefined),
  });

  if (!unitParam && home.pending) return <Loading />;
  if (!unitId)
    return (
      <>
        <PageHeading title={t('scorecard.heading')} />
        <Alert color="blue">{t('scorecard.noUnit')}</Alert>
      </>
    );
  if (!ready || card.isPending) return <Loading />;
  if (card.isError)
    return (
      <>
        <PageHeading title={t('scorecard.heading')} />
        <LoadError error={card.error} />
      </>
    );

  const data = card.data;
  const month = formatMonth(data.period);
  // Offer the newest month with outcomes when the chosen one has none yet (months still open).
  const latest = latestMonthWithData(data);
  const behind = latest === null ? !hasOutcomes(data) : latest < data.period;
  return (
    <>
      <Lineage unitId={data.unitId} period={data.period} />
      <PageHeading title={t('scorecard.title', { unit: data.unitName })} />
      <Text mb="md">{t('scorecard.intro', { unit: data.unitName, month })}</Text>
      <Paper withBorder p="md" mb="md" radius="md">
        <Group align="flex-end" wrap="wrap" justify="space-between">
          <PeriodInput value={data.period} onChange={(p) => setParams({ period: p }, { replace: true })} />
          <Anchor component={Link} to={`/enheter/${data.unitId}`}>
            {t('scorecard.showUnit', { unit: data.unitName })}
          </Anchor>
        </Group>
      </Paper>
      <div aria-live="polite">
        {behind && data.goals.length > 0 && (
          <Alert color="blue" mb="md" title={t('scorecard.noOutcomesTitle', { month })}>
            {latest ? (
              // The alert's own text colour: the link colour on the alert's tint fell below 4.5:1.
              <Anchor component={Link} to={scorecardPath(data.unitId, latest)} c="inherit" fw={600} underline="always">
                {t('scorecard.showLatest', { month: formatMonth(latest) })}
              </Anchor>
            ) : (
              t('scorecard.noOutcomes')
            )}
          </Alert>
        )}
      </div>
      <div className="unit-grid">
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="status-heading">
          <Title order={2} size="h3" id="status-heading" mb="sm">
            {t('scorecard.statusHeading')}
          </Title>
          <StatusChart counts={data.statusCounts} caption={t('scorecard.statusCaption', { month })} />
          <Text size="sm" className="muted" mt="xs">
            {t('scorecard.statusNote')}
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="children-heading">
          <Title order={2} size="h3" id="children-heading" mb="sm">
            {t('scorecard.childrenHeading', { unit: data.unitName })}
          </Title>
          {data.children.length === 0 ? (
            <Text>{t('scorecard.noChildren')}</Text>
          ) : (
            <ul className="plain-list">
              {data.children.map((c) => (
                <li key={c.id}>
                  <Anchor component={Link} to={scorecardPath(c.id, data.period)}>
                    {c.name}
                  </Anchor>{' '}
                  <span className="muted">{t(`level.${c.level}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </Paper>
      </div>
      {data.goals.length === 0 && <Text>{t('scorecard.noGoals', { month })}</Text>}
      <Goals
        unitId={data.unitId}
        unitName={data.unitName}
        period={data.period}
        goals={data.goals}
        mayWrite={data.can.analyse}
      />
    </>
  );
}

function Goals({
  unitId,
  unitName,
  period,
  goals,
  mayWrite,
}: {
  unitId: string;
  unitName: string;
  period: string;
  goals: ScorecardGoal[];
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {goalsByPerspective(goals).map((group) => (
        <section key={group.perspective} aria-labelledby={`perspective-${group.perspective}`} className="section">
          <Title order={2} size="h3" id={`perspective-${group.perspective}`} mb="sm">
            {t(`perspective.${group.perspective}`)}
          </Title>
          <div className="goal-list">
            {group.goals.map((g) => (
              <GoalCard key={g.id} goal={g} unitId={unitId} unitName={unitName} period={period} mayWrite={mayWrite} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}

/** Breadcrumbs up the organisation: each unit above links to its scorecard when the user may read it. */
function Lineage({ unitId, period }: { unitId: string; period: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const org = useOrg();
  if (org.isPending) return null;
  const path = org.tree.lineage(unitId).reverse();
  return (
    <nav aria-label={t('scorecard.breadcrumbs')}>
      <Breadcrumbs separator="›" mb="sm" className="breadcrumbs">
        {path.map((id) =>
          id === unitId ? (
            <span key={id} aria-current="page">
              {org.nameOf(id)}
            </span>
          ) : may(me, 'data.read', id, org.tree) ? (
            <Anchor key={id} component={Link} to={scorecardPath(id, period)}>
              {org.nameOf(id)}
            </Anchor>
          ) : (
            <span key={id}>{org.nameOf(id)}</span>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}
