import { Alert, Anchor, Badge, Group, Paper, Select, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { MissingAnalyses } from '../analysis/MissingAnalyses';
import { call, client } from '../app/client';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';
import { CorrectiveForm } from '../economy/CorrectiveActions';
import { CorrectiveStatus } from '../economy/CorrectiveStatus';
import { measurePath } from '../economy/queries';
import { formatMonth, monthOrNull } from '../steering/periods';
import { useDefaultPeriod, useHomeUnit, useOrg } from '../steering/queries';
import { LoadError, Loading, PeriodInput } from '../steering/ui';
import { useUnitOptions } from '../ui/options';
import { ColumnHeads, numeric } from '../ui/tables';
import { deviationFigure, kronorText } from './figures';
import { deviationsQuery, followupKey } from './queries';
import type { Deviation } from './types';
import { ScrollRegion } from './ui';
import './followup.css';
import { unitsWhere } from '../steering/writable';

/** Avvikelser: indicators and measures off target for a month, with the analysis and what is done about them. */
export function DeviationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const org = useOrg();
  const home = useHomeUnit();
  const fallback = useDefaultPeriod();
  const chosen = monthOrNull(params.get('period'));
  const period = chosen ?? fallback.period;
  const unitId = params.get('unit') ?? home.unitId;
  const readable = useMemo(() => unitsWhere(org.units, 'read'), [org.units]);
  const unitOptions = useUnitOptions(readable);
  const ready = !!unitId && (chosen !== null || !fallback.pending);
  const list = useQuery({ ...deviationsQuery(period, unitId), enabled: ready, placeholderData: keepPreviousData });

  const set = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const unitName = org.nameOf(unitId);
  const data = list.data;
  return (
    <>
      <PageHeading title={t('followup.deviations.title')} />
      <Text mb="md" className="prose">
        {t('followup.deviations.intro')}
      </Text>
      <Paper withBorder p="md" mb="md" radius="md">
        <Group align="flex-start" wrap="wrap">
          <PeriodInput value={period} onChange={(p) => set('period', p)} />
          <Select
            label={t('followup.deviations.unit')}
            description={t('followup.deviations.unitHelp')}
            data={unitOptions}
            value={unitId}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('common.nothingFound')}
            onChange={(v) => set('unit', v)}
            w={420}
          />
        </Group>
      </Paper>
      {!home.pending && !unitId ? (
        <Alert color="blue">{t('followup.deviations.noUnit')}</Alert>
      ) : !ready || (list.isPending && !data) ? (
        <Loading />
      ) : list.isError && !data ? (
        <LoadError error={list.error} />
      ) : data ? (
        <>
          <DeviationTable deviations={data.deviations} period={data.period ?? period} unitName={unitName} />
          {data.can.act && unitId && <IndicatorAction deviations={data.deviations} unitId={unitId} />}
          <MissingAnalyses rows={data.missingAnalyses} />
        </>
      ) : null}
    </>
  );
}

