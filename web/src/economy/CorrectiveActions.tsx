import { Alert, Button, Group, Paper, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { formatDate } from '../app/format';
import { CompetenceNote } from '../competence/CompetenceNote';
import { FormStatus } from '../ui/forms';
import { CorrectiveStatus } from './CorrectiveStatus';
import { kronorJson, parseMnkrInput } from './money';
import { measureKey } from './queries';
import type { Measure } from './types';
import { Money } from './ui';

type Field = 'what' | 'responsibleName' | 'dueOn' | 'amountKr';

/** Corrective actions against a deviation, with the level that must decide each; a form for those who may. */
export function CorrectiveActions({ measure, mayWrite }: { measure: Measure; mayWrite: boolean }) {
  const { t } = useTranslation();
  const actions = measure.correctiveActions;
  return (
    <section aria-labelledby="corrective-heading" className="section">
      <Title order={2} size="h3" id="corrective-heading" mb="sm">
        {t('economy.correctiveHeading')}
      </Title>
      {measure.deviates && <Text mb="sm">{t('economy.correctiveNeeded')}</Text>}
      {actions.length === 0 ? (
        <Text mb="sm">{t('economy.correctiveNone')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder striped captionSide="top" className="figures-table">
            <Table.Caption>{t('economy.correctiveCaption', { title: measure.title })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('economy.correctiveWhat')}</Table.Th>
                <Table.Th scope="col">{t('economy.correctiveResponsible')}</Table.Th>
                <Table.Th scope="col">{t('economy.correctiveDue')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('economy.correctiveAmount')}
                </Table.Th>
                <Table.Th scope="col">{t('economy.status')}</Table.Th>
                <Table.Th scope="col">{t('economy.decisionLevel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {actions.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row" fw="normal">
                    {a.what}
                  </Table.Th>
                  <Table.Td>{a.responsibleName}</Table.Td>
                  <Table.Td className="nowrap">{formatDate(a.dueOn)}</Table.Td>
                  <Table.Td ta="right">
                    <Money kr={a.amountKr} />
                  </Table.Td>
                  <Table.Td>
                    <CorrectiveStatus action={a} invalidateKey={measureKey(measure.id)} />
                  </Table.Td>
                  <Table.Td>
                    {a.decisionLevel ?? '–'}
                    <CompetenceNote entity="corrective_action" id={a.id} version={a.version} compact />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {mayWrite && (
        <CorrectiveForm
          idPrefix="corrective"
          invalidateKey={measureKey(measure.id)}
          save={async (body) =>
            (
              await call(
                client.POST('/measures/{id}/corrective-actions', { params: { path: { id: measure.id } }, body }),
              )
            ).decisionLevel
          }
        />
      )}
    </section>
  );
}

export interface CorrectiveBody {
  what: string;
  responsibleName: string;
  dueOn: string;
  amountKr?: number | string;
}

/**
 * The form for a corrective action against a deviation, for a measure or an indicator:
 * `save` posts it and answers with the level that must decide it; `children` come first in
 * the form (e.g. which indicator it answers).
 */
export function CorrectiveForm({
  idPrefix,
  save,
  invalidateKey,
  children,
}: {
  idPrefix: string;
  save: (body: CorrectiveBody) => Promise<string | null>;
  invalidateKey: readonly unknown[];
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const empty = { what: '', responsibleName: '', dueOn: '', amount: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saved, setSaved] = useState('');
  const add = useMutation({
    mutationFn: save,
    onSuccess: async (level) => {
      setForm(empty);
      setSaved(level ? t('economy.correctiveSavedLevel', { level }) : t('economy.correctiveSaved'));
      await queryClient.invalidateQueries({ queryKey: invalidateKey });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.fields.length > 0)
        setErrors({
          what: e.fieldMessage('what'),
          responsibleName: e.fieldMessage('responsibleName'),
          dueOn: e.fieldMessage('dueOn'),
          amountKr: e.fieldMessage('amountKr'),
        });
    },
  });
  const set = (key: keyof typeof empty) => (value: string) => {
    setSaved('');
    setForm((f) => ({ ...f, [key]: value }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved('');
    add.reset();
    const amount = form.amount.trim() === '' ? null : parseMnkrInput(form.amount);
    const next: Partial<Record<Field, string>> = {
      what: form.what.trim() ? undefined : t('economy.required'),
      responsibleName: form.responsibleName.trim() ? undefined : t('economy.required'),
      dueOn: /^\d{4}-\d{2}-\d{2}$/.test(form.dueOn) ? undefined : t('economy.dateRequired'),
      amountKr:
        amount === null || amount.ok
          ? amount?.ok && amount.kronor < 0n
            ? t('economy.notNegative')
            : undefined
          : t(`economy.invalidMnkr.${amount.reason}`),
    };
    setErrors(next);
    const first = (['what', 'responsibleName', 'dueOn', 'amountKr'] as const).find((k) => next[k]);
    if (first) {
      document.getElementById(`${idPrefix}-${first}`)?.focus();
      return;
    }
    add.mutate({
      what: form.what.trim(),
      responsibleName: form.responsibleName.trim(),
      dueOn: form.dueOn,
      ...(amount?.ok ? { amountKr: kronorJson(amount.kronor) } : {}),
    });
  };
  return (
    <Paper withBorder p="md" radius="md" mt="md">
      <Title order={3} size="h4" mb="sm" id={`${idPrefix}-form-heading`}>
        {t('economy.correctiveAdd')}
      </Title>
      <FormStatus error={add.error} />
      <form onSubmit={submit} noValidate aria-labelledby={`${idPrefix}-form-heading`}>
        {children}
        <Textarea
          id={`${idPrefix}-what`}
          label={t('economy.correctiveWhat')}
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={form.what}
          error={errors.what}
          onChange={(e) => set('what')(e.currentTarget.value)}
        />
        <Group align="flex-start" wrap="wrap" mt="sm">
          <TextInput
            id={`${idPrefix}-responsibleName`}
            label={t('economy.correctiveResponsible')}
            required
            maxLength={200}
            value={form.responsibleName}
            error={errors.responsibleName}
            onChange={(e) => set('responsibleName')(e.currentTarget.value)}
            w={260}
          />
          <TextInput
            id={`${idPrefix}-dueOn`}
            type="date"
            label={t('economy.correctiveDue')}
            required
            value={form.dueOn}
            error={errors.dueOn}
            onChange={(e) => set('dueOn')(e.currentTarget.value)}
            w={200}
          />
          <TextInput
            id={`${idPrefix}-amountKr`}
            label={t('economy.correctiveAmountInput')}
            description={t('economy.correctiveAmountHelp')}
            inputMode="decimal"
            autoComplete="off"
            value={form.amount}
            error={errors.amountKr}
            onChange={(e) => set('amount')(e.currentTarget.value)}
            w={260}
          />
        </Group>
        <Button type="submit" mt="sm" loading={add.isPending}>
          {t('economy.correctiveSave')}
        </Button>
      </form>
      <div aria-live="polite">
        {saved && (
          <Alert color="green" mt="sm">
            {saved}
          </Alert>
        )}
      </div>
    </Paper>
  );
}
