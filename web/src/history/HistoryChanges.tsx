import { useTranslation } from 'react-i18next';
import type { Schema } from '../app/client';
import { HISTORY_FIELD_LABELS, type HistoryField } from '../i18n/history-fields';

type FieldChange = Schema<'HistoryFieldChange'>;

/** How a page shows a field's value (a unit's name for an id, a date); the text as given otherwise. */
export type ShowValue = (field: string, value: string) => string;

const isLabelled = (name: string): name is HistoryField => Object.hasOwn(HISTORY_FIELD_LABELS, name);

/**
 * A field's path as a reader says it: each named part by its label (`measure.title` →
 * "Åtgärd › Rubrik"), a list member by its number from 1 (`versions.0` → "Versioner › 1").
 */
export function historyFieldLabel(path: string, language: string): string {
  const lang = language.startsWith('en') ? 'en' : 'sv';
  return path
    .split('.')
    .map((part) =>
      /^\d+$/.test(part) ? String(Number(part) + 1) : isLabelled(part) ? HISTORY_FIELD_LABELS[part][lang] : part,
    )
    .join(' › ');
}

/**
 * What one history entry changed, from what to what, field by field: the same for every kind of
 * record, read from the changes the server lists (decision 015), so no kind needs code of its own.
 */
export function HistoryChanges({ changes, show }: { changes: readonly FieldChange[]; show?: ShowValue }) {
  const { i18n } = useTranslation();
  const text = (field: string, value: string | null) =>
    value === null || value === '' ? '—' : show ? show(field, value) : value;
  if (changes.length === 0) return null;
  return (
    <ul className="plain-list">
      {changes.map((c) => (
        <li key={c.field}>
          <strong>{historyFieldLabel(c.field, i18n.language)}:</strong> {text(c.field, c.before)} →{' '}
          {text(c.field, c.after)}
        </li>
      ))}
    </ul>
  );
}
