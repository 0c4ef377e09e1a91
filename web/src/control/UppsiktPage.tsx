import { Anchor, Badge, NumberInput, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, client, type Schema } from '../app/client';
import { PageHeading } from '../app/page';
import { LoadError, Loading } from '../steering/ui';
import { useYear } from './ControlPage';
import './texts';

const COUNTS = ['results', 'done', 'notDone', 'deviations', 'openActions', 'lateActions'] as const;

/** The styrelse's uppsikt: every nämnd's internal control in one table. */
export function UppsiktPage() {
  const { t } = useTranslation();
  const [year, setYear] = useYear();
  const q = useQuery({
    queryKey: ['control', 'uppsikt', year],
    queryFn: () => call(client.GET('/control/uppsikt', { params: { query: { year } } })),
  });
  const cells = (c: Schema<'ControlCounts'>) =>
    COUNTS.map((k) => (
      <Table.Td key={k} className="number">
        {k === 'lateActions' && c[k] > 0 ? (
          <Badge color="red" variant="light" className="badge-dark">
            {c[k]}
          </Badge>
        ) : (
          c[k]
        )}
      </Table.Td>
    ));
  return (
    <>
      <PageHeading title={t('control.uppsikt')} />
      <Text mb="md">{t('control.uppsiktIntro')}</Text>
      <NumberInput
        label={t('control.year')}
        value={year}
        min={2000}
        max={2100}
        onChange={(v) => typeof v === 'number' && v >= 2000 && v <= 2100 && setYear(v)}
        w={140}
        mb="md"
      />
      <Anchor component={Link} to={`/intern-kontroll?year=${year}`} mb="md" display="block">
        {t('control.back')}
      </Anchor>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <LoadError error={q.error} />
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>
              {t('control.uppsikt')} {year}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('control.body')}</Table.Th>
                <Table.Th scope="col">{t('control.plan')}</Table.Th>
                <Table.Th scope="col">{t('control.pointsCount')}</Table.Th>
                {COUNTS.map((k) => (
                  <Table.Th scope="col" key={k}>
                    {t(`control.counts.${k}`)}
                  </Table.Th>
                ))}
                <Table.Th scope="col">{t('control.judgementLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.bodies.map((b) => (
                <Table.Tr key={b.bodyId}>
                  <Table.Th scope="row">{b.bodyName}</Table.Th>
                  <Table.Td>
                    {b.planId ? (
                      <Anchor component={Link} to={`/intern-kontroll/planer/${b.planId}`}>
                        {t(`control.planStatus.${b.planStatus ?? 'draft'}`)}
                      </Anchor>
                    ) : (
                      t('control.noPlan')
                    )}
                  </Table.Td>
                  <Table.Td className="number">{b.points}</Table.Td>
                  {cells(b.counts)}
                  <Table.Td>
                    <Anchor component={Link} to={`/intern-kontroll/bedomning/${b.bodyId}?year=${year}`}>
                      {b.judgement ? t(`control.judgement.${b.judgement}`) : '–'}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">{t('control.total')}</Table.Th>
                <Table.Td />
                <Table.Td />
                {cells(q.data.total)}
                <Table.Td />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
