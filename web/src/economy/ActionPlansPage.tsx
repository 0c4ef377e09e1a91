import { Anchor, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../app/page';
import { LoadError, Loading, WarningBadge } from '../steering/ui';
import { actionPlansQuery } from './queries';
import { Money } from './ui';

/** Handlingsplaner: the action plans with their savings requirement per year and the decision behind them. */
export function ActionPlansPage() {
  const { t } = useTranslation();
  const plans = useQuery(actionPlansQuery);
  return (
    <>
      <PageHeading title={t('economy.plansTitle')} />
      <Text mb="md" className="prose">
        {t('economy.plansIntro')}
      </Text>
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <LoadError error={plans.error} />
      ) : plans.data.plans.length === 0 ? (
        <Text>{t('economy.noPlans')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={880}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('economy.plansCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('economy.plan')}</Table.Th>
                <Table.Th scope="col">{t('plans.years')}</Table.Th>
                <Table.Th scope="col">{t('plans.owner')}</Table.Th>
                <Table.Th scope="col">{t('plans.status')}</Table.Th>
                <Table.Th scope="col">{t('plans.decision')}</Table.Th>
                <Table.Th scope="col">{t('economy.requirementPerYear')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.plans.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/handlingsplaner/${p.id}`}>
                      {p.title}
                    </Anchor>
                    {p.description && (
                      <Text size="sm" fw="normal" className="muted">
                        {p.description}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td className="nowrap">
                    {p.startYear === p.endYear ? p.startYear : `${p.startYear}–${p.endYear}`}
                  </Table.Td>
                  <Table.Td>{p.ownerBodyName ?? '—'}</Table.Td>
                  <Table.Td>
                    {t(`planStatus.${p.status}`)}
                    {p.steersWithoutDecision && (
                      <>
                        {' '}
                        <WarningBadge>{t('steering.withoutDecision')}</WarningBadge>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>{p.decision ?? <span className="muted">{t('plans.noDecision')}</span>}</Table.Td>
                  <Table.Td>
                    {p.requirement.length === 0 ? (
                      <span className="muted">{t('economy.noRequirement')}</span>
                    ) : (
                      <ul className="plain-list">
                        {p.requirement.map((r) => (
                          <li key={r.year} className="nowrap">
                            {r.year}: <Money kr={r.amountKr} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
