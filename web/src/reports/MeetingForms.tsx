import { Button, Group, Radio, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, type RequestBody } from '../app/client';
import { today } from '../app/format';
import type { Body } from '../app/types';
import { orgUnitsQuery } from '../org/TreePage';
import { DateField, FormPanel, SaveStatus, useFieldError } from '../steering/formkit';
import type { Errors } from '../steering/payloads';
import { useUnitOptions } from '../ui/options';
import { bareParagraph, meetingLabel, outcomeKey } from './labels';
import { meetingsKey, reportsKey } from './queries';
import { type Meeting, type MeetingItem, OUTCOMES, type Outcome } from './types';

const hasErrors = (e: Errors) => Object.keys(e).length > 0;

/** "Nytt sammanträde": the body, the day and a title. */
export function NewMeetingForm({
  bodies,
  onDone,
}: {
  bodies: Body[];
  onDone: (message: string, meetingId?: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [bodyId, setBodyId] = useState<string | null>(bodies.length === 1 ? (bodies[0]?.id ?? null) : null);
  const [meetsOn, setMeetsOn] = useState(today());
  const [title, setTitle] = useState('');
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const create = useMutation({
    mutationFn: (body: RequestBody<'/meetings', 'post'>) => call(client.POST('/meetings', { body })),
    onSuccess: async ({ id }) => {
      await queryClient.invalidateQueries({ queryKey: meetingsKey });
      const name = bodies.find((b) => b.id === bodyId)?.name ?? '';
      onDone(t('reports.meetings.created', { meeting: meetingLabel({ bodyName: name, meetsOn }) }), id);
    },
  });
  const errorAt = useFieldError(clientErrors, create.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Errors = {};
    if (!bodyId) errors.bodyId = 'reports.meetings.bodyRequired';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(meetsOn)) errors.meetsOn = 'reports.meetings.dateRequired';
    if (!title.trim()) errors.title = 'reports.meetings.titleRequired';
    setClientErrors(errors);
    // bodyId is checked above too; repeated so the request is typed without it.
    if (hasErrors(errors) || !bodyId) create.reset();
    else create.mutate({ bodyId, meetsOn, title: title.trim() });
  };

  return (
    <FormPanel id="new-meeting" title={t('reports.meetings.newTitle')} onClose={() => onDone('')}>
      <SaveStatus error={create.error} invalid={hasErrors(clientErrors)} shown={['bodyId', 'meetsOn', 'title']} />
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('reports.meetings.body')}
            required
            searchable
            data={bodies.map((b) => ({ value: b.id, label: b.name }))}
            value={bodyId}
            onChange={setBodyId}
            nothingFoundMessage={t('common.nothingFound')}
            error={errorAt('bodyId')}
          />
          <DateField
            label={t('reports.meetings.date')}
            required
            value={meetsOn}
            onChange={setMeetsOn}
            error={errorAt('meetsOn')}
          />
          <TextInput
            label={t('reports.meetings.meetingTitle')}
            description={t('reports.meetings.meetingTitleHelp')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errorAt('title')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={create.isPending}>
            {t('reports.meetings.createSubmit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}

/** "Nytt ärende" on a meeting: its paragraph, a title and optionally the report it concerns. */
export function NewItemForm({ meeting, onDone }: { meeting: Meeting; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [paragraph, setParagraph] = useState('');
  const [title, setTitle] = useState('');
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const create = useMutation({
    mutationFn: (body: RequestBody<'/meetings/{id}/items', 'post'>) =>
      call(client.POST('/meetings/{id}/items', { params: { path: { id: meeting.id } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meetingsKey });
      await queryClient.invalidateQueries({ queryKey: reportsKey });
      onDone(
        t('reports.meetings.itemCreated', {
          meeting: meetingLabel({ ...meeting, paragraph: bareParagraph(paragraph) }),
          title: title.trim(),
        }),
      );
    },
  });
  const errorAt = useFieldError(clientErrors, create.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Errors = {};
    if (!bareParagraph(paragraph)) errors.paragraph = 'reports.send.paragraphRequired';
    if (!title.trim()) errors.title = 'reports.meetings.itemTitleRequired';
    setClientErrors(errors);
    if (hasErrors(errors)) create.reset();
    else create.mutate({ paragraph: bareParagraph(paragraph), title: title.trim() });
  };

  return (
    <FormPanel
      id={`new-item-${meeting.id}`}
      title={t('reports.meetings.newItemTitle', { meeting: meetingLabel(meeting) })}
      intro={t('reports.meetings.newItemIntro')}
      onClose={() => onDone('')}
    >
      <SaveStatus error={create.error} invalid={hasErrors(clientErrors)} shown={['paragraph', 'title']} />
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('reports.send.paragraph')}
            description={t('reports.send.paragraphHelp')}
            required
            value={paragraph}
            onChange={(e) => setParagraph(e.currentTarget.value)}
            error={errorAt('paragraph')}
          />
          <TextInput
            label={t('reports.meetings.itemTitle')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errorAt('title')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={create.isPending}>
            {t('reports.meetings.itemSubmit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}

/** "Protokollför beslut": what the body did with the item, its wording and diarienummer. */
export function DecisionForm({
  meeting,
  item,
  onDone,
}: {
  meeting: Meeting;
  item: MeetingItem;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [text, setText] = useState('');
  const [diarienummer, setDiarienummer] = useState('');
  // An uppdrag becomes an assignment: who reports back, and by when (issue 12 item 5).
  const [reportBackOn, setReportBackOn] = useState('');
  const [assigneeUnitId, setAssigneeUnitId] = useState<string | null>(null);
  const units = useQuery(orgUnitsQuery(today()));
  const unitOptions = useUnitOptions(units.data?.units ?? []);
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const label = meetingLabel({ ...meeting, paragraph: item.paragraph });
  const record = useMutation({
    mutationFn: (body: RequestBody<'/meetings/{id}/items/{itemId}/decision', 'post'>) =>
      call(
        client.POST('/meetings/{id}/items/{itemId}/decision', {
          params: { path: { id: meeting.id, itemId: item.id } },
          body,
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: meetingsKey });
      await queryClient.invalidateQueries({ queryKey: reportsKey });
      await queryClient.invalidateQueries({ queryKey: ['decisions'] });
      onDone(t('reports.meetings.decisionSaved', { meeting: label, outcome: outcome ? t(outcomeKey(outcome)) : '' }));
    },
  });
  const errorAt = useFieldError(clientErrors, record.error);

  const choose = (value: string) => {
    const next = value as Outcome;
    setOutcome(next);
    // Information noted has its standard wording; the secretary may still change it.
    if (next === 'information' && !text.trim()) setText(t('reports.meetings.informationText'));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Errors = {};
    if (!outcome) errors.outcome = 'reports.meetings.outcomeRequired';
    if (!text.trim()) errors.text = 'reports.meetings.textRequired';
    if (outcome === 'uppdrag' && !reportBackOn)
      errors['assignment.reportBackOn'] = 'reports.meetings.reportBackRequired';
    if (outcome === 'uppdrag' && !assigneeUnitId)
      errors['assignment.assigneeUnitId'] = 'reports.meetings.assigneeRequired';
    setClientErrors(errors);
    if (hasErrors(errors) || !outcome) record.reset();
    else
      record.mutate({
        outcome,
        text: text.trim(),
        ...(diarienummer.trim() ? { diarienummer: diarienummer.trim() } : {}),
        ...(outcome === 'uppdrag' ? { assignment: { reportBackOn, assigneeUnitId } } : {}),
      });
  };

  return (
    <FormPanel
      id={`decision-${item.id}`}
      title={t('reports.meetings.decisionTitle', { meeting: label, title: item.title })}
      onClose={() => onDone('')}
    >
      <SaveStatus
        error={record.error}
        invalid={hasErrors(clientErrors)}
        shown={[
          'outcome',
          'text',
          'diarienummer',
          'assignment',
          'assignment.reportBackOn',
          'assignment.assigneeUnitId',
        ]}
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Radio.Group
            label={t('reports.meetings.outcome')}
            required
            value={outcome}
            onChange={choose}
            error={errorAt('outcome')}
          >
            <Stack gap={6} mt={4}>
              {OUTCOMES.map((o) => (
                <Radio key={o} value={o} label={t(`reports.outcomeChoice.${o}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('reports.meetings.decisionText')}
            required
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={errorAt('text')}
          />
          {outcome === 'uppdrag' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('reports.meetings.assignmentUnit')}
                description={t('reports.meetings.assignmentHelp')}
                required
                searchable
                data={unitOptions}
                value={assigneeUnitId}
                onChange={setAssigneeUnitId}
                error={errorAt('assignment.assigneeUnitId')}
              />
              <DateField
                label={t('reports.meetings.assignmentReportBackOn')}
                required
                value={reportBackOn}
                onChange={setReportBackOn}
                error={errorAt('assignment.reportBackOn')}
              />
            </SimpleGrid>
          )}
          <TextInput
            label={t('reports.diarienummer')}
            description={t('reports.meetings.diarienummerHelp')}
            value={diarienummer}
            onChange={(e) => setDiarienummer(e.currentTarget.value)}
            error={errorAt('diarienummer')}
            w={{ base: '100%', sm: 320 }}
          />
        </Stack>
        <Group mt="md">
          <Button type="submit" loading={record.isPending}>
            {t('reports.meetings.decisionSubmit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}
