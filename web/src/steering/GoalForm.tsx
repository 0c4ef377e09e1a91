import {
  Alert,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { call, client, type RequestBody } from '../app/client';
import { useUnitOptions } from '../ui/options';
import { citationOf } from './decisions';
import { isVersionConflict } from './fielderrors';
import { FormPanel, SaveStatus, useDraft, useFieldError } from './formkit';
import {
  type Errors,
  type GoalDraft,
  type GoalEditDraft,
  goalChangePayload,
  goalEditDraftOf,
  goalPayload,
  rewordsWithoutDecision,
} from './payloads';
import { allGoalsQuery, decisionsOfKindQuery, useOrg } from './queries';
import { type Goal, PERSPECTIVES, type Perspective, type Plan } from './types';
import { unitsWhere } from './writable';

/** Goals to choose as the ones a goal serves: "title (plan)", without those given. */
export function useGoalOptions(exclude: readonly string[] = []) {
  const goals = useQuery(allGoalsQuery);
  return useMemo(
    () =>
      (goals.data?.goals ?? [])
        .filter((g) => !exclude.includes(g.id))
        .map((g) => ({ value: g.id, label: `${g.title} (${g.planTitle})` })),
    [goals.data, exclude],
  );
}

function useInvalidateGoals() {
  const queryClient = useQueryClient();
  return async (goalId?: string, planId?: string) => {
    await queryClient.invalidateQueries({ queryKey: ['goals'] });
    await queryClient.invalidateQueries({ queryKey: ['plans'] });
    if (planId) await queryClient.invalidateQueries({ queryKey: ['plan', planId] });
    if (goalId) await queryClient.invalidateQueries({ queryKey: ['goal', goalId] });
    await queryClient.invalidateQueries({ queryKey: ['scorecard'] });
  };
}

const NONE: readonly string[] = [];

const CREATE_SHOWN = [
  'perspective',
  'focusArea',
  'ownerUnitId',
  'targetYear',
  'title',
  'description',
  'parentGoalIds',
] as const;

const emptyGoal = (plan: Plan, ownerUnitId: string | null): GoalDraft => ({
  perspective: 'medborgare',
  focusArea: '',
  ownerUnitId,
  targetYear: plan.endYear,
  title: '',
  description: '',
  parentGoalIds: [],
});

type GoalFactsDraft = Pick<GoalDraft, 'perspective' | 'focusArea' | 'targetYear' | 'parentGoalIds'>;

/** The fields a goal has besides its wording, shared by the new and the change form. */
function GoalFacts({
  draft,
  set,
  errorAt,
  exclude,
}: {
  draft: GoalFactsDraft;
  set: (patch: Partial<GoalFactsDraft>) => void;
  errorAt: (field: string) => string | undefined;
  exclude: readonly string[];
}) {
  const { t } = useTranslation();
  const goalOptions = useGoalOptions(exclude);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('goal.perspective')}
          required
          allowDeselect={false}
          data={PERSPECTIVES.map((p) => ({ value: p, label: t(`perspective.${p}`) }))}
          value={draft.perspective}
          onChange={(v) => v && set({ perspective: v as Perspective })}
          error={errorAt('perspective')}
        />
        <TextInput
          label={t('goal.focusArea')}
          description={t('goalForm.focusAreaHelp')}
          value={draft.focusArea}
          onChange={(e) => set({ focusArea: e.currentTarget.value })}
          error={errorAt('focusArea')}
        />
        <NumberInput
          label={t('goal.targetYear')}
          description={t('goalForm.targetYearHelp')}
          min={2000}
          max={2100}
          allowDecimal={false}
          thousandSeparator={false}
          value={draft.targetYear}
          onChange={(targetYear) => set({ targetYear })}
          error={errorAt('targetYear')}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('goalForm.parents')}
        description={t('goalForm.parentsHelp')}
        searchable
        clearable
        data={goalOptions}
        value={draft.parentGoalIds}
        onChange={(parentGoalIds) => set({ parentGoalIds })}
        nothingFoundMessage={t('common.nothingFound')}
        error={errorAt('parentGoalIds')}
      />
    </>
  );
}

