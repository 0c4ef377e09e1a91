import { ApiError } from '../app/api';

// The server names the field it refuses (error.fields[].field): an input's name, or a path
// into it for lists ("parentGoalIds.0"). These put each message beside the input it is about.

const matches = (name: string, field: string) => name === field || name.startsWith(`${field}.`);

/** The server's messages for `field` (or an item of it), joined; undefined if it named none. */
export function fieldMessageOf(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const messages = error.fields.filter((f) => matches(f.field, field)).map((f) => f.message);
  return messages.length > 0 ? [...new Set(messages)].join('; ') : undefined;
}

/** The field errors for which the form has no input, to be said in the form's status instead. */
export function unshownFieldErrors(error: unknown, shown: readonly string[]): { field: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields.filter((f) => !shown.some((s) => matches(f.field, s)));
}

/**
 * A stale version: someone else saved the record after it was read (409 without fields; a
 * 409 naming a field is a clash of values, such as a code already in use, shown at the field).
 */
export const isVersionConflict = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 409 && error.fields.length === 0;
