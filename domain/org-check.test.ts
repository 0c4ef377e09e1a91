import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OrgFault, organisationFaults, type UnitStateSpan } from './org-check';

const DAYS = ['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01', '2025-01-01'];

/** Units with one to three states each over a few days: any parent (cycles happen), none, or gone. */
const stateSets = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.array(
    fc.record({
      unit: fc.nat({ max: n - 1 }),
      parent: fc.oneof(fc.nat({ max: n - 1 }), fc.constant(-1), fc.constant(-2)),
      code: fc.oneof(fc.constant(null), fc.constantFrom('1001', '1002')),
      from: fc.nat({ max: DAYS.length - 1 }),
      length: fc.oneof(fc.constant(null), fc.integer({ min: 1, max: DAYS.length })),
    }),
    { minLength: 1, maxLength: 14 },
  ),
);

const toSpans = (
  rows: { unit: number; parent: number; code: string | null; from: number; length: number | null }[],
): UnitStateSpan[] =>
  rows.map((r) => ({
    unitId: `u${r.unit}`,
    parentId: r.parent === -1 ? null : r.parent === -2 ? 'gone' : `u${r.parent}`,
    name: `Enhet ${r.unit}`,
    code: r.code,
    validFrom: DAYS[r.from] as string,
    validTo: r.length === null ? null : (DAYS[r.from + r.length] ?? '2026-01-01'),
  }));

const holds = (f: { from: string; to: string | null }, day: string) => f.from <= day && (f.to === null || day < f.to);

/** The faults on one day, found the slow and obvious way. */
function oracle(spans: UnitStateSpan[], day: string) {
  const on = spans.filter((s) => holds({ from: s.validFrom, to: s.validTo }, day));
  const count = new Map<string, number>();
  for (const s of on) count.set(s.unitId, (count.get(s.unitId) ?? 0) + 1);
  const overlap = [...count].filter(([, n]) => n > 1).map(([id]) => id);
  // Where two states hold, the first stored is the one read.
  const first = new Map<string, UnitStateSpan>();
  for (const s of on) if (!first.has(s.unitId)) first.set(s.unitId, s);
  const units = [...first.values()];
  const orphan = units.filter((s) => s.parentId !== null && !first.has(s.parentId)).map((s) => s.unitId);
  const onCircle = units
    .filter((s) => {
      let cur: string | null | undefined = s.parentId;
      for (let i = 0; i <= units.length && cur != null; i++) {
        if (cur === s.unitId) return true;
        cur = first.get(cur)?.parentId;
      }
      return false;
    })
    .map((s) => s.unitId);
  const byCode = new Map<string, string[]>();
  for (const s of units) if (s.code) byCode.set(s.code, [...(byCode.get(s.code) ?? []), s.unitId]);
  const shared = [...byCode.values()].filter((ids) => ids.length > 1).map((ids) => ids.sort().join('|'));
  return { overlap, orphan, onCircle, shared };
}

const sorted = (xs: string[]) => [...xs].sort();
const ofKind = (faults: OrgFault[], kind: OrgFault['kind'], day: string) =>
  faults.filter((f) => f.kind === kind && holds(f, day));

describe('organisationFaults', () => {
  it('finds on every day exactly the circles, orphans, shared codes and double states there are (property)', () => {
    fc.assert(
      fc.property(stateSets, (rows) => {
        const spans = toSpans(rows);
        const faults = organisationFaults(spans);
        for (const day of [...DAYS, '2023-06-01', '2025-06-01', '2026-01-01']) {
          const want = oracle(spans, day);
          expect(sorted(ofKind(faults, 'overlap', day).map((f) => f.unitIds[0] as string))).toEqual(
            sorted(want.overlap),
          );
          expect(sorted(ofKind(faults, 'orphan', day).map((f) => f.unitIds[0] as string))).toEqual(sorted(want.orphan));
          expect(sorted(ofKind(faults, 'circle', day).flatMap((f) => f.unitIds))).toEqual(sorted(want.onCircle));
          expect(sorted(ofKind(faults, 'sharedCode', day).map((f) => f.unitIds.join('|')))).toEqual(
            sorted(want.shared),
          );
        }
        // One report per unbroken run: two runs of the same fault neither overlap nor touch.
        const runs = new Map<string, OrgFault[]>();
        for (const f of faults) {
          const key = `${f.kind}|${f.unitIds.join('|')}`;
          runs.set(key, [...(runs.get(key) ?? []), f]);
        }
        for (const list of runs.values())
          for (let i = 1; i < list.length; i++) {
            const before = (list[i - 1] as OrgFault).to;
            expect(before !== null && before < (list[i] as OrgFault).from).toBe(true);
          }
      }),
    );
  });

  it('names a circle dated ahead by its units and the day it begins, and its end when a move breaks it', () => {
    const span = (unitId: string, parentId: string | null, validFrom: string, validTo: string | null = null) => ({
      unitId,
      parentId,
      name: `Vård ${unitId}`,
      code: `${unitId}1`,
      validFrom,
      validTo,
    });
    const faults = organisationFaults([
      span('r', null, '2020-01-01'),
      span('a', 'r', '2020-01-01', '2027-01-01'),
      span('a', 'b', '2027-01-01', '2027-06-01'),
      span('a', 'r', '2027-06-01'),
      span('b', 'a', '2020-01-01'),
    ]);
    expect(faults).toEqual([
      {
        kind: 'circle',
        from: '2027-01-01',
        to: '2027-06-01',
        unitIds: ['a', 'b'],
        text: 'Enheterna ligger under varandra i en cirkel (varje enhet under nästa): Vård a (a1) → Vård b (b1) → Vård a (a1).',
      },
    ]);
  });
});
