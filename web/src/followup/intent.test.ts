import { describe, expect, it } from 'vitest';
import { ApiError } from '../app/api';
import { isTransient, nextIntent } from './intent';

let n = 0;
const key = () => `key-${++n}`;

describe('nextIntent', () => {
  it('makes a new key for a first click', () => {
    const i = nextIntent(null, 'submit', { version: 1 }, key);
    expect(i.key).toMatch(/^key-/);
    expect(i.open).toBe(false);
  });

  it('reuses the key when the same request is retried after no definite answer', () => {
    const first = nextIntent(null, 'approve', { version: 2 }, key);
    const again = nextIntent({ ...first, open: true }, 'approve', { version: 2 }, key);
    expect(again.key).toBe(first.key);
  });

  it('makes a new key after an answer, or when what is asked has changed', () => {
    const first = nextIntent(null, 'return', { version: 2, comment: 'a' }, key);
    expect(nextIntent(first, 'return', { version: 2, comment: 'a' }, key).key).not.toBe(first.key);
    const open = { ...first, open: true };
    expect(nextIntent(open, 'return', { version: 2, comment: 'b' }, key).key).not.toBe(first.key);
    expect(nextIntent(open, 'approve', { version: 2, comment: 'a' }, key).key).not.toBe(first.key);
  });
});

describe('isTransient', () => {
  it('retries a lost connection or a server fault, never a refusal', () => {
    expect(isTransient(new TypeError('Failed to fetch'))).toBe(true);
    expect(isTransient(new ApiError(503, 'unavailable', 'x'))).toBe(true);
    expect(isTransient(new ApiError(409, 'conflict', 'x'))).toBe(false);
    expect(isTransient(new ApiError(422, 'unprocessable', 'x'))).toBe(false);
    expect(isTransient(new ApiError(403, 'forbidden', 'x'))).toBe(false);
  });
});
