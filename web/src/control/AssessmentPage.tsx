import { Anchor, Button, Paper, Select, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call, client, type Schema } from '../app/client';
import { PageHeading } from '../app/page';
import { fieldMessageOf } from '../steering/fielderrors';
import { LoadError, Loading } from '../steering/ui';
import { useYear } from './ControlPage';
import './texts';

const JUDGEMENTS = ['sufficient', 'partly', 'insufficient'] as const;
const COUNTS = ['results', 'done', 'notDone', 'deviations', 'openActions', 'lateActions'] as const;

/** A nämnd's yearly assessment of its internal control, with the year's results it judges. */
export function AssessmentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [year] = useYear();
  const q = useQuery({
    queryKey: ['control', 'assessment', id, year],
    queryFn: () =>
      call(client.GET('/control/bodies/{bodyId}/assessments/{year}', { params: { path: { bodyId: id, year } } })),
  });
  const [status, setStatus] = useState('');
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const v = q.data;
  return (
    <>
      <PageHeading title={`${v.bodyName}: ${t('control.assessment')} ${year}`} />
      <Anchor component={Link} to={`/intern-kontroll?year=${year}`} display="block" mb="md">
        {t('control.back')}
      </Anchor>
      <Table withTableBorder mb="md" maw={480}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('control.pointsCount')}</Table.Th>
            <Table.Td className="number">{v.points}</Table.Td>
          </Table.Tr>
          {COUNTS.map((k) => (
            <Table.Tr key={k}>
              <Table.Th scope="row">{t(`control.counts.${k}`)}</Table.Th>
              <Table.Td className="number">{v.counts[k]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      {v.can.edit ? (
        <AssessmentForm key={v.assessment?.version ?? 0} view={v} year={year} onDone={setStatus} />
      ) : v.assessment ? (
        <>
          <Text fw={700}>
            {t('control.judgementLabel')}: {t(`control.judgement.${v.assessment.judgement}`)}
          </Text>
          <Text>{v.assessment.reasons}</Text>
        </>
      ) : null}
    </>
  );
}

function AssessmentForm({
  view,
  year,
  onDone,
}: {
  view: Schema<'ControlAssessmentView'>;
  year: number;
  onDone: (m: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [judgement, setJudgement] = useState<(typeof JUDGEMENTS)[number]>(view.assessment?.judgement ?? 'sufficient');
  const [reasons, setReasons] = useState(view.assessment?.reasons ?? '');
  const [decisionId, setDecisionId] = useState<string | null>(view.assessment?.decisionId ?? null);
  // The body's own decisions, chosen by date and title rather than typed as an id.
  const decisions = useQuery({
    queryKey: ['decisions', { bodyId: view.bodyId }],
    queryFn: () => call(client.GET('/decisions', { params: { query: { bodyId: view.bodyId, kind: 'beslut' } } })),
  });
  const save = useMutation({
    mutationFn: () =>
      call(
        client.PUT('/control/bodies/{bodyId}/assessments/{year}', {
          params: { path: { bodyId: view.bodyId, year } },
          body: {
            version: view.assessment?.version ?? null,
            judgement,
            reasons,
            decisionId,
          },
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['control'] });
      onDone(t('control.saved'));
    },
  });
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Select
        label={t('control.judgementLabel')}
        data={JUDGEMENTS.map((j) => ({ value: j, label: t(`control.judgement.${j}`) }))}
        value={judgement}
        allowDeselect={false}
        onChange={(v) => v && setJudgement(v as (typeof JUDGEMENTS)[number])}
      />
      <Textarea
        label={t('control.reasons')}
        value={reasons}
        onChange={(e) => setReasons(e.currentTarget.value)}
        autosize
        minRows={3}
      />
      <Select
        label={t('control.decisionPick')}
        data={(decisions.data?.decisions ?? []).map((d) => ({ value: d.id, label: `${d.decidedOn} ${d.title}` }))}
        value={decisionId}
        onChange={setDecisionId}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        error={fieldMessageOf(save.error, 'decisionId')}
      />
      {save.error && (
        <Text c="red.9" role="alert">
          {save.error.message}
        </Text>
      )}
      <Button type="submit" mt="md" loading={save.isPending}>
        {t('control.save')}
      </Button>
    </Paper>
  );
}
