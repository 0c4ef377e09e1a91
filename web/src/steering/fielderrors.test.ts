import { describe, expect, it } from 'vitest';
import { ApiError } from '../app/api';
import { fieldMessageOf, isVersionConflict, unshownFieldErrors } from './fielderrors';

const refusal = new ApiError(400, 'bad_request', 'Ogiltiga uppgifter.', [
  { field: 'title', message: 'får inte vara tom' },
  { field: 'parentGoalIds.0', message: 'finns inte' },
  { field: 'parentGoalIds.2', message: 'finns inte' },
  { field: 'planId', message: 'planen är beslutad' },
]);

describe('field errors', () => {
  it('finds the message for a field and for the items of a list field', () => {
    expect(fieldMessageOf(refusal, 'title')).toBe('får inte vara tom');
    expect(fieldMessageOf(refusal, 'parentGoalIds')).toBe('finns inte');
    expect(fieldMessageOf(refusal, 'parent')).toBeUndefined();
    expect(fieldMessageOf(new Error('nätverket'), 'title')).toBeUndefined();
  });

  it('keeps the messages about fields the form has no input for', () => {
    expect(unshownFieldErrors(refusal, ['title', 'parentGoalIds'])).toEqual([
      { field: 'planId', message: 'planen är beslutad' },
    ]);
    expect(unshownFieldErrors(null, ['title'])).toEqual([]);
  });

  it('tells a stale version from a clash of values, both 409', () => {
    expect(isVersionConflict(new ApiError(409, 'conflict', 'Posten har ändrats', [], { version: 3 }))).toBe(true);
    const clash = new ApiError(409, 'conflict', 'Koden används redan', [{ field: 'code', message: 'används redan' }]);
    expect(isVersionConflict(clash)).toBe(false);
    expect(isVersionConflict(refusal)).toBe(false);
  });
});
