import { Anchor, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Schema } from '../app/client';
import { measureAnalysisPath } from './queries';

/** Running measures under a unit that need a risk- och konsekvensanalys and lack a done one (issue 14). */
export function MissingAnalyses({ rows }: { rows: Schema<'Deviations'>['missingAnalyses'] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="missing-analyses-heading" className="section">
      <Title order={2} size="h3" id="missing-analyses-heading" mb="sm">
        {t('analysis.missingHeading')}
      </Title>
      {rows.length === 0 ? (
        <Text>{t('analysis.missingNone')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder captionSide="top">
            <Table.Caption>{t('analysis.missingCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('analysis.missingMeasure')}</Table.Th>
                <Table.Th>{t('analysis.shiftUnit')}</Table.Th>
                <Table.Th>{t('analysis.missingWhy')}</Table.Th>
                <Table.Th>{t('analysis.missingState')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.measureId}>
                  <Table.Td>
                    <Anchor component={Link} to={measureAnalysisPath(r.measureId)}>
                      {r.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.unitName}</Table.Td>
                  <Table.Td>
                    {r.category === 'ransonering' ? t('measureCategory.ransonering') : t('analysis.changesServiceYes')}
                  </Table.Td>
                  <Table.Td>
                    {r.analysisStatus === 'draft' ? t('analysis.badgeDraft') : t('analysis.badgeMissing')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
