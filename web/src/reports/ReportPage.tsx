import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { SBAR_KEYS } from '../../../domain/reports/content';
import { call, client, type RequestBody } from '../app/client';
import { formatDateTime, today } from '../app/format';
import { PageHeading } from '../app/page';
import { isVersionConflict } from '../steering/fielderrors';
import { SaveStatus, useFieldError } from '../steering/formkit';
import type { Errors } from '../steering/payloads';
import { formatMonth } from '../steering/periods';
import { LoadError, Loading } from '../steering/ui';
import { ContentView } from './ContentView';
import { ExportPanel } from './ExportPanel';
import { bareParagraph, keyFor, meetingLabel, outcomeKey, shortHash } from './labels';
import { meetingsKey, meetingsQuery, reportQuery, reportsKey } from './queries';
import type { Meeting, Report, Sbar } from './types';

interface Draft {
  title: string;
  sbar: Sbar;
  proposedDecision: string;
}

const draftOf = (r: Report): Draft => ({
  title: r.title,
  sbar: { ...r.sbar },
  proposedDecision: r.proposedDecision,
});

const sameDraft = (a: Draft, b: Draft) =>
  a.title === b.title && a.proposedDecision === b.proposedDecision && SBAR_KEYS.every((k) => a.sbar[k] === b.sbar[k]);

const newKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** The SBAR text read as written, for a sent report or a reader. */
function SbarText({ report }: { report: Report }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="sbar-heading" className="section">
      <Title order={2} size="h3" id="sbar-heading" mb="sm">
        {t('reports.sbarHeading')}
      </Title>
      <div className="prose">
        {SBAR_KEYS.map((k) => (
          <div key={k}>
            <Title order={3} size="h4">
              {t(`reports.sbar.${k}`)}
            </Title>
            <Text className="analysis-text">{report.sbar[k] || t('reports.notWritten')}</Text>
          </div>
        ))}
        <Title order={3} size="h4">
          {t('reports.proposedDecision')}
        </Title>
        <Text className="analysis-text">{report.proposedDecision || t('reports.notWritten')}</Text>
      </div>
    </section>
  );
}

/** Sent: when, by whom, to which meeting, and the content's checksum. */
function SentNotice({ report }: { report: Report }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const meeting = report.meeting ?? report.content.meeting;
  useEffect(() => {
    // Arriving here straight after sending: the focus goes to what happened.
    if (sessionStorage.getItem('report-just-sent') === report.id) {
      sessionStorage.removeItem('report-just-sent');
      heading.current?.focus();
    }
  }, [report.id]);
  return (
    <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-labelledby="sent-heading">
      <Title order={2} size="h3" id="sent-heading" ref={heading} tabIndex={-1} mb="xs">
        {t('reports.frozenHeading')}
      </Title>
      <Text mb="xs" data-testid="sent-line">
        {t('reports.sentLine', {
          at: report.sentAt ? formatDateTime(report.sentAt) : '–',
          name: report.sentByName ?? '–',
          meeting: meeting ? meetingLabel(meeting) : '–',
        })}
      </Text>
      <Text size="sm" mb="xs">
        {t('reports.frozenText')}
      </Text>
      {report.contentHash && (
        <details>
          <summary>
            {t('reports.hash')}:{' '}
            <code title={report.contentHash} data-testid="content-hash">
              {shortHash(report.contentHash)}
            </code>
          </summary>
          <Text size="sm" mt={4}>
            {t('reports.hashHelp')}
          </Text>
          <code className="hash-full" style={{ wordBreak: 'break-all' }}>
            {report.contentHash}
          </code>
        </details>
      )}
    </Paper>
  );
}

