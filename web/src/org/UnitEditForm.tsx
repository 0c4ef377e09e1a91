import { Alert, Button, Group, Paper, Select, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { call, client, type RequestBody } from '../app/client';
import { today } from '../app/format';
import { LEVELS, type Level, type OrgUnit } from '../app/types';
import { useUnitOptions } from '../ui/options';

interface Props {
  unit: OrgUnit;
  units: OrgUnit[];
  onDone: (statusMessage: string) => void;
}

/** Changes a unit from a chosen date; sends the version it read so a concurrent change is not overwritten. */
export function UnitEditForm({ unit, units, onDone }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(unit.name);
  const [code, setCode] = useState(unit.code ?? '');
  const [managerName, setManagerName] = useState(unit.managerName ?? '');
  const [level, setLevel] = useState<Level>(unit.level);
  const [parentId, setParentId] = useState<string | null>(unit.parentId);
  const [effectiveFrom, setEffectiveFrom] = useState(today());
  const [conflict, setConflict] = useState(false);
  // A unit cannot move under itself; the server also refuses moves under its descendants.
  const parentOptions = useUnitOptions(units.filter((u) => u.id !== unit.id));

  const save = useMutation({
    mutationFn: () => {
      const change: RequestBody<'/org-units/{id}', 'patch'> = { version: unit.version, effectiveFrom };
      if (name !== unit.name) change.name = name;
      if ((code || null) !== unit.code) change.code = code || null;
      if ((managerName || null) !== unit.managerName) change.managerName = managerName || null;
      if (level !== unit.level) change.level = level;
      if (parentId !== unit.parentId) change.parentId = parentId;
      return call(client.PATCH('/org-units/{id}', { params: { path: { id: unit.id } }, body: change }));
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['org-unit'] });
      await queryClient.invalidateQueries({ queryKey: ['org-units'] });
      await queryClient.invalidateQueries({ queryKey: ['history'] });
      onDone(t('unitEdit.saved'));
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setConflict(true);
        // Show what is stored now; the user redoes the change on top of it.
        const current = error.current as OrgUnit | undefined;
        if (current) {
          setName(current.name);
          setCode(current.code ?? '');
          setManagerName(current.managerName ?? '');
          setLevel(current.level);
          setParentId(current.parentId);
        }
        await queryClient.invalidateQueries({ queryKey: ['org-unit', unit.id] });
      }
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setConflict(false);
    save.mutate();
  };

  const error = save.error instanceof ApiError ? save.error : null;
  const fieldError = (field: string) => error?.fieldMessage(field);
  const general = save.error && !conflict && !(error?.fields.length ?? 0) ? save.error.message : null;

  return (
    <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-labelledby="edit-heading">
      <Title order={2} size="h3" id="edit-heading" mb="sm">
        {t('unitEdit.title')}
      </Title>
      <div aria-live="assertive">
        {conflict && (
          <Alert color="orange" title={t('unitEdit.conflictTitle')} mb="sm">
            {t('unitEdit.conflict')}
          </Alert>
        )}
        {general && (
          <Alert color="red" title={t('common.saveFailed')} mb="sm">
            {general}
          </Alert>
        )}
      </div>
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('field.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError('name')}
          />
          <TextInput
            label={t('field.code')}
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={fieldError('code')}
          />
          <TextInput
            label={t('field.managerName')}
            value={managerName}
            onChange={(e) => setManagerName(e.currentTarget.value)}
            error={fieldError('managerName')}
          />
          <Select
            label={t('field.level')}
            data={LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
            value={level}
            onChange={(v) => v && setLevel(v as Level)}
            allowDeselect={false}
            error={fieldError('level')}
          />
          <Select
            label={t('field.parent')}
            data={parentOptions}
            value={parentId}
            onChange={setParentId}
            searchable
            clearable={unit.parentId === null}
            nothingFoundMessage={t('common.nothingFound')}
            error={fieldError('parentId')}
          />
          <TextInput
            type="date"
            label={t('field.effectiveFrom')}
            description={t('unitEdit.effectiveFromHelp')}
            required
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
            error={fieldError('effectiveFrom')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          <Button variant="default" onClick={() => onDone('')}>
            {t('common.cancel')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
