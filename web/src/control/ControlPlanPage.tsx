import { Anchor, Badge, Button, Checkbox, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call, client, type RequestBody, type Schema } from '../app/client';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';
import { ExcelTransfer } from '../risk/ExcelTransfer';
import { risksQuery } from '../risk/queries';
import { peopleScope, useOwnerOptions } from '../risk/RiskForm';
import { fieldMessageOf } from '../steering/fielderrors';
import { LoadError, Loading } from '../steering/ui';
import './texts';

type PointBody = RequestBody<'/control/plans/{id}/points', 'post'>;
const FREQUENCIES = ['monthly', 'tertial', 'half_year', 'yearly', 'once'] as const;

/** An internkontrollplan: its control points, adding and editing them, and adopting it by decision. */
export function ControlPlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const plan = useQuery({
    queryKey: ['control', 'plan', id],
    queryFn: () => call(client.GET('/control/plans/{id}', { params: { path: { id } } })),
  });
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Schema<'ControlPoint'> | 'new' | null>(null);
  const [status, setStatus] = useState('');
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <LoadError error={plan.error} />;
  const p = plan.data;
  return (
    <>
      <PageHeading title={`${p.bodyName}: ${t('control.openPlan', { year: p.year })}`} />
      <Group mb="md">
        <Badge variant="light" className="badge-dark" color={p.status === 'decided' ? 'green' : 'gray'}>
          {t(`control.planStatus.${p.status}`)}
        </Badge>
        {p.decisionCitation && <Text>{t('control.decidedBy', { citation: p.decisionCitation })}</Text>}
        <Anchor component={Link} to={`/intern-kontroll?year=${p.year}`}>
          {t('control.back')}
        </Anchor>
      </Group>
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      <h2>{t('control.points')}</h2>
      {p.points.length === 0 ? (
        <Text>{t('control.noPoints')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('control.what')}</Table.Th>
                <Table.Th scope="col">{t('control.risk')}</Table.Th>
                <Table.Th scope="col">{t('control.method')}</Table.Th>
                <Table.Th scope="col">{t('control.frequencyLabel')}</Table.Th>
                <Table.Th scope="col">{t('control.checker')}</Table.Th>
                <Table.Th scope="col">{t('control.recipient')}</Table.Th>
                <Table.Th scope="col">{t('control.dueOn')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('control.edit')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.points.map((pt) => (
                <Table.Tr key={pt.id}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/intern-kontroll/punkter/${pt.id}`}>
                      {pt.what}
                    </Anchor>
                    {pt.regionWide && (
                      <Badge ml="xs" variant="light" className="badge-dark">
                        {t('control.regionWideBadge')}
                      </Badge>
                    )}
                  </Table.Th>
                  <Table.Td>{pt.riskTitle ?? '–'}</Table.Td>
                  <Table.Td>{pt.method}</Table.Td>
                  <Table.Td>{t(`control.frequency.${pt.frequency}`)}</Table.Td>
                  <Table.Td>{pt.checkerName ?? '–'}</Table.Td>
                  <Table.Td>{pt.recipient}</Table.Td>
                  <Table.Td>{pt.dueOn ? formatDate(pt.dueOn) : '–'}</Table.Td>
                  <Table.Td>
                    {pt.can.edit && (
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`${t('control.edit')}: ${pt.what}`}
                        onClick={() => setEditing(pt)}
                      >
                        {t('control.edit')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {p.can.edit && editing === null && (
        <Button my="md" onClick={() => setEditing('new')}>
          {t('control.addPoint')}
        </Button>
      )}
      {editing !== null && (
        <PointForm
          plan={p}
          point={editing === 'new' ? null : editing}
          onDone={(message) => {
            setEditing(null);
            setStatus(message);
          }}
        />
      )}
      {p.can.decide && <DecideForm plan={p} onDone={setStatus} />}
      <ExcelTransfer<Schema<'ControlPlanImport'>>
        title={t('excel.planTitle')}
        exportHref={`/api/control/plans/${encodeURIComponent(p.id)}/export.xlsx`}
        importPath={`/control/plans/${encodeURIComponent(p.id)}/import`}
        canImport={p.can.edit}
        help={t('excel.planHelp')}
        summary={(r) => t('excel.planDone', { ...r })}
        onImported={() => queryClient.invalidateQueries({ queryKey: ['control', 'plan', id] })}
      />
    </>
  );
}

function PointForm({
  plan,
  point,
  onDone,
}: {
  plan: Schema<'ControlPlan'>;
  point: Schema<'ControlPoint'> | null;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [draft, setDraft] = useState<PointBody>({
    what: point?.what ?? '',
    method: point?.method ?? '',
    frequency: point?.frequency ?? 'tertial',
    riskId: point?.riskId ?? null,
    regionWide: point?.regionWide ?? false,
    unitId: point?.unitId ?? null,
    checkerUserId: point?.checkerUserId ?? null,
    recipient: point?.recipient ?? '',
    dueOn: point?.dueOn ?? null,
  });
  const save = useMutation({
    mutationFn: () =>
      point
        ? call(
            client.PUT('/control/points/{id}', {
              params: { path: { id: point.id } },
              body: { ...draft, version: point.version },
            }),
          )
        : call(client.POST('/control/plans/{id}/points', { params: { path: { id: plan.id } }, body: draft })),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['control'] });
      onDone(t('control.saved'));
    },
  });
  // The body's register with its units' risks: the points are chosen from it, by name, not by id.
  const risks = useQuery(risksQuery({ bodyId: plan.bodyId, includeBelow: true, status: 'active' }));
  const riskOptions = (risks.data?.risks ?? []).map((r) => ({
    value: r.id,
    label: `${r.title} (${r.bodyName ?? r.unitName ?? ''}${r.current ? `, ${r.current.value}` : ''})`,
  }));
  if (point?.riskId && !riskOptions.some((o) => o.value === point.riskId))
    riskOptions.push({ value: point.riskId, label: point.riskTitle ?? point.riskId });
  const checkers = useOwnerOptions(
    { id: point?.checkerUserId ?? null, name: point?.checkerName ?? null },
    peopleScope({ unitId: point?.unitId ?? null, bodyId: plan.bodyId }),
  );
  const err = (field: string) => fieldMessageOf(save.error, field);
  const set = <K extends keyof PointBody>(k: K, v: PointBody[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="md" my="md" component="form" onSubmit={submit}>
      <h3>{point ? point.what : t('control.addPoint')}</h3>
      <TextInput
        label={t('control.what')}
        required
        value={draft.what}
        onChange={(e) => set('what', e.currentTarget.value)}
        error={err('what')}
      />
      <TextInput
        label={t('control.method')}
        value={draft.method}
        onChange={(e) => set('method', e.currentTarget.value)}
        error={err('method')}
      />
      <Select
        label={t('control.frequencyLabel')}
        data={FREQUENCIES.map((f) => ({ value: f, label: t(`control.frequency.${f}`) }))}
        value={draft.frequency}
        allowDeselect={false}
        onChange={(v) => v && set('frequency', v as PointBody['frequency'])}
      />
      <Select
        label={t('control.riskPick')}
        description={t('control.riskPickHelp')}
        data={riskOptions}
        value={draft.riskId}
        onChange={(v) => set('riskId', v)}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        error={err('riskId')}
      />
      <Select
        label={t('control.checker')}
        data={checkers}
        value={draft.checkerUserId}
        onChange={(v) => set('checkerUserId', v)}
        clearable
        error={err('checkerUserId')}
      />
      <TextInput
        label={t('control.recipient')}
        value={draft.recipient}
        onChange={(e) => set('recipient', e.currentTarget.value)}
      />
      <TextInput
        type="date"
        label={t('control.dueOn')}
        value={draft.dueOn ?? ''}
        onChange={(e) => set('dueOn', e.currentTarget.value || null)}
        error={err('dueOn')}
      />
      {plan.bodyKind === 'styrelse' && (
        <Checkbox
          mt="sm"
          label={t('control.regionWide')}
          checked={draft.regionWide}
          onChange={(e) => set('regionWide', e.currentTarget.checked)}
          error={err('regionWide')}
        />
      )}
      {save.error && !err('what') && !err('riskId') && (
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

function DecideForm({ plan, onDone }: { plan: Schema<'ControlPlan'>; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const decisions = useQuery({
    queryKey: ['decisions', { bodyId: plan.bodyId }],
    queryFn: () => call(client.GET('/decisions', { params: { query: { bodyId: plan.bodyId, kind: 'beslut' } } })),
  });
  const [decisionId, setDecisionId] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: () =>
      call(
        client.POST('/control/plans/{id}/decide', {
          params: { path: { id: plan.id } },
          body: { version: plan.version, decisionId: decisionId ?? '' },
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
      my="md"
      component="form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        decide.mutate();
      }}
    >
      <h2>{t('control.decide')}</h2>
      <Select
        label={t('control.decision')}
        description={t('control.decisionHelp')}
        data={(decisions.data?.decisions ?? []).map((d) => ({ value: d.id, label: `${d.decidedOn} ${d.title}` }))}
        value={decisionId}
        onChange={setDecisionId}
        error={fieldMessageOf(decide.error, 'decisionId') ?? fieldMessageOf(decide.error, 'planId')}
        searchable
        required
      />
      <Button type="submit" mt="md" loading={decide.isPending} disabled={!decisionId}>
        {t('control.decide')}
      </Button>
    </Paper>
  );
}
