import { Alert, Button, Group, Input, Loader, Paper, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from '../app/api';
import { formatNumber } from '../app/format';
import type { ImportResult } from './types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Reads values from an Excel file in two steps: the server checks the whole file first and
 * reports every bad row; only then is it written, all or nothing.
 */
export function ValueImport() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
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
  const check = (e: FormEvent) => {
    e.preventDefault();
    setChecked(null);
    setWritten(null);
    if (file) send.mutate({ file, dryRun: true });
  };
  const error =
    send.error instanceof ApiError ? send.error : send.error ? new ApiError(0, 'network', send.error.message) : null;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="import-heading">
      <Title order={2} size="h3" id="import-heading" mb="sm">
        {t('values.importTitle')}
      </Title>
      <Text size="sm" mb="sm">
        {t('values.importIntro')}
      </Text>
      <form onSubmit={check} noValidate>
        <Input.Wrapper label={t('values.importFile')} description={t('values.importFileHelp')} id="import-file">
          <input
            id="import-file"
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="file-input"
            aria-describedby="import-file-description"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setChecked(null);
              setWritten(null);
              send.reset();
            }}
          />
        </Input.Wrapper>
        <Group mt="sm">
          <Button type="submit" variant="default" disabled={!file || send.isPending}>
            {t('values.importCheck')}
          </Button>
        </Group>
      </form>
      <div aria-live="polite" role="status">
        {send.isPending && (
          <Group gap="xs" mt="sm">
            <Loader size="sm" aria-hidden="true" />
            <Text>{t('values.importReading')}</Text>
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
                ? t('values.importBadRows', { count: error.fields.length })
                : t('values.importFailed')
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
      </div>
    </Paper>
  );
}
