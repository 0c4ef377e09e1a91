import { ActionIcon, Anchor, Button, Group, List, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call, client } from '../app/client';
import { useCurrentMonth } from '../app/context';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';
import { actionPlansQuery, measureTreeQuery } from '../economy/queries';
import { allGoalsQuery, indicatorsQuery } from '../steering/queries';
import { LoadError, Loading } from '../steering/ui';
import { FormStatus } from '../ui/forms';
import { type RiskDetail, riskQuery, risksKey } from './queries';
import { AssessmentForm, RiskForm } from './RiskForm';
import { LevelBadge } from './RiskParts';
import './texts';

const pathOf = (kind: 'goal' | 'measure' | 'indicator', id: string) =>
  kind === 'goal' ? `/mal/${id}` : kind === 'measure' ? `/atgarder/${id}` : `/indikatorer/${id}`;

/** One risk: what it is, its current value, every assessment, what it threatens, and forms to change it. */
export function RiskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const risk = useQuery(riskQuery(id));
  if (risk.isError) return <LoadError error={risk.error} />;
  if (!risk.data) return <Loading />;
  const r = risk.data;
  return (
    <>
      <Anchor component={Link} to="/risker" size="sm">
        {t('risk.back')}
      </Anchor>
      <PageHeading title={r.title} />
      <Stack gap="xs" mb="md">
        <Text>
          <strong>{t('risk.registerOf')}:</strong> {r.bodyName ?? r.unitName ?? '—'} ·{' '}
          <strong>{t('risk.statusLabel')}:</strong> {t(`risk.status.${r.status}`)} · <strong>{t('risk.owner')}:</strong>{' '}
          {r.ownerName ?? '—'}
        </Text>
        <Text>
          <strong>{t('risk.current')}:</strong>{' '}
          {r.current ? (
            <>
              <LevelBadge level={r.current.level} value={r.current.value} /> ({t('risk.probability')}{' '}
              {r.current.probability} × {t('risk.consequenceAxis')} {r.current.consequence},{' '}
              {formatDate(r.current.assessedAt)})
            </>
          ) : (
            t('risk.notAssessed')
          )}
        </Text>
        {(['description', 'cause', 'consequence', 'process', 'existingControls', 'plannedActions'] as const).map((k) =>
          r[k] ? (
            <Text key={k} className="prose">
              <strong>{t(`risk.fields.${k}`)}:</strong> {r[k]}
            </Text>
          ) : null,
        )}
      </Stack>
      <Assessments risk={r} />
      <Links risk={r} />
      {r.can.edit && (
        <section aria-labelledby="risk-edit-heading" className="section">
          <Title order={2} size="h3" id="risk-edit-heading" mb="sm">
            {t('risk.edit')}
          </Title>
          <Paper withBorder p="md" radius="md">
            <RiskForm key={r.version} risk={r} />
          </Paper>
        </section>
      )}
    </>
  );
}