/** Vad hände sedan: the decisions recorded on the items the report was on. */
function FollowedBy({ report }: { report: Report }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="followed-heading" className="section">
      <Title order={2} size="h3" id="followed-heading" mb="sm">
        {t('reports.followedHeading')}
      </Title>
      {report.followedBy.length === 0 ? (
        <Text>
          {t('reports.noFollowUp')}{' '}
          <Anchor component={Link} to="/sammantraden">
            {t('reports.recordUnderMeetings')}
          </Anchor>
        </Text>
      ) : (
        <ul className="plain-list">
          {report.followedBy.map((f, i) => (
            <li key={f.decisionId ?? i} className="followed-by">
              {f.bodyName && f.meetsOn && (
                <Text fw={600} component="span">
                  {meetingLabel({ bodyName: f.bodyName, meetsOn: f.meetsOn, paragraph: f.paragraph })}:{' '}
                </Text>
              )}
              {f.outcome ? (
                <Badge
                  color={f.outcome === 'information' ? 'orange' : 'green'}
                  variant="light"
                  className="badge-dark warning-badge"
                  component="span"
                >
                  {t(outcomeKey(f.outcome))}
                </Badge>
              ) : (
                <span>{t('reports.noDecisionYet')}</span>
              )}
              {f.decisionTitle && (
                <Text size="sm" fw={600}>
                  {f.decisionTitle}
                </Text>
              )}
              {f.decisionText && (
                <Text size="sm" className="analysis-text">
                  {f.decisionText}
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The meetings to send to: coming ones first, then earlier ones. */
function meetingOptions(meetings: Meeting[], t: (k: string) => string) {
  const day = today();
  const label = (m: Meeting) =>
    m.title && m.title !== meetingLabel(m) ? `${meetingLabel(m)} – ${m.title}` : meetingLabel(m);
  const coming = meetings.filter((m) => m.meetsOn >= day).sort((a, b) => a.meetsOn.localeCompare(b.meetsOn));
  const earlier = meetings.filter((m) => m.meetsOn < day).sort((a, b) => b.meetsOn.localeCompare(a.meetsOn));
  return [
    ...(coming.length > 0
      ? [{ group: t('reports.send.coming'), items: coming.map((m) => ({ value: m.id, label: label(m) })) }]
      : []),
    ...(earlier.length > 0
      ? [{ group: t('reports.send.earlier'), items: earlier.map((m) => ({ value: m.id, label: label(m) })) }]
      : []),
  ];
}

/** A draft that may be edited: the title, the SBAR text, the proposed decision, and sending it. */
function DraftEditor({ report }: { report: Report }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const query = reportQuery(report.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(report));
  const [message, setMessage] = useState('');
  const saved = useMemo(() => draftOf(report), [report]);
  const dirty = !sameDraft(draft, saved);

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ ...query, staleTime: 0 });
    setDraft(draftOf(fresh));
  };

  const save = useMutation({
    mutationFn: (body: RequestBody<'/reports/{id}', 'put'>) =>
      call(client.PUT('/reports/{id}', { params: { path: { id: report.id } }, body })),
    onMutate: () => setMessage(''),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reportsKey });
      await queryClient.fetchQuery({ ...query, staleTime: 0 });
      setMessage(t('reports.saved'));
    },
    onError: async (e) => {
      if (isVersionConflict(e)) await reload();
    },
  });

  // Sending: the meeting, the paragraph, then a confirmation that the report will be frozen.
  const meetings = useQuery(meetingsQuery(null));
  const [meetingId, setMeetingId] = useState<string | null>(null);
  const [paragraph, setParagraph] = useState('');
  const [sendErrors, setSendErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const idempotency = useRef<{ signature: string; key: string } | null>(null);
  const send = useMutation({
    mutationFn: (body: { version: number; meetingId: string; paragraph: string }) => {
      idempotency.current = keyFor(idempotency.current, JSON.stringify(body), newKey);
      // A retry with the same Idempotency-Key sends the report once.
      return call(
        client.POST('/reports/{id}/send', {
          params: { path: { id: report.id }, header: { 'idempotency-key': idempotency.current.key } },
          body,
        }),
      );
    },
    onMutate: () => setMessage(''),
    onSuccess: async () => {
      idempotency.current = null;
      sessionStorage.setItem('report-just-sent', report.id);
      await queryClient.invalidateQueries({ queryKey: reportsKey });
      await queryClient.invalidateQueries({ queryKey: meetingsKey });
    },
    onError: async (e) => {
      if (isVersionConflict(e)) await reload();
    },
  });

  const saveError = useFieldError({}, save.error);
  const sendError = useFieldError(sendErrors, send.error);
  // A refusal to send names the text it lacks: it is shown at that text's field.
  const errorAt = (field: string) =>
    saveError(field) ??
    (field.startsWith('sbar.') ? (sendError(field) ?? sendError(field.slice(5))) : undefined) ??
    (field === 'proposedDecision' ? sendError(field) : undefined);

  const setSbar = (k: keyof Sbar) => (value: string) => setDraft((d) => ({ ...d, sbar: { ...d.sbar, [k]: value } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    send.reset();
    save.mutate({
      version: report.version,
      title: draft.title,
      sbar: draft.sbar,
      proposedDecision: draft.proposedDecision,
    });
  };

  const askToSend = (e: FormEvent) => {
    e.preventDefault();
    save.reset();
    const errors: Errors = {};
    if (!meetingId) errors.meetingId = 'reports.send.meetingRequired';
    if (!bareParagraph(paragraph)) errors.paragraph = 'reports.send.paragraphRequired';
    setSendErrors(errors);
    if (Object.keys(errors).length > 0) {
      send.reset();
      return;
    }
    setConfirming(true);
  };

  const confirmSend = () => {
    setConfirming(false);
    if (!meetingId) return;
    send.mutate({ version: report.version, meetingId, paragraph: bareParagraph(paragraph) });
  };

  const chosen = meetings.data?.meetings.find((m) => m.id === meetingId) ?? null;

  return (
    <>
      <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-labelledby="edit-heading">
        <Title order={2} size="h3" id="edit-heading" mb="xs">
          {t('reports.editHeading')}
        </Title>
        <Text size="sm" mb="sm" className="prose">
          {t('reports.editIntro')}
        </Text>
        <SaveStatus
          error={save.error}
          shown={['title', 'sbar', 'proposedDecision']}
          conflictText={t('reports.conflict')}
        />
        <div aria-live="polite" role="status" className="status-message">
          {message}
        </div>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label={t('reports.form.reportTitle')}
              required
              value={draft.title}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setDraft((d) => ({ ...d, title: v }));
              }}
              error={errorAt('title')}
            />
            {SBAR_KEYS.map((k) => (
              <Textarea
                key={k}
                label={t(`reports.sbar.${k}`)}
                description={t(`reports.sbarHelp.${k}`)}
                autosize
                minRows={3}
                required={k === 'recommendation'}
                value={draft.sbar[k]}
                onChange={(e) => setSbar(k)(e.currentTarget.value)}
                error={errorAt(`sbar.${k}`)}
              />
            ))}
            <Textarea
              label={t('reports.proposedDecision')}
              description={t('reports.proposedDecisionHelp')}
              autosize
              minRows={2}
              required
              value={draft.proposedDecision}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setDraft((d) => ({ ...d, proposedDecision: v }));
              }}
              error={errorAt('proposedDecision')}
            />
          </Stack>
          <Group mt="md">
            <Button type="submit" loading={save.isPending}>
              {t('reports.save')}
            </Button>
            {dirty && (
              <Text size="sm" className="muted">
                {t('reports.unsaved')}
              </Text>
            )}
          </Group>
        </form>
      </Paper>

      {report.can.send && (
        <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-labelledby="send-heading">
          <Title order={2} size="h3" id="send-heading" mb="xs">
            {t('reports.send.heading')}
          </Title>
          <Text size="sm" mb="sm" className="prose">
            {t('reports.send.intro')}
          </Text>
          <SaveStatus
            error={send.error}
            invalid={Object.keys(sendErrors).length > 0}
            shown={[
              'meetingId',
              'paragraph',
              'sbar',
              'recommendation',
              'situation',
              'background',
              'assessment',
              'proposedDecision',
              'title',
            ]}
            conflictText={t('reports.conflict')}
          />
          <form onSubmit={askToSend} noValidate>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('reports.send.meeting')}
                description={t('reports.send.meetingHelp')}
                required
                searchable
                data={meetingOptions(meetings.data?.meetings ?? [], t)}
                value={meetingId}
                onChange={setMeetingId}
                nothingFoundMessage={t('reports.send.noMeetings')}
                error={sendError('meetingId')}
              />
              <TextInput
                label={t('reports.send.paragraph')}
                description={t('reports.send.paragraphHelp')}
                required
                value={paragraph}
                onChange={(e) => setParagraph(e.currentTarget.value)}
                error={sendError('paragraph')}
              />
            </SimpleGrid>
            {meetings.isSuccess && meetings.data.meetings.length === 0 && (
              <Text size="sm" mt="xs">
                {t('reports.send.noMeetingsHelp')}{' '}
                <Anchor component={Link} to="/sammantraden">
                  {t('reports.meetingsLink')}
                </Anchor>
              </Text>
            )}
            {dirty && (
              <Alert color="orange" mt="sm">
                {t('reports.send.saveFirst')}
              </Alert>
            )}
            <Group mt="md">
              <Button type="submit" disabled={dirty} loading={send.isPending}>
                {t('reports.send.submit')}
              </Button>
            </Group>
          </form>
        </Paper>
      )}

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('reports.send.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        <Text mb="sm">
          {t('reports.send.confirmText', {
            meeting: chosen ? meetingLabel({ ...chosen, paragraph: bareParagraph(paragraph) }) : '',
          })}
        </Text>
        <Text mb="md" fw={600}>
          {t('reports.send.confirmFrozen')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </Button>
          <Button onClick={confirmSend} data-autofocus>
            {t('reports.send.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** One board report: its status, the written SBAR, the figures it carries, export and sending. */
export function ReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useQuery(reportQuery(id));

  if (report.isPending) return <Loading />;
  if (report.isError)
    return (
      <>
        <PageHeading title={t('reports.reportHeading')} />
        <LoadError error={report.error} />
      </>
    );

  const r = report.data;
  const sent = r.status === 'sent';
  return (
    <>
      <nav aria-label={t('reports.breadcrumbs')}>
        <Breadcrumbs separator="›" mb="sm" className="breadcrumbs">
          <Anchor component={Link} to="/rapporter">
            {t('reports.title')}
          </Anchor>
          <span aria-current="page">{r.title}</span>
        </Breadcrumbs>
      </nav>
      <PageHeading title={r.title} />
      <dl className="facts" style={{ marginBottom: '1rem' }}>
        <dt>{t('reports.col.kind')}</dt>
        <dd>{t(`reports.kind.${r.kind}`)}</dd>
        <dt>{t('reports.col.unit')}</dt>
        <dd>{r.unitName}</dd>
        <dt>{t('reports.col.period')}</dt>
        <dd>{formatMonth(r.period)}</dd>
        <dt>{t('reports.col.status')}</dt>
        <dd data-testid="report-status">
          <Badge color={sent ? 'blue' : 'gray'} variant="light" className="badge-dark status-badge" component="span">
            {sent ? t('reports.statusSentFrozen') : t('reports.statusDraft')}
          </Badge>
        </dd>
      </dl>
      {sent && <SentNotice report={r} />}
      {sent && <FollowedBy report={r} />}
      {!sent && !r.can.edit && (
        <Text mb="md" className="prose">
          {t('reports.readOnlyDraft')}
        </Text>
      )}
      {r.can.edit ? <DraftEditor report={r} /> : <SbarText report={r} />}
      {r.can.export && <ExportPanel reportId={r.id} title={r.title} />}
      {!sent && (
        <Text size="sm" mb="sm" className="prose muted">
          {t('reports.liveContent')}
        </Text>
      )}
      <ContentView content={r.content} />
    </>
  );
}
