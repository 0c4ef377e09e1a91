import { useTranslation } from 'react-i18next';
import type { Schema } from '../app/client';

type FieldChange = Schema<'HistoryFieldChange'>;

/** How a page shows a field's value (a unit's name for an id, a date); the text as given otherwise. */
export type ShowValue = (field: string, value: string) => string;

/**
 * What one history entry changed, from what to what, field by field: the same for every kind of
 * record, read from the changes the server lists (decision 015), so no kind needs code of its own.
 */
export function HistoryChanges({ changes, show }: { changes: readonly FieldChange[]; show?: ShowValue }) {
  const { t } = useTranslation();
  const text = (field: string, value: string | null) =>
    value === null || value === '' ? '—' : show ? show(field, value) : value;
  if (changes.length === 0) return null;
  return (
    <ul className="plain-list">
      {changes.map((c) => (
        <li key={c.field}>
          <strong>{t(`field.${c.field}`, { defaultValue: c.field })}:</strong> {text(c.field, c.before)} →{' '}
          {text(c.field, c.after)}
        </li>
      ))}
    </ul>
  );
}
