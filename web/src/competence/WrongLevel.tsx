import '../bodies/texts';
import { Alert, Anchor, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, client, type Schema } from '../app/client';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';
import { LoadError, Loading } from '../steering/ui';

type WrongLevelDecision = Schema<'WrongLevelDecision'>;

export const wrongLevelQuery = (bodyId?: string) => ({
  queryKey: ['competence', 'wrong-level', bodyId ?? null],
  queryFn: () => call(client.GET('/competence/wrong-level', { params: { query: bodyId ? { bodyId } : {} } })),
});

/** Where a record's own page is; a corrective action is shown on its measure's page, unlinked here. */
const recordPath = (d: WrongLevelDecision): string | null =>
  d.entity === 'plan'
    ? `/planer/${d.entityId}`
    : d.entity === 'goal'
      ? `/mal/${d.entityId}`
      : d.entity === 'measure'
        ? `/atgarder/${d.entityId}`
        : null;

/**
 * Decisions taken at the wrong level, each with why (the server's judgement), who should have
 * decided and the rule's legal basis. The whole region's, or one body's (`bodyId`).
 */
export function WrongLevelTable({
  bodyId,
  caption,
  emptyText,
}: {
  bodyId?: string;
  caption: string;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const answer = useQuery(wrongLevelQuery(bodyId));
  if (answer.isPending) return <Loading />;
  if (answer.isError) return <LoadError error={answer.error} />;
  const rows = answer.data.decisions;
  if (rows.length === 0) return <Text>{emptyText}</Text>;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped withTableBorder captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('wrongLevel.decision')}</Table.Th>
            <Table.Th scope="col">{t('wrongLevel.record')}</Table.Th>
            <Table.Th scope="col">{t('wrongLevel.why')}</Table.Th>
            <Table.Th scope="col">{t('wrongLevel.required')}</Table.Th>
            <Table.Th scope="col">{t('wrongLevel.basis')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((d) => {
            const path = recordPath(d);
            return (
              <Table.Tr key={`${d.decisionId}:${d.entity}:${d.entityId}`}>
                <Table.Th scope="row">
                  <Text size="sm" fw={600}>
                    {d.citation}
                  </Text>
                  <Text size="sm">{d.decisionTitle}</Text>
                  <Text size="sm" className="muted">
                    {formatDate(d.decidedOn)}
                  </Text>
                </Table.Th>
                <Table.Td>
                  <Text size="sm">
                    {t(`wrongLevel.entity.${d.entity}`)}:{' '}
                    {path ? (
                      <Anchor component={Link} to={path}>
                        {d.recordTitle}
                      </Anchor>
                    ) : (
                      d.recordTitle
                    )}
                  </Text>
                  <Text size="sm" className="muted">
                    {d.matterLabel}
                    {d.areaBodyName ? ` · ${d.areaBodyName}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{d.reason}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {d.requiredDecisionMaker}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{d.basis}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** /beslut/fel-niva: every decision taken at the wrong level, for the board and the auditors. */
export function WrongLevelPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('wrongLevel.title')} />
      <Alert color="gray" variant="outline" mb="md">
        {t('wrongLevel.intro')}
      </Alert>
      <WrongLevelTable caption={t('wrongLevel.caption')} emptyText={t('wrongLevel.none')} />
    </>
  );
}
