import { Alert, Anchor, Group, Paper, Select, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { sortBySwedishName } from '../../../domain/collation';
import { today } from '../app/format';
import { PageHeading } from '../app/page';
import { useUnitOptions } from '../ui/options';
import { indicatorsQuery, isForbidden, scorecardQuery, useDefaultPeriod, useHomeUnit, useOrg } from './queries';
import type { Aggregation, Frequency } from './types';
import { LoadError, Loading } from './ui';
import { ValueGrid } from './ValueGrid';
import { ValueImport } from './ValueImport';
import { unitsWhere } from './writable';

/** What the grid needs to know of an indicator. */
export interface EnterableIndicator {
  id: string;
  name: string;
  measureUnit: string;
  frequency: Frequency;
  aggregation: Aggregation;
}

/**
 * The indicators whose values are entered (a ratio is computed from its parts). The full list
 * needs the right to read the whole organisation's definitions; without it, the indicators on
 * the user's own scorecard are offered.
 */
function useEnterableIndicators(homeUnitId: string | null, year: number) {
  const all = useQuery(indicatorsQuery);
  const fallback = useQuery({
    ...scorecardQuery(homeUnitId ?? '', `${year}-12`),
    enabled: !!homeUnitId && all.isError && isForbidden(all.error),
  });
  return useMemo(() => {
    if (all.data)
      return {
        pending: false,
        partial: false,
        error: null,
        indicators: all.data.indicators
          .filter((i) => i.aggregation !== 'ratio' && i.source !== 'formula')
          .map(({ id, name, measureUnit, frequency, aggregation }) => ({
            id,
            name,
            measureUnit,
            frequency,
            aggregation,
          })),
      };
    if (fallback.data) {
      const byId = new Map<string, EnterableIndicator>();
      for (const g of fallback.data.goals)
        for (const f of g.indicators)
          if (f.aggregation !== 'ratio')
            byId.set(f.id, {
              id: f.id,
              name: f.name,
              measureUnit: f.measureUnit,
              frequency: f.frequency,
              aggregation: f.aggregation,
            });
      const indicators = sortBySwedishName([...byId.values()], (i) => i.name);
      return { pending: false, partial: true, error: null, indicators };
    }
    const error = fallback.error ?? (all.isError && !isForbidden(all.error) ? all.error : null);
    return { pending: !error, partial: false, error, indicators: [] as EnterableIndicator[] };
  }, [all.data, all.error, all.isError, fallback.data, fallback.error]);
}

/** Mata in värden: one indicator's outcomes for the units under a unit, month by month for a year. */
export function ValuesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const org = useOrg();
  const home = useHomeUnit();
  const defaultPeriod = useDefaultPeriod();
  const thisYear = Number(today().slice(0, 4));
  const yearParam = Number(params.get('year'));
  const year =
    Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= 2100
      ? yearParam
      : Number(defaultPeriod.period.slice(0, 4));
  const enterable = useEnterableIndicators(home.unitId, year);
  const readable = useMemo(() => unitsWhere(org.units, 'read'), [org.units]);
  const unitOptions = useUnitOptions(readable);
  // Start where the user may enter values, if anywhere.
  const firstWritable = readable.find((u) => u.can.enterValues)?.id;
  const writableHome =
    home.unitId && org.unit(home.unitId)?.can.enterValues ? home.unitId : (firstWritable ?? home.unitId);
  const unitId = params.get('unit') ?? writableHome;
  const indicatorId = params.get('indicator');
  const indicator = enterable.indicators.find((i) => i.id === indicatorId) ?? null;

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
  const years = Array.from({ length: thisYear - 2020 + 2 }, (_, i) => String(thisYear + 1 - i));
  if (!years.includes(String(year))) years.push(String(year));

  return (
    <>
      <PageHeading title={t('values.title')} />
      <Text mb="md">{t('values.intro')}</Text>
      <Paper withBorder p="md" mb="md" radius="md" component="section" aria-label={t('values.choose')}>
        <Group align="flex-start" wrap="wrap">
          <Select
            label={t('values.indicator')}
            description={t('values.indicatorHelp')}
            placeholder={t('values.chooseIndicator')}
            data={enterable.indicators.map((i) => ({ value: i.id, label: `${i.name} (${i.measureUnit})` }))}
            value={indicator?.id ?? null}
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            onChange={(v) => set('indicator', v)}
            w={420}
          />
          <Select
            label={t('values.unit')}
            description={t('values.unitHelp')}
            data={unitOptions}
            value={unitId}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('common.nothingFound')}
            onChange={(v) => set('unit', v)}
            w={420}
          />
          <Select
            label={t('values.year')}
            data={years}
            value={String(year)}
            allowDeselect={false}
            onChange={(v) => set('year', v)}
            w={140}
          />
        </Group>
        {enterable.partial && (
          <Text size="sm" className="muted" mt="sm">
            {t('values.partialList')}
          </Text>
        )}
      </Paper>
      {enterable.error && <LoadError error={enterable.error} />}
      {enterable.pending || org.isPending ? (
        <Loading />
      ) : !indicator || !unitId ? (
        <Alert color="blue" mb="md">
          {t('values.chooseFirst')}
        </Alert>
      ) : (
        <>
          <ValueGrid key={`${indicator.id}|${unitId}|${year}`} indicator={indicator} unitId={unitId} year={year} />
          <Group mt="lg" mb="lg">
            <Anchor
              href={`/api/values/export.xlsx?indicator=${encodeURIComponent(indicator.id)}&unit=${encodeURIComponent(unitId)}&from=${year}-01&to=${year}-12`}
              download
            >
              {t('values.export')}
            </Anchor>
          </Group>
        </>
      )}
      {firstWritable && <ValueImport />}
    </>
  );
}
