/**
 * History payloads in one shape (decision 015): camelCase keys, whole kronor and times as text,
 * and a generic list of changes — field, from, to — that any reader can show without knowing
 * the kind of record. Pure: the write path and the history reader call it.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A payload as JSON with camelCase keys at every depth: rows written as snake_case database
 * columns and inputs written in camelCase come out alike. Bigints become digit strings and
 * dates ISO text, as the API carries them.
 */
export function normalisePayload(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalisePayload);
  if (typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      const key = camel(k);
      // Kronor are digit text everywhere; entries written before decision 015 may hold a number.
      out[key] = typeof v === 'number' && /Kr$/.test(key) ? String(v) : normalisePayload(v);
    }
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

export interface FieldChange {
  /** The field's path, nested fields joined with a dot (`measure.title`), list members by index. */
  field: string;
  before: string | null;
  after: string | null;
}

// Bookkeeping that changes on every write and tells a reader nothing.
const HIDDEN = new Set(['id', 'version']);

const text = (v: JsonValue | undefined): string | null =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v);

function flatten(value: JsonValue, prefix: string, into: Map<string, JsonValue>) {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0 && prefix !== '') into.set(prefix, Array.isArray(value) ? [] : {});
    for (const [k, v] of entries) {
      if (prefix === '' && HIDDEN.has(k)) continue;
      if (!Array.isArray(value) && HIDDEN.has(k)) continue;
      flatten(v, prefix === '' ? k : `${prefix}.${k}`, into);
    }
  } else if (prefix !== '') into.set(prefix, value);
}

/** What changed from `before` to `after`, field by field, in the order the fields first appear. */
export function changesOf(before: JsonValue, after: JsonValue): FieldChange[] {
  const b = new Map<string, JsonValue>();
  const a = new Map<string, JsonValue>();
  flatten(before, '', b);
  flatten(after, '', a);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields
    .map((field) => ({ field, before: text(b.get(field)), after: text(a.get(field)) }))
    .filter((c) => c.before !== c.after);
}
