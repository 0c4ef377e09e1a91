import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client } from '../app/client';
import { formatDate, today } from '../app/format';
import { BODY_KINDS, type Body, type BodyKind } from '../app/types';
import { bodiesQuery } from '../bodies/BodiesPage';
import { orgUnitsQuery } from '../org/TreePage';
import { FormStatus, fieldError } from '../ui/forms';
import { useUnitOptions } from '../ui/options';

export function BodiesAdmin() {
  const { t } = useTranslation();
  const bodies = useQuery(bodiesQuery);
  // null: no form; 'new': create; otherwise the body being edited.
  const [editing, setEditing] = useState<Body | 'new' | null>(null);
  const list = bodies.data?.bodies ?? [];

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3">
          {t('adminBodies.title')}
        </Title>
        <Button onClick={() => setEditing('new')}>{t('adminBodies.new')}</Button>
      </Group>
      {editing && (
        <BodyForm
          key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
          body={editing === 'new' ? null : editing}
          bodies={list}
          onDone={() => setEditing(null)}
        />
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>{t('adminBodies.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('field.name')}</Table.Th>
              <Table.Th scope="col">{t('field.kind')}</Table.Th>
              <Table.Th scope="col">{t('field.validFrom')}</Table.Th>
              <Table.Th scope="col">{t('adminBodies.unitCount')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Th scope="row">{b.name}</Table.Th>
                <Table.Td>{t(`bodyKind.${b.kind}`)}</Table.Td>
                <Table.Td>
                  {formatDate(b.validFrom)}
                  {b.validTo ? ` – ${formatDate(b.validTo)}` : ''}
                </Table.Td>
                <Table.Td>{b.unitIds.length}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setEditing(b)}
                    aria-label={t('adminBodies.editNamed', { name: b.name })}
                  >
                    {t('common.edit')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

function BodyForm({ body, bodies, onDone }: { body: Body | null; bodies: Body[]; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const units = useQuery(orgUnitsQuery(today()));
  const unitOptions = useUnitOptions(units.data?.units ?? []);
  const [name, setName] = useState(body?.name ?? '');
  const [kind, setKind] = useState<BodyKind>(body?.kind ?? 'namnd');
  const [parentBodyId, setParentBodyId] = useState<string | null>(body?.parentBodyId ?? null);
  const [validFrom, setValidFrom] = useState(body?.validFrom ?? today());
  const [validTo, setValidTo] = useState(body?.validTo ?? '');
  const [unitIds, setUnitIds] = useState<string[]>(body?.unitIds ?? []);

  const save = useMutation({
    mutationFn: () => {
      const payload = { name, kind, parentBodyId, validFrom, validTo: validTo || null, unitIds };
      return call(
        body
          ? client.PUT('/bodies/{id}', {
              params: { path: { id: body.id } },
              body: { ...payload, version: body.version },
            })
          : client.POST('/bodies', { body: payload }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['bodies'] });
      await queryClient.invalidateQueries({ queryKey: ['org-unit'] });
      onDone();
    },
    onError: async () => {
      await queryClient.invalidateQueries({ queryKey: ['bodies'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const err = save.error;
  const title = body ? t('adminBodies.editTitle', { name: body.name }) : t('adminBodies.createTitle');

  return (
    <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-label={title}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      <FormStatus error={err} />
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('field.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(err, 'name')}
          />
          <Select
            label={t('field.kind')}
            data={BODY_KINDS.map((k) => ({ value: k, label: t(`bodyKind.${k}`) }))}
            value={kind}
            onChange={(v) => v && setKind(v as BodyKind)}
            allowDeselect={false}
            error={fieldError(err, 'kind')}
          />
          <Select
            label={t('field.parentBody')}
            data={bodies.filter((b) => b.id !== body?.id).map((b) => ({ value: b.id, label: b.name }))}
            value={parentBodyId}
            onChange={setParentBodyId}
            clearable
            error={fieldError(err, 'parentBodyId')}
          />
          <TextInput
            type="date"
            label={t('field.validFrom')}
            required
            value={validFrom}
            onChange={(e) => setValidFrom(e.currentTarget.value)}
            error={fieldError(err, 'validFrom')}
          />
          <TextInput
            type="date"
            label={t('field.validTo')}
            value={validTo}
            onChange={(e) => setValidTo(e.currentTarget.value)}
            error={fieldError(err, 'validTo')}
          />
          <MultiSelect
            label={t('field.unitIds')}
            data={unitOptions}
            value={unitIds}
            onChange={setUnitIds}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            error={fieldError(err, 'unitIds')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
