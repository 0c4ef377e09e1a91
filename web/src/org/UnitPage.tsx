import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Paper, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { call, client } from '../app/client';
import { formatDate, today } from '../app/format';
import { Loading } from '../app/Loading';
import { PageHeading } from '../app/page';
import type { OrgUnit } from '../app/types';
import { orgUnitsQuery } from './TreePage';
import { UnitEditForm } from './UnitEditForm';
import { UnitHistory } from './UnitHistory';

export const unitQueryKey = (id: string) => ['org-unit', id] as const;

export function UnitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const asOf = params.get('asOf');
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState('');

  const detail = useQuery({
    queryKey: [...unitQueryKey(id), asOf],
    queryFn: () =>
      call(client.GET('/org-units/{id}', { params: { path: { id }, query: { asOf: asOf ?? undefined } } })),
  });
  // Names of parents in the timeline and history come from today's tree.
  const all = useQuery(orgUnitsQuery(today()));
  const nameOf = (unitId: string | null) =>
    unitId === null ? '—' : (all.data?.units.find((u) => u.id === unitId)?.name ?? unitId);

  if (detail.isPending) return <Loading />;
  if (detail.isError)
    return (
      <>
        <PageHeading title={t('unit.notFound')} />
        <Alert color="red" role="alert">
          {detail.error.message}
        </Alert>
        <Anchor component={Link} to="/organisation">
          {t('unit.backToTree')}
        </Anchor>
      </>
    );

  const { unit, path, children, bodies, states, can } = detail.data;
  return (
    <>
      <nav aria-label={t('unit.breadcrumbs')}>
        <Breadcrumbs separator="›" mb="sm" className="breadcrumbs">
          <Anchor component={Link} to={asOf ? `/?asOf=${asOf}` : '/'}>
            {t('nav.organisation')}
          </Anchor>
          {path.map((p) =>
            p.id === unit.id ? (
              <span key={p.id} aria-current="page">
                {p.name}
              </span>
            ) : (
              <Anchor key={p.id} component={Link} to={`/enheter/${p.id}`}>
                {p.name}
              </Anchor>
            ),
          )}
        </Breadcrumbs>
      </nav>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageHeading title={unit.name} />
        <Group gap="md">
          <Anchor component={Link} to={`/styrkort/${unit.id}`}>
            {t('unit.showScorecard')}
          </Anchor>
          {can.edit && !asOf && !editing && (
            <Button
              onClick={() => {
                setStatus('');
                setEditing(true);
              }}
            >
              {t('unit.edit')}
            </Button>
          )}
        </Group>
      </Group>
      {asOf && (
        <Alert color="blue" mb="md">
          {t('unit.viewingAsOf', { date: formatDate(asOf) })}
        </Alert>
      )}
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      {editing && (
        <UnitEditForm
          unit={unit}
          units={all.data?.units ?? []}
          onDone={(message) => {
            setEditing(false);
            setStatus(message);
          }}
        />
      )}
      <div className="unit-grid">
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h3" mb="sm">
            {t('unit.details')}
          </Title>
          <UnitFacts unit={unit} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h3" mb="sm">
            {t('unit.bodies')}
          </Title>
          {bodies.length === 0 ? (
            <Text>{t('unit.noBodies')}</Text>
          ) : (
            <ul className="plain-list">
              {bodies.map((b) => (
                <li key={b.id}>
                  {b.name}{' '}
                  <Badge variant="light" color="gray" className="badge-dark">
                    {t(`bodyKind.${b.kind}`)}
                  </Badge>
                </li>
              ))}
            </ul>
          )}
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h3" mb="sm">
            {t('unit.children')}
          </Title>
          {children.length === 0 ? (
            <Text>{t('unit.noChildren')}</Text>
          ) : (
            <ul className="plain-list">
              {children.map((c) => (
                <li key={c.id}>
                  <Anchor component={Link} to={`/enheter/${c.id}${asOf ? `?asOf=${asOf}` : ''}`}>
                    {c.name}
                  </Anchor>{' '}
                  <span className="muted">
                    {c.code ?? ''} · {t(`level.${c.level}`)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Paper>
      </div>
      <section aria-labelledby="timeline-heading" className="section">
        <Title order={2} size="h3" id="timeline-heading" mb="sm">
          {t('unit.timeline')}
        </Title>
        <ol className="timeline">
          {[...states]
            .sort((a, b) => b.validFrom.localeCompare(a.validFrom))
            .map((s) => (
              <li key={s.stateId}>
                <Text fw={600}>
                  {s.validTo
                    ? t('unit.period', { from: formatDate(s.validFrom), to: formatDate(s.validTo) })
                    : t('unit.periodOpen', { from: formatDate(s.validFrom) })}
                </Text>
                <Text size="sm">
                  {s.name} · {s.code ?? '—'} · {t(`level.${s.level}`)} · {t('unit.parentLabel')}: {nameOf(s.parentId)}
                  {s.managerName ? ` · ${t('field.managerName')}: ${s.managerName}` : ''}
                </Text>
              </li>
            ))}
        </ol>
      </section>
      {can.history && <UnitHistory unitId={unit.id} nameOf={nameOf} />}
    </>
  );
}

function UnitFacts({ unit }: { unit: OrgUnit }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('field.level')}</dt>
      <dd>{t(`level.${unit.level}`)}</dd>
      <dt>{t('field.code')}</dt>
      <dd>{unit.code ?? '—'}</dd>
      <dt>{t('field.managerName')}</dt>
      <dd>{unit.managerName ?? '—'}</dd>
      <dt>{t('unit.validity')}</dt>
      <dd>
        {unit.validTo
          ? t('unit.period', { from: formatDate(unit.validFrom), to: formatDate(unit.validTo) })
          : t('unit.periodOpen', { from: formatDate(unit.validFrom) })}
      </dd>
    </dl>
  );
}
