import { Button, Group, Select, SimpleGrid, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareSwedish } from '../../../domain/collation';
import { call, client } from '../app/client';
import { today } from '../app/format';
import type { ListedUnit } from '../app/types';
import { useUnitOptions } from '../ui/options';
import { FormPanel, SaveStatus, useDraft, useFieldError } from './formkit';
import { formatDecimalText } from './numbers';
import { type Errors, type TargetBody, type TargetDraft, targetPayload } from './payloads';
import { formatMonth } from './periods';
import { targetsQuery, useOrg } from './queries';
import type { Indicator, Target } from './types';
import { LoadError, Loading } from './ui';
import { unitsWhere } from './writable';

const SHOWN = ['unitId', 'period', 'target', 'tolerance'] as const;

/** "2025" stays a year; "2025-03" is "mars 2025". */
const periodText = (period: string) => (period.length === 7 ? formatMonth(period) : period);

/** Målvärden: the indicator's targets per unit and year or month, and setting or removing one. */
export function TargetsSection({ indicator }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const org = useOrg();
  const queryClient = useQueryClient();
  const targets = useQuery(targetsQuery(indicator.id));
  const [removed, setRemoved] = useState('');
  const units = useMemo(() => unitsWhere(org.units, 'setTargets'), [org.units]);
  const figure = (text: string) => `${formatDecimalText(text)}\u00a0${indicator.measureUnit}`;
  const rows = useMemo(
    () =>
      [...(targets.data?.targets ?? [])].sort(
        (a, b) =>
          a.period.localeCompare(b.period) ||
          org.tree.lineage(a.unitId).length - org.tree.lineage(b.unitId).length ||
          compareSwedish(org.nameOf(a.unitId), org.nameOf(b.unitId)),
      ),
    [targets.data, org],
  );

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['indicator-targets', indicator.id] });
    await queryClient.invalidateQueries({ queryKey: ['indicator-across', indicator.id] });
    await queryClient.invalidateQueries({ queryKey: ['scorecard'] });
  };
  const remove = useMutation({
    mutationFn: (row: Target) =>
      call(
        client.PUT('/indicators/{id}/targets', {
          params: { path: { id: indicator.id } },
          body: { unitId: row.unitId, period: row.period, target: null, tolerance: '0' } satisfies TargetBody,
        }),
      ),
    onSuccess: async (_none, row) => {
      await refresh();
      setRemoved(t('targets.removed', { unit: org.nameOf(row.unitId), period: periodText(row.period) }));
    },
  });

  return (
    <section aria-labelledby="targets-heading" className="section">
      <Title order={2} size="h3" id="targets-heading" mb="sm">
        {t('targets.title')}
      </Title>
      <Text mb="sm">{t('targets.intro')}</Text>
      <SaveStatus error={remove.error} shown={[]} success={removed} />
      {targets.isPending ? (
        <Loading />
      ) : targets.isError ? (
        <LoadError error={targets.error} />
      ) : rows.length === 0 ? (
        <Text mb="md">{t('targets.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table withTableBorder striped captionSide="top" mb="md">
            <Table.Caption>{t('targets.caption', { name: indicator.name })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('steering.unit')}</Table.Th>
                <Table.Th scope="col">{t('targets.period')}</Table.Th>
                <Table.Th scope="col">{t('steering.target')}</Table.Th>
                <Table.Th scope="col">{t('targets.tolerance')}</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.unitId}:${r.period}`}>
                  <Table.Th scope="row" fw="normal">
                    {org.nameOf(r.unitId)}
                  </Table.Th>
                  <Table.Td>{periodText(r.period)}</Table.Td>
                  <Table.Td className="figure">{figure(r.target)}</Table.Td>
                  <Table.Td className="figure">{figure(r.tolerance)}</Table.Td>
                  <Table.Td>
                    {r.can.edit && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={remove.isPending && remove.variables === r}
                        aria-label={t('targets.removeNamed', {
                          unit: org.nameOf(r.unitId),
                          period: periodText(r.period),
                        })}
                        onClick={() => {
                          setRemoved('');
                          remove.mutate(r);
                        }}
                      >
                        {t('targets.remove')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {units.length > 0 && <TargetForm indicator={indicator} units={units} onSaved={refresh} />}
    </section>
  );
}

function TargetForm({
  indicator,
  units,
  onSaved,
}: {
  indicator: Indicator;
  units: ListedUnit[];
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const org = useOrg();
  const unitOptions = useUnitOptions(units);
  // The highest unit the user sets targets for is where most targets are set.
  const top = [...units].sort((a, b) => org.tree.lineage(a.id).length - org.tree.lineage(b.id).length)[0];
  const { draft, set, setDraft } = useDraft<TargetDraft>(() => ({
    unitId: top?.id ?? null,
    period: today().slice(0, 4),
    target: '',
    tolerance: '',
  }));
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const [saved, setSaved] = useState('');
  const save = useMutation({
    mutationFn: (body: TargetBody) =>
      call(client.PUT('/indicators/{id}/targets', { params: { path: { id: indicator.id } }, body })),
    onSuccess: async (_saved, body) => {
      await onSaved();
      setDraft((d) => ({ ...d, target: '', tolerance: '' }));
      setSaved(
        t('targets.saved', {
          unit: org.nameOf(body.unitId),
          period: periodText(body.period),
          target: `${formatDecimalText(body.target ?? '')}\u00a0${indicator.measureUnit}`,
        }),
      );
    },
  });
  const errorAt = useFieldError(clientErrors, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = targetPayload(draft);
    setClientErrors(checked.ok ? {} : checked.errors);
    setSaved('');
    if (checked.ok) save.mutate(checked.body);
    else save.reset();
  };
  return (
    <FormPanel id="target-form" title={t('targets.formTitle')} intro={t('targets.formIntro')}>
      <SaveStatus error={save.error} invalid={Object.keys(clientErrors).length > 0} shown={SHOWN} success={saved} />
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Select
            label={t('steering.unit')}
            required
            searchable
            allowDeselect={false}
            data={unitOptions}
            value={draft.unitId}
            onChange={set('unitId')}
            nothingFoundMessage={t('common.nothingFound')}
            error={errorAt('unitId')}
          />
          <TextInput
            label={t('targets.periodLabel')}
            description={t('targets.periodHelp')}
            required
            value={draft.period}
            onChange={(e) => set('period')(e.currentTarget.value)}
            error={errorAt('period')}
          />
          <TextInput
            label={t('targets.targetLabel', { unit: indicator.measureUnit })}
            description={t('targets.decimalHelp')}
            required
            inputMode="decimal"
            value={draft.target}
            onChange={(e) => set('target')(e.currentTarget.value)}
            error={errorAt('target')}
          />
          <TextInput
            label={t('targets.toleranceLabel', { unit: indicator.measureUnit })}
            description={t('targets.toleranceHelp')}
            inputMode="decimal"
            value={draft.tolerance}
            onChange={(e) => set('tolerance')(e.currentTarget.value)}
            error={errorAt('tolerance')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            {t('targets.submit')}
          </Button>
        </Group>
      </form>
    </FormPanel>
  );
}
