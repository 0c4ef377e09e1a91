import { Anchor, Button, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../app/format';
import { PageHeading } from '../app/page';
import { PlanForm, usePlanOwners } from './PlanForm';
import { plansQuery, useOrg } from './queries';
import type { Plan } from './types';
import { LoadError, Loading, WarningBadge } from './ui';

/** The plan's formal status in words, saying which version is in force while a new one is drafted. */
export function usePlanStatusText() {
  const { t } = useTranslation();
  return (plan: Plan) =>
    plan.status === 'draft' && plan.inForce
      ? t('plans.draftWithInForce', { seq: plan.inForce.seq })
      : t(`planStatus.${plan.status}`);
}

/** Planer och styrdokument with their formal status and the decision behind them. */
export function PlansPage() {
  const { t } = useTranslation();
  const plans = useQuery(plansQuery);
  const org = useOrg();
  const statusText = usePlanStatusText();
  const owners = usePlanOwners();
  const [creating, setCreating] = useState(false);
  const mayCreate = owners.bodies.length > 0 || owners.units.length > 0;
  return (
    <>
      <PageHeading title={t('plans.title')} />
      <Text mb="md">{t('plans.intro')}</Text>
      {mayCreate && (
        <Button mb="md" aria-expanded={creating} onClick={() => setCreating((open) => !open)}>
          {t('planForm.open')}
        </Button>
      )}
      {creating && <PlanForm onClose={() => setCreating(false)} />}
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <LoadError error={plans.error} />
      ) : plans.data.plans.length === 0 ? (
        <Text>{t('plans.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('plans.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('plans.plan')}</Table.Th>
                <Table.Th scope="col">{t('plans.kind')}</Table.Th>
                <Table.Th scope="col">{t('plans.years')}</Table.Th>
                <Table.Th scope="col">{t('plans.owner')}</Table.Th>
                <Table.Th scope="col">{t('plans.status')}</Table.Th>
                <Table.Th scope="col">{t('plans.decision')}</Table.Th>
                <Table.Th scope="col">{t('plans.goals')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.plans.map((p) => (
                <Table.Tr key={p.id} data-plan={p.title}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/planer/${p.id}`}>
                      {p.title}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{t(`planKind.${p.kind}`)}</Table.Td>
                  <Table.Td>{p.startYear === p.endYear ? p.startYear : `${p.startYear}–${p.endYear}`}</Table.Td>
                  <Table.Td>{p.ownerBodyName ?? org.nameOf(p.ownerUnitId)}</Table.Td>
                  <Table.Td>
                    {statusText(p)}
                    {p.steersWithoutDecision && (
                      <>
                        {' '}
                        <WarningBadge>{t('steering.withoutDecision')}</WarningBadge>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>{p.inForce?.decision ?? <span className="muted">{t('plans.noDecision')}</span>}</Table.Td>
                  <Table.Td>{formatNumber(p.goalCount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
