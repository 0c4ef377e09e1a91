import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';

/** The server's message for a field, to show next to that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldMessage(field) : undefined;
}

/**
 * Announces a form's outcome: the error the server gave when no field carries it, or a
 * success message. Rendered always so screen readers notice when its content changes.
 */
export function FormStatus({ error, success }: { error: unknown; success?: string }) {
  const { t } = useTranslation();
  const apiError = error instanceof ApiError ? error : null;
  const general = error && !(apiError && apiError.fields.length > 0) ? (error as Error).message : null;
  return (
    <>
      <div aria-live="assertive">
        {general && (
          <Alert
            color="red"
            title={apiError?.status === 409 ? t('common.conflictTitle') : t('common.saveFailed')}
            mb="sm"
          >
            {apiError?.status === 409 ? t('common.conflict') : general}
          </Alert>
        )}
        {apiError && apiError.fields.length > 0 && (
          <Alert color="red" title={t('common.saveFailed')} mb="sm">
            {t('common.checkFields')}
          </Alert>
        )}
      </div>
      <div aria-live="polite">
        {success && !error && (
          <Alert color="green" mb="sm">
            {success}
          </Alert>
        )}
      </div>
    </>
  );
}
