import { Anchor, Button, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../app/auth';
import { formatNumber } from '../app/format';
import { PageHeading } from '../app/page';
import { IndicatorForm } from './IndicatorForm';
import { indicatorsQuery } from './queries';
import { LoadError, Loading } from './ui';

/** Indikatorer: every definition, how it is counted up the organisation; controllers define new ones. */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const indicators = useQuery(indicatorsQuery);
  const [creating, setCreating] = useState(false);
  const mayDefine = !!me?.can.defineIndicators;
  const list = indicators.data?.indicators ?? [];

  return (
    <>
      <PageHeading title={t('indicators.title')} />
      <Text mb="md">{t('indicators.intro')}</Text>
      {mayDefine && (
        <Button mb="md" aria-expanded={creating} onClick={() => setCreating((open) => !open)}>
          {t('indicatorForm.open')}
        </Button>
      )}
      {creating && (
        <IndicatorForm
          onDone={(_message, saved) => {
            setCreating(false);
            if (saved) void navigate(`/indikatorer/${saved.id}`, { state: { created: true } });
          }}
        />
      )}
      {indicators.isPending ? (
        <Loading />
      ) : indicators.isError ? (
        <LoadError error={indicators.error} />
      ) : list.length === 0 ? (
        <Text>{t('indicators.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>
              {t('indicators.caption', { count: list.length, formatted: formatNumber(list.length) })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('indicators.indicator')}</Table.Th>
                <Table.Th scope="col">{t('indicators.code')}</Table.Th>
                <Table.Th scope="col">{t('indicator.measureUnit')}</Table.Th>
                <Table.Th scope="col">{t('indicator.aggregation')}</Table.Th>
                <Table.Th scope="col">{t('indicator.frequency')}</Table.Th>
                <Table.Th scope="col">{t('indicators.goals')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component={Link} to={`/indikatorer/${i.id}`}>
                      {i.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{i.code ?? '—'}</Table.Td>
                  <Table.Td>{i.measureUnit}</Table.Td>
                  <Table.Td>{t(`aggregationOption.${i.aggregation}`)}</Table.Td>
                  <Table.Td>{t(`frequency.${i.frequency}`)}</Table.Td>
                  <Table.Td>{formatNumber(i.goalIds.length)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
