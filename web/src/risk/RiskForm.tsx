import { Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/auth';
import { call, client } from '../app/client';
import { today } from '../app/format';
import { FormStatus, fieldError } from '../ui/forms';
import { type RiskDetail, risksKey } from './queries';
import './texts';

const TEXT_FIELDS = ['description', 'cause', 'consequence', 'existingControls', 'plannedActions'] as const;

type Fields = {
  title: string;
  process: string;
  ownerUserId: string | null;
} & Record<(typeof TEXT_FIELDS)[number], string>;

const fieldsOf = (r: RiskDetail | null): Fields => ({
  title: r?.title ?? '',
  description: r?.description ?? '',
  cause: r?.cause ?? '',
  consequence: r?.consequence ?? '',
  process: r?.process ?? '',
  ownerUserId: r?.ownerUserId ?? null,
  existingControls: r?.existingControls ?? '',
  plannedActions: r?.plannedActions ?? '',
});

/** Where a record lives, for choosing its people: a unit, or a body's register. */
export type PeopleScope = { unitId: string } | { bodyId: string };

/**
 * The people to choose an owner, checker or responsible person from: those the server lists as
 * working in the record's part of the organisation, oneself first, and whoever holds it now.
 */
export function useOwnerOptions(current: { id: string | null; name: string | null }, scope: PeopleScope | null) {
  const { t } = useTranslation();
  const me = useMe().data;
  const people = useQuery({
    queryKey: ['people', scope],
    queryFn: () => call(client.GET('/people', { params: { query: scope ?? {} } })),
    enabled: scope !== null,
  });
  const options = new Map<string, string>();
  if (me) options.set(me.id, `${me.displayName} (${t('risk.me')})`);
  if (current.id) options.set(current.id, current.name ?? current.id);
  for (const p of people.data?.people ?? []) if (!options.has(p.id)) options.set(p.id, p.displayName);
  return [...options].map(([value, label]) => ({ value, label }));
}

/** The scope of a record placed on a unit or in a body's register; null while unknown. */
export const peopleScope = (where: { unitId: string | null; bodyId: string | null } | null | undefined) =>
  where?.unitId ? { unitId: where.unitId } : where?.bodyId ? { bodyId: where.bodyId } : null;

/** Creates a risk in a register (`owner`) or changes one (`risk`). */
export function RiskForm({
  owner,
  risk,
  onDone,
}: {
  owner?: { bodyId: string | null; unitId: string | null };
  risk?: RiskDetail;
  onDone?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState<Fields>(fieldsOf(risk ?? null));
  const [status, setStatus] = useState<'active' | 'closed'>(risk?.status ?? 'active');
  const owners = useOwnerOptions(
    { id: risk?.ownerUserId ?? null, name: risk?.ownerName ?? null },
    peopleScope(risk ?? owner),
  );
  const save = useMutation({
    mutationFn: () =>
      risk
        ? call(
            client.PUT('/risks/{id}', {
              params: { path: { id: risk.id } },
              body: { ...f, version: risk.version, status },
            }),
          )
        : call(client.POST('/risks', { body: { ...f, bodyId: owner?.bodyId ?? null, unitId: owner?.unitId ?? null } })),
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: risksKey });
      if (!risk) setF(fieldsOf(null));
      onDone?.(saved.id);
    },
  });
  const set = (key: keyof Fields) => (e: { currentTarget: { value: string } }) =>
    setF({ ...f, [key]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const err = (field: string) => fieldError(save.error, field);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={720}>
        <FormStatus
          error={save.error}
          success={save.isSuccess ? (risk ? t('risk.saved') : t('risk.created')) : undefined}
        />
        <TextInput
          label={t('risk.fields.title')}
          required
          value={f.title}
          onChange={set('title')}
          error={err('title')}
        />
        {TEXT_FIELDS.map((k) => (
          <Textarea
            key={k}
            label={t(`risk.fields.${k}`)}
            autosize
            minRows={2}
            value={f[k]}
            onChange={set(k)}
            error={err(k)}
          />
        ))}
        <TextInput
          label={t('risk.fields.process')}
          description={t('risk.fields.processHelp')}
          value={f.process}
          onChange={set('process')}
          error={err('process')}
        />
        <Select
          label={t('risk.fields.ownerUserId')}
          data={owners}
          value={f.ownerUserId}
          clearable
          placeholder={t('risk.noOwner')}
          onChange={(v) => setF({ ...f, ownerUserId: v })}
          error={err('ownerUserId')}
        />
        {risk && (
          <Select
            label={t('risk.fields.status')}
            data={(['active', 'closed'] as const).map((s) => ({ value: s, label: t(`risk.status.${s}`) }))}
            value={status}
            allowDeselect={false}
            onChange={(v) => v && setStatus(v as 'active' | 'closed')}
          />
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {risk ? t('risk.save') : t('risk.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Adds an assessment: probability and consequence chosen among the scale's steps, by word. */
export function AssessmentForm({ risk }: { risk: RiskDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const scale = useQuery({ queryKey: ['risk-scale'], queryFn: () => call(client.GET('/risk-scale')) });
  const [assessedAt, setAssessedAt] = useState(today());
  const [p, setP] = useState<string | null>(risk.current ? String(risk.current.probability) : null);
  const [c, setC] = useState<string | null>(risk.current ? String(risk.current.consequence) : null);
  const [comment, setComment] = useState('');
  const save = useMutation({
    mutationFn: () =>
      call(
        client.POST('/risks/{id}/assessments', {
          params: { path: { id: risk.id } },
          body: { assessedAt, probability: Number(p), consequence: Number(c), comment },
        }),
      ),
    onSuccess: async () => {
      setComment('');
      await qc.invalidateQueries({ queryKey: risksKey });
    },
  });
  const steps = (words: string[] | undefined) =>
    (words ?? []).map((w, i) => ({ value: String(i + 1), label: `${i + 1} – ${w}` }));
  const err = (field: string) => fieldError(save.error, field);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <Stack gap="sm" maw={720}>
        <FormStatus error={save.error} success={save.isSuccess ? t('risk.assessed') : undefined} />
        <TextInput
          type="date"
          label={t('risk.assessedAt')}
          value={assessedAt}
          onChange={(e) => setAssessedAt(e.currentTarget.value)}
          error={err('assessedAt')}
          required
        />
        <Group grow align="flex-start">
          <Select
            label={t('risk.probability')}
            data={steps(scale.data?.probabilitySteps)}
            value={p}
            onChange={setP}
            error={err('probability')}
            required
          />
          <Select
            label={t('risk.consequenceAxis')}
            data={steps(scale.data?.consequenceSteps)}
            value={c}
            onChange={setC}
            error={err('consequence')}
            required
          />
        </Group>
        <Textarea
          label={t('risk.comment')}
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={err('comment')}
        />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!p || !c}>
            {t('risk.assessSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
