import { Button, Checkbox, Group, Paper, SegmentedControl, Select, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { Schema } from '../app/client';
import { PageHeading } from '../app/page';
import { bodiesQuery } from '../bodies/BodiesPage';
import { useHomeUnit, useOrg } from '../steering/queries';
import { LoadError, Loading } from '../steering/ui';
import { useUnitOptions } from '../ui/options';
import { ExcelTransfer } from './ExcelTransfer';
import { matrixQuery, type RiskScope, riskExportHref, riskPath, risksKey, risksQuery } from './queries';
import { RiskForm } from './RiskForm';
import { type CellFilter, RiskMatrix, RiskTable } from './RiskParts';
import './texts';

const REGISTER_KINDS = new Set(['namnd', 'styrelse']);

/** Riskregister: the heat map and the list of a body's or a unit's risks, rolled up on request. */
export function RisksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const org = useOrg();
  const home = useHomeUnit();
  const bodies = useQuery(bodiesQuery);
  const registers = useMemo(() => (bodies.data?.bodies ?? []).filter((b) => REGISTER_KINDS.has(b.kind)), [bodies.data]);
  const unitOptions = useUnitOptions(org.units);
  const [cell, setCell] = useState<CellFilter | null>(null);
  const [adding, setAdding] = useState(false);

  // Without a choice the page opens on the user's own unit, or their first body's register.
  const kind = params.get('kind') ?? (home.unitId || home.pending ? 'unit' : 'body');
  const unitId = params.get('unit') ?? home.unitId;
  const bodyId = params.get('body') ?? registers[0]?.id ?? null;
  const includeBelow = params.get('below') !== 'false';
  const status = (params.get('status') ?? 'active') as RiskScope['status'];
  const scope: RiskScope | null =
    kind === 'body'
      ? bodyId
        ? { bodyId, includeBelow, status }
        : null
      : unitId
        ? { unitId, includeBelow, status }
        : null;
  const list = useQuery({ ...risksQuery(scope as RiskScope), enabled: !!scope, placeholderData: keepPreviousData });
  const matrix = useQuery({ ...matrixQuery(scope as RiskScope), enabled: !!scope, placeholderData: keepPreviousData });

  const set = (key: string, value: string | null) => {
    setCell(null);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  };

  // The server says whether this register takes a new risk from the caller (not the previous scope's answer).
  const canCreate = !list.isPlaceholderData && (list.data?.can.create ?? false);
  const shown = (list.data?.risks ?? []).filter(
    (r) => !cell || (r.current?.probability === cell.p && r.current?.consequence === cell.c),
  );

  return (
    <>
      <PageHeading title={t('risk.title')} />
      <Text mb="md" className="prose">
        {t('risk.intro')}
      </Text>
      <Paper withBorder p="md" mb="md" radius="md">
        <Group align="flex-end" wrap="wrap">
          <div>
            <Text size="sm" fw={500} id="risk-scope-kind" mb={4}>
              {t('risk.scopeKind')}
            </Text>
            <SegmentedControl
              aria-labelledby="risk-scope-kind"
              value={kind}
              onChange={(v) => set('kind', v)}
              data={[
                { value: 'unit', label: t('risk.scopeUnit') },
                { value: 'body', label: t('risk.scopeBody') },
              ]}
            />
          </div>
          {kind === 'body' ? (
            <Select
              label={t('risk.body')}
              data={registers.map((b) => ({ value: b.id, label: b.name }))}
              value={bodyId}
              allowDeselect={false}
              onChange={(v) => set('body', v)}
              w={360}
            />
          ) : (
            <Select
              label={t('risk.unit')}
              data={unitOptions}
              value={unitId}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t('common.nothingFound')}
              onChange={(v) => set('unit', v)}
              w={420}
            />
          )}
          <Select
            label={t('risk.statusFilter')}
            data={[
              { value: 'active', label: t('risk.status.active') },
              { value: 'closed', label: t('risk.status.closed') },
              { value: 'all', label: t('risk.statusAll') },
            ]}
            value={status}
            allowDeselect={false}
            onChange={(v) => set('status', v)}
            w={180}
          />
          <Checkbox
            label={t('risk.includeBelow')}
            checked={includeBelow}
            onChange={(e) => set('below', e.currentTarget.checked ? null : 'false')}
          />
        </Group>
      </Paper>
      {!scope ? (
        home.pending || bodies.isPending ? (
          <Loading />
        ) : (
          <Text>{t('risk.chooseScope')}</Text>
        )
      ) : list.isError && !list.data ? (
        <LoadError error={list.error} />
      ) : !list.data || !matrix.data ? (
        <Loading />
      ) : (
        <>
          <RiskMatrix matrix={matrix.data} selected={cell} onSelect={setCell} />
          <section aria-labelledby="risk-list-heading" className="section">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h3" id="risk-list-heading">
                {t('risk.list')}
              </Title>
              {canCreate && (
                <Button variant="light" onClick={() => setAdding(!adding)} aria-expanded={adding}>
                  {t('risk.newRisk')}
                </Button>
              )}
            </Group>
            {adding && scope && (
              <Paper withBorder p="md" mb="md" radius="md">
                <RiskForm
                  owner={{ bodyId: scope.bodyId ?? null, unitId: scope.unitId ?? null }}
                  onDone={(id) => navigate(riskPath(id))}
                />
              </Paper>
            )}
            <p aria-live="polite" className="status-message">
              {cell && (
                <>
                  {t('risk.filtered', { p: cell.p, c: cell.c })}{' '}
                  <Button variant="subtle" size="compact-sm" onClick={() => setCell(null)}>
                    {t('risk.clearFilter')}
                  </Button>
                </>
              )}
            </p>
            <RiskTable risks={shown} />
          </section>
          {scope && (
            <ExcelTransfer<Schema<'RiskImport'>>
              title={t('excel.riskTitle')}
              exportHref={riskExportHref(scope)}
              importPath="/risks/import"
              canImport={canCreate || (list.data?.risks ?? []).some((r) => r.can.edit || r.can.assess)}
              help={t('excel.riskHelp')}
              summary={(r) => t('excel.riskDone', { ...r })}
              onImported={() => queryClient.invalidateQueries({ queryKey: risksKey })}
            />
          )}
        </>
      )}
    </>
  );
}
