import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { call, client, type RequestBody } from '../app/client';
import { today } from '../app/format';
import { actionPlansQuery } from '../economy/queries';
import { FormPanel, SaveStatus, useDraft, useFieldError } from '../steering/formkit';
import type { Errors } from '../steering/payloads';
import { previousMonth } from '../steering/periods';
import { useOrg } from '../steering/queries';
import { unitsWhere } from '../steering/writable';
import { useUnitOptions } from '../ui/options';
import { reportPath, reportsKey } from './queries';
import { REPORT_KINDS, type ReportKind } from './types';

const SHOWN = ['kind', 'title', 'unitId', 'period', 'planId'] as const;

interface Draft {
  kind: ReportKind;
  title: string;
  unitId: string | null;
  period: string;
  planId: string | null;
}

/** What the form finds wrong before sending: the keys of the messages, per field. */
export function checkNewReport(d: Draft): Errors {
  const errors: Errors = {};
  if (!d.title.trim()) errors.title = 'reports.form.titleRequired';
  if (!d.unitId) errors.unitId = 'reports.form.unitRequired';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(d.period)) errors.period = 'reports.form.periodRequired';
  return errors;
}

/** Whether the user may start a report: they write for some unit. */
export function useMayCreateReports(): boolean {
  const org = useOrg();
  return unitsWhere(org.units, 'addReport').length > 0;
}

/** "Ny rapport": kind, title, the unit reported on, the month and optionally an action plan. */
export function NewReportForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const org = useOrg();
  const plans = useQuery(actionPlansQuery);
  const units = useMemo(() => unitsWhere(org.units, 'addReport'), [org.units]);
  const unitOptions = useUnitOptions(units);
  const { draft, set } = useDraft<Draft>(() => ({
    kind: 'month',
    title: '',
    unitId: null,
    period: previousMonth(today()),
    planId: null,
  }));
  const [clientErrors, setClientErrors] = useState<Errors>({});

  const create = useMutation({
    mutationFn: (body: RequestBody<'/reports', 'post'>) => call(client.POST('/reports', { body })),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: reportsKey });
      navigate(reportPath(id));
    },
  });
  const errorAt = useFieldError(clientErrors, create.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = checkNewReport(draft);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0 || !draft.unitId) {
      create.reset();
      return;
    }
    create.mutate({
      kind: draft.kind,
      title: draft.title.trim(),
      unitId: draft.unitId,
      period: draft.period,
      // An internkontrollrapport is the body's year, with no action plan.
      planId: draft.kind === 'internal_control' ? null : draft.planId,
    });
  };

  return (
    <FormPanel id="new-report" title={t('reports.form.title')} intro={t('reports.form.intro')} onClose={onClose}>
      <SaveStatus error={create.error} invalid={Object.keys(clientErrors).length > 0} shown={SHOWN} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('reports.form.kind')}
              required
              allowDeselect={false}
              data={REPORT_KINDS.map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
              value={draft.kind}
              onChange={(v) => v && set('kind')(v as ReportKind)}
              error={errorAt('kind')}
            />
            <TextInput
              label={t('reports.form.reportTitle')}
              required
              value={draft.title}
              onChange={(e) => set('title')(e.currentTarget.value)}
              error={errorAt('title')}
            />
            <Select
              label={t('reports.form.unit')}
              description={t('reports.form.unitHelp')}
              required
              searchable
              data={unitOptions}
              value={draft.unitId}
              onChange={set('unitId')}
              nothingFoundMessage={t('common.nothingFound')}
              error={errorAt('unitId')}
            />
            <TextInput
              type="month"
              label={t('reports.form.period')}
              description={t('reports.form.periodHelp')}
              required
              min="2000-01"
              max="2100-12"
              value={draft.period}
              onChange={(e) => set('period')(e.currentTarget.value)}
              error={errorAt('period')}
            />
            {draft.kind === 'internal_control' ? (
              <Text size="sm" c="dimmed" id="new-report-ic-help">
                {t('reports.form.internalControlHelp')}
              </Text>
            ) : (
              <Select
                label={t('reports.form.plan')}
                description={t('reports.form.planHelp')}
                clearable
                data={(plans.data?.plans ?? []).map((p) => ({ value: p.id, label: p.title }))}
                value={draft.planId}
                onChange={set('planId')}
                placeholder={t('reports.form.noPlan')}
                error={errorAt('planId')}
              />
            )}
          </SimpleGrid>
        </Stack>
        <Group mt="md">
          <Button type="submit" loading={create.isPending}>
            {t('reports.form.submit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}
