import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { call, client, type RequestBody } from '../app/client';
import { formatDate, formatDateTime, today } from '../app/format';
import { PageHeading } from '../app/page';
import { measureKey, measurePath, measureQuery } from '../economy/queries';
import { previousMonth } from '../steering/periods';
import { useOrg } from '../steering/queries';
import { LoadError, Loading } from '../steering/ui';
import { FormStatus, fieldError } from '../ui/forms';
import { useUnitOptions } from '../ui/options';
import { analysisKey, analysisPath, analysisQuery, type ImpactAnalysis } from './queries';

type Body = RequestBody<'/impact-analyses/{id}', 'put'>;
type Risk = { risk: string; mitigation: string; probability: string; consequence: string };
type Shift = { unitId: string | null; how: string };
const TEXTS = ['patients', 'staff', 'economy', 'otherUnits', 'conclusion'] as const;
const GRADES = ['1', '2', '3', '4'];

/** A measure's risk- och konsekvensanalys: its own if written, else the form for a new one. */
export function MeasureAnalysisPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const measure = useQuery(measureQuery(id, previousMonth(today())));
  if (measure.isPending) return <Loading />;
  if (measure.isError)
    return (
      <>
        <PageHeading title={t('analysis.heading')} />
        <LoadError error={measure.error} />
      </>
    );
  const m = measure.data;
  if (m.impactAnalysis) return <Navigate to={analysisPath(m.impactAnalysis.id)} replace />;
  return (
    <>
      <PageHeading title={t('analysis.newFor', { title: m.title })} />
      <Text mb="md">
        <Anchor component={Link} to={measurePath(m.id, previousMonth(today()))}>
          {t('analysis.backToMeasure', { title: m.title })}
        </Anchor>
      </Text>
      {m.can.analyse ? (
        <AnalysisForm analysis={null} measureId={m.id} />
      ) : (
        <Alert color="gray">{t('analysis.mayNotWrite')}</Alert>
      )}
    </>
  );
}

/** One analysis: its sections and risks, editable by whoever may write what it is made for. */
export function AnalysisPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const analysis = useQuery(analysisQuery(id));
  if (analysis.isPending) return <Loading />;
  if (analysis.isError)
    return (
      <>
        <PageHeading title={t('analysis.heading')} />
        <LoadError error={analysis.error} />
      </>
    );
  const a = analysis.data;
  return (
    <>
      <PageHeading title={a.title} />
      <Group mb="md" gap="sm">
        <Badge color={a.status === 'done' ? 'green' : 'orange'} variant="light" className="badge-dark">
          {t(`analysisStatus.${a.status}`)}
        </Badge>
        <Text>
          {t(`analysisSubject.${a.subjectKind}`)}: {a.subjectName} · {a.unitName}
        </Text>
        {a.measureId && (
          <Anchor component={Link} to={measurePath(a.measureId, previousMonth(today()))}>
            {t('analysis.backToMeasure', { title: a.subjectName })}
          </Anchor>
        )}
      </Group>
      <Text size="sm" className="muted" mb="md">
        {t('analysis.madeBy', { name: a.madeByName })}
        {a.completedAt && ` ${t('analysis.completedAt', { at: formatDateTime(a.completedAt) })}`}
      </Text>
      <AnalysisForm key={a.version} analysis={a} measureId={a.measureId} />
    </>
  );
}

function draftOf(a: ImpactAnalysis | null) {
  return {
    title: a?.title ?? '',
    analysedOn: a?.analysedOn ?? today(),
    patients: a?.patients ?? '',
    staff: a?.staff ?? '',
    unionConsultedOn: a?.unionConsultedOn ?? '',
    unionConsultedWith: a?.unionConsultedWith ?? '',
    economy: a?.economy ?? '',
    otherUnits: a?.otherUnits ?? '',
    conclusion: a?.conclusion ?? '',
    costShifts: (a?.costShifts ?? []).map((s): Shift => ({ unitId: s.unitId, how: s.how })),
    risks: (a?.risks ?? []).map(
      (r): Risk => ({
        risk: r.risk,
        mitigation: r.mitigation,
        probability: r.probability === null ? '' : String(r.probability),
        consequence: r.consequence === null ? '' : String(r.consequence),
      }),
    ),
  };
}

