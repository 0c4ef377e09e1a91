import { Alert, Anchor, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, client } from '../app/client';
import { formatDate, today } from '../app/format';
import { Loading } from '../app/Loading';
import { PageHeading } from '../app/page';
import { orgUnitsQuery } from '../org/TreePage';

export const bodiesQuery = { queryKey: ['bodies'], queryFn: () => call(client.GET('/bodies')) };

/** Politiska organ: which body governs which part of the organisation. */
export function BodiesPage() {
  const { t } = useTranslation();
  const bodies = useQuery(bodiesQuery);
  const units = useQuery(orgUnitsQuery(today()));
  const unitName = (id: string) => units.data?.units.find((u) => u.id === id)?.name ?? id;
  const bodyName = (id: string | null) => (id ? (bodies.data?.bodies.find((b) => b.id === id)?.name ?? id) : '—');

  return (
    <>
      <PageHeading title={t('bodies.title')} />
      <p>{t('bodies.intro')}</p>
      {bodies.isPending ? (
        <Loading />
      ) : bodies.isError ? (
        <Alert color="red" role="alert">
          {bodies.error.message}
        </Alert>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('bodies.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('field.name')}</Table.Th>
                <Table.Th scope="col">{t('field.kind')}</Table.Th>
                <Table.Th scope="col">{t('field.parentBody')}</Table.Th>
                <Table.Th scope="col">{t('field.validFrom')}</Table.Th>
                <Table.Th scope="col">{t('field.unitIds')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {bodies.data.bodies.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/organ/${b.id}`}>
                      {b.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{t(`bodyKind.${b.kind}`)}</Table.Td>
                  <Table.Td>{bodyName(b.parentBodyId)}</Table.Td>
                  <Table.Td>
                    {formatDate(b.validFrom)}
                    {b.validTo ? ` – ${formatDate(b.validTo)}` : ''}
                  </Table.Td>
                  <Table.Td>{b.unitIds.map(unitName).join(', ') || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
