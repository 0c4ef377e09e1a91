import { Alert, Button, Group, Paper, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { formatMonth } from '../steering/periods';
import { kronorJson, mnkrInputText, parseMnkrInput } from './money';
import { measureKey, planKey } from './queries';
import type { Measure } from './types';

/**
 * A unit's report on a measure for the month: the forecast of the year's net effect and the
 * outcome so far, in mnkr, and a comment. A stale measure starts from its newest figures.
 */
export function ReportForm({ measure, period }: { measure: Measure; period: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const last = measure.lastReport;
  const [forecast, setForecast] = useState(last ? mnkrInputText(measure.forecast) : '');
  const [outcome, setOutcome] = useState(last ? mnkrInputText(measure.outcome) : '');
  const [comment, setComment] = useState(last?.period === period ? last.comment : '');
  const [errors, setErrors] = useState<{ forecast?: string; outcome?: string; comment?: string }>({});
  const [saved, setSaved] = useState('');
  const month = formatMonth(period);

  const save = useMutation({
    mutationFn: (body: { forecastKr: bigint; outcomeKr: bigint | null }) =>
      call(
        client.POST('/measures/{id}/reports', {
          params: { path: { id: measure.id } },
          body: {
            version: measure.version,
            period,
            forecastKr: kronorJson(body.forecastKr),
            outcomeKr: body.outcomeKr === null ? null : kronorJson(body.outcomeKr),
            comment: comment.trim(),
          },
        }),
      ),
    onSuccess: () => setSaved(t('economy.reportSaved', { month })),
    onError: (e) => {
      if (e instanceof ApiError && e.status === 422)
        setErrors({
          forecast: e.fieldMessage('forecastKr'),
          outcome: e.fieldMessage('outcomeKr'),
          comment: e.fieldMessage('comment'),
        });
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: measureKey(measure.id) });
      await queryClient.invalidateQueries({ queryKey: planKey(measure.planId) });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved('');
    save.reset();
    const f = parseMnkrInput(forecast);
    const o = outcome.trim() === '' ? null : parseMnkrInput(outcome);
    const next = {
      forecast: f.ok ? undefined : t(`economy.invalidMnkr.${f.reason}`),
      outcome: o === null || o.ok ? undefined : t(`economy.invalidMnkr.${o.reason}`),
    };
    setErrors(next);
    if (!f.ok) return document.getElementById('report-forecast')?.focus();
    if (o !== null && !o.ok) return document.getElementById('report-outcome')?.focus();
    save.mutate({ forecastKr: f.kronor, outcomeKr: o === null ? null : o.kronor });
  };

  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const general = save.error && !conflict && !(save.error instanceof ApiError && save.error.status === 422);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="report-heading" className="section">
      <Title order={2} size="h3" id="report-heading" mb="sm">
        {t('economy.reportHeading', { month })}
      </Title>
      <div aria-live="assertive">
        {conflict && (
          <Alert color="orange" title={t('economy.conflictTitle')} mb="sm">
            {t('economy.conflict', { title: measure.title })}
          </Alert>
        )}
        {general && (
          <Alert color="red" title={t('common.saveFailed')} mb="sm">
            {save.error?.message}
          </Alert>
        )}
      </div>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            id="report-forecast"
            label={t('economy.reportForecast')}
            description={t('economy.mnkrHelp')}
            inputMode="decimal"
            autoComplete="off"
            required
            value={forecast}
            error={errors.forecast}
            onChange={(e) => setForecast(e.currentTarget.value)}
            w={240}
          />
          <TextInput
            id="report-outcome"
            label={t('economy.reportOutcome')}
            description={t('economy.mnkrHelpOptional')}
            inputMode="decimal"
            autoComplete="off"
            value={outcome}
            error={errors.outcome}
            onChange={(e) => setOutcome(e.currentTarget.value)}
            w={240}
          />
        </Group>
        <Textarea
          mt="sm"
          label={t('economy.reportComment')}
          autosize
          minRows={2}
          maxLength={2000}
          value={comment}
          error={errors.comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Button type="submit" mt="sm" loading={save.isPending}>
          {t('economy.reportSave')}
        </Button>
      </form>
      <p aria-live="polite" className="status-message">
        {saved}
      </p>
    </Paper>
  );
}
