import { Alert, Button, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../app/api';
import { ExcelUpload, XLSX } from '../app/ExcelUpload';
import { formatNumber } from '../app/format';
import type { ImportResult } from './types';

/**
 * Reads values from an Excel file in two steps: the server checks the whole file first and
 * reports every bad row; only then is it written, all or nothing.
 */
export function ValueImport() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [checked, setChecked] = useState<{ file: File; result: ImportResult } | null>(null);
  const [written, setWritten] = useState<ImportResult | null>(null);
  const send = useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      upload<ImportResult>(`/values/import?dryRun=${dryRun}`, file, XLSX),
    onSuccess: async (result, { file, dryRun }) => {
      if (dryRun) setChecked({ file, result });
      else {
        setChecked(null);
        setWritten(result);
        await queryClient.invalidateQueries({ queryKey: ['values'] });
        await queryClient.invalidateQueries({ queryKey: ['scorecard'] });
        await queryClient.invalidateQueries({ queryKey: ['indicator-across'] });
      }
    },
  });
  const reset = () => {
    setChecked(null);
    setWritten(null);
  };

  return (
    <ExcelUpload
      idPrefix="import"
      title={t('values.importTitle')}
      intro={
        <Text size="sm" mb="sm">
          {t('values.importIntro')}
        </Text>
      }
      fileLabel={t('values.importFile')}
      fileHelp={t('values.importFileHelp')}
      submitLabel={t('values.importCheck')}
      onFileChange={() => {
        reset();
        send.reset();
      }}
      onSubmit={(file) => {
        reset();
        send.mutate({ file, dryRun: true });
      }}
      pending={send.isPending}
      pendingText={t('values.importReading')}
      error={send.error}
      errorTitle={(error) =>
        error.fields.length > 0 ? t('values.importBadRows', { count: error.fields.length }) : t('values.importFailed')
      }
    >
      {checked && (
        <Alert color="blue" mt="sm" title={t('values.importChecked')}>
          <Text>
            {t('values.importCheckedText', {
              count: checked.result.rows,
              formatted: formatNumber(checked.result.rows),
            })}
            {checked.result.removed
              ? ` ${t('values.importRemoves', { count: checked.result.removed, formatted: formatNumber(checked.result.removed) })}`
              : ''}
          </Text>
          <Button mt="sm" onClick={() => send.mutate({ file: checked.file, dryRun: false })} loading={send.isPending}>
            {t('values.importWrite', { count: checked.result.rows, formatted: formatNumber(checked.result.rows) })}
          </Button>
        </Alert>
      )}
      {written && (
        <Alert color="green" mt="sm">
          {t('values.importWritten', { count: written.written, formatted: formatNumber(written.written) })}
        </Alert>
      )}
    </ExcelUpload>
  );
}
