import { Alert, Button, Group, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { FormStatus, fieldError } from '../ui/forms';
import { formatMonth } from './periods';
import type { Analysis, ScorecardGoal } from './types';
import { EnteredBy } from './ui';

interface Props {
  goal: ScorecardGoal;
  unitId: string;
  unitName: string;
  period: string;
  mayWrite: boolean;
}

/** The unit's analysis of a goal for the month, with its editor for those who may write it. */
export function AnalysisBlock({ goal, unitId, unitName, period, mayWrite, headingId }: Props & { headingId: string }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState('');
  const analysis = goal.analysis;
  return (
    <section aria-labelledby={headingId} className="analysis">
      <Group justify="space-between" align="center" mt="md" mb={4}>
        <Title order={4} size="h5" id={headingId}>
          {t('scorecard.analysisHeading', { unit: unitName, month: formatMonth(period) })}
        </Title>
        {mayWrite && !editing && (
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              setSaved('');
              setEditing(true);
            }}
          >
            {analysis ? t('scorecard.editAnalysis') : t('scorecard.writeAnalysis')}
          </Button>
        )}
      </Group>
      {analysis ? (
        <>
          <Text className="analysis-text">{analysis.text}</Text>
          <Text size="sm" className="muted">
            <EnteredBy name={analysis.enteredByName} at={analysis.enteredAt} />
          </Text>
        </>
      ) : (
        <Text className="muted">{t('scorecard.noAnalysis')}</Text>
      )}
      <p aria-live="polite" className="status-message">
        {saved}
      </p>
      {editing && (
        <AnalysisForm
          goal={goal}
          analysis={analysis}
          unitId={unitId}
          unitName={unitName}
          period={period}
          onDone={(message) => {
            setEditing(false);
            setSaved(message);
          }}
        />
      )}
    </section>
  );
}

function AnalysisForm({
  goal,
  analysis,
  unitId,
  unitName,
  period,
  onDone,
}: {
  goal: ScorecardGoal;
  analysis: Analysis | null;
  unitId: string;
  unitName: string;
  period: string;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState(analysis?.text ?? '');
  const save = useMutation({
    // The version read with the scorecard: a newer analysis by someone else is refused (409).
    mutationFn: () =>
      call(
        client.PUT('/goals/{id}/analyses', {
          params: { path: { id: goal.id } },
          body: { unitId, period, text, version: analysis?.version ?? null },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['scorecard', unitId, period] });
      onDone(t('scorecard.analysisSaved'));
    },
    onError: async (error) => {
      // Reload, so the other person's text shows above and the next save builds on it.
      if (error instanceof ApiError && error.status === 409)
        await queryClient.invalidateQueries({ queryKey: ['scorecard', unitId, period] });
    },
  });
  const [empty, setEmpty] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // An empty analysis is refused by the server too; say so in words before asking it.
    setEmpty(text.trim() === '');
    if (text.trim() !== '') save.mutate();
  };
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  return (
    <form onSubmit={submit} noValidate>
      {conflict ? (
        <Alert color="orange" role="alert" title={t('common.conflictTitle')} mb="sm">
          {t('scorecard.analysisConflict')}
        </Alert>
      ) : (
        <FormStatus error={save.error} />
      )}
      <Textarea
        label={t('scorecard.analysisLabel', { unit: unitName, month: formatMonth(period) })}
        description={t('scorecard.analysisHelp')}
        required
        autosize
        minRows={4}
        maxRows={14}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={empty ? t('scorecard.analysisEmpty') : fieldError(save.error, 'text')}
      />
      <Group mt="sm">
        <Button type="submit" loading={save.isPending}>
          {t('scorecard.saveAnalysis')}
        </Button>
        <Button variant="default" onClick={() => onDone('')}>
          {t('common.cancel')}
        </Button>
      </Group>
    </form>
  );
}
