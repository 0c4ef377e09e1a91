import { Alert, Anchor, Button, Group, Paper, Progress, Text, Title } from '@mantine/core';
import { useEffect, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { exportReducer, fallbackFileName, fileNameFrom, idleExport, isBusy } from './exportjob';
import { exportLink } from './queries';
import { EXPORT_FORMATS, type ExportFormat } from './types';

const POLL_MS = 300;

/** Saves a blob as a file: an object URL clicked through a temporary link, then let go. */
function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Export to PDF, Word or Excel. The file is made as a job on the server: its progress and
 * the step it is on are shown (and announced), and the file is saved when it is done. The
 * plain links make the file while the request waits, for when scripts cannot.
 */
export function ExportPanel({ reportId, title }: { reportId: string; title: string }) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(exportReducer, idleExport);

  // Started: ask for the job.
  const startingFormat = state.phase === 'starting' ? state.format : null;
  useEffect(() => {
    if (!startingFormat) return;
    let live = true;
    call(client.POST('/reports/{id}/exports', { params: { path: { id: reportId } }, body: { format: startingFormat } }))
      .then(({ jobId }) => live && dispatch({ type: 'started', jobId }))
      .catch((e) => live && dispatch({ type: 'error', message: messageOf(e) }));
    return () => {
      live = false;
    };
  }, [startingFormat, reportId]);

  // Running: ask how far it has come, every few hundred milliseconds.
  const runningJob = state.phase === 'running' ? state.jobId : null;
  const polls = state.phase === 'running' ? state.polls : 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: each answer (a new poll count) schedules the next question
  useEffect(() => {
    if (!runningJob) return;
    let live = true;
    const timer = setTimeout(() => {
      call(client.GET('/exports/{id}', { params: { path: { id: runningJob } } }))
        .then((job) => live && dispatch({ type: 'polled', jobId: runningJob, job }))
        .catch((e) => live && dispatch({ type: 'error', message: messageOf(e) }));
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [runningJob, polls]);

  // Done: fetch the file and save it.
  const downloadJob = state.phase === 'downloading' ? state.jobId : null;
  const downloadFormat = state.phase === 'downloading' ? state.format : null;
  useEffect(() => {
    if (!downloadJob || !downloadFormat) return;
    let live = true;
    const jobId = downloadJob;
    const format = downloadFormat;
    fetch(`/api/exports/${encodeURIComponent(jobId)}/file`, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) {
          const data: any = await res.json().catch(() => null);
          throw new ApiError(res.status, data?.error?.code ?? 'http_error', data?.error?.message ?? res.statusText);
        }
        const blob = await res.blob();
        if (!live) return;
        saveBlob(blob, fileNameFrom(res.headers.get('content-disposition'), fallbackFileName(title, format)));
        dispatch({ type: 'downloaded', jobId });
      })
      .catch((e) => live && dispatch({ type: 'error', message: messageOf(e) }));
    return () => {
      live = false;
    };
  }, [downloadJob, downloadFormat, title]);

  const busy = isBusy(state);
  const shownProgress =
    state.phase === 'running' || state.phase === 'downloading' || state.phase === 'done' ? state.progress : 0;
  const formatName = (f: ExportFormat) => t(`reports.export.format.${f}`);
  const statusText =
    state.phase === 'starting'
      ? t('reports.export.starting', { format: formatName(state.format) })
      : state.phase === 'running'
        ? t('reports.export.running', {
            format: formatName(state.format),
            percent: state.progress,
            step: state.step || t('reports.export.waiting'),
          })
        : state.phase === 'downloading'
          ? t('reports.export.downloading', { format: formatName(state.format) })
          : state.phase === 'done'
            ? t('reports.export.done', { format: formatName(state.format) })
            : '';

  return (
    <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-labelledby="export-heading">
      <Title order={2} size="h3" id="export-heading" mb="xs">
        {t('reports.export.heading')}
      </Title>
      <Text size="sm" mb="sm" className="prose">
        {t('reports.export.intro')}
      </Text>
      <Group gap="sm" mb="sm">
        {EXPORT_FORMATS.map((f) => (
          <Button
            key={f}
            variant="default"
            // Looks disabled while an export runs but keeps the focus (the reducer ignores a second start).
            data-disabled={busy || undefined}
            aria-disabled={busy || undefined}
            aria-label={t('reports.export.button', { format: formatName(f) })}
            onClick={() => dispatch({ type: 'start', format: f })}
          >
            {formatName(f)}
          </Button>
        ))}
      </Group>
      {state.phase !== 'idle' && state.phase !== 'failed' && (
        <Progress
          value={shownProgress}
          aria-label={t('reports.export.progressLabel', { format: formatName(state.format) })}
          color="blue.8"
          size="lg"
          mb="xs"
          maw={480}
        />
      )}
      <div aria-live="polite" role="status" className="status-message" data-testid="export-status">
        {statusText}
      </div>
      <div aria-live="assertive">
        {state.phase === 'failed' && (
          <Alert color="red" title={t('reports.export.failed', { format: formatName(state.format) })} mb="sm">
            {state.error}
          </Alert>
        )}
      </div>
      <Text size="sm" mt="sm">
        {t('reports.export.links')}{' '}
        {EXPORT_FORMATS.map((f, i) => (
          <span key={f}>
            {i > 0 && ' · '}
            <Anchor href={exportLink(reportId, f)} download>
              {t('reports.export.link', { format: formatName(f) })}
            </Anchor>
          </span>
        ))}
      </Text>
    </Paper>
  );
}
