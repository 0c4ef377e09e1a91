import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lru } from './lru';

type Op = { op: 'set'; key: number; bytes: number } | { op: 'get'; key: number } | { op: 'delete'; key: number };

const ops = fc.array(
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        op: fc.constant('set' as const),
        key: fc.nat({ max: 9 }),
        bytes: fc.integer({ min: 1, max: 40 }),
      }),
    },
    { weight: 5, arbitrary: fc.record({ op: fc.constant('get' as const), key: fc.nat({ max: 9 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.nat({ max: 9 }) }) },
  ),
  { minLength: 20, maxLength: 200, size: 'max' },
);

describe('Lru', () => {
  it('stays within its bounds, answers only what was last set, and keeps what was used recently (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.boolean(), ops, (maxEntries, boundedBytes, list: Op[]) => {
        const maxBytes = boundedBytes ? 60 : Number.POSITIVE_INFINITY;
        const lru = new Lru<string>(maxEntries, maxBytes);
        const last = new Map<number, { value: string; bytes: number }>();
        // The keys in the order they were last used (set, or read while kept), most recent last;
        // a key deleted since stays in the order (it was used) but is not expected to be kept.
        let used: number[] = [];
        const deleted = new Set<number>();
        const touch = (key: number) => {
          used = [...used.filter((k) => k !== key), key];
          deleted.delete(key);
        };
        list.forEach((o, i) => {
          const key = `k${o.key}`;
          if (o.op === 'set') {
            lru.set(key, `v${i}`, o.bytes);
            last.set(o.key, { value: `v${i}`, bytes: o.bytes });
            if (o.bytes <= maxBytes) touch(o.key);
            else deleted.add(o.key);
          } else if (o.op === 'delete') {
            lru.delete(key);
            deleted.add(o.key);
          } else {
            const got = lru.get(key);
            if (got !== undefined) {
              expect(got).toBe(last.get(o.key)?.value);
              touch(o.key);
            }
          }
          expect(lru.size).toBeLessThanOrEqual(maxEntries);
          expect(lru.bytes).toBeLessThanOrEqual(maxBytes);
          // Without a bound on bytes, a key used since fewer than half the entries' worth of other
          // keys were used is still kept.
          if (!boundedBytes)
            for (const k of used.slice(used.length - Math.max(1, maxEntries >> 1)))
              if (!deleted.has(k)) expect(lru.has(`k${k}`), `k${k} after op ${i}`).toBe(true);
        });
        // Whatever is kept is the value last set.
        for (const [key, { value }] of last) {
          const got = lru.get(`k${key}`);
          if (got !== undefined) expect(got).toBe(value);
        }
      }),
      { numRuns: 300 },
    );
  });
});