function bodyOf(d: ReturnType<typeof draftOf>): Omit<Body, 'version'> {
  const grade = (v: string) => (v === '' ? null : Number(v));
  return {
    title: d.title.trim(),
    analysedOn: d.analysedOn,
    patients: d.patients,
    staff: d.staff,
    unionConsultedOn: d.unionConsultedOn === '' ? null : d.unionConsultedOn,
    unionConsultedWith: d.unionConsultedWith,
    economy: d.economy,
    otherUnits: d.otherUnits,
    conclusion: d.conclusion,
    costShifts: d.costShifts.flatMap((s) => (s.unitId ? [{ unitId: s.unitId, how: s.how }] : [])),
    risks: d.risks.map((r) => ({
      risk: r.risk,
      mitigation: r.mitigation,
      probability: grade(r.probability),
      consequence: grade(r.consequence),
    })),
  };
}

function AnalysisForm({ analysis, measureId }: { analysis: ImpactAnalysis | null; measureId: string | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const org = useOrg();
  const unitOptions = useUnitOptions(org.units);
  const [draft, setDraft] = useState(() => draftOf(analysis));
  const [saved, setSaved] = useState('');
  const editable = analysis === null || analysis.can.edit;
  const refresh = async (id: string) => {
    await queryClient.invalidateQueries({ queryKey: analysisKey(id) });
    if (measureId) await queryClient.invalidateQueries({ queryKey: measureKey(measureId) });
  };
  const save = useMutation({
    mutationFn: async () => {
      const body = bodyOf(draft);
      if (analysis === null)
        return call(client.POST('/impact-analyses', { body: { ...body, subjectKind: 'measure', measureId } }));
      return call(
        client.PUT('/impact-analyses/{id}', {
          params: { path: { id: analysis.id } },
          body: { ...body, version: analysis.version },
        }),
      );
    },
    onSuccess: async (a) => {
      setSaved(t('analysis.saved'));
      await refresh(a.id);
      if (analysis === null) await queryClient.invalidateQueries({ queryKey: ['measure'] });
    },
  });
  const complete = useMutation({
    mutationFn: async () => {
      if (!analysis) throw new Error('unsaved');
      return call(
        client.POST('/impact-analyses/{id}/complete', {
          params: { path: { id: analysis.id } },
          body: { version: analysis.version },
        }),
      );
    },
    onSuccess: async (a) => {
      setSaved(t('analysis.completed'));
      await refresh(a.id);
    },
  });
  const error = save.error ?? complete.error;
  const err = (field: string) => fieldError(error, field);
  const set = <K extends keyof typeof draft>(key: K, value: (typeof draft)[K]) => {
    setSaved('');
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const setRisk = (i: number, patch: Partial<Risk>) =>
    set(
      'risks',
      draft.risks.map((r, j) => (j === i ? { ...r, ...patch } : r)),
    );
  const setShift = (i: number, patch: Partial<Shift>) =>
    set(
      'costShifts',
      draft.costShifts.map((s, j) => (j === i ? { ...s, ...patch } : s)),
    );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    complete.reset();
    save.mutate();
  };
  if (analysis === null && save.data) return <Navigate to={analysisPath(save.data.id)} replace />;
  return (
    <Paper withBorder p="md" radius="md">
      <FormStatus error={error} success={saved} />
      <form onSubmit={submit} noValidate aria-label={t('analysis.heading')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('analysis.title')}
            required
            maxLength={300}
            readOnly={!editable}
            value={draft.title}
            error={err('title')}
            onChange={(e) => set('title', e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('analysis.analysedOn')}
            required
            readOnly={!editable}
            value={draft.analysedOn}
            error={err('analysedOn')}
            onChange={(e) => set('analysedOn', e.currentTarget.value)}
          />
        </SimpleGrid>
        {TEXTS.map((key) => (
          <div key={key}>
            <Title order={2} size="h4" mt="md" mb={4} id={`analysis-${key}-heading`}>
              {t(`analysis.sections.${key}`)}
            </Title>
            <Textarea
              aria-labelledby={`analysis-${key}-heading`}
              description={t(`analysis.help.${key}`)}
              autosize
              minRows={3}
              maxLength={20_000}
              readOnly={!editable}
              value={draft[key]}
              error={err(key)}
              onChange={(e) => set(key, e.currentTarget.value)}
            />
            {key === 'staff' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
                <TextInput
                  type="date"
                  label={t('analysis.unionConsultedOn')}
                  readOnly={!editable}
                  value={draft.unionConsultedOn}
                  error={err('unionConsultedOn')}
                  onChange={(e) => set('unionConsultedOn', e.currentTarget.value)}
                />
                <TextInput
                  label={t('analysis.unionConsultedWith')}
                  maxLength={500}
                  readOnly={!editable}
                  value={draft.unionConsultedWith}
                  error={err('unionConsultedWith')}
                  onChange={(e) => set('unionConsultedWith', e.currentTarget.value)}
                />
              </SimpleGrid>
            )}
            {key === 'otherUnits' && (
              <Table withTableBorder captionSide="top" mt="sm">
                <Table.Caption>{t('analysis.costShiftsCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('analysis.shiftUnit')}</Table.Th>
                    <Table.Th>{t('analysis.shiftHow')}</Table.Th>
                    {editable && <Table.Th>{t('analysis.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {draft.costShifts.map((s, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
                    <Table.Tr key={i}>
                      <Table.Td>
                        <Select
                          aria-label={t('analysis.shiftUnitOf', { n: i + 1 })}
                          searchable
                          data={unitOptions}
                          readOnly={!editable}
                          value={s.unitId}
                          error={err(`costShifts.${i}.unitId`)}
                          onChange={(v) => setShift(i, { unitId: v })}
                          nothingFoundMessage={t('common.nothingFound')}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={t('analysis.shiftHowOf', { n: i + 1 })}
                          maxLength={2000}
                          readOnly={!editable}
                          value={s.how}
                          error={err(`costShifts.${i}.how`)}
                          onChange={(e) => setShift(i, { how: e.currentTarget.value })}
                        />
                      </Table.Td>
                      {editable && (
                        <Table.Td>
                          <Button
                            variant="subtle"
                            color="red"
                            aria-label={t('analysis.removeShift', { n: i + 1 })}
                            onClick={() =>
                              set(
                                'costShifts',
                                draft.costShifts.filter((_, j) => j !== i),
                              )
                            }
                          >
                            {t('analysis.remove')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {key === 'otherUnits' && editable && (
              <Button
                variant="light"
                mt="xs"
                onClick={() => set('costShifts', [...draft.costShifts, { unitId: null, how: '' }])}
              >
                {t('analysis.addShift')}
              </Button>
            )}
          </div>
        ))}

        <Title order={2} size="h4" mt="md" mb={4}>
          {t('analysis.risksHeading')}
        </Title>
        <Table withTableBorder captionSide="top">
          <Table.Caption>{t('analysis.risksCaption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('analysis.risk')}</Table.Th>
              <Table.Th>{t('analysis.mitigation')}</Table.Th>
              <Table.Th>{t('analysis.probability')}</Table.Th>
              <Table.Th>{t('analysis.consequence')}</Table.Th>
              {editable && <Table.Th>{t('analysis.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {draft.risks.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={editable ? 5 : 4}>{t('analysis.noRisks')}</Table.Td>
              </Table.Tr>
            )}
            {draft.risks.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
              <Table.Tr key={i}>
                <Table.Td>
                  <Textarea
                    aria-label={t('analysis.riskOf', { n: i + 1 })}
                    autosize
                    maxLength={2000}
                    readOnly={!editable}
                    value={r.risk}
                    error={err(`risks.${i}.risk`)}
                    onChange={(e) => setRisk(i, { risk: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <Textarea
                    aria-label={t('analysis.mitigationOf', { n: i + 1 })}
                    autosize
                    maxLength={2000}
                    readOnly={!editable}
                    value={r.mitigation}
                    onChange={(e) => setRisk(i, { mitigation: e.currentTarget.value })}
                  />
                </Table.Td>
                {(['probability', 'consequence'] as const).map((g) => (
                  <Table.Td key={g}>
                    <Select
                      aria-label={t(`analysis.${g}Of`, { n: i + 1 })}
                      data={GRADES}
                      clearable
                      readOnly={!editable}
                      value={r[g] || null}
                      onChange={(v) => setRisk(i, { [g]: v ?? '' })}
                      w={90}
                    />
                  </Table.Td>
                ))}
                {editable && (
                  <Table.Td>
                    <Button
                      variant="subtle"
                      color="red"
                      aria-label={t('analysis.removeRisk', { n: i + 1 })}
                      onClick={() =>
                        set(
                          'risks',
                          draft.risks.filter((_, j) => j !== i),
                        )
                      }
                    >
                      {t('analysis.remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {editable && (
          <Group mt="md">
            <Button
              variant="light"
              onClick={() =>
                set('risks', [...draft.risks, { risk: '', mitigation: '', probability: '', consequence: '' }])
              }
            >
              {t('analysis.addRisk')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
            {analysis?.can.complete && (
              <Button
                variant="outline"
                loading={complete.isPending}
                onClick={() => {
                  save.reset();
                  complete.mutate();
                }}
              >
                {t('analysis.complete')}
              </Button>
            )}
          </Group>
        )}
        {analysis?.status === 'done' && (
          <Text mt="sm" size="sm">
            {t('analysis.doneNote', { on: formatDate(analysis.analysedOn) })}
          </Text>
        )}
      </form>
    </Paper>
  );
}
