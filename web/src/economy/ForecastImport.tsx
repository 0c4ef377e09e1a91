import { Alert, Button, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../app/api';
import { ExcelUpload, XLSX } from '../app/ExcelUpload';
import { formatNumber } from '../app/format';
import { formatMonth } from '../steering/periods';
import { planKey } from './queries';
import type { ForecastImportResult } from './types';

/**
 * The month's forecasts back from the plan's Excel sheet, in two steps: the server checks the
 * whole file and reports every bad row; only then is it read in, all or nothing.
 */
export function ForecastImport({ planId, period }: { planId: string; period: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
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
  const month = formatMonth(period);
  // A check is for the month it was made for; another month needs a new check.
  const current = checked?.period === period ? checked : null;

  return (
    <ExcelUpload
      idPrefix="forecast-import"
      title={t('economy.importTitle')}
      className="section"
      intro={
        <Text size="sm" mb="sm" className="prose">
          {t('economy.importIntro', { month })}
        </Text>
      }
      fileLabel={t('economy.importFile')}
      fileHelp={t('economy.importFileHelp', { month })}
      submitLabel={t('economy.importCheck')}
      onFileChange={reset}
      onSubmit={(file) => {
        reset();
        send.mutate({ file, period, dryRun: true });
      }}
      pending={send.isPending}
      pendingText={send.variables?.dryRun ? t('economy.importChecking') : t('economy.importWriting')}
      error={send.error}
      errorTitle={(error) =>
        error.fields.length > 0 ? t('economy.importBadRows', { count: error.fields.length }) : t('economy.importFailed')
      }
    >
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
    </ExcelUpload>
  );
}
