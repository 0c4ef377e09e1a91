import { Alert, Anchor, Breadcrumbs, Button, Group, Paper, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { unitMonthPath } from '../app/context';
import { formatDate, formatDateTime } from '../app/format';
import { PageHeading } from '../app/page';
import { unitMonthKey } from '../month/queries';
import '../month/texts';
import { measurePath } from '../economy/queries';
import { fieldMessageOf, unshownFieldErrors } from '../steering/fielderrors';
import { formatMonth, monthOrNull } from '../steering/periods';
import { LoadError, Loading } from '../steering/ui';
import { type Intent, isTransient, nextIntent } from './intent';
import { levelLabel } from './labels';
import {
  followupKey,
  followupPage,
  postOnce,
  submissionKey,
  submissionPage,
  submissionPath,
  submissionQuery,
} from './queries';
import type { SubmissionDetail } from './types';
import { ByWhom, LateBadge, newIdempotencyKey, SubmissionBadge } from './ui';

type Detail = SubmissionDetail;
type Action = 'submit' | 'return' | 'approve';

/** A unit's report for a month: what is missing, the analysis, submitting it, and the decision on it. */
export function SubmissionPage() {
  const { t } = useTranslation();
  const { unitId = '', period: periodParam = '' } = useParams();
  const period = monthOrNull(periodParam);
  const detail = useQuery({
    ...submissionQuery(unitId, period ?? ''),
    enabled: period !== null,
  });

  if (period === null)
    return (
      <>
        <PageHeading title={t('followup.submission.heading')} />
        <Alert color="red" role="alert">
          {t('followup.submission.badPeriod', { period: periodParam })}
        </Alert>
      </>
    );
  if (detail.isPending) return <Loading />;
  if (detail.isError)
    return (
      <>
        <Crumbs period={period} name={null} />
        <PageHeading title={t('followup.submission.heading')} />
        <LoadError error={detail.error} />
      </>
    );
  return <Submission detail={detail.data} period={period} />;
}

function Crumbs({ period, name }: { period: string; name: string | null }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('followup.submission.breadcrumbs')}>
      <Breadcrumbs separator="›" mb="sm" className="breadcrumbs">
        <Anchor component={Link} to={followupPage(period)}>
          {t('followup.submission.backTo', { month: formatMonth(period) })}
        </Anchor>
        {name && <span aria-current="page">{name}</span>}
      </Breadcrumbs>
    </nav>
  );
}

