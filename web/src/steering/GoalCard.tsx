import { Alert, Anchor, Badge, Button, Group, Paper, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { FormStatus, fieldError } from '../ui/forms';
import { formatFigure } from './numbers';
import { formatMonth } from './periods';
import { Trend } from './Trend';
import type { Analysis, ScorecardGoal } from './types';
import { EnteredBy, OutcomeText, StaleNote, StatusBadge, WarningBadge } from './ui';

interface Props {
  goal: ScorecardGoal;
  unitId: string;
  unitName: string;
  period: string;
  mayWrite: boolean;
}

/** One goal on a scorecard: status, where it comes from, its indicators and the unit's analysis. */
export function GoalCard({ goal, unitId, unitName, period, mayWrite }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-labelledby={headingId} className="goal-card">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Title order={3} size="h4" id={headingId}>
          <Anchor component={Link} to={`/mal/${goal.id}`} inherit>
            {goal.title}
          </Anchor>
        </Title>
        <Group gap="xs">
          <Text size="sm" component="span" className="muted">
            {t('scorecard.goalStatus')}
          </Text>
          <StatusBadge status={goal.status} />
        </Group>
      </Group>
      <Text size="sm" mt={4}>
        {goal.focusArea && `${t('goal.focusArea')}: ${goal.focusArea} · `}
        {goal.inherited
          ? t('scorecard.inherited', { unit: goal.ownerUnitName })
          : t('scorecard.own', { unit: goal.ownerUnitName })}
        {' · '}
        {t('goal.plan')}:{' '}
        <Anchor component={Link} to={`/planer/${goal.planId}`}>
          {goal.planTitle}
        </Anchor>
      </Text>
      {(goal.planWithoutDecision || goal.drift) && (
        <Group gap="xs" mt="xs">
          {goal.planWithoutDecision && <WarningBadge>{t('steering.withoutDecision')}</WarningBadge>}
          {goal.drift && (
            <Anchor component={Link} to={`/mal/${goal.id}`} className="drift-link">
              <Badge color="orange" variant="light" className="badge-dark warning-badge" component="span">
                {t('steering.drift')}
              </Badge>
              <span className="visually-hidden">: </span>
              <span className="drift-link-text">{t('scorecard.seeWording')}</span>
            </Anchor>
          )}
        </Group>
      )}
      {goal.indicators.length === 0 ? (
        <Text mt="sm">{t('scorecard.noIndicators')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760} mt="sm">
          <Table withTableBorder captionSide="top" verticalSpacing="xs" layout="fixed">
            <Table.Caption className="visually-hidden">
              {t('scorecard.indicatorsCaption', { goal: goal.title })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w="26%">
                  {t('steering.indicator')}
                </Table.Th>
                <Table.Th scope="col" w="10%">
                  {t('steering.target')}
                </Table.Th>
                <Table.Th scope="col" w="15%">
                  {t('steering.outcome')}
                </Table.Th>
                <Table.Th scope="col" w="10%">
                  {t('steering.forecast')}
                </Table.Th>
                <Table.Th scope="col" w="23%">
                  {t('steering.status')}
                </Table.Th>
                <Table.Th scope="col" w="16%">
                  {t('steering.trend')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {goal.indicators.map((i) => (
                <Table.Tr key={i.id} data-indicator={i.name}>
                  <Table.Th scope="row" fw="normal">
                    <Anchor component={Link} to={`/indikatorer/${i.id}?period=${period}`}>
                      {i.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{formatFigure(i.target, i.measureUnit)}</Table.Td>
                  <Table.Td>
                    <OutcomeText figure={i} period={period} />
                  </Table.Td>
                  <Table.Td>
                    {formatFigure(i.forecast, i.measureUnit)}
                    {i.forecastMonth && i.forecastMonth !== period && (
                      <span className="muted"> ({formatMonth(i.forecastMonth)})</span>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={i.status} /> <StaleNote figure={i} period={period} />
                  </Table.Td>
                  <Table.Td>
                    <Trend figure={i} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AnalysisBlock
        goal={goal}
        unitId={unitId}
        unitName={unitName}
        period={period}
        mayWrite={mayWrite}
        headingId={`${headingId}-analysis`}
      />
    </Paper>
  );
}

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
