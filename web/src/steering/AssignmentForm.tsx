import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, type RequestBody } from '../app/client';
import { formatDate, today } from '../app/format';
import { bodiesQuery } from '../bodies/BodiesPage';
import { useUnitOptions } from '../ui/options';
import { citationOf } from './decisions';
import { isVersionConflict } from './fielderrors';
import { DateField, FormPanel, SaveStatus, useDraft, useFieldError } from './formkit';
import { type AssignmentDraft, assignmentPayload, assignmentReportPayload, type Errors } from './payloads';
import { decisionsOfKindQuery, useOrg } from './queries';
import { ASSIGNMENT_STATUSES, type Assignment, type AssignmentStatus } from './types';
import { bodiesWhere } from './writable';

const SHOWN = [
  'title',
  'description',
  'bodyId',
  'decisionId',
  'assigneeUnitId',
  'assigneeName',
  'dueOn',
  'reportBackOn',
] as const;

const emptyDraft = (): AssignmentDraft => ({
  title: '',
  description: '',
  bodyId: null,
  decisionId: null,
  assigneeUnitId: null,
  assigneeName: '',
  dueOn: '',
  reportBackOn: '',
});

/** The bodies the user may register assignments for; the form is offered when there is one. */
export function useAssigningBodies() {
  const bodies = useQuery(bodiesQuery);
  return useMemo(() => bodiesWhere(bodies.data?.bodies ?? [], 'addAssignment'), [bodies.data]);
}

/** "Nytt uppdrag": an assignment a body gives a unit or an official, with its dates. */
export function AssignmentForm({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const org = useOrg();
  const bodies = useAssigningBodies();
  const decisions = useQuery(decisionsOfKindQuery('uppdrag'));
  const { draft, set } = useDraft(emptyDraft);
  const [clientErrors, setClientErrors] = useState<Errors>({});
  // An assignment may go to any unit; whether the body may give it is the body's scope.
  const unitOptions = useUnitOptions(org.units);
  // The register's uppdrag of the chosen body first; any uppdrag may be cited.
  const decisionOptions = useMemo(
    () =>
      [...(decisions.data?.decisions ?? [])]
        .sort((a, b) => Number(b.bodyId === draft.bodyId) - Number(a.bodyId === draft.bodyId))
        .map((d) => ({ value: d.id, label: `${d.title} – ${citationOf(d)}` })),
    [decisions.data, draft.bodyId],
  );

  const save = useMutation({
    mutationFn: (body: RequestBody<'/assignments', 'post'>) => call(client.POST('/assignments', { body })),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['assignments'] });
      onDone(t('assignmentForm.saved', { title: created.title }));
    },
  });
  const errorAt = useFieldError(clientErrors, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = assignmentPayload(draft);
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate(checked.body);
    else save.reset();
  };

  return (
    <FormPanel
      id="assignment-form"
      title={t('assignmentForm.title')}
      intro={t('assignmentForm.intro')}
      onClose={() => onDone('')}
    >
      <SaveStatus error={save.error} invalid={Object.keys(clientErrors).length > 0} shown={SHOWN} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('assignmentForm.assignmentTitle')}
            required
            value={draft.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
            error={errorAt('title')}
          />
          <Textarea
            label={t('assignmentForm.description')}
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set('description')(e.currentTarget.value)}
            error={errorAt('description')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('assignmentForm.body')}
              required
              searchable
              data={bodies.map((b) => ({ value: b.id, label: b.name }))}
              value={draft.bodyId}
              onChange={set('bodyId')}
              nothingFoundMessage={t('common.nothingFound')}
              error={errorAt('bodyId')}
            />
            <Select
              label={t('assignmentForm.decision')}
              description={t('assignmentForm.decisionHelp')}
              searchable
              clearable
              data={decisionOptions}
              value={draft.decisionId}
              onChange={set('decisionId')}
              nothingFoundMessage={t('common.nothingFound')}
              error={errorAt('decisionId')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('assignmentForm.assigneeUnit')}
              description={t('assignmentForm.assigneeHelp')}
              searchable
              clearable
              data={unitOptions}
              value={draft.assigneeUnitId}
              onChange={set('assigneeUnitId')}
              nothingFoundMessage={t('common.nothingFound')}
              error={errorAt('assigneeUnitId')}
            />
            <TextInput
              label={t('assignmentForm.assigneeName')}
              description={t('assignmentForm.assigneeNameHelp')}
              value={draft.assigneeName}
              onChange={(e) => set('assigneeName')(e.currentTarget.value)}
              error={errorAt('assigneeName')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField
              label={t('assignments.dueOn')}
              required
              value={draft.dueOn}
              onChange={set('dueOn')}
              error={errorAt('dueOn')}
            />
            <DateField
              label={t('assignments.reportBackOn')}
              value={draft.reportBackOn}
              onChange={set('reportBackOn')}
              error={errorAt('reportBackOn')}
            />
          </SimpleGrid>
        </Stack>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {t('assignmentForm.submit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}

/** "Återrapportera": the assignee says the assignment is reported back, and when. */
export function AssignmentReportForm({
  assignment,
  onDone,
}: {
  assignment: Assignment;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(assignment);
  const [status, setStatus] = useState<AssignmentStatus>(
    assignment.status === 'not_started' || assignment.status === 'ongoing' ? 'reported' : assignment.status,
  );
  const [reportedOn, setReportedOn] = useState(assignment.reportedOn ?? today());
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const save = useMutation({
    mutationFn: (body: RequestBody<'/assignments/{id}', 'put'>) =>
      call(client.PUT('/assignments/{id}', { params: { path: { id: assignment.id } }, body })),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['assignments'] });
      onDone(
        t('assignmentReport.saved', {
          title: saved.title,
          status: t(`assignmentStatus.${saved.status}`).toLocaleLowerCase('sv'),
        }),
      );
    },
    onError: async (error) => {
      if (!isVersionConflict(error)) return;
      const current = error.current as Assignment | undefined;
      if (current?.version) setBase(current);
      await queryClient.invalidateQueries({ queryKey: ['assignments'] });
    },
  });
  const errorAt = useFieldError(clientErrors, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = assignmentReportPayload(base, { status, reportedOn });
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate(checked.body);
    else save.reset();
  };
  const title = t('assignmentReport.title', { title: assignment.title });
  return (
    <FormPanel
      id="assignment-report"
      title={title}
      intro={t('assignmentReport.intro', {
        date: base.reportBackOn ? formatDate(base.reportBackOn) : formatDate(base.dueOn),
      })}
      onClose={() => onDone('')}
    >
      <SaveStatus
        error={save.error}
        invalid={Object.keys(clientErrors).length > 0}
        shown={['status', 'reportedOn']}
        conflictText={t('assignmentReport.conflict')}
      />
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('assignments.status')}
            required
            allowDeselect={false}
            data={ASSIGNMENT_STATUSES.map((s) => ({ value: s, label: t(`assignmentStatus.${s}`) }))}
            value={status}
            onChange={(v) => v && setStatus(v as AssignmentStatus)}
            error={errorAt('status')}
          />
          {(status === 'reported' || status === 'closed') && (
            <DateField
              label={t('assignmentReport.reportedOn')}
              required={status === 'reported'}
              value={reportedOn}
              onChange={setReportedOn}
              error={errorAt('reportedOn')}
            />
          )}
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {t('assignmentReport.submit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}