function Assessments({ risk }: { risk: RiskDetail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="risk-assessments-heading" className="section">
      <Title order={2} size="h3" id="risk-assessments-heading" mb="sm">
        {t('risk.assessments')}
      </Title>
      {risk.assessments.length === 0 ? (
        <Text>{t('risk.notAssessed')}</Text>
      ) : (
        <div style={{ overflowX: 'auto' }}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>{t('risk.assessmentsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('risk.assessedAt')}</Table.Th>
                <Table.Th scope="col">{t('risk.probability')}</Table.Th>
                <Table.Th scope="col">{t('risk.consequenceAxis')}</Table.Th>
                <Table.Th scope="col">{t('risk.value')}</Table.Th>
                <Table.Th scope="col">{t('risk.assessedBy')}</Table.Th>
                <Table.Th scope="col">{t('risk.comment')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {risk.assessments.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{formatDate(a.assessedAt)}</Table.Td>
                  <Table.Td>{a.probability}</Table.Td>
                  <Table.Td>{a.consequence}</Table.Td>
                  <Table.Td>
                    <LevelBadge level={a.level} value={a.value} />
                  </Table.Td>
                  <Table.Td>{a.assessedByName ?? '—'}</Table.Td>
                  <Table.Td>{a.comment}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {risk.can.assess && (
        <Paper withBorder p="md" mt="md" radius="md">
          <Title order={3} size="h4" mb="sm">
            {t('risk.assess')}
          </Title>
          <AssessmentForm risk={risk} />
        </Paper>
      )}
    </section>
  );
}

function Links({ risk }: { risk: RiskDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const unlink = useMutation({
    mutationFn: (l: { kind: 'goal' | 'measure' | 'indicator'; targetId: string }) =>
      call(client.DELETE('/risks/{id}/links/{kind}/{targetId}', { params: { path: { id: risk.id, ...l } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: risksKey }),
  });
  return (
    <section aria-labelledby="risk-links-heading" className="section">
      <Title order={2} size="h3" id="risk-links-heading" mb="xs">
        {t('risk.links')}
      </Title>
      <Text size="sm" mb="sm">
        {t('risk.linksHelp')}
      </Text>
      <FormStatus error={unlink.error} />
      {risk.links.length === 0 ? (
        <Text>{t('risk.noLinks')}</Text>
      ) : (
        <List>
          {risk.links.map((l) => (
            <List.Item key={`${l.kind}-${l.targetId}`}>
              <Group gap="xs">
                <span>{t(`risk.linkKind.${l.kind}`)}:</span>
                <Anchor component={Link} to={pathOf(l.kind, l.targetId)}>
                  {l.title}
                </Anchor>
                {risk.can.link && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('risk.unlink', { title: l.title })}
                    onClick={() => unlink.mutate({ kind: l.kind, targetId: l.targetId })}
                  >
                    ×
                  </ActionIcon>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {risk.hiddenLinks > 0 && (
        <Text size="sm" mt="xs">
          {t('risk.hiddenLinks', { count: risk.hiddenLinks })}
        </Text>
      )}
      {risk.can.link && <LinkForm risk={risk} />}
    </section>
  );
}

/**
 * The measures of every action plan the user may read, from the plans' own measure lists: a
 * measure has no list of its own, and the plans answer only with what the reader may see.
 */
function useReadableMeasures() {
  const month = useCurrentMonth();
  const plans = useQuery(actionPlansQuery);
  const trees = useQueries({
    queries: (plans.data?.plans ?? []).map((p) => ({
      ...measureTreeQuery(p.id, month.month),
      enabled: !month.pending && month.month !== '',
      staleTime: 60_000,
    })),
  });
  const all = plans.data?.plans ?? [];
  return all.flatMap((p, i) =>
    (trees[i]?.data?.measures ?? []).map((m) => ({ id: m.id, title: m.title, plan: p.title, unit: m.ownerUnitName })),
  );
}

/** Links a goal, a measure or an indicator the user may read, chosen by typing part of its name. */
function LinkForm({ risk }: { risk: RiskDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const goals = useQuery(allGoalsQuery);
  const indicators = useQuery(indicatorsQuery);
  const measures = useReadableMeasures();
  const [target, setTarget] = useState<string | null>(null);
  const taken = new Set(risk.links.map((l) => `${l.kind}:${l.targetId}`));
  const options = [
    {
      group: t('risk.linkKind.goal'),
      items: (goals.data?.goals ?? [])
        .filter((g) => !taken.has(`goal:${g.id}`))
        .map((g) => ({ value: `goal:${g.id}`, label: g.title })),
    },
    {
      group: t('risk.linkKind.measure'),
      items: measures
        .filter((m) => !taken.has(`measure:${m.id}`))
        .map((m) => ({ value: `measure:${m.id}`, label: `${m.title} (${m.unit}, ${m.plan})` })),
    },
    {
      group: t('risk.linkKind.indicator'),
      items: (indicators.data?.indicators ?? [])
        .filter((i) => !taken.has(`indicator:${i.id}`))
        .map((i) => ({ value: `indicator:${i.id}`, label: i.name })),
    },
  ].filter((g) => g.items.length > 0);
  const link = useMutation({
    mutationFn: () => {
      const [kind, targetId] = (target as string).split(':') as ['goal' | 'measure' | 'indicator', string];
      return call(client.POST('/risks/{id}/links', { params: { path: { id: risk.id } }, body: { kind, targetId } }));
    },
    onSuccess: async () => {
      setTarget(null);
      await qc.invalidateQueries({ queryKey: risksKey });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        link.mutate();
      }}
    >
      <FormStatus error={link.error} />
      <Group align="flex-end" mt="sm">
        <Select
          label={t('risk.linkTarget')}
          data={options}
          value={target}
          onChange={setTarget}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          w={480}
        />
        <Button type="submit" disabled={!target} loading={link.isPending}>
          {t('risk.link')}
        </Button>
      </Group>
    </form>
  );
}