function Submission({ detail: d, period }: { detail: Detail; period: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const month = formatMonth(period);
  const { can } = d;
  const [announcement, setAnnouncement] = useState('');
  // The analysis as typed; null follows what is stored.
  const [typed, setTyped] = useState<string | null>(null);
  const analysis = typed ?? d.analysis;
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | undefined>();
  const intent = useRef<Intent | null>(null);

  const refresh = async (fresh?: unknown) => {
    if (fresh && typeof fresh === 'object' && 'trail' in fresh)
      queryClient.setQueryData(submissionKey(d.unitId, period), fresh as SubmissionDetail);
    await queryClient.invalidateQueries({ queryKey: followupKey });
  };

  const saveDraft = useMutation({
    mutationFn: () =>
      call(
        client.PUT('/followup/submissions/{unitId}/{period}', {
          params: { path: { unitId: d.unitId, period } },
          body: { version: d.version, analysis },
        }),
      ),
    onSuccess: async (fresh) => {
      setTyped(null);
      setAnnouncement(t('followup.submission.draftSaved'));
      await refresh(fresh);
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.status === 409) await refresh(e.current);
    },
  });

  const act = useMutation({
    mutationFn: (v: { action: Action; body: Record<string, unknown>; key: string }) =>
      postOnce<unknown>(`${submissionPath(d.unitId, period)}/${v.action}`, v.body, v.key),
    // A request whose answer got lost is sent again with the same key: the server acts once.
    retry: (count, e) => count < 2 && isTransient(e),
    retryDelay: (count) => 500 * 2 ** count,
    onSuccess: async (fresh, v) => {
      intent.current = null;
      if (v.action === 'submit') setTyped(null);
      setComment('');
      setAnnouncement(t(`followup.submission.done.${v.action}`, { unit: d.name, month }));
      await refresh(fresh);
    },
    onError: async (e) => {
      if (intent.current) intent.current = { ...intent.current, open: isTransient(e) };
      if (e instanceof ApiError && e.status === 409) await refresh(e.current);
    },
  });

  const run = (action: Action, body: Record<string, unknown>) => {
    setAnnouncement('');
    saveDraft.reset();
    const next = nextIntent(intent.current, action, body, newIdempotencyKey);
    intent.current = next;
    act.mutate({ action, body, key: next.key });
  };

  const submitReport = () => run('submit', { version: d.version, analysis });
  const approve = () => {
    setCommentError(undefined);
    run('approve', comment.trim() ? { version: d.version, comment: comment.trim() } : { version: d.version });
  };
  const sendBack = () => {
    if (!comment.trim()) {
      setCommentError(t('followup.submission.commentRequired'));
      document.getElementById('decision-comment')?.focus();
      return;
    }
    setCommentError(undefined);
    run('return', { version: d.version, comment: comment.trim() });
  };

  const error = act.error ?? saveDraft.error;
  const conflict = error instanceof ApiError && error.status === 409;
  const busy = act.isPending || saveDraft.isPending;
  return (
    <>
      <Crumbs period={period} name={d.name} />
      <PageHeading title={t('followup.submission.title', { unit: d.name, month })} />
      <Text mb="md" className="prose">
        {t('followup.submission.intro', { level: levelLabel(t, d.level).toLocaleLowerCase('sv'), month })}
      </Text>
      <Paper withBorder p="md" mb="md" radius="md" component="section" aria-labelledby="facts-heading">
        <Title order={2} size="h3" id="facts-heading" mb="sm">
          {t('followup.submission.factsHeading')}
        </Title>
        <dl className="facts">
          <dt>{t('followup.submission.status')}</dt>
          <dd data-testid="submission-status">
            <SubmissionBadge status={d.status} /> {d.late && <LateBadge days={d.daysLate} />}
          </dd>
          <dt>{t('followup.submission.deadline')}</dt>
          <dd>{d.deadline ? formatDate(d.deadline) : t('followup.submission.noDeadline')}</dd>
          <dt>{t('followup.submission.submitted')}</dt>
          <dd>
            <ByWhom name={d.submittedByName} at={d.submittedAt} />
          </dd>
          <dt>{t('followup.submission.decided')}</dt>
          <dd>
            <ByWhom name={d.decidedByName} at={d.decidedAt} />
          </dd>
        </dl>
      </Paper>
      <div aria-live="assertive">
        {conflict && (
          <Alert color="orange" title={t('followup.submission.conflictTitle')} mb="md">
            {t('followup.submission.conflict')}
            {error.message ? ` (${error.message})` : ''}
          </Alert>
        )}
        {error && !conflict && (
          <Alert color="red" title={t('followup.submission.failed')} mb="md">
            {error.message}
            {error instanceof ApiError && unshownFieldErrors(error, ['analysis', 'comment']).length > 0 && (
              <ul className="plain-list">
                {unshownFieldErrors(error, ['analysis', 'comment']).map((f) => (
                  <li key={`${f.field}:${f.message}`}>{f.message}</li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </div>
      <div aria-live="polite">
        {announcement && !error && (
          <Alert color="green" mb="md">
            {announcement}
          </Alert>
        )}
      </div>
      {d.status === 'returned' && (
        <section aria-labelledby="returned-heading" className="section">
          <Alert
            color="orange"
            variant="outline"
            title={
              <Title order={2} size="h4" id="returned-heading">
                {d.decidedByName
                  ? t('followup.submission.returnedBy', {
                      name: d.decidedByName,
                      at: d.decidedAt ? formatDateTime(d.decidedAt) : '',
                    })
                  : t('followup.submission.returned')}
              </Title>
            }
          >
            <Text className="return-comment" data-testid="return-comment">
              {d.returnComment || t('followup.submission.noComment')}
            </Text>
          </Alert>
        </section>
      )}
      <Missing detail={d} period={period} />
      <Children detail={d} period={period} />
      <section aria-labelledby="analysis-heading" className="section">
        <Title order={2} size="h3" id="analysis-heading" mb="sm">
          {t('followup.submission.analysisHeading')}
        </Title>
        {can.edit ? (
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              saveDraft.mutate();
            }}
            noValidate
          >
            <Textarea
              id="submission-analysis"
              label={t('followup.submission.analysisLabel', { month })}
              description={t('followup.submission.analysisHelp')}
              autosize
              minRows={5}
              maxLength={10000}
              value={analysis}
              error={fieldMessageOf(act.error ?? saveDraft.error, 'analysis')}
              onChange={(e) => setTyped(e.currentTarget.value)}
            />
            <Group mt="sm">
              <Button type="submit" variant="default" loading={saveDraft.isPending} disabled={act.isPending}>
                {t('followup.submission.saveDraft')}
              </Button>
              {can.submit && (
                <Button
                  onClick={submitReport}
                  loading={act.isPending && act.variables?.action === 'submit'}
                  disabled={busy}
                >
                  {t('followup.submission.submit')}
                </Button>
              )}
            </Group>
          </form>
        ) : d.analysis.trim() ? (
          <Text className="analysis-view">{d.analysis}</Text>
        ) : (
          <Text>{t('followup.submission.noAnalysis')}</Text>
        )}
        {!can.decide && d.status === 'submitted' && (
          <Text mt="sm" size="sm">
            {t('followup.submission.awaitingDecision')}
          </Text>
        )}
      </section>
      {can.decide && (
        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="decide-heading" className="section">
          <Title order={2} size="h3" id="decide-heading" mb="sm">
            {t('followup.submission.decideHeading')}
          </Title>
          <Text size="sm" mb="sm">
            {t('followup.submission.decideIntro', { unit: d.name })}
          </Text>
          <Textarea
            id="decision-comment"
            label={t('followup.submission.comment')}
            description={t('followup.submission.commentHelp')}
            autosize
            minRows={3}
            maxLength={4000}
            value={comment}
            error={commentError ?? fieldMessageOf(act.error, 'comment')}
            onChange={(e) => {
              setComment(e.currentTarget.value);
              if (commentError && e.currentTarget.value.trim()) setCommentError(undefined);
            }}
          />
          <Group mt="sm">
            <Button onClick={approve} loading={act.isPending && act.variables?.action === 'approve'} disabled={busy}>
              {t('followup.submission.approve')}
            </Button>
            <Button
              variant="outline"
              onClick={sendBack}
              loading={act.isPending && act.variables?.action === 'return'}
              disabled={busy}
            >
              {t('followup.submission.return')}
            </Button>
          </Group>
        </Paper>
      )}
      <Trail detail={d} />
    </>
  );
}

/**
 * What is still missing of everything the month asks for (indicator outcomes and forecasts,
 * goal analyses, measures, the unit's analysis), as the unit's month page counts it; once the
 * report is handed in nothing more is asked for.
 */
function Missing({ detail: d, period }: { detail: Detail; period: string }) {
  const { t } = useTranslation();
  const handedIn = d.status === 'submitted' || d.status === 'approved';
  const month = useQuery({
    queryKey: unitMonthKey(d.unitId, period),
    queryFn: () =>
      call(client.GET('/units/{unitId}/months/{period}', { params: { path: { unitId: d.unitId, period } } })),
    enabled: !handedIn,
  });
  return (
    <section aria-labelledby="missing-heading" className="section">
      <Title order={2} size="h3" id="missing-heading" mb="sm">
        {t('followup.submission.missingHeading')}
      </Title>
      {handedIn ? (
        <Text mb="sm">{t('month.nothingAsked')}</Text>
      ) : month.isPending ? (
        <Loading />
      ) : month.isError ? (
        <LoadError error={month.error} />
      ) : month.data.missing.length === 0 ? (
        <Text mb="sm">{t('followup.submission.noneMissing')}</Text>
      ) : (
        <ul data-testid="submission-missing">
          {month.data.missing.map((m) => (
            <li key={`${m.kind}|${m.id}`}>
              {m.kind === 'measure' ? (
                <Anchor component={Link} to={measurePath(m.id, period)}>
                  {m.label}
                </Anchor>
              ) : (
                m.label
              )}
            </li>
          ))}
        </ul>
      )}
      {!handedIn && (
        <Anchor component={Link} to={unitMonthPath(d.unitId, period)}>
          {t('month.fillIn')}
        </Anchor>
      )}
    </section>
  );
}

function Children({ detail: d, period }: { detail: Detail; period: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="children-heading" className="section">
      <Title order={2} size="h3" id="children-heading" mb="sm">
        {t('followup.submission.childrenHeading')}
      </Title>
      {d.children.length === 0 ? (
        <Text>{t('followup.submission.noChildren')}</Text>
      ) : (
        <Table withTableBorder striped captionSide="top" maw={720}>
          <Table.Caption>
            {t('followup.submission.childrenCaption', { unit: d.name, month: formatMonth(period) })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('followup.overview.unit')}</Table.Th>
              <Table.Th scope="col">{t('followup.overview.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.children.map((c) => (
              <Table.Tr key={c.unitId}>
                <Table.Th scope="row" fw="normal">
                  <Anchor component={Link} to={submissionPage(c.unitId, period)}>
                    {c.name}
                  </Anchor>
                </Table.Th>
                <Table.Td className="status-cell">
                  <SubmissionBadge status={c.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

function Trail({ detail: d }: { detail: Detail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="trail-heading" className="section">
      <Title order={2} size="h3" id="trail-heading" mb="sm">
        {t('followup.submission.trailHeading')}
      </Title>
      {d.trail.length === 0 ? (
        <Text>{t('followup.submission.noTrail')}</Text>
      ) : (
        <ol className="trail">
          {d.trail.map((e) => (
            <li key={`${e.at}-${e.action}-${e.actorName}`}>
              <Text component="span" fw={600}>
                {t(`followup.trail.${e.action}`)}
              </Text>{' '}
              <span>
                {t('followup.submission.byAt', {
                  name: e.actorName,
                  at: formatDateTime(e.at),
                })}
              </span>
              {e.comment && (
                <p className="trail-comment">{t('followup.submission.trailComment', { comment: e.comment })}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