/** "Nytt mål" in a plan whose newest version is a draft. */
export function GoalCreateForm({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const org = useOrg();
  const invalidate = useInvalidateGoals();
  const units = useMemo(() => unitsWhere(org.units, 'addGoal'), [org.units]);
  const unitOptions = useUnitOptions(units);
  // A unit's plan is most often broken down into goals of that unit.
  const defaultOwner = plan.ownerUnitId && units.some((u) => u.id === plan.ownerUnitId) ? plan.ownerUnitId : null;
  const { draft, set, setDraft } = useDraft(() => emptyGoal(plan, defaultOwner));
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const [saved, setSaved] = useState('');
  const save = useMutation({
    mutationFn: (body: RequestBody<'/goals', 'post'>) => call(client.POST('/goals', { body })),
    onSuccess: async (created) => {
      await invalidate(created.id, plan.id);
      setDraft(emptyGoal(plan, draft.ownerUnitId));
      setSaved(t('goalForm.saved', { title: created.title }));
    },
    onError: async (error) => {
      // The plan was decided meanwhile: read it again, and the form explains what to do.
      if (error instanceof ApiError && error.fieldMessage('planId')) await invalidate(undefined, plan.id);
    },
  });
  const errorAt = useFieldError(clientErrors, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = goalPayload(plan.id, draft);
    setClientErrors(checked.ok ? {} : checked.errors);
    setSaved('');
    if (checked.ok) save.mutate(checked.body);
    else save.reset();
  };
  return (
    <FormPanel id="goal-form" title={t('goalForm.title')} intro={t('goalForm.intro', { plan: plan.title })}>
      <SaveStatus
        error={save.error}
        invalid={Object.keys(clientErrors).length > 0}
        shown={CREATE_SHOWN}
        labels={{ planId: t('goal.plan') }}
        success={saved}
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('goalForm.goalTitle')}
            required
            value={draft.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
            error={errorAt('title')}
          />
          <Textarea
            label={t('goalForm.description')}
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            error={errorAt('description')}
          />
          <Select
            label={t('goalForm.owner')}
            description={t('goalForm.ownerHelp')}
            required
            searchable
            data={unitOptions}
            value={draft.ownerUnitId}
            onChange={set('ownerUnitId')}
            nothingFoundMessage={t('common.nothingFound')}
            error={errorAt('ownerUnitId')}
          />
          <GoalFacts
            draft={draft}
            set={(patch) => setDraft((d) => ({ ...d, ...patch }))}
            errorAt={errorAt}
            exclude={NONE}
          />
        </Stack>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {t('goalForm.submit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}

const EDIT_SHOWN = [
  'title',
  'description',
  'decisionId',
  'perspective',
  'focusArea',
  'targetYear',
  'parentGoalIds',
] as const;

/**
 * "Ändra formulering" and the goal's other facts. A new wording of a goal in a decided plan
 * should cite the decision behind it; without one the goal drifts, and the form says so first.
 */
export function GoalEditForm({ goal, onDone }: { goal: Goal; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateGoals();
  const decisions = useQuery(decisionsOfKindQuery('beslut'));
  // What the change is made on: the goal as read, or as stored when someone else got first.
  const [base, setBase] = useState(goal);
  const { draft, set, setDraft } = useDraft<GoalEditDraft>(() => goalEditDraftOf(goal));
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const save = useMutation({
    mutationFn: (body: RequestBody<'/goals/{id}', 'patch'>) =>
      call(client.PATCH('/goals/{id}', { params: { path: { id: goal.id } }, body })),
    onSuccess: async (saved) => {
      await invalidate(saved.id, saved.planId);
      onDone(saved.drift ? t('goalEdit.savedDrift') : t('goalEdit.saved'));
    },
    onError: async (error) => {
      if (!isVersionConflict(error)) return;
      const current = error.current as Goal | undefined;
      if (current?.version) {
        setBase(current);
        setDraft(goalEditDraftOf(current));
      }
      await invalidate(goal.id, goal.planId);
    },
  });
  const errorAt = useFieldError(clientErrors, save.error);
  const drifts = rewordsWithoutDecision(base, draft);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = goalChangePayload(base, draft);
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate(checked.body);
    else save.reset();
  };
  // A goal cannot serve itself, nor a goal that serves it.
  const exclude = useMemo(() => [goal.id, ...goal.childGoalIds], [goal.id, goal.childGoalIds]);
  return (
    <FormPanel
      id="goal-edit"
      title={t('goalEdit.title')}
      intro={base.planDecided ? t('goalEdit.introDecided') : t('goalEdit.introDraft')}
      onClose={() => onDone('')}
    >
      <SaveStatus
        error={save.error}
        invalid={Object.keys(clientErrors).length > 0}
        shown={EDIT_SHOWN}
        conflictText={t('goalEdit.conflict')}
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('goalEdit.goalTitle')}
            required
            value={draft.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
            error={errorAt('title')}
          />
          <Textarea
            label={t('goalForm.description')}
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            error={errorAt('description')}
          />
          <Select
            label={t('goalEdit.decision')}
            description={t('goalEdit.decisionHelp')}
            searchable
            clearable
            data={(decisions.data?.decisions ?? []).map((d) => ({
              value: d.id,
              label: `${d.title} – ${citationOf(d)}`,
            }))}
            value={draft.decisionId}
            onChange={set('decisionId')}
            nothingFoundMessage={t('common.nothingFound')}
            error={errorAt('decisionId')}
          />
          <div aria-live="polite" id="goal-edit-warning">
            {drifts && (
              <Alert color="orange" title={t('steering.drift')}>
                {t('goalEdit.driftWarning')}
              </Alert>
            )}
          </div>
          <GoalFacts
            draft={draft}
            set={(patch) => setDraft((d) => ({ ...d, ...patch }))}
            errorAt={errorAt}
            exclude={exclude}
          />
        </Stack>
        <Group mt="md">
          <Button type="submit" loading={save.isPending} aria-describedby={drifts ? 'goal-edit-warning' : undefined}>
            {drifts ? t('goalEdit.submitWithoutDecision') : t('goalEdit.submit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}
