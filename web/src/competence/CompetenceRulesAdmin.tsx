import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, client } from '../app/client';
import { formatDate } from '../app/format';

export const competenceRulesQuery = {
  queryKey: ['competence-rules'],
  queryFn: () => call(client.GET('/competence-rules')),
};

/** The competence rules in force today, read-only: who may decide which kind of matter, and why. */
export function CompetenceRulesAdmin() {
  const { t } = useTranslation();
  const rules = useQuery(competenceRulesQuery);
  if (!rules.data) return null;
  return (
    <>
      <Text mb="sm">{t('competence.rulesIntro')}</Text>
      <Table striped>
        <Table.Caption className="visually-hidden">{t('competence.rulesCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('competence.matter')}</Table.Th>
            <Table.Th scope="col">{t('competence.lowest')}</Table.Th>
            <Table.Th scope="col">{t('competence.basis')}</Table.Th>
            <Table.Th scope="col">{t('competence.validFrom')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.data.inForce.map((r) => (
            <Table.Tr key={r.matter}>
              <Table.Th scope="row">{r.matterLabel}</Table.Th>
              <Table.Td>{r.lowestLabel}</Table.Td>
              <Table.Td>{r.basis}</Table.Td>
              <Table.Td>{r.validFrom <= '1900-01-01' ? t('competence.always') : formatDate(r.validFrom)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
