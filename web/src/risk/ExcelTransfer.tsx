import { Alert, Anchor, Button, Group, Input, Loader, Paper, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, upload } from '../app/api';
import './texts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Excel out and in for a register or a plan: a download link for everyone who reads the page,
 * and, where the page's abilities allow writing, an import form that sends the file whole and
 * lists every bad row the server names (nothing is written then).
 */
export function ExcelTransfer<T>({
  title,
  exportHref,
  importPath,
  canImport,
  help,
  summary,
  onImported,
}: {
  title: string;
  exportHref: string;
  importPath: string;
  canImport: boolean;
  help: string;
  summary: (result: T) => string;
  onImported: () => Promise<unknown> | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const send = useMutation({
    mutationFn: (f: File) => upload<T>(importPath, f, XLSX),
    onSuccess: () => onImported(),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) send.mutate(file);
  };
  const error =
    send.error instanceof ApiError ? send.error : send.error ? new ApiError(0, 'network', send.error.message) : null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={`${id}-heading`} className="section">
      <Title order={2} size="h3" id={`${id}-heading`} mb="sm">
        {title}
      </Title>
      <Anchor href={exportHref} download>
        {t('excel.export')}
      </Anchor>
      {canImport && (
        <form onSubmit={submit} noValidate>
          <Input.Wrapper label={t('excel.importFile')} description={help} id={`${id}-file`} mt="sm">
            <input
              id={`${id}-file`}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              className="file-input"
              aria-describedby={`${id}-file-description`}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                send.reset();
              }}
            />
          </Input.Wrapper>
          <Group mt="sm">
            <Button type="submit" variant="default" disabled={!file || send.isPending}>
              {t('excel.import')}
            </Button>
          </Group>
        </form>
      )}
      <div aria-live="polite" role="status">
        {send.isPending && (
          <Group gap="xs" mt="sm">
            <Loader size="sm" aria-hidden="true" />
            <Text>{t('excel.importing')}</Text>
          </Group>
        )}
        {send.data !== undefined && (
          <Alert color="green" mt="sm">
            {summary(send.data)}
          </Alert>
        )}
      </div>
      <div aria-live="assertive">
        {error && (
          <Alert color="red" mt="sm" title={t('excel.failed')}>
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
    </Paper>
  );
}
