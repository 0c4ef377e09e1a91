import { Alert, Button, Group, Paper, Text, TextInput, type TextInputProps, Title } from '@mantine/core';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { fieldMessageOf, isVersionConflict, unshownFieldErrors } from './fielderrors';
import type { Errors } from './payloads';

// The pieces every steering form is built of: a panel, a draft, the error beside each field
// (checked here first, then by the server) and one status that says how the save went.

/** A draft record as typed, and a setter per field: `set('title')(value)`. */
export function useDraft<T extends object>(initial: T | (() => T)) {
  const [draft, setDraft] = useState<T>(initial);
  const set = useCallback(
    <K extends keyof T>(key: K) =>
      (value: T[K]) =>
        setDraft((d) => ({ ...d, [key]: value })),
    [],
  );
  return { draft, set, setDraft };
}

/**
 * The message to show at a field: what the form found before sending, else what the server
 * said about it (error.fields[].field).
 */
export function useFieldError(clientErrors: Errors, serverError: unknown) {
  const { t } = useTranslation();
  return (field: string): string | undefined => {
    const key = clientErrors[field];
    return key ? t(key) : fieldMessageOf(serverError, field);
  };
}

/**
 * A form in its own titled panel, with a close button when it may be closed. A panel that
 * can be closed was opened by a button: its heading takes the focus, and gives it back to
 * that button when the panel closes.
 */
export function FormPanel({
  id,
  title,
  intro,
  onClose,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  onClose?: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const opened = !!onClose;
  // Read while rendering, before the heading takes the focus (effects may run twice).
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    if (!opened) return;
    heading.current?.focus();
    return () => {
      // Closed: the focus goes back to what opened the panel, unless it has moved on.
      requestAnimationFrame(() => {
        const lost = !document.activeElement || document.activeElement === document.body;
        if (lost && opener?.isConnected) opener.focus();
      });
    };
  }, [opened, opener]);
  return (
    <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-labelledby={`${id}-heading`}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={2} size="h3" id={`${id}-heading`} ref={heading} tabIndex={-1}>
          {title}
        </Title>
        {onClose && (
          <Button variant="default" size="xs" onClick={onClose}>
            {t('common.close')}
          </Button>
        )}
      </Group>
      {intro && (
        <Text size="sm" mb="sm">
          {intro}
        </Text>
      )}
      {children}
    </Paper>
  );
}

/**
 * How a save went, announced: the form's own findings, a version conflict (the record has
 * been read again), the server's refusal — with the messages about fields the form has no
 * input for — or success.
 */
export function SaveStatus({
  error,
  invalid = false,
  shown,
  labels = {},
  success,
  conflictText,
}: {
  error: unknown;
  /** The form found fields to correct before sending. */
  invalid?: boolean;
  /** The fields the form shows its errors at. */
  shown: readonly string[];
  /** Names for fields without an input, e.g. { planId: 'Plan' }. */
  labels?: Record<string, string>;
  success?: string;
  conflictText?: string;
}) {
  const { t } = useTranslation();
  const apiError = error instanceof ApiError ? error : null;
  const others = unshownFieldErrors(error, shown);
  const atFields = apiError ? apiError.fields.length > others.length : false;
  return (
    <>
      <div aria-live="assertive">
        {invalid ? (
          <Alert color="red" title={t('common.saveFailed')} mb="sm">
            {t('common.checkFields')}
          </Alert>
        ) : isVersionConflict(error) ? (
          <Alert color="orange" title={t('common.conflictTitle')} mb="sm">
            {conflictText ?? t('common.conflict')}
          </Alert>
        ) : error ? (
          <Alert color="red" title={t('common.saveFailed')} mb="sm">
            <Text size="sm">{(error as Error).message}</Text>
            {others.length > 0 && (
              <ul className="plain-list">
                {others.map((f) => (
                  <li key={`${f.field}:${f.message}`}>
                    {labels[f.field.split('.')[0] ?? ''] ?? f.field}: {f.message}
                  </li>
                ))}
              </ul>
            )}
            {atFields && <Text size="sm">{t('common.checkFields')}</Text>}
          </Alert>
        ) : null}
      </div>
      <div aria-live="polite">
        {success && !error && !invalid && (
          <Alert color="green" mb="sm">
            {success}
          </Alert>
        )}
      </div>
    </>
  );
}

/** A calendar date, held as ÅÅÅÅ-MM-DD; the browser shows its date picker in the user's format. */
export function DateField(props: Omit<TextInputProps, 'type' | 'onChange'> & { onChange: (value: string) => void }) {
  const { onChange, ...rest } = props;
  return (
    <TextInput
      type="date"
      min="2000-01-01"
      max="2100-12-31"
      {...rest}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
