import { Anchor, Badge, Button, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatNumber } from '../app/format';
import { PageHeading } from '../app/page';
import { formatMonth } from '../steering/periods';
import { LoadError, Loading } from '../steering/ui';
import { ColumnHeads, numeric } from '../ui/tables';
import { dayOf, meetingLabel, notedFlag, outcomeKey, seriesSize, sortSeries } from './labels';
import { NewReportForm, useMayCreateReports } from './NewReportForm';
import { reportPath, reportsQuery } from './queries';
import type { ReportListItem, Series } from './types';

/** "Informerad 3 gånger i rad utan beslut", said in words beside the colour. */
export function NotedFlag({ series }: { series: Pick<Series, 'notedInARow' | 'flagged'> }) {
  const { t } = useTranslation();
  const count = notedFlag(series);
  if (count === null) return null;
  return (
    <Badge color="orange" variant="light" className="badge-dark warning-badge" component="span">
      {t('reports.notedInARow', { count, formatted: formatNumber(count) })}
    </Badge>
  );
}

function SeriesTable({ series }: { series: Series[] }) {
  const { t } = useTranslation();
  const sorted = sortSeries(series);
  const flagged = sorted.filter((s) => notedFlag(s) !== null).length;
  return (
    <section aria-labelledby="series-heading" className="section">
      <Title order={2} size="h3" id="series-heading" mb="xs">
        {t('reports.seriesHeading')}
      </Title>
      <Text size="sm" mb="sm" className="prose">
        {t('reports.seriesIntro')}
      </Text>
      {sorted.length === 0 ? (
        <Text>{t('reports.noSeries')}</Text>
      ) : (
        <>
          <Text mb="xs" fw={600}>
            {flagged > 0
              ? t('reports.seriesFlagged', { count: flagged, formatted: formatNumber(flagged) })
              : t('reports.seriesNoneFlagged')}
          </Text>
          <Table.ScrollContainer minWidth={960}>
            <Table withTableBorder striped captionSide="top">
              <Table.Caption className="visually-hidden">{t('reports.seriesCaption')}</Table.Caption>
              <ColumnHeads
                columns={[
                  t('reports.col.body'),
                  t('reports.col.unit'),
                  numeric(t('reports.col.reports')),
                  numeric(t('reports.col.notedInARow')),
                  t('reports.col.flag'),
                  t('reports.col.history'),
                ]}
              />
              <Table.Tbody>
                {sorted.map((s) => (
                  <Table.Tr key={`${s.bodyName}|${s.unitName}`} data-flagged={notedFlag(s) !== null}>
                    <Table.Th scope="row" fw="normal">
                      {s.bodyName}
                    </Table.Th>
                    <Table.Td>{s.unitName}</Table.Td>
                    <Table.Td ta="right">{formatNumber(seriesSize(s))}</Table.Td>
                    <Table.Td ta="right">{formatNumber(s.notedInARow)}</Table.Td>
                    <Table.Td>
                      <NotedFlag series={s} />
                    </Table.Td>
                    <Table.Td>
                      {s.reports.length > 0 ? (
                        <ol className="plain-list series-history">
                          {s.reports.map((r) => (
                            <li key={r.id}>
                              <Anchor component={Link} to={reportPath(r.id)} size="sm">
                                {r.meetsOn ?? r.title}
                                {r.meetsOn && <span className="visually-hidden">, {r.title}</span>}
                              </Anchor>
                              {': '}
                              <Text span size="sm">
                                {r.outcome ? t(outcomeKey(r.outcome)) : t('reports.noDecisionYet')}
                              </Text>
                            </li>
                          ))}
                        </ol>
                      ) : (
                        '–'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </section>
  );
}

function StatusText({ report }: { report: ReportListItem }) {
  const { t } = useTranslation();
  if (report.status === 'sent' && report.sentAt)
    return <>{t('reports.sentOn', { date: formatDate(dayOf(report.sentAt)) })}</>;
  return <>{report.status === 'sent' ? t('reports.statusSent') : t('reports.statusDraft')}</>;
}

function ReportTable({ reports }: { reports: ReportListItem[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="report-list-heading" className="section">
      <Title order={2} size="h3" id="report-list-heading" mb="sm">
        {t('reports.listHeading')}
      </Title>
      {reports.length === 0 ? (
        <Text>{t('reports.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={1040}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>
              {t('reports.listCaption', { count: reports.length, formatted: formatNumber(reports.length) })}
            </Table.Caption>
            <ColumnHeads
              columns={[
                t('reports.col.title'),
                t('reports.col.kind'),
                t('reports.col.unit'),
                t('reports.col.period'),
                t('reports.col.status'),
                t('reports.col.meeting'),
                t('reports.col.outcome'),
              ]}
            />
            <Table.Tbody>
              {reports.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component={Link} to={reportPath(r.id)}>
                      {r.title}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{t(`reports.kind.${r.kind}`)}</Table.Td>
                  <Table.Td>{r.unitName}</Table.Td>
                  <Table.Td className="nowrap">{formatMonth(r.period)}</Table.Td>
                  <Table.Td>
                    <StatusText report={r} />
                  </Table.Td>
                  <Table.Td>
                    {r.meeting ? (
                      <>
                        {r.meeting.bodyName}{' '}
                        <span className="nowrap">{meetingLabel({ ...r.meeting, bodyName: '' }).trim()}</span>
                      </>
                    ) : (
                      '–'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {r.outcome ? t(outcomeKey(r.outcome)) : r.meeting ? t('reports.noDecisionYet') : '–'}
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

/** Rapporter: every board report, what the boards did with them, and the series that only got noted. */
export function ReportsPage() {
  const { t } = useTranslation();
  const list = useQuery(reportsQuery);
  const mayCreate = useMayCreateReports();
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeading title={t('reports.title')} />
      <Text mb="md" className="prose">
        {t('reports.intro')}
      </Text>
      {mayCreate && (
        <Button mb="md" aria-expanded={creating} onClick={() => setCreating((open) => !open)}>
          {t('reports.form.open')}
        </Button>
      )}
      {creating && <NewReportForm onClose={() => setCreating(false)} />}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} />
      ) : (
        <>
          <SeriesTable series={list.data.series} />
          <ReportTable reports={list.data.reports} />
        </>
      )}
    </>
  );
}
