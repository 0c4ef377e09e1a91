import { Button, Group, NumberInput, Radio, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { call, client, type RequestBody } from '../app/client';
import { today } from '../app/format';
import { bodiesQuery } from '../bodies/BodiesPage';
import { useUnitOptions } from '../ui/options';
import { FormPanel, SaveStatus, useDraft, useFieldError } from './formkit';
import { type Errors, type PlanDraft, planPayload } from './payloads';
import { plansQuery, useOrg } from './queries';
import { PLAN_KINDS, type PlanKind } from './types';
import { bodiesWhere, unitsWhere } from './writable';

const SHOWN = [
  'kind',
  'title',
  'description',
  'startYear',
  'endYear',
  'ownerBodyId',
  'ownerUnitId',
  'parentPlanId',
] as const;

const emptyDraft = (): PlanDraft => {
  const year = Number(today().slice(0, 4)) + 1;
  return {
    kind: 'verksamhetsplan',
    title: '',
    description: '',
    startYear: year,
    endYear: year,
    ownedBy: 'body',
    ownerBodyId: null,
    ownerUnitId: null,
    parentPlanId: null,
  };
};

/** The bodies and units the user may own a plan for; the form is offered when there is one. */
export function usePlanOwners() {
  const org = useOrg();
  const bodies = useQuery(bodiesQuery);
  return useMemo(
    () => ({ bodies: bodiesWhere(bodies.data?.bodies ?? [], 'addPlan'), units: unitsWhere(org.units, 'addPlan') }),
    [bodies.data, org.units],
  );
}

/** "Ny plan": a plan is created as a draft, then opened. */
export function PlanForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const owners = usePlanOwners();
  const plans = useQuery(plansQuery);
  const { draft, set } = useDraft(emptyDraft);
  // A user who may own plans for units only (or bodies only) has no choice to make.
  const ownedBy: PlanDraft['ownedBy'] =
    owners.units.length === 0 ? 'body' : owners.bodies.length === 0 ? 'unit' : draft.ownedBy;
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const unitOptions = useUnitOptions(owners.units);

  const save = useMutation({
    mutationFn: (body: RequestBody<'/plans', 'post'>) => call(client.POST('/plans', { body })),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['plans'] });
      void navigate(`/planer/${created.id}`, { state: { created: true } });
    },
  });
  const errorAt = useFieldError(clientErrors, save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = planPayload({ ...draft, ownedBy });
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate(checked.body);
    else save.reset();
  };

  return (
    <FormPanel id="plan-form" title={t('planForm.title')} intro={t('planForm.intro')} onClose={onClose}>
      <SaveStatus error={save.error} invalid={Object.keys(clientErrors).length > 0} shown={SHOWN} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('planForm.kind')}
              required
              allowDeselect={false}
              data={PLAN_KINDS.map((k) => ({ value: k, label: t(`planKind.${k}`) }))}
              value={draft.kind}
              onChange={(v) => v && set('kind')(v as PlanKind)}
              error={errorAt('kind')}
            />
            <TextInput
              label={t('planForm.planTitle')}
              required
              value={draft.title}
              onChange={(e) => set('title')(e.currentTarget.value)}
              error={errorAt('title')}
            />
          </SimpleGrid>
          <Textarea
            label={t('planForm.description')}
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            error={errorAt('description')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('plan.startYear')}
              required
              min={2000}
              max={2100}
              allowDecimal={false}
              thousandSeparator={false}
              value={draft.startYear}
              onChange={set('startYear')}
              error={errorAt('startYear')}
            />
            <NumberInput
              label={t('plan.endYear')}
              required
              min={2000}
              max={2100}
              allowDecimal={false}
              thousandSeparator={false}
              value={draft.endYear}
              onChange={set('endYear')}
              error={errorAt('endYear')}
            />
          </SimpleGrid>
          <Radio.Group
            label={t('planForm.ownedBy')}
            required
            value={ownedBy}
            onChange={(v) => set('ownedBy')(v as PlanDraft['ownedBy'])}
          >
            <Group mt={4}>
              <Radio value="body" label={t('planForm.byBody')} disabled={owners.bodies.length === 0} />
              <Radio value="unit" label={t('planForm.byUnit')} disabled={owners.units.length === 0} />
            </Group>
          </Radio.Group>
          {ownedBy === 'body' ? (
            <Select
              label={t('planForm.ownerBody')}
              required
              searchable
              data={owners.bodies.map((b) => ({ value: b.id, label: b.name }))}
              value={draft.ownerBodyId}
              onChange={set('ownerBodyId')}
              nothingFoundMessage={t('common.nothingFound')}
              error={errorAt('ownerBodyId')}
            />
          ) : (
            <Select
              label={t('planForm.ownerUnit')}
              required
              searchable
              data={unitOptions}
              value={draft.ownerUnitId}
              onChange={set('ownerUnitId')}
              nothingFoundMessage={t('common.nothingFound')}
              error={errorAt('ownerUnitId')}
            />
          )}
          <Select
            label={t('planForm.parentPlan')}
            description={t('planForm.parentPlanHelp')}
            searchable
            clearable
            data={(plans.data?.plans ?? []).map((p) => ({ value: p.id, label: p.title }))}
            value={draft.parentPlanId}
            onChange={set('parentPlanId')}
            nothingFoundMessage={t('common.nothingFound')}
            error={errorAt('parentPlanId')}
          />
        </Stack>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {t('planForm.submit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}
