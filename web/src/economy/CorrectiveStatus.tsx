import { NativeSelect, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CORRECTIVE_STATUSES } from '../../../domain/economy/measures';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';

type Status = (typeof CORRECTIVE_STATUSES)[number];

/**
 * A corrective action's status: a choice for who may follow it up (its `can.edit` from the
 * server), plain text for everyone else and once it is done.
 */
export function CorrectiveStatus({
  action,
  invalidateKey,
}: {
  action: { id: string; version: number; what: string; status: Status; can: { edit: boolean } };
  invalidateKey: readonly unknown[];
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (status: Status) =>
      call(
        client.PATCH('/corrective-actions/{id}', {
          params: { path: { id: action.id } },
          body: { version: action.version, status },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invalidateKey }),
  });
  const label = t(`correctiveStatus.${action.status}`);
  if (!action.can.edit) return <>{label}</>;
  return (
    <>
      <NativeSelect
        size="xs"
        aria-label={`${t('economy.status')}: ${action.what}`}
        data={CORRECTIVE_STATUSES.map((s) => ({ value: s, label: t(`correctiveStatus.${s}`) }))}
        value={action.status}
        disabled={change.isPending}
        onChange={(e) => change.mutate(e.currentTarget.value as Status)}
      />
      <div aria-live="polite">
        {change.error && (
          <Text size="sm" c="red">
            {change.error instanceof ApiError && change.error.status === 409
              ? t('common.conflict')
              : change.error.message}
          </Text>
        )}
      </div>
    </>
  );
}
