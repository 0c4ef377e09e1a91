import {
  Alert,
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { shownActorName } from '../../../domain/actors';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { formatDateTime } from '../app/format';
import { PageHeading } from '../app/page';
import { CompetenceNote } from '../competence/CompetenceNote';
import { FormStatus, fieldError } from '../ui/forms';
import { citationOf } from './decisions';
import { GoalCreateForm } from './GoalForm';
import { WordingStatus } from './GoalPage';
import { usePlanStatusText } from './PlansPage';
import { isForbidden, useOrg } from './queries';
import type { Plan } from './types';
import { LoadError, Loading, WarningBadge } from './ui';
import { unitsWhere } from './writable';

const planKey = (id: string) => ['plan', id] as const;

/** One plan: formal status, versions, the decisions behind it and its goals; decide and revise. */
export function PlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const org = useOrg();
  const statusText = usePlanStatusText();
  const plan = useQuery({
    queryKey: planKey(id),
    queryFn: () => call(client.GET('/plans/{id}', { params: { path: { id } } })),
  });
  const goals = useQuery({
    queryKey: ['goals', { planId: id }],
    queryFn: () => call(client.GET('/goals', { params: { query: { planId: id } } })),
  });
  // A plan just made by the "Ny plan" form says so when it opens.
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const [status, setStatus] = useState(created ? t('planForm.saved') : '');

  if (plan.isPending) return <Loading />;
  if (plan.isError)
    return (
      <>
        <PageHeading title={isForbidden(plan.error) ? t('steering.forbiddenTitle') : t('plan.notFound')} />
        <LoadError error={plan.error} />
        <Anchor component={Link} to="/planer">
          {t('plan.back')}
        </Anchor>
      </>
    );
  const p = plan.data;
  const latest = p.versions.at(-1);
  // The server says what the user may do with the plan, by the rules it enforces.
  const mayWrite = p.can.edit;
  // Goals are their owner unit's: whoever writes for some unit may add one.
  const mayAddGoals = unitsWhere(org.units, 'addGoal').length > 0;

  return (
    <>
      <nav aria-label={t('plan.breadcrumbs')}>
        <Anchor component={Link} to="/planer" size="sm">
          {t('plan.back')}
        </Anchor>
      </nav>
      <PageHeading title={p.title} />
      {p.steersWithoutDecision && (
        <Alert color="orange" title={t('steering.withoutDecision')} mb="md">
          {t('plan.withoutDecisionText', { count: p.goalCount })}
        </Alert>
      )}
      {p.steersWithoutDecision && <CompetenceNote entity="plan" id={p.id} version={p.version} />}
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      <div className="unit-grid">
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h3" mb="sm">
            {t('plan.facts')}
          </Title>
          <dl className="facts">
            <dt>{t('plans.kind')}</dt>
            <dd>{t(`planKind.${p.kind}`)}</dd>
            <dt>{t('plans.years')}</dt>
            <dd>{p.startYear === p.endYear ? p.startYear : `${p.startYear}–${p.endYear}`}</dd>
            <dt>{t('plans.owner')}</dt>
            <dd>{p.ownerBodyName ?? org.nameOf(p.ownerUnitId)}</dd>
            <dt>{t('plans.status')}</dt>
            <dd>
              {statusText(p)}
              {p.steersWithoutDecision && (
                <>
                  {' '}
                  <WarningBadge>{t('steering.withoutDecision')}</WarningBadge>
                </>
              )}
            </dd>
            <dt>{t('plan.inForce')}</dt>
            <dd>
              {p.inForce
                ? t('plan.inForceText', { seq: p.inForce.seq, decision: p.inForce.decision ?? '—' })
                : t('plans.noDecision')}
            </dd>
          </dl>
          {p.description && (
            <Text mt="sm" className="prose">
              {p.description}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h3" mb="sm">
            {t('plan.decisions')}
          </Title>
          {p.decisions.length === 0 ? (
            <Text>{t('plan.noDecisions')}</Text>
          ) : (
            <ul className="plain-list">
              {p.decisions.map((d) => (
                <li key={d.id}>
                  <Text fw={600} component="span">
                    {d.title}
                  </Text>{' '}
                  <span className="muted">({t(`decisionKind.${d.kind}`)})</span>
                  <br />
                  <Text size="sm" component="span">
                    {citationOf(d)}
                  </Text>
                </li>
              ))}
            </ul>
          )}
        </Paper>
      </div>
      {mayWrite && latest && (
        <PlanActions
          plan={p}
          onDone={(message) => {
            setStatus(message);
          }}
        />
      )}
      <section aria-labelledby="versions-heading" className="section">
        <Title order={2} size="h3" id="versions-heading" mb="sm">
          {t('plan.versions')}
        </Title>
        <Table.ScrollContainer minWidth={820}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption className="visually-hidden">{t('plan.versionsCaption', { plan: p.title })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('plan.version')}</Table.Th>
                <Table.Th scope="col">{t('plan.versionTitle')}</Table.Th>
                <Table.Th scope="col">{t('plans.years')}</Table.Th>
                <Table.Th scope="col">{t('plans.status')}</Table.Th>
                <Table.Th scope="col">{t('plans.decision')}</Table.Th>
                <Table.Th scope="col">{t('plan.created')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...p.versions].reverse().map((v) => (
                <Table.Tr key={v.seq}>
                  <Table.Th scope="row">{v.seq}</Table.Th>
                  <Table.Td>{v.title}</Table.Td>
                  <Table.Td>{v.startYear === v.endYear ? v.startYear : `${v.startYear}–${v.endYear}`}</Table.Td>
                  <Table.Td>{t(`planStatus.${v.status}`)}</Table.Td>
                  <Table.Td>{v.decision ?? '—'}</Table.Td>
                  <Table.Td>
                    {formatDateTime(v.createdAt)}, {shownActorName(v.createdBy)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </section>
      <section aria-labelledby="goals-heading" className="section">
        <Title order={2} size="h3" id="goals-heading" mb="sm">
          {t('plan.goals')}
        </Title>
        {goals.isPending ? (
          <Loading />
        ) : goals.isError ? (
          <LoadError error={goals.error} />
        ) : goals.data.goals.length === 0 ? (
          <Text>{t('plan.noGoals')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table withTableBorder striped captionSide="top">
              <Table.Caption className="visually-hidden">{t('plan.goalsCaption', { plan: p.title })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('goal.goal')}</Table.Th>
                  <Table.Th scope="col">{t('goal.perspective')}</Table.Th>
                  <Table.Th scope="col">{t('goal.owner')}</Table.Th>
                  <Table.Th scope="col">{t('goal.wordingStatus')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {goals.data.goals.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Th scope="row" fw="normal">
                      <Anchor component={Link} to={`/mal/${g.id}`}>
                        {g.title}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>{t(`perspective.${g.perspective}`)}</Table.Td>
                    <Table.Td>{org.nameOf(g.ownerUnitId)}</Table.Td>
                    <Table.Td>
                      <WordingStatus goal={g} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
      {mayAddGoals && latest && (
        <div className="section">
          {latest.status === 'draft' ? (
            <GoalCreateForm key={p.id} plan={p} />
          ) : (
            <Alert color="blue" title={t('goalForm.title')} className="plan-decided-note">
              {t('goalForm.planDecided')}
            </Alert>
          )}
        </div>
      )}
    </>
  );
}

function PlanActions({ plan, onDone }: { plan: Plan; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const latest = plan.versions.at(-1);
  return (
    <div className="unit-grid">
      {latest?.status === 'draft' && <DecideForm plan={plan} onDone={onDone} />}
      <ReviseForm plan={plan} onDone={onDone} />
      {latest?.status !== 'draft' && (
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h3" mb="sm">
            {t('plan.decideTitle')}
          </Title>
          <Text>{t('plan.nothingToDecide')}</Text>
        </Paper>
      )}
    </div>
  );
}

function DecideForm({ plan, onDone }: { plan: Plan; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [decisionId, setDecisionId] = useState<string | null>(null);
  const decisions = useQuery({
    queryKey: ['decisions', { kind: 'beslut' }],
    queryFn: () => call(client.GET('/decisions', { params: { query: { kind: 'beslut' } } })),
  });
  const decide = useMutation({
    mutationFn: () =>
      call(
        client.POST('/plans/{id}/decide', {
          params: { path: { id: plan.id } },
          body: { version: plan.version, decisionId: decisionId ?? '' },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      await queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
      // Its goals are now under a decided plan; scorecards flag them no longer.
      await queryClient.invalidateQueries({ queryKey: ['goals'] });
      await queryClient.invalidateQueries({ queryKey: ['scorecard'] });
      onDone(t('plan.decided'));
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="decide-heading">
      <Title order={2} size="h3" id="decide-heading" mb="sm">
        {t('plan.decideTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('plan.decideIntro')}
      </Text>
      <FormStatus error={decide.error} />
      {fieldError(decide.error, 'version') && (
        <Alert color="red" mb="sm">
          {fieldError(decide.error, 'version')}
        </Alert>
      )}
      {decisions.isError && <LoadError error={decisions.error} />}
      <form onSubmit={submit} noValidate>
        <Select
          label={t('plan.decision')}
          description={t('plan.decisionHelp')}
          required
          searchable
          data={(decisions.data?.decisions ?? []).map((d) => ({
            value: d.id,
            label: `${d.title} – ${citationOf(d)}`,
          }))}
          value={decisionId}
          onChange={setDecisionId}
          nothingFoundMessage={t('common.nothingFound')}
          error={fieldError(decide.error, 'decisionId')}
        />
        <Button type="submit" mt="md" loading={decide.isPending}>
          {t('plan.markDecided')}
        </Button>
      </form>
    </Paper>
  );
}

function ReviseForm({ plan, onDone }: { plan: Plan; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(plan.title);
  const [description, setDescription] = useState(plan.description);
  const [startYear, setStartYear] = useState<number | string>(plan.startYear);
  const [endYear, setEndYear] = useState<number | string>(plan.endYear);
  const [conflict, setConflict] = useState(false);
  const decided = plan.versions.at(-1)?.status !== 'draft';
  const save = useMutation({
    mutationFn: () =>
      call(
        client.PATCH('/plans/{id}', {
          params: { path: { id: plan.id } },
          body: {
            version: plan.version,
            title,
            description,
            startYear: Number(startYear),
            endYear: Number(endYear),
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      await queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
      onDone(decided ? t('plan.revisedAsNewVersion') : t('plan.saved'));
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setConflict(true);
        // Show what is stored now; the user redoes the change on top of it.
        const current = error.current as Partial<Plan> | undefined;
        if (current?.title !== undefined) setTitle(current.title);
        if (current?.description !== undefined) setDescription(current.description);
        if (current?.startYear !== undefined) setStartYear(current.startYear);
        if (current?.endYear !== undefined) setEndYear(current.endYear);
        await queryClient.invalidateQueries({ queryKey: planKey(plan.id) });
      }
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setConflict(false);
    save.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="revise-heading">
      <Title order={2} size="h3" id="revise-heading" mb="sm">
        {t('plan.reviseTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {decided ? t('plan.reviseDecided') : t('plan.reviseDraft')}
      </Text>
      {conflict ? (
        <Alert color="orange" role="alert" title={t('common.conflictTitle')} mb="sm">
          {t('common.conflict')}
        </Alert>
      ) : (
        <FormStatus error={save.error} />
      )}
      <form onSubmit={submit} noValidate>
        <TextInput
          label={t('plan.versionTitle')}
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldError(save.error, 'title')}
        />
        <Textarea
          mt="sm"
          label={t('plan.description')}
          autosize
          minRows={3}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError(save.error, 'description')}
        />
        <SimpleGrid cols={2} mt="sm">
          <NumberInput
            label={t('plan.startYear')}
            required
            min={2000}
            max={2100}
            allowDecimal={false}
            thousandSeparator={false}
            value={startYear}
            onChange={setStartYear}
            error={fieldError(save.error, 'startYear')}
          />
          <NumberInput
            label={t('plan.endYear')}
            required
            min={2000}
            max={2100}
            allowDecimal={false}
            thousandSeparator={false}
            value={endYear}
            onChange={setEndYear}
            error={fieldError(save.error, 'endYear')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {decided ? t('plan.saveAsNewVersion') : t('common.save')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
