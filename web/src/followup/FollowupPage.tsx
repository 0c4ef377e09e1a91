import { Alert, Anchor, Checkbox, Group, Paper, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isHandedIn } from '../../../domain/followup/submissions';
import { useCurrentMonth } from '../app/context';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';
import { formatMonth, monthOrNull } from '../steering/periods';
import { LoadError, Loading, PeriodInput } from '../steering/ui';
import { kindLabel, levelLabel } from './labels';
import { statusQuery, submissionPage } from './queries';
import { depthsOf } from './status';
import { type StatusCounts, type StatusRow, SUBMISSION_STATUSES } from './types';
import { ByWhom, LateBadge, SubmissionBadge } from './ui';

/** Uppföljning: who has reported for a month, who is late, and each unit's way to its submission. */
export function FollowupPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const chosen = monthOrNull(params.get('period'));
  // Without a month of its own the page opens on the month every page opens on (or ?manad=).
  const fallback = useCurrentMonth();
  const period = chosen ?? fallback.month;
  const unit = params.get('unit');
  // Held here as well as in the address, so the box answers at once while the address follows.
  const [onlyMissing, setOnlyMissing] = useState(params.get('visa') === 'ej-rapporterat');
  const ready = chosen !== null || !fallback.pending;
  const status = useQuery({ ...statusQuery(period, unit), enabled: ready, placeholderData: keepPreviousData });

  const set = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (key !== 'period' && !next.has('period')) next.set('period', period);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const month = formatMonth(period);
  const data = status.data;
  return (
    <>
      <PageHeading title={t('followup.overview.title')} />
      <Text mb="md" className="prose">
        {t('followup.overview.intro')}
      </Text>
      <Paper withBorder p="md" mb="md" radius="md">
        <Group align="flex-end" wrap="wrap" justify="space-between">
          <PeriodInput value={period} onChange={(p) => set('period', p)} />
          <Checkbox
            label={t('followup.overview.onlyMissing')}
            checked={onlyMissing}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setOnlyMissing(checked);
              set('visa', checked ? 'ej-rapporterat' : null);
            }}
          />
        </Group>
      </Paper>
      {!ready || (status.isPending && !data) ? (
        <Loading />
      ) : status.isError && !data ? (
        <LoadError error={status.error} />
      ) : data ? (
        <>
          <div aria-live="polite">
            {data.occasion ? (
              <Text mb="md">
                {t('followup.overview.occasion', {
                  title: data.occasion.title,
                  kind: kindLabel(t, data.occasion.kind).toLocaleLowerCase('sv'),
                })}
              </Text>
            ) : (
              <Alert color="blue" mb="md">
                {t('followup.overview.noOccasion', { month: formatMonth(data.period) })}{' '}
                <Anchor component={Link} to={`/arshjul?year=${data.period.slice(0, 4)}`}>
                  {t('followup.overview.toCycle')}
                </Anchor>
              </Alert>
            )}
          </div>
          <Figures counts={data.counts} month={formatMonth(data.period)} />
          <UnitTable rows={data.units} period={data.period} onlyMissing={onlyMissing} />
        </>
      ) : (
        <Text>{t('followup.overview.nothing', { month })}</Text>
      )}
    </>
  );
}

function Figures({ counts, month }: { counts: StatusCounts; month: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="figures-heading" className="section">
      <Title order={2} size="h3" id="figures-heading" mb="sm">
        {t('followup.overview.figuresHeading', { month })}
      </Title>
      <dl className="status-figures">
        {SUBMISSION_STATUSES.map((s) => (
          <div key={s} data-figure={s}>
            <dt>{t(`followup.status.${s}`)}</dt>
            <dd>{counts[s] ?? 0}</dd>
          </div>
        ))}
        <div data-figure="late">
          <dt>{t('followup.overview.lateCount')}</dt>
          <dd>{counts.late ?? 0}</dd>
        </div>
      </dl>
    </section>
  );
}

function UnitTable({ rows, period, onlyMissing }: { rows: StatusRow[]; period: string; onlyMissing: boolean }) {
  const { t } = useTranslation();
  const depth = depthsOf(rows);
  const shown = onlyMissing ? rows.filter((r) => !isHandedIn(r.status)) : rows;
  const month = formatMonth(period);
  return (
    <section aria-labelledby="units-heading" className="section">
      <Title order={2} size="h3" id="units-heading" mb="sm">
        {t('followup.overview.unitsHeading')}
      </Title>
      <p aria-live="polite" className="status-message">
        {onlyMissing ? t('followup.overview.shownMissing', { count: shown.length, total: rows.length }) : ''}
      </p>
      {shown.length === 0 ? (
        <Text>{onlyMissing ? t('followup.overview.allReported', { month }) : t('followup.overview.noUnits')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>
              {onlyMissing
                ? t('followup.overview.captionMissing', { month })
                : t('followup.overview.caption', { month })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('followup.overview.unit')}</Table.Th>
                <Table.Th scope="col">{t('followup.overview.status')}</Table.Th>
                <Table.Th scope="col">{t('followup.overview.deadline')}</Table.Th>
                <Table.Th scope="col">{t('followup.overview.lateness')}</Table.Th>
                <Table.Th scope="col">{t('followup.overview.submitted')}</Table.Th>
                <Table.Th scope="col">{t('followup.overview.decided')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((r) => (
                <Table.Tr key={r.unitId} data-unit={r.name}>
                  <Table.Th scope="row" fw="normal">
                    <span className="unit-indent" style={{ paddingLeft: `${(depth.get(r.unitId) ?? 0) * 1.25}rem` }}>
                      <Anchor component={Link} to={submissionPage(r.unitId, period)}>
                        {r.name}
                      </Anchor>{' '}
                      <span className="muted">{levelLabel(t, r.level)}</span>
                    </span>
                  </Table.Th>
                  <Table.Td className="status-cell">
                    <SubmissionBadge status={r.status} />
                  </Table.Td>
                  <Table.Td className="nowrap">{r.deadline ? formatDate(r.deadline) : '–'}</Table.Td>
                  <Table.Td className="status-cell">{r.late ? <LateBadge days={r.daysLate} /> : '–'}</Table.Td>
                  <Table.Td>
                    <ByWhom name={r.submittedByName} at={r.submittedAt} />
                  </Table.Td>
                  <Table.Td>
                    <ByWhom name={r.decidedByName} at={r.decidedAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
