import { Alert, Anchor, Button, Paper, Progress, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { shownActorName } from '../../../domain/actors';
import { useMe } from '../app/auth';
import { call, client } from '../app/client';
import { formatDate, formatDateTime } from '../app/format';
import { PageHeading } from '../app/page';
import { CompetenceNote } from '../competence/CompetenceNote';
import { GoalEditForm } from './GoalForm';
import { indicatorsQuery, isForbidden, useHomeUnit, useOrg } from './queries';
import type { Goal, GoalWording } from './types';
import { LoadError, Loading, WarningBadge } from './ui';

export const goalQuery = (id: string) => ({
  queryKey: ['goal', id],
  queryFn: () => call(client.GET('/goals/{id}', { params: { path: { id } } })),
});

/** One goal: its wording and any drift from the decided one, its place in the chain, indicators and activities. */
export function GoalPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const org = useOrg();
  const goal = useQuery(goalQuery(id));
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState('');

  if (goal.isPending) return <Loading />;
  if (goal.isError)
    return (
      <>
        <PageHeading title={isForbidden(goal.error) ? t('steering.forbiddenTitle') : t('goal.notFound')} />
        <LoadError error={goal.error} />
      </>
    );
  const g = goal.data;
  const mayWrite = g.can.edit;
  return (
    <>
      <PageHeading title={g.title} />
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      {g.drift && <DriftAlert goal={g} />}
      {g.drift && <CompetenceNote entity="goal" id={g.id} version={g.version} />}
      {mayWrite && (
        <Button
          mb="md"
          aria-expanded={editing}
          onClick={() => {
            setStatus('');
            setEditing((open) => !open);
          }}
        >
          {t('goalEdit.open')}
        </Button>
      )}
      {editing && (
        <GoalEditForm
          key={g.id}
          goal={g}
          onDone={(message) => {
            setEditing(false);
            setStatus(message);
          }}
        />
      )}
      <div className="unit-grid">
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h3" mb="sm">
            {t('goal.facts')}
          </Title>
          <dl className="facts">
            <dt>{t('goal.plan')}</dt>
            <dd>
              <Anchor component={Link} to={`/planer/${g.planId}`}>
                {g.planTitle}
              </Anchor>{' '}
              {!g.planDecided && <WarningBadge>{t('steering.withoutDecision')}</WarningBadge>}
            </dd>
            <dt>{t('goal.perspective')}</dt>
            <dd>{t(`perspective.${g.perspective}`)}</dd>
            {g.focusArea && (
              <>
                <dt>{t('goal.focusArea')}</dt>
                <dd>{g.focusArea}</dd>
              </>
            )}
            <dt>{t('goal.owner')}</dt>
            <dd>{org.nameOf(g.ownerUnitId)}</dd>
            <dt>{t('goal.targetYear')}</dt>
            <dd>{g.targetYear ?? '—'}</dd>
            <dt>{t('goal.wordingStatus')}</dt>
            <dd>
              <WordingStatus goal={g} />
            </dd>
          </dl>
          {g.description && (
            <Text mt="sm" className="prose">
              {g.description}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h3" mb="sm">
            {t('goal.chain')}
          </Title>
          <Title order={3} size="h5" mb={4}>
            {t('goal.parents')}
          </Title>
          <GoalLinks ids={g.parentGoalIds} empty={t('goal.noParents')} />
          <Title order={3} size="h5" mt="sm" mb={4}>
            {t('goal.children')}
          </Title>
          <GoalLinks ids={g.childGoalIds} empty={t('goal.noChildren')} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h3" mb="sm">
            {t('goal.indicators')}
          </Title>
          <IndicatorLinks ids={g.indicatorIds} />
          <Title order={3} size="h5" mt="sm" mb={4}>
            {t('goal.decisions')}
          </Title>
          {g.decisions.length === 0 ? (
            <Text>{t('goal.noDecisions')}</Text>
          ) : (
            <ul className="plain-list">
              {g.decisions.map((d) => (
                <li key={d.id}>
                  {d.title} <span className="muted">– {d.citation}</span>
                </li>
              ))}
            </ul>
          )}
        </Paper>
      </div>
      <Wordings goal={g} />
      <GoalActivities goalId={g.id} />
    </>
  );
}

/** Whether the goal says what was decided: changed without a decision, unchanged since, or not decided at all. */
export function WordingStatus({ goal }: { goal: Pick<Goal, 'drift' | 'planDecided'> }) {
  const { t } = useTranslation();
  if (goal.drift) return <WarningBadge>{t('steering.drift')}</WarningBadge>;
  return <>{goal.planDecided ? t('goal.wordingOk') : t('goal.planNotDecided')}</>;
}

function WordingText({ wording }: { wording: GoalWording }) {
  const { t } = useTranslation();
  return (
    <>
      <Text fw={700} size="lg">
        {wording.title}
      </Text>
      {wording.description && <Text mt={4}>{wording.description}</Text>}
      <Text size="sm" className="muted" mt="xs">
        {wording.decision
          ? t('goal.decidedBy', { decision: wording.decision })
          : wording.drift
            ? t('goal.writtenWithoutDecision')
            : t('goal.writtenBeforeDecision')}{' '}
        · {t('goal.writtenAt', { at: formatDateTime(wording.createdAt) })}
      </Text>
    </>
  );
}

/** "Ändrad utan beslut": the decided wording and today's, side by side. */
function DriftAlert({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const current = goal.wordings.at(-1);
  return (
    <Alert color="orange" variant="outline" mb="lg" className="drift-alert" title={t('steering.drift')} role="alert">
      <Text mb="sm">{t('goal.driftText')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby="decided-wording">
          <Title order={2} size="h5" id="decided-wording" mb={4}>
            {t('goal.decidedWording')}
          </Title>
          {goal.decidedWording ? (
            <WordingText wording={goal.decidedWording} />
          ) : (
            <Text>{t('goal.noDecidedWording')}</Text>
          )}
        </Paper>
        <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby="current-wording">
          <Title order={2} size="h5" id="current-wording" mb={4}>
            {t('goal.currentWording')}
          </Title>
          {current && <WordingText wording={current} />}
        </Paper>
      </SimpleGrid>
    </Alert>
  );
}

function Wordings({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="wordings-heading" className="section">
      <Title order={2} size="h3" id="wordings-heading" mb="sm">
        {t('goal.wordings')}
      </Title>
      <Table.ScrollContainer minWidth={820}>
        <Table withTableBorder striped captionSide="top">
          <Table.Caption className="visually-hidden">{t('goal.wordingsCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('goal.wordingSeq')}</Table.Th>
              <Table.Th scope="col">{t('goal.wording')}</Table.Th>
              <Table.Th scope="col">{t('goal.decision')}</Table.Th>
              <Table.Th scope="col">{t('goal.written')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...goal.wordings].reverse().map((w) => (
              <Table.Tr key={w.seq}>
                <Table.Th scope="row">{w.seq}</Table.Th>
                <Table.Td>
                  {w.title}
                  {w.description && <Text size="sm">{w.description}</Text>}
                </Table.Td>
                <Table.Td>
                  {w.decision ??
                    (w.drift ? <WarningBadge>{t('steering.drift')}</WarningBadge> : t('goal.writtenBeforeDecision'))}
                </Table.Td>
                <Table.Td>
                  {formatDateTime(w.createdAt)}, {shownActorName(w.createdBy)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

/** Links to goals by id, with their titles where the user may read them. */
function GoalLinks({ ids, empty }: { ids: string[]; empty: string }) {
  const { t } = useTranslation();
  const goals = useQueries({ queries: ids.map((id) => goalQuery(id)) });
  if (ids.length === 0) return <Text>{empty}</Text>;
  return (
    <ul className="plain-list">
      {ids.map((id, i) => {
        const g = goals[i]?.data;
        return (
          <li key={id}>
            <Anchor component={Link} to={`/mal/${id}`}>
              {g?.title ?? (goals[i]?.isPending ? t('common.loading') : t('goal.unnamedGoal'))}
            </Anchor>
            {g?.drift && (
              <>
                {' '}
                <WarningBadge>{t('steering.drift')}</WarningBadge>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function IndicatorLinks({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const all = useQuery({ ...indicatorsQuery, enabled: ids.length > 0 });
  if (ids.length === 0) return <Text>{t('goal.noIndicators')}</Text>;
  const nameOf = (id: string) => all.data?.indicators.find((i) => i.id === id)?.name;
  return (
    <ul className="plain-list">
      {ids.map((id, n) => (
        <li key={id}>
          <Anchor component={Link} to={`/indikatorer/${id}`}>
            {nameOf(id) ?? t('goal.indicatorN', { n: n + 1 })}
          </Anchor>
        </li>
      ))}
    </ul>
  );
}

function GoalActivities({ goalId }: { goalId: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const org = useOrg();
  const home = useHomeUnit();
  // The whole organisation's activities for those who may read it, else those of the user's part.
  const wholeOrg = !!me?.can.readAll;
  const unit = wholeOrg ? null : home.unitId;
  const activities = useQuery({
    queryKey: ['activities', { goal: goalId, unit }],
    queryFn: () => call(client.GET('/activities', { params: { query: { goal: goalId, unit: unit ?? undefined } } })),
    enabled: !org.isPending && (wholeOrg || unit !== null),
  });
  return (
    <section aria-labelledby="activities-heading" className="section">
      <Title order={2} size="h3" id="activities-heading" mb="sm">
        {t('goal.activities')}
      </Title>
      {activities.isPending ? (
        <Loading />
      ) : activities.isError ? (
        <LoadError error={activities.error} />
      ) : activities.data.activities.length === 0 ? (
        <Text>{t('goal.noActivities')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption className="visually-hidden">{t('goal.activitiesCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('activities.activity')}</Table.Th>
                <Table.Th scope="col">{t('activities.unit')}</Table.Th>
                <Table.Th scope="col">{t('activities.dates')}</Table.Th>
                <Table.Th scope="col">{t('activities.status')}</Table.Th>
                <Table.Th scope="col">{t('activities.progress')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {activities.data.activities.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row" fw="normal">
                    {a.title}
                  </Table.Th>
                  <Table.Td>{org.nameOf(a.ownerUnitId)}</Table.Td>
                  <Table.Td>
                    {formatDate(a.startOn)} – {formatDate(a.endOn)}
                  </Table.Td>
                  <Table.Td>{t(`activityStatus.${a.status}`)}</Table.Td>
                  <Table.Td>
                    <Progress
                      value={a.progress}
                      aria-label={t('activities.progressOf', { title: a.title })}
                      w={100}
                      color="blue.8"
                    />
                    <Text size="sm">{t('activities.percent', { value: a.progress })}</Text>
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