function DeviationTable({
  deviations,
  period,
  unitName,
}: {
  deviations: Deviation[];
  period: string;
  unitName: string;
}) {
  const { t } = useTranslation();
  const month = formatMonth(period);
  const escalated = deviations.filter((d) => d.escalated).length;
  return (
    <section aria-labelledby="deviations-heading" className="section">
      <Title order={2} size="h3" id="deviations-heading" mb="sm">
        {t('followup.deviations.heading', { unit: unitName, month })}
      </Title>
      <p aria-live="polite" className="status-message">
        {deviations.length === 0
          ? t('followup.deviations.none', { unit: unitName, month })
          : `${t('followup.deviations.count', { count: deviations.length })}${
              escalated > 0 ? ` ${t('followup.deviations.escalatedCount', { count: escalated })}` : ''
            }`}
      </p>
      {deviations.length > 0 && (
        <ScrollRegion label={t('followup.deviations.region')} minWidth="87rem">
          <Table withTableBorder striped captionSide="top" className="figures-table">
            <Table.Caption>{t('followup.deviations.caption', { unit: unitName, month })}</Table.Caption>
            <ColumnHeads
              columns={[
                t('followup.deviations.name'),
                t('followup.deviations.kind'),
                t('followup.deviations.unitColumn'),
                numeric(t('followup.deviations.target')),
                numeric(t('followup.deviations.value')),
                numeric(t('followup.deviations.deviation')),
                t('followup.deviations.analysis'),
                t('followup.deviations.corrective'),
                t('followup.deviations.decisionLevel'),
              ]}
            />
            <Table.Tbody>
              {deviations.map((d) => (
                <DeviationRow key={`${d.kind}-${d.id}-${d.unitId}`} deviation={d} period={period} />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
      )}
    </section>
  );
}

function Figure({ deviation: d, value }: { deviation: Deviation; value: string | number | null }) {
  return (
    <span className="money" title={d.kind === 'measure' ? kronorText(value) : undefined}>
      {deviationFigure(d, value)}
    </span>
  );
}

function DeviationRow({ deviation: d, period }: { deviation: Deviation; period: string }) {
  const { t } = useTranslation();
  const a = d.correctiveAction;
  return (
    <Table.Tr data-deviation={d.name}>
      <Table.Th scope="row" fw="normal">
        {d.kind === 'measure' ? (
          <Anchor component={Link} to={measurePath(d.id, period)}>
            {d.name}
          </Anchor>
        ) : (
          d.name
        )}{' '}
        {d.kind === 'indicator' && d.status && (
          <Badge
            color={d.status === 'red' ? 'red' : d.status === 'yellow' ? 'yellow' : 'gray'}
            variant="light"
            className="badge-dark status-badge"
            component="span"
          >
            {t(`followup.deviations.status.${d.status}`)}
          </Badge>
        )}{' '}
        {d.escalated && (
          <Badge color="red" variant="light" className="badge-dark warning-badge" component="span">
            {t('followup.deviations.escalated')}
          </Badge>
        )}
      </Table.Th>
      <Table.Td>{t(`followup.deviations.kinds.${d.kind}`)}</Table.Td>
      <Table.Td>{d.unitName}</Table.Td>
      <Table.Td ta="right" className="nowrap">
        <Figure deviation={d} value={d.target} />
      </Table.Td>
      <Table.Td ta="right" className="nowrap">
        <Figure deviation={d} value={d.value} />
      </Table.Td>
      <Table.Td ta="right" className="nowrap">
        <Figure deviation={d} value={d.deviation} />
      </Table.Td>
      <Table.Td>
        {d.analysis?.trim() ? (
          <span className="analysis-view">{d.analysis}</span>
        ) : (
          <span className="muted">{t('followup.deviations.noAnalysis')}</span>
        )}
      </Table.Td>
      <Table.Td>
        {a ? (
          <>
            {a.what}
            <br />
            <span className="muted">
              {t('followup.deviations.correctiveWho', {
                name: a.responsibleName,
                date: formatDate(a.dueOn),
                status: t(`correctiveStatus.${a.status}`, { defaultValue: a.status }),
              })}
            </span>
            {a.can.edit && <CorrectiveStatus action={a} invalidateKey={[...followupKey, 'deviations']} />}
          </>
        ) : (
          <span className="muted">{t('followup.deviations.noCorrective')}</span>
        )}
      </Table.Td>
      <Table.Td>{d.decisionLevel ?? '–'}</Table.Td>
    </Table.Tr>
  );
}

/** A corrective action against one of the unit's indicators that are off target. */
function IndicatorAction({ deviations, unitId }: { deviations: Deviation[]; unitId: string }) {
  const { t } = useTranslation();
  const indicators = deviations.filter((d) => d.kind === 'indicator' && d.unitId === unitId);
  const [indicatorId, setIndicatorId] = useState<string | null>(null);
  if (indicators.length === 0) return null;
  const chosen = indicators.find((d) => d.id === indicatorId) ?? (indicators[0] as Deviation);
  return (
    <section aria-labelledby="indicator-action-form-heading" className="section">
      <CorrectiveForm
        idPrefix="indicator-action"
        invalidateKey={followupKey}
        save={async (body) =>
          (
            await call(
              client.POST('/followup/corrective-actions', { body: { ...body, indicatorId: chosen.id, unitId } }),
            )
          ).decisionLevel
        }
      >
        <Select
          id="indicator-action-indicator"
          label={t('followup.deviations.actionIndicator')}
          description={t('followup.deviations.actionIndicatorHelp')}
          data={indicators.map((d) => ({ value: d.id, label: d.name }))}
          value={chosen.id}
          allowDeselect={false}
          onChange={setIndicatorId}
          mb="sm"
          w={420}
        />
      </CorrectiveForm>
    </section>
  );
}
