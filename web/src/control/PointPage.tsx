import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call, client, type Schema } from '../app/client';
import { formatDate } from '../app/format';
import { PageHeading } from '../app/page';
import { type PeopleScope, peopleScope, useOwnerOptions } from '../risk/RiskForm';
import { fieldMessageOf } from '../steering/fielderrors';
import { LoadError, Loading } from '../steering/ui';
import './texts';

/** A control point's results per occasion, the entry of a result, and the deviations' actions. */
export function PointPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: ['control', 'point', id],
    queryFn: () => call(client.GET('/control/points/{id}/results', { params: { path: { id } } })),
  });
  const [occasion, setOccasion] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  // A point on no unit belongs to its plan's body: the action owners are chosen from there.
  const planId = q.data?.point.planId ?? '';
  const plan = useQuery({
    queryKey: ['control', 'plan', planId],
    queryFn: () => call(client.GET('/control/plans/{id}', { params: { path: { id: planId } } })),
    enabled: q.data !== undefined && q.data.point.unitId === null && q.data.point.can.record,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const { point, results } = q.data;
  const chosen =
    occasion ?? point.occasions.find((o) => !results.some((r) => r.occasion === o)) ?? point.occasions[0] ?? '';
  const existing = results.find((r) => r.occasion === chosen) ?? null;
  return (
    <>
      <PageHeading title={point.what} />
      <Group mb="md">
        <Text>
          {t('control.frequencyLabel')}: {t(`control.frequency.${point.frequency}`)}
        </Text>
        {point.riskTitle && (
          <Text>
            {t('control.risk')}: {point.riskTitle}
          </Text>
        )}
        {point.checkerName && (
          <Text>
            {t('control.checker')}: {point.checkerName}
          </Text>
        )}
        <Anchor component={Link} to={`/intern-kontroll/planer/${point.planId}`}>
          {t('control.plan')}
        </Anchor>
      </Group>
      <Text mb="md">{point.method}</Text>
      <p aria-live="polite" className="status-message">
        {status}
      </p>
      <h2>{t('control.results')}</h2>
      <Table striped withTableBorder mb="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('control.occasion')}</Table.Th>
            <Table.Th scope="col">{t('control.done')}</Table.Th>
            <Table.Th scope="col">{t('control.deviation')}</Table.Th>
            <Table.Th scope="col">{t('control.findings')}</Table.Th>
            <Table.Th scope="col">{t('control.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {point.occasions.map((o) => {
            const r = results.find((x) => x.occasion === o);
            return (
              <Table.Tr key={o}>
                <Table.Th scope="row">{o}</Table.Th>
                {r ? (
                  <>
                    <Table.Td>{r.done ? t('control.yes') : t('control.no')}</Table.Td>
                    <Table.Td>
                      {r.deviation ? (
                        <Badge color={r.serious ? 'red' : 'orange'} variant="light" className="badge-dark">
                          {r.serious ? t('control.serious') : t('control.deviation')}
                        </Badge>
                      ) : (
                        t('control.no')
                      )}
                    </Table.Td>
                    <Table.Td>
                      {r.findings}
                      {r.evidence && <Text size="sm">{r.evidence}</Text>}
                    </Table.Td>
                    <Table.Td>
                      {r.actions.map((a) => (
                        <ActionLine key={a.id} action={a} onDone={setStatus} />
                      ))}
                    </Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={4}>{t('control.noResult')}</Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {point.can.record && (
        <>
          <Select
            label={t('control.occasion')}
            data={point.occasions}
            value={chosen}
            allowDeselect={false}
            onChange={(v) => v && setOccasion(v)}
            w={200}
          />
          <ResultForm
            key={`${chosen}-${existing?.version ?? 0}`}
            pointId={point.id}
            scope={peopleScope({ unitId: point.unitId, bodyId: plan.data?.bodyId ?? null })}
            occasion={chosen}
            existing={existing}
            onDone={setStatus}
          />
        </>
      )}
    </>
  );
}

function ActionLine({ action, onDone }: { action: Schema<'ControlAction'>; onDone: (m: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const done = useMutation({
    mutationFn: () =>
      call(
        client.PUT('/control/actions/{id}', {
          params: { path: { id: action.id } },
          body: {
            version: action.version,
            what: action.what,
            ownerUserId: action.ownerUserId,
            dueOn: action.dueOn,
            status: 'done',
          },
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['control'] });
      onDone(t('control.saved'));
    },
    onError: (e) => onDone(e.message),
  });
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm">
        {action.what} ({formatDate(action.dueOn)}
        {action.ownerName ? `, ${action.ownerName}` : ''})
      </Text>
      <Badge variant="light" className="badge-dark" color={action.status === 'done' ? 'green' : 'gray'}>
        {t(`control.actionStatus.${action.status}`)}
      </Badge>
      {action.late && (
        <Badge color="red" variant="light" className="badge-dark">
          {t('control.late')}
        </Badge>
      )}
      {action.can.edit && action.status === 'open' && (
        <Button size="compact-xs" variant="light" loading={done.isPending} onClick={() => done.mutate()}>
          {t('control.markDone')}
        </Button>
      )}
    </Group>
  );
}

function ResultForm({
  pointId,
  scope,
  occasion,
  existing,
  onDone,
}: {
  pointId: string;
  scope: PeopleScope | null;
  occasion: string;
  existing: Schema<'ControlResult'> | null;
  onDone: (m: string) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [done, setDone] = useState(existing?.done ?? true);
  const [deviation, setDeviation] = useState(existing?.deviation ?? false);
  const [serious, setSerious] = useState(existing?.serious ?? false);
  const [sampleSize, setSampleSize] = useState<number | null>(existing?.sampleSize ?? null);
  const [findings, setFindings] = useState(existing?.findings ?? '');
  const [evidence, setEvidence] = useState(existing?.evidence ?? '');
  const [actionWhat, setActionWhat] = useState('');
  const [actionOwner, setActionOwner] = useState<string | null>(null);
  const owners = useOwnerOptions({ id: null, name: null }, scope);
  const [actionDue, setActionDue] = useState('');
  const save = useMutation({
    mutationFn: () =>
      call(
        client.PUT('/control/points/{id}/results/{occasion}', {
          params: { path: { id: pointId, occasion } },
          body: {
            version: existing?.version ?? null,
            done,
            deviation,
            serious,
            sampleSize,
            findings,
            evidence,
            actions: actionWhat.trim() ? [{ what: actionWhat.trim(), ownerUserId: actionOwner, dueOn: actionDue }] : [],
          },
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['control'] });
      onDone(t('control.saved'));
    },
  });
  const err = (f: string) => fieldMessageOf(save.error, f);
  return (
    <Paper
      withBorder
      p="md"
      my="md"
      component="form"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h2>
        {t('control.record')} {occasion}
      </h2>
      <Checkbox label={t('control.done')} checked={done} onChange={(e) => setDone(e.currentTarget.checked)} />
      <Checkbox
        mt="xs"
        label={t('control.deviation')}
        checked={deviation}
        onChange={(e) => setDeviation(e.currentTarget.checked)}
        error={err('deviation')}
      />
      <Checkbox
        mt="xs"
        label={t('control.serious')}
        checked={serious}
        onChange={(e) => setSerious(e.currentTarget.checked)}
        error={err('serious')}
      />
      <NumberInput
        mt="xs"
        label={t('control.sampleSize')}
        min={0}
        value={sampleSize ?? ''}
        onChange={(v) => setSampleSize(typeof v === 'number' ? v : null)}
        w={200}
      />
      <Textarea
        label={t('control.findings')}
        value={findings}
        onChange={(e) => setFindings(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <TextInput label={t('control.evidence')} value={evidence} onChange={(e) => setEvidence(e.currentTarget.value)} />
      <fieldset>
        <legend>{t('control.newAction')}</legend>
        <TextInput
          label={t('control.actionWhat')}
          value={actionWhat}
          onChange={(e) => setActionWhat(e.currentTarget.value)}
          error={err('actions')}
        />
        <Select
          label={t('control.actionOwnerPick')}
          data={owners}
          value={actionOwner}
          onChange={setActionOwner}
          clearable
          error={err('ownerUserId')}
        />
        <TextInput
          type="date"
          label={t('control.actionDue')}
          value={actionDue}
          onChange={(e) => setActionDue(e.currentTarget.value)}
          required={actionWhat.trim() !== ''}
        />
      </fieldset>
      {save.error && !err('actions') && (
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
