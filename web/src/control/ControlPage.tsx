import { Anchor, Badge, Button, Group, NumberInput, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { call, client } from '../app/client';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';
import { LoadError, Loading } from '../steering/ui';
import './texts';

/** The year a page is about: from the address, else the current year. */
export function useYear(): [number, (y: number) => void] {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  return [
    year,
    (y) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('year', String(y));
          return next;
        },
        { replace: true },
      ),
  ];
}

/** Intern kontroll: the year's plans per body, the escalations, links to the uppsikt page. */
export function ControlPage() {
  const { t } = useTranslation();
  const [year, setYear] = useYear();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [status, setStatus] = useState('');
  const plans = useQuery({
    queryKey: ['control', 'plans', year],
    queryFn: () => call(client.GET('/control/plans', { params: { query: { year } } })),
  });
  const escalations = useQuery({
    queryKey: ['control', 'escalations', year],
    queryFn: () => call(client.GET('/control/escalations', { params: { query: { year } } })),
  });
  const create = useMutation({
    mutationFn: (bodyId: string) => call(client.POST('/control/plans', { body: { bodyId, year } })),
    onSuccess: async (plan) => {
      await qc.invalidateQueries({ queryKey: ['control'] });
      void navigate(`/intern-kontroll/planer/${plan.id}`);
    },
    onError: (e) => setStatus(e.message),
  });
  return (
    <>
      <PageHeading title={t('control.title')} />
      <Text mb="md">{t('control.intro')}</Text>
      <Group mb="md" align="flex-end">
        <NumberInput
          label={t('control.year')}
          value={year}
          min={2000}
          max={2100}
          onChange={(v) => typeof v === 'number' && v >= 2000 && v <= 2100 && setYear(v)}
          w={140}
        />
        <Anchor component={Link} to={`/intern-kontroll/uppsikt?year=${year}`}>
          {t('control.uppsikt')}
        </Anchor>
      </Group>
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      {plans.isPending ? (
        <Loading />
      ) : plans.isError ? (
        <LoadError error={plans.error} />
      ) : (
        <Table striped withTableBorder captionSide="top" mb="xl">
          <Table.Caption>{t('control.openPlan', { year })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('control.body')}</Table.Th>
              <Table.Th scope="col">{t('control.plan')}</Table.Th>
              <Table.Th scope="col">{t('control.pointsCount')}</Table.Th>
              <Table.Th scope="col">{t('control.assessment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plans.data.bodies.map((b) => {
              const plan = plans.data.plans.find((p) => p.bodyId === b.id);
              return (
                <Table.Tr key={b.id}>
                  <Table.Th scope="row">{b.name}</Table.Th>
                  <Table.Td>
                    {plan ? (
                      <Group gap="xs">
                        <Anchor component={Link} to={`/intern-kontroll/planer/${plan.id}`}>
                          {t('control.openPlan', { year })}
                        </Anchor>
                        <Badge
                          variant="light"
                          className="badge-dark"
                          color={plan.status === 'decided' ? 'green' : 'gray'}
                        >
                          {t(`control.planStatus.${plan.status}`)}
                        </Badge>
                      </Group>
                    ) : b.canCreate ? (
                      <Button size="xs" loading={create.isPending} onClick={() => create.mutate(b.id)}>
                        {t('control.createPlan', { year })}
                      </Button>
                    ) : (
                      t('control.noPlan')
                    )}
                  </Table.Td>
                  <Table.Td>{plan?.points ?? 0}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/intern-kontroll/bedomning/${b.id}?year=${year}`}>
                      {t('control.assessment')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <h2>{t('control.escalations')}</h2>
      {escalations.isPending ? (
        <Loading />
      ) : escalations.isError ? (
        <LoadError error={escalations.error} />
      ) : escalations.data.items.length === 0 ? (
        <Text>{t('control.noEscalations')}</Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('control.body')}</Table.Th>
              <Table.Th scope="col">{t('control.what')}</Table.Th>
              <Table.Th scope="col">{t('control.occasion')}</Table.Th>
              <Table.Th scope="col">{t('control.newAction')}</Table.Th>
              <Table.Th scope="col">{t('control.recipient')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {escalations.data.items.map((e) => (
              <Table.Tr key={`${e.reason}-${e.resultId}-${e.actionId ?? ''}`}>
                <Table.Td>{e.bodyName}</Table.Td>
                <Table.Td>
                  <Badge color="red" variant="light" className="badge-dark" mr="xs">
                    {t(`control.reason.${e.reason}`)}
                  </Badge>
                  <Anchor component={Link} to={`/intern-kontroll/punkter/${e.pointId}`}>
                    {e.what}
                  </Anchor>
                </Table.Td>
                <Table.Td>{e.occasion}</Table.Td>
                <Table.Td>
                  {e.actionWhat ?? '–'}
                  {e.dueOn ? ` (${formatDate(e.dueOn)}${e.ownerName ? `, ${e.ownerName}` : ''})` : ''}
                </Table.Td>
                <Table.Td>
                  {e.recipients.map((r) => `${r.name} (${t(`control.recipientAs.${r.as}`)})`).join(', ')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
