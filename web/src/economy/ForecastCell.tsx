import { Button } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api';
import { call, client } from '../app/client';
import { kronorJson, mnkrInputText, parseMnkrInput } from './money';
import type { MeasureFigures } from './types';

export type SaveOutcome =
  | { kind: 'saved'; measure: MeasureFigures; kronor: bigint }
  | { kind: 'conflict'; measure: MeasureFigures };

/**
 * The month's forecast of a measure without sub-measures, typed in mnkr ("8,5") and saved on
 * Enter or with the button. The outcome and the month's comment are kept as they are.
 */
export function ForecastCell({
  measure,
  period,
  onDone,
}: {
  measure: MeasureFigures;
  period: string;
  onDone: (outcome: SaveOutcome) => void;
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(measure.lastReport ? mnkrInputText(measure.forecast) : '');
  const [error, setError] = useState<string | null>(null);
  const last = measure.lastReport;
  const save = useMutation({
    mutationFn: (kronor: bigint) =>
      call(
        client.POST('/measures/{id}/reports', {
          params: { path: { id: measure.id } },
          body: {
            version: measure.version,
            period,
            forecastKr: kronorJson(kronor),
            outcomeKr: last ? measure.outcome : null,
            comment: last?.period === period ? last.comment : '',
          },
        }),
      ),
    onSuccess: (_data, kronor) => onDone({ kind: 'saved', measure, kronor }),
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) onDone({ kind: 'conflict', measure });
      else if (e instanceof ApiError && e.fields.length > 0)
        setError(
          e.fields
            .map((f) => `${t(`economy.reportField.${f.field}`, { defaultValue: f.field })}: ${f.message}`)
            .join('; '),
        );
      else setError(e.message);
    },
  });
  const submit = () => {
    setError(null);
    const parsed = parseMnkrInput(text);
    if (!parsed.ok) {
      setError(t(`economy.invalidMnkr.${parsed.reason}`));
      input.current?.focus();
      return;
    }
    save.mutate(parsed.kronor);
  };
  const inputId = `forecast-${measure.id}`;
  return (
    <div className="forecast-entry">
      <span className="forecast-entry-row">
        <input
          ref={input}
          id={inputId}
          className="value-cell forecast-input"
          inputMode="decimal"
          autoComplete="off"
          aria-label={t('economy.forecastInputLabel', { title: measure.title })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submit();
            }
          }}
        />
        <Button
          size="compact-sm"
          variant="default"
          onClick={submit}
          loading={save.isPending}
          aria-label={t('economy.saveForecastFor', { title: measure.title })}
        >
          {t('common.save')}
        </Button>
      </span>
      {error && (
        <span id={`${inputId}-error`} className="cell-error">
          {error}
        </span>
      )}
    </div>
  );
}
