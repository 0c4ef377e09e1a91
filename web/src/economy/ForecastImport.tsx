import { Alert, Button, Group, Input, Loader, Paper, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from '../app/api';
import { formatNumber } from '../app/format';
import { formatMonth } from '../steering/periods';
import { planKey } from './queries';
import type { ForecastImportResult } from './types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The month's forecasts back from the plan's Excel sheet, in two steps: the server checks the
 * whole file and reports every bad row; only then is it read in, all or nothing.
 */
export function ForecastImport({ planId, period }: { planId: string; period: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<{ file: File; period: string; result: ForecastImportResult } | null>(null);
  const [written, setWritten] = useState<{ period: string; result: ForecastImportResult } | null>(null);
  const send = useMutation({
    mutationFn: ({ file, period, dryRun }: { file: File; period: string; dryRun: boolean }) =>
      upload<ForecastImportResult>(
        `/action-plans/${encodeURIComponent(planId)}/forecasts/import?period=${period}&dryRun=${dryRun}`,
        file,
        XLSX,
      ),
    onSuccess: async (result, { file, period, dryRun }) => {
      if (dryRun) setChecked({ file, period, result });
      else {
        setChecked(null);
        setWritten({ period, result });
        await queryClient.invalidateQueries({ queryKey: planKey(planId) });
        await queryClient.invalidateQueries({ queryKey: ['measure'] });
      }
    },
  });
  const reset = () => {
    setChecked(null);
    setWritten(null);
    send.reset();
  };
  const check = (e: FormEvent) => {
    e.preventDefault();
    reset();
    if (file) send.mutate({ file, period, dryRun: true });
  };
  const error =
    send.error instanceof ApiError ? send.error : send.error ? new ApiError(0, 'network', send.error.message) : null;
  const month = formatMonth(period);
  // A check is for the month it was made for; another month needs a new check.
  const current = checked?.period === period ? checked : null;

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby="forecast-import-heading"
      className="section"
    >
      <Title order={2} size="h3" id="forecast-import-heading" mb="sm">
        {t('economy.importTitle')}
      </Title>
      <Text size="sm" mb="sm" className="prose">
        {t('economy.importIntro', { month })}
      </Text>
      <form onSubmit={check} noValidate>
        <Input.Wrapper
          label={t('economy.importFile')}
          description={t('economy.importFileHelp', { month })}
          id="forecast-import-file"
        >
          <input
            id="forecast-import-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="file-input"
            aria-describedby="forecast-import-file-description"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              reset();
            }}
          />
        </Input.Wrapper>
        <Group mt="sm">
          <Button type="submit" variant="default" disabled={!file || send.isPending}>
            {t('economy.importCheck')}
          </Button>
        </Group>
      </form>
      <div aria-live="polite" role="status">
        {send.isPending && (
          <Group gap="xs" mt="sm">
            <Loader size="sm" aria-hidden="true" />
            <Text>{send.variables?.dryRun ? t('economy.importChecking') : t('economy.importWriting')}</Text>
          </Group>
        )}
      </div>
      <div aria-live="assertive">
        {error && (
          <Alert
            color="red"
            mt="sm"
            title={
              error.fields.length > 0
                ? t('economy.importBadRows', { count: error.fields.length })
                : t('economy.importFailed')
            }
          >
            <Text>{error.message}</Text>
            {error.fields.length > 0 && (
              <ul className="error-list">
                {error.fields.map((f) => (
                  <li key={`${f.field}|${f.message}`}>
                    <strong>{f.field}</strong>: {f.message}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </div>
      <div aria-live="polite">
        {current && (
          <Alert color="blue" mt="sm" title={t('economy.importChecked')}>
            <Text>
              {t('economy.importCheckedText', {
                count: current.result.rows,
                formatted: formatNumber(current.result.rows),
                month,
              })}{' '}
              {t('economy.importChanges', {
                count: current.result.written,
                formatted: formatNumber(current.result.written),
                unchanged: formatNumber(current.result.unchanged),
              })}
            </Text>
            {current.result.written > 0 ? (
              <Button
                mt="sm"
                onClick={() => send.mutate({ file: current.file, period: current.period, dryRun: false })}
                loading={send.isPending}
              >
                {t('economy.importWrite', {
                  count: current.result.written,
                  formatted: formatNumber(current.result.written),
                })}
              </Button>
            ) : (
              <Text mt="xs">{t('economy.importNothing')}</Text>
            )}
          </Alert>
        )}
        {written && (
          <Alert color="green" mt="sm">
            {t('economy.importWritten', {
              count: written.result.written,
              formatted: formatNumber(written.result.written),
              month: formatMonth(written.period),
              unchanged: formatNumber(written.result.unchanged),
            })}
          </Alert>
        )}
      </div>
    </Paper>
  );
}
