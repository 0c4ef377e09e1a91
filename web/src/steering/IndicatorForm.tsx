import {
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, type RequestBody } from '../app/client';
import { isVersionConflict } from './fielderrors';
import { FormPanel, SaveStatus, useDraft, useFieldError } from './formkit';
import { useGoalOptions } from './GoalForm';
import { type Errors, indicatorDraftOf, indicatorPayload } from './payloads';
import { indicatorsQuery } from './queries';
import {
  AGGREGATIONS,
  type Aggregation,
  DIRECTIONS,
  type Direction,
  FREQUENCIES,
  type Frequency,
  INDICATOR_SOURCES,
  type Indicator,
  type IndicatorSource,
} from './types';

const SHOWN = [
  'name',
  'code',
  'description',
  'measureUnit',
  'direction',
  'frequency',
  'aggregation',
  'numeratorId',
  'denominatorId',
  'weightId',
  'scale',
  'rollingMonths',
  'source',
  'goalIds',
] as const;

/**
 * "Ny indikator", or a change of an indicator's definition (with its version, so a change
 * made meanwhile by someone else is not overwritten).
 */
export function IndicatorForm({
  indicator,
  onDone,
}: {
  indicator?: Indicator;
  onDone: (message: string, saved?: Indicator) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const all = useQuery(indicatorsQuery);
  const [base, setBase] = useState(indicator);
  const { draft, set, setDraft } = useDraft(() => indicatorDraftOf(indicator));
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const goalOptions = useGoalOptions();
  // Ratios and weighted averages are built of indicators that are summed.
  const sumOptions = useMemo(
    () =>
      (all.data?.indicators ?? [])
        .filter((i) => i.aggregation === 'sum' && i.id !== indicator?.id)
        .map((i) => ({ value: i.id, label: `${i.name} (${i.measureUnit})` })),
    [all.data, indicator?.id],
  );

  const save = useMutation({
    mutationFn: (body: RequestBody<'/indicators', 'post'>) =>
      base
        ? call(
            client.PUT('/indicators/{id}', {
              params: { path: { id: base.id } },
              body: { ...body, version: base.version },
            }),
          )
        : call(client.POST('/indicators', { body })),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['indicators'] });
      await queryClient.invalidateQueries({ queryKey: ['indicator', saved.id] });
      await queryClient.invalidateQueries({ queryKey: ['indicator-across', saved.id] });
      await queryClient.invalidateQueries({ queryKey: ['scorecard'] });
      onDone(base ? t('indicatorForm.saved', { name: saved.name }) : t('indicatorForm.created'), saved);
    },
    onError: async (error) => {
      if (!isVersionConflict(error) || !indicator) return;
      const current = error.current as Indicator | undefined;
      if (current?.version) {
        setBase(current);
        setDraft(indicatorDraftOf(current));
      }
      await queryClient.invalidateQueries({ queryKey: ['indicator', indicator.id] });
    },
  });
  const errorAt = useFieldError(clientErrors, save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = indicatorPayload(draft);
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate(checked.body);
    else save.reset();
  };

  return (
    <FormPanel
      id="indicator-form"
      title={indicator ? t('indicatorForm.editTitle') : t('indicatorForm.title')}
      intro={t('indicatorForm.intro')}
      onClose={() => onDone('')}
    >
      <SaveStatus
        error={save.error}
        invalid={Object.keys(clientErrors).length > 0}
        shown={SHOWN}
        conflictText={t('indicatorForm.conflict')}
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('indicatorForm.name')}
              required
              value={draft.name}
              onChange={(e) => set('name')(e.currentTarget.value)}
              error={errorAt('name')}
            />
            <TextInput
              label={t('indicatorForm.code')}
              description={t('indicatorForm.codeHelp')}
              value={draft.code}
              onChange={(e) => set('code')(e.currentTarget.value)}
              error={errorAt('code')}
            />
            <TextInput
              label={t('indicator.measureUnit')}
              description={t('indicatorForm.measureUnitHelp')}
              required
              value={draft.measureUnit}
              onChange={(e) => set('measureUnit')(e.currentTarget.value)}
              error={errorAt('measureUnit')}
            />
          </SimpleGrid>
          <Textarea
            label={t('indicator.description')}
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            error={errorAt('description')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('indicator.direction')}
              required
              allowDeselect={false}
              data={DIRECTIONS.map((d) => ({ value: d, label: t(`direction.${d}`) }))}
              value={draft.direction}
              onChange={(v) => v && set('direction')(v as Direction)}
              error={errorAt('direction')}
            />
            <Select
              label={t('indicator.frequency')}
              required
              allowDeselect={false}
              data={FREQUENCIES.map((f) => ({ value: f, label: t(`frequency.${f}`) }))}
              value={draft.frequency}
              onChange={(v) => v && set('frequency')(v as Frequency)}
              error={errorAt('frequency')}
            />
            <Select
              label={t('indicator.source')}
              required
              allowDeselect={false}
              data={INDICATOR_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))}
              value={draft.source}
              onChange={(v) => v && set('source')(v as IndicatorSource)}
              error={errorAt('source')}
            />
          </SimpleGrid>
          <Radio.Group
            label={t('indicator.aggregation')}
            description={t('indicatorForm.aggregationHelp')}
            required
            value={draft.aggregation}
            onChange={(v) => set('aggregation')(v as Aggregation)}
            error={errorAt('aggregation')}
          >
            <Stack gap="xs" mt="xs">
              {AGGREGATIONS.map((a) => (
                <Radio key={a} value={a} label={t(`aggregationOption.${a}`)} description={t(`aggregation.${a}`)} />
              ))}
            </Stack>
          </Radio.Group>
          {draft.aggregation === 'ratio' && (
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('indicator.numerator')}
                description={t('indicatorForm.sumOnly')}
                required
                searchable
                data={sumOptions}
                value={draft.numeratorId}
                onChange={set('numeratorId')}
                nothingFoundMessage={t('common.nothingFound')}
                error={errorAt('numeratorId')}
              />
              <Select
                label={t('indicator.denominator')}
                description={t('indicatorForm.sumOnly')}
                required
                searchable
                data={sumOptions}
                value={draft.denominatorId}
                onChange={set('denominatorId')}
                nothingFoundMessage={t('common.nothingFound')}
                error={errorAt('denominatorId')}
              />
              <TextInput
                label={t('indicator.scale')}
                description={t('indicatorForm.scaleHelp')}
                inputMode="decimal"
                value={draft.scale}
                onChange={(e) => set('scale')(e.currentTarget.value)}
                error={errorAt('scale')}
              />
            </SimpleGrid>
          )}
          {draft.aggregation === 'weighted' && (
            <Select
              label={t('indicator.weight')}
              description={t('indicatorForm.weightHelp')}
              required
              searchable
              data={sumOptions}
              value={draft.weightId}
              onChange={set('weightId')}
              nothingFoundMessage={t('common.nothingFound')}
              error={errorAt('weightId')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('indicatorForm.rollingMonths')}
              description={t('indicatorForm.rollingMonthsHelp')}
              min={2}
              max={36}
              allowDecimal={false}
              value={draft.rollingMonths}
              onChange={set('rollingMonths')}
              error={errorAt('rollingMonths')}
            />
            <MultiSelect
              label={t('indicatorForm.goals')}
              description={t('indicatorForm.goalsHelp')}
              searchable
              clearable
              data={goalOptions}
              value={draft.goalIds}
              onChange={set('goalIds')}
              nothingFoundMessage={t('common.nothingFound')}
              error={errorAt('goalIds')}
            />
          </SimpleGrid>
        </Stack>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {indicator ? t('indicatorForm.submitEdit') : t('indicatorForm.submit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}
