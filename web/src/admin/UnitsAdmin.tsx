import { Button, Group, Paper, Select, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, type Schema } from '../app/client';
import { today } from '../app/format';
import { LEVELS, type Level } from '../app/types';
import { orgUnitsQuery } from '../org/TreePage';
import { FormStatus, fieldError } from '../ui/forms';
import { useUnitOptions } from '../ui/options';

type ListedUnit = Schema<'ListedOrgUnit'>;

export function UnitsAdmin() {
  const units = useQuery(orgUnitsQuery(today()));
  const list = units.data?.units ?? [];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <CreateUnitForm units={list} />
      <CloseUnitForm units={list} />
    </SimpleGrid>
  );
}

// Only the units the server lets the caller change are offered (a new unit is placed under one).
function CreateUnitForm({ units }: { units: ListedUnit[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const options = useUnitOptions(useMemo(() => units.filter((u) => u.can.edit), [units]));
  const [parentId, setParentId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [level, setLevel] = useState<Level>('enhet');
  const [code, setCode] = useState('');
  const [managerName, setManagerName] = useState('');
  const [validFrom, setValidFrom] = useState(today());
  const [created, setCreated] = useState('');

  const create = useMutation({
    mutationFn: () =>
      call(
        client.POST('/org-units', {
          body: { parentId, name, level, code: code || null, managerName: managerName || null, validFrom },
        }),
      ),
    onSuccess: async (unit) => {
      setCreated(t('adminUnits.created', { name: unit.name }));
      setName('');
      setCode('');
      setManagerName('');
      await queryClient.invalidateQueries({ queryKey: ['org-units'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setCreated('');
    create.mutate();
  };
  const err = create.error;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="create-unit-heading">
      <Title order={2} size="h3" id="create-unit-heading" mb="sm">
        {t('adminUnits.createTitle')}
      </Title>
      <FormStatus error={err} success={created} />
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={1}>
          <Select
            label={t('field.parent')}
            data={options}
            value={parentId}
            onChange={setParentId}
            searchable
            required
            nothingFoundMessage={t('common.nothingFound')}
            error={fieldError(err, 'parentId')}
          />
          <TextInput
            label={t('field.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(err, 'name')}
          />
          <Select
            label={t('field.level')}
            data={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            value={level}
            onChange={(v) => v && setLevel(v as Level)}
            allowDeselect={false}
            error={fieldError(err, 'level')}
          />
          <TextInput
            label={t('field.code')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={fieldError(err, 'code')}
          />
          <TextInput
            label={t('field.managerName')}
            value={managerName}
            onChange={(e) => setManagerName(e.currentTarget.value)}
            error={fieldError(err, 'managerName')}
          />
          <TextInput
            type="date"
            label={t('field.validFrom')}
            required
            value={validFrom}
            onChange={(e) => setValidFrom(e.currentTarget.value)}
            error={fieldError(err, 'validFrom')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={create.isPending}>
            {t('adminUnits.create')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

function CloseUnitForm({ units }: { units: ListedUnit[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const options = useUnitOptions(useMemo(() => units.filter((u) => u.can.edit), [units]));
  const [unitId, setUnitId] = useState<string | null>(null);
  const [closedFrom, setClosedFrom] = useState(today());
  const [done, setDone] = useState('');

  const close = useMutation({
    mutationFn: () => {
      const unit = units.find((u) => u.id === unitId);
      return call(
        client.POST('/org-units/{id}/close', {
          params: { path: { id: unitId ?? '' } },
          body: { version: unit?.version ?? 0, closedFrom },
        }),
      );
    },
    onSuccess: async () => {
      setDone(t('adminUnits.closed'));
      setUnitId(null);
      await queryClient.invalidateQueries({ queryKey: ['org-units'] });
      await queryClient.invalidateQueries({ queryKey: ['org-unit'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    close.mutate();
  };
  const err = close.error;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="close-unit-heading">
      <Title order={2} size="h3" id="close-unit-heading" mb="sm">
        {t('adminUnits.closeTitle')}
      </Title>
      <p>{t('adminUnits.closeIntro')}</p>
      <FormStatus error={err} success={done} />
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={1}>
          <Select
            label={t('adminUnits.unitToClose')}
            data={options}
            value={unitId}
            onChange={setUnitId}
            searchable
            required
            nothingFoundMessage={t('common.nothingFound')}
          />
          <TextInput
            type="date"
            label={t('field.closedFrom')}
            required
            value={closedFrom}
            onChange={(e) => setClosedFrom(e.currentTarget.value)}
            error={fieldError(err, 'closedFrom')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" color="red" loading={close.isPending} disabled={!unitId}>
            {t('adminUnits.close')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
