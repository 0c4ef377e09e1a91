import { Button, Group, Radio, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, client, type RequestBody } from '../app/client';
import { today } from '../app/format';
import { bodiesQuery } from '../bodies/BodiesPage';
import { useUnitOptions } from '../ui/options';
import { DateField, FormPanel, SaveStatus, useDraft, useFieldError } from './formkit';
import { type DecisionDraft, decisionPayload, type Errors } from './payloads';
import { useOrg } from './queries';
import { DECISION_KINDS, type Decision, type DecisionKind } from './types';
import { bodiesWhere, unitsWhere } from './writable';

const SHOWN = [
  'kind',
  'bodyId',
  'officialName',
  'unitId',
  'decidedOn',
  'paragraph',
  'diarienummer',
  'title',
  'text',
] as const;

const emptyDraft = (): DecisionDraft => ({
  kind: 'beslut',
  decidedBy: 'body',
  bodyId: null,
  officialName: '',
  unitId: null,
  decidedOn: today(),
  paragraph: '',
  diarienummer: '',
  title: '',
  text: '',
});

/** Whether the user may register anything: they write for some unit or body. */
export function useMayRegisterDecisions(): boolean {
  const org = useOrg();
  const bodies = useQuery(bodiesQuery);
  return (
    unitsWhere(org.units, 'addDecision').length > 0 || bodiesWhere(bodies.data?.bodies ?? [], 'addDecision').length > 0
  );
}

/** "Registrera beslut": a beslut, uppdrag or informationsärende of a body or an official. */
export function DecisionForm({ onDone }: { onDone: (message: string, decision?: Decision) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const org = useOrg();
  const bodies = useQuery(bodiesQuery);
  const { draft, set, setDraft } = useDraft(emptyDraft);
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const bodyOptions = useMemo(
    () => bodiesWhere(bodies.data?.bodies ?? [], 'addDecision').map((b) => ({ value: b.id, label: b.name })),
    [bodies.data],
  );
  const units = useMemo(() => unitsWhere(org.units, 'addDecision'), [org.units]);
  const unitOptions = useUnitOptions(units);

  const save = useMutation({
    mutationFn: (body: RequestBody<'/decisions', 'post'>) => call(client.POST('/decisions', { body })),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['decisions'] });
      setDraft(emptyDraft());
      onDone(t('decisionForm.saved', { title: created.title, kind: t(`decisionKind.${created.kind}`) }), created);
    },
  });
  const errorAt = useFieldError(clientErrors, save.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = decisionPayload(draft);
    setClientErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate(checked.body);
    else save.reset();
  };

  return (
    <FormPanel
      id="decision-form"
      title={t('decisionForm.title')}
      intro={t('decisionForm.intro')}
      onClose={() => onDone('')}
    >
      <SaveStatus error={save.error} invalid={Object.keys(clientErrors).length > 0} shown={SHOWN} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Radio.Group
            label={t('decisionForm.kind')}
            required
            value={draft.kind}
            onChange={(v) => set('kind')(v as DecisionKind)}
            error={errorAt('kind')}
          >
            <Group mt={4}>
              {DECISION_KINDS.map((k) => (
                <Radio key={k} value={k} label={t(`decisionKind.${k}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Radio.Group
            label={t('decisionForm.decidedBy')}
            required
            value={draft.decidedBy}
            onChange={(v) => set('decidedBy')(v as DecisionDraft['decidedBy'])}
          >
            <Group mt={4}>
              <Radio value="body" label={t('decisionForm.byBody')} />
              <Radio value="official" label={t('decisionForm.byOfficial')} />
            </Group>
          </Radio.Group>
          {draft.decidedBy === 'body' ? (
            <Select
              label={t('decisionForm.body')}
              required
              searchable
              data={bodyOptions}
              value={draft.bodyId}
              onChange={set('bodyId')}
              nothingFoundMessage={t('common.nothingFound')}
              error={errorAt('bodyId')}
            />
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('decisionForm.officialName')}
                required
                value={draft.officialName}
                onChange={(e) => set('officialName')(e.currentTarget.value)}
                error={errorAt('officialName')}
              />
              <Select
                label={t('decisionForm.unit')}
                description={t('decisionForm.unitHelp')}
                required
                searchable
                data={unitOptions}
                value={draft.unitId}
                onChange={set('unitId')}
                nothingFoundMessage={t('common.nothingFound')}
                error={errorAt('unitId')}
              />
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <DateField
              label={t('decisionForm.decidedOn')}
              required
              value={draft.decidedOn}
              onChange={set('decidedOn')}
              error={errorAt('decidedOn')}
            />
            <TextInput
              label={t('decisionForm.paragraph')}
              description={t('decisionForm.paragraphHelp')}
              value={draft.paragraph}
              onChange={(e) => set('paragraph')(e.currentTarget.value)}
              error={errorAt('paragraph')}
            />
            <TextInput
              label={t('decisionForm.diarienummer')}
              description={t('decisionForm.diarienummerHelp')}
              value={draft.diarienummer}
              onChange={(e) => set('diarienummer')(e.currentTarget.value)}
              error={errorAt('diarienummer')}
            />
          </SimpleGrid>
          <TextInput
            label={t('decisionForm.heading')}
            required
            value={draft.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
            error={errorAt('title')}
          />
          <Textarea
            label={t('decisionForm.text')}
            autosize
            minRows={3}
            value={draft.text}
            onChange={(e) => set('text')(e.currentTarget.value)}
            error={errorAt('text')}
          />
        </Stack>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {t('decisionForm.submit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}
