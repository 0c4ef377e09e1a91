import { Alert, Button, Group, NativeSelect, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { call, client, type Schema } from '../app/client';
import { BODY_KINDS, type BodyKind, LEVELS, type Level } from '../app/types';
import { formatMnkr, kronorJson, mnkrInputText, parseMnkrInput } from '../economy/money';
import { FormStatus } from '../ui/forms';

/** A level of the delegation order; `maxAmountKr` is whole kronor as digits, null for no limit. */
export type DelegationLevel = Schema<'DelegationLevel'>;

interface Row {
  key: number;
  name: string;
  /** 'level:enhet' or 'body:namnd'. */
  who: string;
  /** Typed mnkr; empty for no limit. */
  limit: string;
}

export const delegationQuery = {
  queryKey: ['delegation-levels'],
  queryFn: () => call(client.GET('/delegation-levels')),
};

const toRow = (l: DelegationLevel, key: number): Row => ({
  key,
  name: l.name,
  who: l.unitLevel ? `level:${l.unitLevel}` : `body:${l.bodyKind}`,
  limit: mnkrInputText(l.maxAmountKr),
});

/**
 * The delegation order: who may decide up to what amount, lowest first. Measures and corrective
 * actions show the level that must decide them from this order.
 */
export function DelegationAdmin() {
  const levels = useQuery(delegationQuery);
  if (!levels.data) return null;
  return <DelegationForm levels={levels.data.levels} />;
}

function DelegationForm({ levels }: { levels: DelegationLevel[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<Row[]>(levels.map(toRow));
  const [problems, setProblems] = useState<Record<number, string>>({});
  const whoOptions = [
    ...LEVELS.map((l) => ({ value: `level:${l}`, label: t('delegation.official', { level: t(`level.${l}`) }) })),
    ...BODY_KINDS.map((k) => ({ value: `body:${k}`, label: t(`bodyKind.${k}`) })),
  ];
  const save = useMutation({
    mutationFn: () => {
      const parsed = rows.map((r) => (r.limit.trim() === '' ? null : parseMnkrInput(r.limit)));
      const bad: Record<number, string> = {};
      parsed.forEach((p, i) => {
        if (p && !p.ok) bad[i] = t(`delegation.bad.${p.reason}`);
      });
      setProblems(bad);
      if (Object.keys(bad).length > 0) throw new Error(t('delegation.fix'));
      const levels = rows.map((r, i) => {
        const [kind, value] = r.who.split(':');
        const p = parsed[i];
        return {
          name: r.name,
          unitLevel: kind === 'level' ? (value as Level) : null,
          bodyKind: kind === 'body' ? (value as BodyKind) : null,
          maxAmountKr: p?.ok ? kronorJson(p.kronor) : null,
        };
      });
      return call(client.PUT('/delegation-levels', { body: { levels } }));
    },
    onSuccess: (saved) => {
      // The form stays (and says it saved); its rows become what the server stored.
      setRows(saved.levels.map(toRow));
      queryClient.setQueryData(['delegation-levels'], saved);
    },
  });
  // The server names a row's field as levels.N.field.
  const serverProblem = (i: number) =>
    save.error instanceof ApiError
      ? save.error.fields.find((f) => f.field.startsWith(`levels.${i}.`))?.message
      : undefined;
  const update = (i: number, change: Partial<Row>) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...change } : r)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Title order={2} size="h3" mb="xs">
        {t('delegation.title')}
      </Title>
      <Alert color="blue" mb="sm">
        {t('delegation.intro')}
      </Alert>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder captionSide="top">
          <Table.Caption>{t('delegation.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('delegation.rank')}</Table.Th>
              <Table.Th scope="col">{t('delegation.name')}</Table.Th>
              <Table.Th scope="col">{t('delegation.who')}</Table.Th>
              <Table.Th scope="col">{t('delegation.limit')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.key}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('delegation.nameOf', { rank: i + 1 })}
                    value={r.name}
                    onChange={(e) => update(i, { name: e.currentTarget.value })}
                    required
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={t('delegation.whoOf', { rank: i + 1 })}
                    data={whoOptions}
                    value={r.who}
                    onChange={(e) => update(i, { who: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('delegation.limitOf', { rank: i + 1 })}
                    inputMode="decimal"
                    value={r.limit}
                    placeholder={t('delegation.noLimit')}
                    onChange={(e) => update(i, { limit: e.currentTarget.value })}
                    error={problems[i] ?? serverProblem(i)}
                    description={
                      r.limit.trim() !== '' && parseMnkrInput(r.limit).ok
                        ? formatMnkr((parseMnkrInput(r.limit) as { kronor: bigint }).kronor)
                        : undefined
                    }
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
                    aria-label={t('delegation.removeOf', { name: r.name || i + 1 })}
                  >
                    {t('delegation.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group mt="sm">
        <Button
          variant="default"
          onClick={() => setRows((rs) => [...rs, { key: Date.now(), name: '', who: 'level:enhet', limit: '' }])}
        >
          {t('delegation.add')}
        </Button>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Group>
      <FormStatus error={save.error} success={save.isSuccess ? t('delegation.saved') : undefined} />
    </form>
  );
}
