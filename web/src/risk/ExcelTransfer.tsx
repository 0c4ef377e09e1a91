import { Alert, Anchor } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { upload } from '../app/api';
import { ExcelUpload, XLSX } from '../app/ExcelUpload';
import './texts';

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
  const send = useMutation({
    mutationFn: (f: File) => upload<T>(importPath, f, XLSX),
    onSuccess: () => onImported(),
  });
  return (
    <ExcelUpload
      idPrefix={id}
      title={title}
      className="section"
      intro={
        <Anchor href={exportHref} download>
          {t('excel.export')}
        </Anchor>
      }
      canUpload={canImport}
      fileLabel={t('excel.importFile')}
      fileHelp={help}
      fieldMargin="sm"
      submitLabel={t('excel.import')}
      onFileChange={() => send.reset()}
      onSubmit={(file) => send.mutate(file)}
      pending={send.isPending}
      pendingText={t('excel.importing')}
      status={
        send.data !== undefined && (
          <Alert color="green" mt="sm">
            {summary(send.data)}
          </Alert>
        )
      }
      error={send.error}
      errorTitle={() => t('excel.failed')}
    />
  );
}
