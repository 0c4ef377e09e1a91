import { Alert, Anchor, Button, Group, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { formatDateTime, formatNumber } from '../app/format';
import { cellKey, errorsByCell, pendingChanges, storedByCell } from './grid';
import { formatDecimalText } from './numbers';
import { formatMonth, monthAbbreviation, monthsOfYear, reportsIn } from './periods';
import { useOrg, valuesQuery } from './queries';
import type { StoredValue } from './types';
import { LoadError, Loading } from './ui';
import type { EnterableIndicator } from './ValuesPage';

const cellId = (key: string) => `cell-${key.replace(/[^a-zA-Z0-9-]/g, '-')}`;

/**
 * The units a value is entered for under a unit: the leaves below it for an indicator that
 * rolls up (a parent's figure is computed from them), the unit and its children otherwise.
 */
function unitsForEntry(org: ReturnType<typeof useOrg>, unitId: string, indicator: EnterableIndicator) {
  const ids =
    indicator.aggregation === 'none'
      ? [unitId, ...org.tree.children(unitId)]
      : org.tree.subtree(unitId).filter((id) => org.tree.children(id).length === 0);
  return ids.map((id) => org.unit(id)).filter((u): u is NonNullable<typeof u> => !!u);
}

export function ValueGrid({
  indicator,
  unitId,
  year,
}: {
  indicator: EnterableIndicator;
  unitId: string;
  year: number;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const org = useOrg();
  const values = useQuery(valuesQuery(indicator.id, unitId, year));
  const [texts, setTexts] = useState<Map<string, string>>(new Map());
  const [serverErrors, setServerErrors] = useState<Map<string, string[]>>(new Map());
  const [otherErrors, setOtherErrors] = useState<{ field: string; message: string }[]>([]);
  const [changedByOthers, setChangedByOthers] = useState<{ key: string; value: StoredValue | null }[]>([]);
  const [message, setMessage] = useState('');
  const [showInvalid, setShowInvalid] = useState(false);

  const units = useMemo(() => unitsForEntry(org, unitId, indicator), [org, unitId, indicator]);
  const months = monthsOfYear(year);
  const stored = useMemo(() => storedByCell(values.data?.values ?? [], indicator.id), [values.data, indicator.id]);
  const pending = useMemo(() => pendingChanges(indicator.id, stored, texts), [indicator.id, stored, texts]);
  const unitName = (id: string) => org.nameOf(id);
  const labelOf = (key: string) => {
    const [u = '', p = ''] = key.split('|');
    return t('values.cellLabel', { unit: unitName(u), month: formatMonth(p) });
  };

  const save = useMutation({
    mutationFn: (rows: typeof pending.rows) => call(client.PUT('/values', { body: { values: rows } })),
    onSuccess: async (_data, rows) => {
      setTexts(new Map());
      setMessage(t('values.saved', { count: rows.length, formatted: formatNumber(rows.length) }));
      await queryClient.invalidateQueries({ queryKey: ['values'] });
      await queryClient.invalidateQueries({ queryKey: ['scorecard'] });
      await queryClient.invalidateQueries({ queryKey: ['indicator-across'] });
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return;
      if (error.status === 422) {
        const { cells, other } = errorsByCell(error.fields, pending.keys);
        setServerErrors(cells);
        setOtherErrors(other);
      }
      if (error.status === 409) {
        // Reload; the cells someone else changed show their new value, the user's other edits stay.
        const before = stored;
        const fresh = await queryClient.fetchQuery({ ...valuesQuery(indicator.id, unitId, year), staleTime: 0 });
        const after = storedByCell(fresh.values, indicator.id);
        const changed = pending.keys.filter(
          (key) => (before.get(key)?.enteredAt ?? null) !== (after.get(key)?.enteredAt ?? null),
        );
        setChangedByOthers(changed.map((key) => ({ key, value: after.get(key) ?? null })));
        setTexts((prev) => {
          const next = new Map(prev);
          for (const key of changed) next.delete(key);
          return next;
        });
      }
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    setServerErrors(new Map());
    setOtherErrors([]);
    setChangedByOthers([]);
    save.reset();
    if (pending.invalid.size > 0) {
      setShowInvalid(true);
      document.getElementById(cellId([...pending.invalid.keys()][0] ?? ''))?.focus();
      return;
    }
    if (pending.rows.length === 0) {
      setMessage(t('values.nothingChanged'));
      return;
    }
    save.mutate(pending.rows);
  };

  const edit = (key: string, text: string) => {
    setMessage('');
    setTexts((prev) => new Map(prev).set(key, text));
    if (serverErrors.has(key))
      setServerErrors((prev) => {
        const next = new Map(prev);
        next.delete(key);
        return next;
      });
  };

  if (values.isPending) return <Loading />;
  if (values.isError) return <LoadError error={values.error} />;
  if (units.length === 0) return <Text>{t('values.noUnits')}</Text>;

  const mayEnter = (id: string) => !!org.unit(id)?.can.enterValues;
  const anyWritable = units.some((u) => mayEnter(u.id));
  const cellErrors = (key: string): string[] => {
    const errors = [...(serverErrors.get(key) ?? [])];
    const invalid = showInvalid ? pending.invalid.get(key) : undefined;
    if (invalid) errors.unshift(t(`values.invalid.${invalid}`));
    return errors;
  };
  const allErrors = [
    ...(showInvalid ? [...pending.invalid.keys()] : []),
    ...[...serverErrors.keys()].filter((k) => !(showInvalid && pending.invalid.has(k))),
  ].map((key) => ({ key, messages: cellErrors(key) }));
  const conflict = save.error instanceof ApiError && save.error.status === 409;
  const generalError =
    save.error && !conflict && !(save.error instanceof ApiError && save.error.status === 422)
      ? save.error.message
      : null;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="grid-caption">
      <Text size="sm" mb="xs">
        {indicator.frequency === 'month' ? t('values.monthly') : t(`values.only.${indicator.frequency}`)}{' '}
        {anyWritable ? t('values.howTo') : t('values.readOnly')}
      </Text>
      <div aria-live="assertive">
        {conflict && (
          <Alert color="orange" title={t('values.conflictTitle')} mb="sm">
            <Text>{t('values.conflict')}</Text>
            {changedByOthers.length > 0 && (
              <ul>
                {changedByOthers.map(({ key, value }) => (
                  <li key={key}>
                    {labelOf(key)}:{' '}
                    {value
                      ? t('values.nowBy', {
                          value: formatDecimalText(value.value),
                          name: value.enteredByName,
                          at: formatDateTime(value.enteredAt),
                        })
                      : t('values.nowEmpty')}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
        {generalError && (
          <Alert color="red" title={t('common.saveFailed')} mb="sm">
            {generalError}
          </Alert>
        )}
        {(allErrors.length > 0 || otherErrors.length > 0) && (
          <Alert color="red" title={t('values.errorsTitle', { count: allErrors.length + otherErrors.length })} mb="sm">
            <ul className="error-list">
              {allErrors.map(({ key, messages }) => (
                <li key={key}>
                  <Anchor
                    href={`#${cellId(key)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(cellId(key))?.focus();
                    }}
                  >
                    {labelOf(key)}
                  </Anchor>
                  : {messages.join('; ')}
                </li>
              ))}
              {otherErrors.map((f) => (
                <li key={`${f.field}-${f.message}`}>
                  {f.field}: {f.message}
                </li>
              ))}
            </ul>
          </Alert>
        )}
      </div>
      <Table.ScrollContainer minWidth={1100}>
        <Table
          withTableBorder
          withColumnBorders
          captionSide="top"
          className="value-grid"
          verticalSpacing={4}
          horizontalSpacing={4}
        >
          <Table.Caption id="grid-caption">
            {t('values.caption', { indicator: indicator.name, unit: indicator.measureUnit, year })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('values.unitColumn')}</Table.Th>
              {months.map((m) => (
                <Table.Th scope="col" key={m}>
                  <abbr title={formatMonth(m)}>{monthAbbreviation(m)}</abbr>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {units.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Th scope="row" fw="normal" className="grid-unit">
                  {u.name}
                </Table.Th>
                {months.map((m) => {
                  const key = cellKey(u.id, m);
                  const value = stored.get(key);
                  const shown = texts.get(key) ?? (value ? formatDecimalText(value.value) : '');
                  if (!reportsIn(indicator.frequency, m))
                    return (
                      <Table.Td key={m} className="cell-off">
                        <span aria-hidden="true">·</span>
                        <span className="visually-hidden">{t('values.notThisMonth')}</span>
                      </Table.Td>
                    );
                  if (!mayEnter(u.id)) return <Table.Td key={m}>{shown}</Table.Td>;
                  const errors = cellErrors(key);
                  const changed = pending.keys.includes(key);
                  return (
                    <Table.Td key={m} className={changed ? 'cell-changed' : undefined}>
                      <input
                        id={cellId(key)}
                        className="value-cell"
                        inputMode="decimal"
                        autoComplete="off"
                        aria-label={t('values.cellLabel', { unit: u.name, month: formatMonth(m) })}
                        aria-invalid={errors.length > 0 || undefined}
                        aria-describedby={errors.length > 0 ? `${cellId(key)}-error` : undefined}
                        title={
                          value
                            ? t('values.enteredBy', { name: value.enteredByName, at: formatDateTime(value.enteredAt) })
                            : undefined
                        }
                        value={shown}
                        onChange={(e) => edit(key, e.currentTarget.value)}
                      />
                      {errors.length > 0 && (
                        <span id={`${cellId(key)}-error`} className="cell-error">
                          {errors.join('; ')}
                        </span>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {anyWritable && (
        <Group mt="md" align="center">
          <Button type="submit" loading={save.isPending}>
            {t('values.save')}
          </Button>
          <Text size="sm" className="muted">
            {t('values.changedCount', { count: pending.rows.length, formatted: formatNumber(pending.rows.length) })}
          </Text>
        </Group>
      )}
      <p aria-live="polite" className="status-message">
        {message}
      </p>
    </form>
  );
}
