import { Alert, Anchor, Breadcrumbs, Group, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PageHeading } from '../app/page';
import { CountsLine, ScorecardMatrix, UnitsMatrix } from './Matrix';
import { formatMonth, monthOrNull } from './periods';
import { scorecardQuery, useDefaultPeriod, useHomeUnit, useOrg } from './queries';
import { hasOutcomes, latestMonthWithData } from './scorecard';
import { LoadError, Loading, PeriodInput } from './ui';

/** The horizontal view over every indicator rather than one goal's. */
const ALL = 'alla';

export const scorecardPath = (unitId: string, period: string) => `/styrkort/${unitId}?period=${period}`;

/** Styrkort: a matrix of the unit's goals and indicators for a month, with drill-down by unit. */
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
  // The horizontal view's goal (or all) is in the URL, so it can be linked to and survives a reload.
  const units = params.get('enheter');
  const showUnits = (goalId: string | null) => {
    const next = new URLSearchParams(params);
    if (goalId === null) next.delete('enheter');
    else next.set('enheter', goalId);
    setParams(next, { replace: true });
  };
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
          <PeriodInput
            value={data.period}
            onChange={(p) => {
              const next = new URLSearchParams(params);
              next.set('period', p);
              setParams(next, { replace: true });
            }}
          />
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
      <CountsLine card={data} />
      {data.children.length > 0 && (
        <nav aria-labelledby="children-heading" className="matrix-children">
          <Text size="sm" component="span" id="children-heading" fw={600}>
            {t('scorecard.childrenHeading', { unit: data.unitName })}:
          </Text>{' '}
          {data.children.map((c, i) => (
            <Fragment key={c.id}>
              {i > 0 && ' · '}
              <Anchor component={Link} to={scorecardPath(c.id, data.period)} size="sm">
                {c.name}
              </Anchor>
            </Fragment>
          ))}
        </nav>
      )}
      {units !== null && (
        <UnitsMatrix
          card={data}
          goalId={units === ALL ? null : units}
          onClose={() => showUnits(null)}
          unitPath={(id) => scorecardPath(id, data.period)}
        />
      )}
      {data.goals.length === 0 ? (
        <Text>{t('scorecard.noGoals', { month })}</Text>
      ) : (
        <ScorecardMatrix card={data} mayWrite={data.can.analyse} onUnits={(goalId) => showUnits(goalId ?? ALL)} />
      )}
    </>
  );
}

/** Breadcrumbs up the organisation: each unit above links to its scorecard when the user may read it. */
function Lineage({ unitId, period }: { unitId: string; period: string }) {
  const { t } = useTranslation();
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
          ) : org.unit(id)?.can.read ? (
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
