import { Button, Group, NativeSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { fieldMessageOf, isVersionConflict } from '../steering/fielderrors';
import { DateField, FormPanel, SaveStatus } from '../steering/formkit';
import { CONTROL_STEPS, type ControlStep, controlStepLabel, takesControlStep } from './control-step';
import {
  type DeadlineDraft,
  deadlinesOfDraft,
  draftOfDeadlines,
  hasProblems,
  levelOfDeadlineField,
  type OccasionProblems,
  occasionProblems,
} from './cycle';
import { kindLabel, levelLabel, suggestedTitle } from './labels';
import { cycleKey } from './queries';
import { CYCLE_LEVELS, type Deadline, isFollowupKind, OCCASION_KINDS, type Occasion, type OccasionKind } from './types';

interface Draft {
  kind: OccasionKind;
  period: string;
  title: string;
  /** The internal-control step; '' until one is chosen (and for every other kind). */
  controlStep: ControlStep | '';
  /** The title has been typed, so it no longer follows the kind and month. */
  titleTouched: boolean;
  deadlines: DeadlineDraft;
}

const draftOf = (o: Occasion | null): Draft =>
  o
    ? {
        kind: o.kind,
        period: o.period ?? '',
        title: o.title,
        controlStep: o.controlStep ?? '',
        titleTouched: true,
        deadlines: draftOfDeadlines(o.deadlines),
      }
    : { kind: 'month', period: '', title: '', controlStep: '', titleTouched: false, deadlines: {} };

type Sent = { deadlines: Deadline[] };

/**
 * Adds an occasion to the year, or changes one's title, internal-control step and deadlines. Every level has a date
 * field; a level left empty follows the nearest level above it that has a date.
 */
export function OccasionForm({
  year,
  occasion,
  onClose,
  onDone,
}: {
  year: number;
  occasion: Occasion | null;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const editing = occasion !== null;
  const [draft, setDraft] = useState<Draft>(() => draftOf(occasion));
  const [problems, setProblems] = useState<OccasionProblems>({ levelProblems: {} });
  const [invalid, setInvalid] = useState(false);
  const [stepMissing, setStepMissing] = useState(false);
  const withStep = takesControlStep(draft.kind);
  const kindText = kindLabel(t, draft.kind);
  // An internal-control occasion is offered its step's name: "Riskanalys 2026".
  const title = draft.titleTouched
    ? draft.title
    : withStep && draft.controlStep
      ? `${controlStepLabel(t, draft.controlStep)} ${year}`
      : suggestedTitle(kindText, draft.kind, draft.period, year);
  const followup = isFollowupKind(draft.kind);
  const controlStep = withStep && draft.controlStep ? draft.controlStep : null;

  const save = useMutation({
    mutationFn: (sent: Sent) =>
      occasion
        ? call(
            client.PUT('/cycle/occasions/{id}', {
              params: { path: { id: occasion.id } },
              body: {
                version: occasion.version,
                title: title.trim(),
                ...(withStep ? { controlStep } : {}),
                deadlines: sent.deadlines,
              },
            }),
          )
        : call(
            client.POST('/cycle/occasions', {
              body: {
                year,
                kind: draft.kind,
                period: followup ? draft.period : null,
                title: title.trim(),
                controlStep,
                deadlines: sent.deadlines,
              },
            }),
          ),
    onSuccess: (saved) => {
      onDone(
        editing
          ? t('followup.cycle.saved', { title: saved?.title ?? title })
          : t('followup.cycle.created', { title: saved?.title ?? title }),
      );
    },
    onError: (e) => {
      // Someone else changed or removed it: read the year again.
      if (e instanceof ApiError && (e.status === 404 || isVersionConflict(e)))
        void queryClient.invalidateQueries({ queryKey: cycleKey });
    },
    onSettled: (_data, error) => {
      if (!error) void queryClient.invalidateQueries({ queryKey: cycleKey });
    },
  });

  // After a conflict the form starts again from what is stored now.
  const conflict = editing && isVersionConflict(save.error);
  const version = occasion?.version;
  const seen = useRef(version);
  useEffect(() => {
    if (version !== seen.current) {
      seen.current = version;
      if (conflict && occasion) setDraft(draftOf(occasion));
    }
  }, [version, conflict, occasion]);

  const error = save.error;
  // A month that already has an occasion is a clash with that field, not a stale version.
  const duplicate = !editing && error instanceof ApiError && error.status === 409 && error.fields.length === 0;
  const sent = save.variables?.deadlines ?? [];
  const levelError = (level: (typeof CYCLE_LEVELS)[number]): string | undefined => {
    const p = problems.levelProblems[level];
    if (p) return t(`followup.cycle.problem.${p}`);
    if (!(error instanceof ApiError)) return undefined;
    const messages = error.fields.filter((f) => levelOfDeadlineField(f.field, sent) === level).map((f) => f.message);
    return messages.length > 0 ? messages.join('; ') : undefined;
  };
  const generalDeadlineError =
    (problems.deadlines && t(`followup.cycle.problem.${problems.deadlines}`)) ||
    (error instanceof ApiError
      ? error.fields
          .filter(
            (f) => f.field === 'deadlines' || (f.field.startsWith('deadlines') && !levelOfDeadlineField(f.field, sent)),
          )
          .map((f) => f.message)
          .join('; ') || undefined
      : undefined);
  const stepError =
    (stepMissing && t('followup.cycle.problem.controlStepRequired')) || fieldMessageOf(error, 'controlStep');
  const fieldError = (field: 'title' | 'period' | 'kind'): string | undefined => {
    const p = problems[field as keyof OccasionProblems];
    if (typeof p === 'string') return t(`followup.cycle.problem.${p}`);
    if (field === 'period' && duplicate) return (error as ApiError).message;
    return fieldMessageOf(error, field);
  };

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const setDeadline = (level: (typeof CYCLE_LEVELS)[number]) => (value: string) =>
    setDraft((d) => ({ ...d, deadlines: { ...d.deadlines, [level]: value } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.reset();
    const found = occasionProblems({
      year,
      kind: draft.kind,
      period: followup ? draft.period : null,
      title,
      deadlines: draft.deadlines,
      editing,
    });
    const noStep = withStep && !draft.controlStep;
    setProblems(found);
    setStepMissing(noStep);
    setInvalid(hasProblems(found) || noStep);
    if (hasProblems(found) || noStep) {
      const first = noStep
        ? 'occasion-control-step'
        : found.title
          ? 'occasion-title'
          : found.period
            ? 'occasion-period'
            : (() => {
                const level = CYCLE_LEVELS.find((l) => found.levelProblems[l]);
                return level ? `occasion-deadline-${level}` : 'occasion-deadline-enhet';
              })();
      document.getElementById(first)?.focus();
      return;
    }
    save.mutate({ deadlines: deadlinesOfDraft(draft.deadlines) });
  };

  return (
    <FormPanel
      id="occasion-form"
      title={
        editing ? t('followup.cycle.editTitle', { title: occasion.title }) : t('followup.cycle.addTitle', { year })
      }
      intro={t('followup.cycle.formIntro')}
      onClose={onClose}
    >
      <SaveStatus
        error={duplicate ? null : error}
        invalid={invalid || duplicate}
        shown={['title', 'period', 'kind', 'controlStep', 'deadlines']}
        labels={{ year: t('followup.cycle.year'), version: t('followup.cycle.version') }}
        conflictText={t('followup.cycle.conflict')}
      />
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" wrap="wrap">
          {!editing && (
            <NativeSelect
              id="occasion-kind"
              label={t('followup.cycle.kind')}
              data={OCCASION_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
              value={draft.kind}
              error={fieldError('kind')}
              onChange={(e) => set('kind')(e.currentTarget.value as OccasionKind)}
              w={240}
            />
          )}
          {!editing && followup && (
            <TextInput
              id="occasion-period"
              type="month"
              label={t('followup.cycle.period')}
              description={t('followup.cycle.periodHelp')}
              required
              min="2000-01"
              max="2100-12"
              value={draft.period}
              error={fieldError('period')}
              onChange={(e) => set('period')(e.currentTarget.value)}
              w={260}
            />
          )}
          {withStep && (
            <NativeSelect
              id="occasion-control-step"
              label={t('followup.cycle.controlStep')}
              description={t('followup.cycle.controlStepHelp')}
              required
              data={[
                { value: '', label: t('followup.cycle.controlStepChoose'), disabled: true },
                ...CONTROL_STEPS.map((s) => ({ value: s, label: controlStepLabel(t, s) })),
              ]}
              value={draft.controlStep}
              error={stepError}
              onChange={(e) => set('controlStep')(e.currentTarget.value as ControlStep)}
              w={300}
            />
          )}
          <TextInput
            id="occasion-title"
            label={t('followup.cycle.titleLabel')}
            description={draft.titleTouched ? undefined : t('followup.cycle.titleHelp')}
            required
            maxLength={200}
            value={title}
            error={fieldError('title')}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDraft((d) => ({ ...d, title: value, titleTouched: true }));
            }}
            w={360}
          />
        </Group>
        <fieldset className="plain-fieldset" aria-describedby="occasion-deadlines-help">
          <legend>
            <Text fw={600} mt="md" component="span">
              {t('followup.cycle.deadlines')}
            </Text>
          </legend>
          <Text size="sm" id="occasion-deadlines-help" mb="xs">
            {t('followup.cycle.deadlinesHelp')}
          </Text>
          {generalDeadlineError && (
            <Text size="sm" c="var(--mantine-color-error)" mb="xs" role="alert">
              {generalDeadlineError}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
            {CYCLE_LEVELS.map((level) => (
              <DateField
                key={level}
                id={`occasion-deadline-${level}`}
                label={t('followup.cycle.deadlineOf', { level: levelLabel(t, level) })}
                value={draft.deadlines[level] ?? ''}
                error={levelError(level)}
                onChange={setDeadline(level)}
              />
            ))}
          </SimpleGrid>
        </fieldset>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {editing ? t('common.save') : t('followup.cycle.add')}
          </Button>
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}
