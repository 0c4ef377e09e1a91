import { Button, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, type RequestBody } from '../app/client';
import { today } from '../app/format';
import { useUnitOptions } from '../ui/options';
import { isVersionConflict } from './fielderrors';
import { DateField, FormPanel, SaveStatus, useDraft, useFieldError } from './formkit';
import { useGoalOptions } from './GoalForm';
import { type ActivityDraft, activityPayload, type Errors } from './payloads';
import { useOrg } from './queries';
import { ACTIVITY_STATUSES, type Activity, type ActivityStatus } from './types';
import { unitsWhere } from './writable';

const SHOWN = [
  'title',
  'description',
  'ownerUnitId',
  'responsibleName',
  'startOn',
  'endOn',
  'status',
  'progress',
  'goalIds',
] as const;

const draftOf = (a: Activity | null, ownerUnitId: string | null): ActivityDraft =>
  a
    ? {
        title: a.title,
        description: a.description,
        ownerUnitId: a.ownerUnitId,
        responsibleName: a.responsibleName,
        startOn: a.startOn,
        endOn: a.endOn,
        status: a.status,
        progress: a.progress,
        goalIds: a.goalIds,
      }
    : {
        title: '',
        description: '',
        ownerUnitId,
        responsibleName: '',
        startOn: today(),
        endOn: '',
        status: 'not_started',
        progress: 0,
        goalIds: [],
      };

/** "Ny aktivitet", or a change of one (with its version, so no one's change is overwritten). */
export function ActivityForm({
  activity,
  defaultUnitId,
  onDone,
}: {
  activity: Activity | null;
  defaultUnitId: string | null;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const org = useOrg();
  const units = useMemo(() => unitsWhere(org.units, 'addActivity'), [org.units]);
  const unitOptions = useUnitOptions(units);
  const goalOptions = useGoalOptions();
  const [base, setBase] = useState(activity);
  const owner = defaultUnitId && units.some((u) => u.id === defaultUnitId) ? defaultUnitId : null;
  const { draft, set, setDraft } = useDraft(() => draftOf(activity, owner));
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const save = useMutation({
    mutationFn: (body: RequestBody<'/activities', 'post'>) =>
      base
        ? call(
            client.PUT('/activities/{id}', {
              params: { path: { id: base.id } },
              body: { ...body, version: base.version },
            }),
          )
        : call(client.POST('/activities', { body })),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['activities'] });
      onDone(
        base ? t('activityForm.saved', { title: saved.title }) : t('activityForm.created', { title: saved.title }),
      );
    },
    onError: async (error) => {
      if (!isVersionConflict(error)) return;
      const current = error.current as Activity | undefined;
      if (current?.version) {
        setBase(current);
        setDraft(draftOf(current, owner));
      }
      await queryClient.invalidateQueries({ queryKey: ['activities'] });
    },
  });
  const errorAt = useFieldError(clientErrors, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = activityPayload(draft);
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate(checked.body);
    else save.reset();
  };
  return (
    <FormPanel
      id="activity-form"
      title={activity ? t('activityForm.editTitle', { title: activity.title }) : t('activityForm.title')}
      onClose={() => onDone('')}
    >
      <SaveStatus
        error={save.error}
        invalid={Object.keys(clientErrors).length > 0}
        shown={SHOWN}
        conflictText={t('activities.conflict')}
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('activityForm.activityTitle')}
            required
            value={draft.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
            error={errorAt('title')}
          />
          <Textarea
            label={t('activityForm.description')}
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            error={errorAt('description')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('activityForm.owner')}
              required
              searchable
              data={unitOptions}
              value={draft.ownerUnitId}
              onChange={set('ownerUnitId')}
              nothingFoundMessage={t('common.nothingFound')}
              error={errorAt('ownerUnitId')}
            />
            <TextInput
              label={t('activityForm.responsible')}
              description={t('activityForm.responsibleHelp')}
              required
              value={draft.responsibleName}
              onChange={(e) => set('responsibleName')(e.currentTarget.value)}
              error={errorAt('responsibleName')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <DateField
              label={t('activityForm.startOn')}
              required
              value={draft.startOn}
              onChange={set('startOn')}
              error={errorAt('startOn')}
            />
            <DateField
              label={t('activityForm.endOn')}
              required
              value={draft.endOn}
              onChange={set('endOn')}
              error={errorAt('endOn')}
            />
            <Select
              label={t('activities.status')}
              required
              allowDeselect={false}
              data={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activityStatus.${s}`) }))}
              value={draft.status}
              onChange={(v) => v && set('status')(v as ActivityStatus)}
              error={errorAt('status')}
            />
            <NumberInput
              label={t('activities.progressPercent')}
              required
              min={0}
              max={100}
              clampBehavior="strict"
              allowDecimal={false}
              value={draft.progress}
              onChange={set('progress')}
              error={errorAt('progress')}
            />
          </SimpleGrid>
          <MultiSelect
            label={t('activityForm.goals')}
            description={t('activityForm.goalsHelp')}
            searchable
            clearable
            data={goalOptions}
            value={draft.goalIds}
            onChange={set('goalIds')}
            nothingFoundMessage={t('common.nothingFound')}
            error={errorAt('goalIds')}
          />
        </Stack>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {activity ? t('activityForm.submitEdit') : t('activityForm.submit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}
