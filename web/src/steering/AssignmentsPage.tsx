import { Badge, Button, Checkbox, Paper, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useMe } from '../app/auth';
import { call, client } from '../app/client';
import { formatDate, formatNumber } from '../app/format';
import { PageHeading } from '../app/page';
import { AssignmentForm, AssignmentReportForm, useAssigningBodies } from './AssignmentForm';
import { useHomeUnit, useOrg } from './queries';
import type { Assignment } from './types';
import { LoadError, Loading } from './ui';

/** Uppdrag from the political bodies, with report-backs that are late. */
export function AssignmentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // Kept here as well as in the address, so the box changes at once when clicked.
  const [overdueOnly, setOverdueOnly] = useState(params.get('overdue') === 'true');
  const me = useMe().data;
  const org = useOrg();
  const home = useHomeUnit();
  // Without the whole organisation to read, the server answers for one assignee unit.
  const wholeOrg = !!me?.can.readAll;
  const unit = wholeOrg ? null : home.unitId;
  const assignments = useQuery({
    queryKey: ['assignments', { overdue: overdueOnly, unit }],
    queryFn: () =>
      call(
        client.GET('/assignments', {
          params: { query: { overdue: overdueOnly ? 'true' : undefined, unitId: unit ?? undefined } },
        }),
      ),
    enabled: !org.isPending && (wholeOrg || unit !== null),
    placeholderData: keepPreviousData,
  });
  const list = assignments.data?.assignments ?? [];
  const assigningBodies = useAssigningBodies();
  const [creating, setCreating] = useState(false);
  const [reporting, setReporting] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const selected = list.find((a) => a.id === reporting) ?? null;
  // The assignee reports back; the server says who that is, by the rule it enforces.
  const mayReport = (a: Assignment) => a.can.report;
  const done = (message: string) => {
    setCreating(false);
    setReporting(null);
    setStatus(message);
  };
  const assignee = (a: Assignment) =>
    [a.assigneeUnitId ? org.nameOf(a.assigneeUnitId) : null, a.assigneeName].filter(Boolean).join(', ') || '—';

  return (
    <>
      <PageHeading title={t('assignments.title')} />
      <Text mb="md">{t('assignments.intro')}</Text>
      {unit && <Text mb="md">{t('assignments.scoped', { unit: org.nameOf(unit) })}</Text>}
      {assigningBodies.length > 0 && (
        <Button
          mb="md"
          aria-expanded={creating}
          onClick={() => {
            setStatus('');
            setReporting(null);
            setCreating((open) => !open);
          }}
        >
          {t('assignmentForm.open')}
        </Button>
      )}
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      {creating && <AssignmentForm onDone={done} />}
      {selected && <AssignmentReportForm key={selected.id} assignment={selected} onDone={done} />}
      <Paper withBorder p="md" mb="md" radius="md">
        <Checkbox
          label={t('assignments.overdueOnly')}
          checked={overdueOnly}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setOverdueOnly(checked);
            setParams(checked ? { overdue: 'true' } : {}, { replace: true });
          }}
        />
      </Paper>
      <p aria-live="polite" className="visually-hidden">
        {assignments.isSuccess
          ? t('assignments.count', { count: list.length, formatted: formatNumber(list.length) })
          : ''}
      </p>
      {assignments.isPending ? (
        <Loading />
      ) : assignments.isError ? (
        <LoadError error={assignments.error} />
      ) : list.length === 0 ? (
        <Text>{overdueOnly ? t('assignments.noneOverdue') : t('assignments.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{overdueOnly ? t('assignments.captionOverdue') : t('assignments.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('assignments.assignment')}</Table.Th>
                <Table.Th scope="col">{t('assignments.from')}</Table.Th>
                <Table.Th scope="col">{t('assignments.to')}</Table.Th>
                <Table.Th scope="col">{t('assignments.dueOn')}</Table.Th>
                <Table.Th scope="col">{t('assignments.reportBackOn')}</Table.Th>
                <Table.Th scope="col">{t('assignments.status')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row" fw="normal">
                    <Text fw={600} component="span">
                      {a.title}
                    </Text>
                    {a.description && (
                      <Text size="sm" className="muted">
                        {a.description}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>{a.bodyName}</Table.Td>
                  <Table.Td>{assignee(a)}</Table.Td>
                  <Table.Td className="nowrap">{formatDate(a.dueOn)}</Table.Td>
                  <Table.Td className="nowrap">{a.reportBackOn ? formatDate(a.reportBackOn) : '—'}</Table.Td>
                  <Table.Td>
                    {t(`assignmentStatus.${a.status}`)}
                    {a.reportedOn && ` ${t('assignments.reportedOn', { date: formatDate(a.reportedOn) })}`}
                    {a.overdue && (
                      <>
                        <br />
                        <Badge color="red" variant="light" className="badge-dark warning-badge">
                          {t('assignments.overdue')}
                        </Badge>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {mayReport(a) && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('assignmentReport.openNamed', { title: a.title })}
                        onClick={() => {
                          setStatus('');
                          setCreating(false);
                          setReporting(a.id);
                        }}
                      >
                        {t('assignmentReport.open')}
                      </Button>
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
