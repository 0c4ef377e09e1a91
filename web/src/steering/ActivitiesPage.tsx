import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';
import { FormStatus, fieldError } from '../ui/forms';
import { useUnitOptions } from '../ui/options';
import { ActivityForm } from './ActivityForm';
import { formatMonth } from './periods';
import { useDefaultPeriod, useHomeUnit, useOrg } from './queries';
import { ACTIVITY_STATUSES, type Activity, type ActivityStatus } from './types';
import { EnteredBy, LoadError, Loading, PeriodInput } from './ui';
import { unitsWhere } from './writable';

/** Aktiviteter of a unit and the units below it, with the month's report. */
export function ActivitiesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const org = useOrg();
  const home = useHomeUnit();
  const unitId = params.get('unit') ?? home.unitId;
  const [reporting, setReporting] = useState<string | null>(null);
  // null: no form; 'new': a new activity; otherwise the id of the activity being changed.
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const mayCreate = unitsWhere(org.units, 'addActivity').length > 0;
  const readable = useMemo(() => unitsWhere(org.units, 'read'), [org.units]);
  const unitOptions = useUnitOptions(readable);
  const activities = useQuery({
    queryKey: ['activities', { unit: unitId }],
    queryFn: () => call(client.GET('/activities', { params: { query: { unit: unitId ?? '' } } })),
    enabled: !!unitId,
  });
  const list = activities.data?.activities ?? [];
  const selected = list.find((a) => a.id === reporting) ?? null;
  const changing = list.find((a) => a.id === editing) ?? null;
  const open = (form: 'report' | 'edit', id: string) => {
    setStatus('');
    setReporting(form === 'report' ? id : null);
    setEditing(form === 'edit' ? id : null);
  };

  return (
    <>
      <PageHeading title={t('activities.title')} />
      <Text mb="md">{t('activities.intro')}</Text>
      <Paper withBorder p="md" mb="md" radius="md">
        <Select
          label={t('activities.unitFilter')}
          description={t('activities.unitFilterHelp')}
          data={unitOptions}
          value={unitId}
          searchable
          allowDeselect={false}
          nothingFoundMessage={t('common.nothingFound')}
          onChange={(v) => v && setParams({ unit: v }, { replace: true })}
          w={420}
        />
      </Paper>
      {mayCreate && (
        <Button
          mb="md"
          aria-expanded={editing === 'new'}
          onClick={() => (editing === 'new' ? setEditing(null) : open('edit', 'new'))}
        >
          {t('activityForm.open')}
        </Button>
      )}
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      {(editing === 'new' || changing) && (
        <ActivityForm
          key={changing?.id ?? 'new'}
          activity={changing}
          defaultUnitId={unitId}
          onDone={(message) => {
            setEditing(null);
            setStatus(message);
          }}
        />
      )}
      {selected && (
        <ReportForm
          key={selected.id}
          activity={selected}
          onDone={(message) => {
            setReporting(null);
            setStatus(message);
          }}
        />
      )}
      {!unitId ? (
        home.pending ? (
          <Loading />
        ) : (
          <Text>{t('activities.noUnit')}</Text>
        )
      ) : activities.isPending ? (
        <Loading />
      ) : activities.isError ? (
        <LoadError error={activities.error} />
      ) : list.length === 0 ? (
        <Text>{t('activities.none', { unit: org.nameOf(unitId) })}</Text>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped withTableBorder captionSide="top">
            <Table.Caption>{t('activities.caption', { unit: org.nameOf(unitId) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('activities.activity')}</Table.Th>
                <Table.Th scope="col">{t('activities.unit')}</Table.Th>
                <Table.Th scope="col">{t('activities.responsible')}</Table.Th>
                <Table.Th scope="col">{t('activities.dates')}</Table.Th>
                <Table.Th scope="col">{t('activities.status')}</Table.Th>
                <Table.Th scope="col">{t('activities.progress')}</Table.Th>
                <Table.Th scope="col">{t('activities.latest')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((a) => {
                const last = a.updates.at(-1);
                return (
                  <Table.Tr key={a.id}>
                    <Table.Th scope="row">{a.title}</Table.Th>
                    <Table.Td>{org.nameOf(a.ownerUnitId)}</Table.Td>
                    <Table.Td>{a.responsibleName}</Table.Td>
                    <Table.Td>
                      {formatDate(a.startOn)} – {formatDate(a.endOn)}
                    </Table.Td>
                    <Table.Td>{t(`activityStatus.${a.status}`)}</Table.Td>
                    <Table.Td>
                      <Progress
                        value={a.progress}
                        aria-label={t('activities.progressOf', { title: a.title })}
                        w={100}
                        color="blue.8"
                      />
                      <Text size="sm">{t('activities.percent', { value: a.progress })}</Text>
                    </Table.Td>
                    <Table.Td>
                      {last ? (
                        <>
                          <Text size="sm" fw={600}>
                            {formatMonth(last.period)}
                          </Text>
                          {last.comment && <Text size="sm">{last.comment}</Text>}
                          <Text size="xs" className="muted">
                            <EnteredBy name={last.enteredByName} at={last.enteredAt} />
                          </Text>
                        </>
                      ) : (
                        <span className="muted">{t('activities.noReports')}</span>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {a.can.report && (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('activities.reportNamed', { title: a.title })}
                            onClick={() => open('report', a.id)}
                          >
                            {t('activities.report')}
                          </Button>
                        )}
                        {a.can.edit && (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('activityForm.editNamed', { title: a.title })}
                            onClick={() => open('edit', a.id)}
                          >
                            {t('common.edit')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

function ReportForm({ activity, onDone }: { activity: Activity; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fallback = useDefaultPeriod();
  const [period, setPeriod] = useState(fallback.period);
  const [status, setStatus] = useState<ActivityStatus>(activity.status);
  const [progress, setProgress] = useState<number | string>(activity.progress);
  const [comment, setComment] = useState('');
  const report = useMutation({
    mutationFn: () =>
      call(
        client.POST('/activities/{id}/reports', {
          params: { path: { id: activity.id } },
          body: { version: activity.version, period, status, progress: Number(progress), comment },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['activities'] });
      onDone(t('activities.reported', { title: activity.title, month: formatMonth(period) }));
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: ['activities'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    report.mutate();
  };
  const title = t('activities.reportTitle', { title: activity.title });
  const conflict = report.error instanceof ApiError && report.error.status === 409;
  return (
    <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-label={title}>
      <Group justify="space-between">
        <Title order={2} size="h3" mb="sm">
          {title}
        </Title>
        <Button variant="default" size="xs" onClick={() => onDone('')}>
          {t('common.close')}
        </Button>
      </Group>
      {conflict ? (
        <Alert color="orange" role="alert" title={t('common.conflictTitle')} mb="sm">
          {t('activities.conflict')}
        </Alert>
      ) : (
        <FormStatus error={report.error} />
      )}
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <PeriodInput value={period} onChange={setPeriod} label={t('activities.month')} />
          <Select
            label={t('activities.status')}
            required
            data={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activityStatus.${s}`) }))}
            value={status}
            allowDeselect={false}
            onChange={(v) => v && setStatus(v as ActivityStatus)}
            error={fieldError(report.error, 'status')}
          />
          <NumberInput
            label={t('activities.progressPercent')}
            required
            min={0}
            max={100}
            clampBehavior="strict"
            allowDecimal={false}
            value={progress}
            onChange={setProgress}
            error={fieldError(report.error, 'progress')}
          />
        </SimpleGrid>
        <Textarea
          mt="sm"
          label={t('activities.comment')}
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={fieldError(report.error, 'comment')}
        />
        {fieldError(report.error, 'period') && (
          <Text c="var(--mantine-color-error)" size="sm" mt="xs">
            {t('activities.month')}: {fieldError(report.error, 'period')}
          </Text>
        )}
        <Group mt="md">
          <Button type="submit" loading={report.isPending}>
            {t('activities.sendReport')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
