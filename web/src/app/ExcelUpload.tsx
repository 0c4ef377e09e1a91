import { Alert, Button, Group, Input, Loader, Paper, Text, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError } from './api';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What a failed upload says: the server's error with the rows it named, or a network failure. */
export const uploadError = (error: Error | null): ApiError | null =>
  error instanceof ApiError ? error : error ? new ApiError(0, 'network', error.message) : null;

/**
 * The one Excel upload section of the web: a heading, a file field and its button, a status
 * line while the server reads, and the server's refusal with every bad row it named. What is
 * sent, and what a reading answered, belong to the caller (`onSubmit`, `children`).
 */
export function ExcelUpload({
  idPrefix,
  title,
  className,
  intro,
  canUpload = true,
  fileLabel,
  fileHelp,
  fieldMargin,
  submitLabel,
  onFileChange,
  onSubmit,
  pending,
  pendingText,
  status,
  error,
  errorTitle,
  children,
}: {
  /** Prefix of the heading's and the file field's ids (`<prefix>-heading`, `<prefix>-file`). */
  idPrefix: string;
  title: string;
  className?: string;
  /** What stands between the heading and the form. */
  intro: ReactNode;
  /** Without it, readers see the heading and the intro but no form. */
  canUpload?: boolean;
  fileLabel: string;
  fileHelp: string;
  fieldMargin?: 'sm';
  submitLabel: string;
  /** A new file makes any earlier answer stale. */
  onFileChange: () => void;
  onSubmit: (file: File) => void;
  pending: boolean;
  pendingText: string;
  /** Announced with the status line, e.g. a one-step upload's result. */
  status?: ReactNode;
  error: Error | null;
  errorTitle: (error: ApiError) => string;
  /** The answer of a reading (announced politely), when the caller has one. */
  children?: ReactNode;
}) {
  const [file, setFile] = useState<File | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) onSubmit(file);
  };
  const failure = uploadError(error);
  const fileId = `${idPrefix}-file`;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-labelledby={`${idPrefix}-heading`}
      className={className}
    >
      <Title order={2} size="h3" id={`${idPrefix}-heading`} mb="sm">
        {title}
      </Title>
      {intro}
      {canUpload && (
        <form onSubmit={submit} noValidate>
          <Input.Wrapper label={fileLabel} description={fileHelp} id={fileId} mt={fieldMargin}>
            <input
              id={fileId}
              type="file"
              accept={`.xlsx,${XLSX}`}
              className="file-input"
              aria-describedby={`${fileId}-description`}
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                onFileChange();
              }}
            />
          </Input.Wrapper>
          <Group mt="sm">
            <Button type="submit" variant="default" disabled={!file || pending}>
              {submitLabel}
            </Button>
          </Group>
        </form>
      )}
      <div aria-live="polite" role="status">
        {pending && (
          <Group gap="xs" mt="sm">
            <Loader size="sm" aria-hidden="true" />
            <Text>{pendingText}</Text>
          </Group>
        )}
        {status}
      </div>
      <div aria-live="assertive">
        {failure && (
          <Alert color="red" mt="sm" title={errorTitle(failure)}>
            <Text>{failure.message}</Text>
            {failure.fields.length > 0 && (
              <ul className="error-list">
                {failure.fields.map((f) => (
                  <li key={`${f.field}|${f.message}`}>
                    <strong>{f.field}</strong>: {f.message}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </div>
      {children !== undefined && <div aria-live="polite">{children}</div>}
    </Paper>
  );
}
