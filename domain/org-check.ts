import type { IsoDate } from './dates';

/** One stored state of a unit: what it was (parent, name, code) from one day until another. */
export interface UnitStateSpan {
  unitId: string;
  parentId: string | null;
  name: string;
  code: string | null;
  validFrom: IsoDate;
  /** The first day it no longer holds; null while it holds. */
  validTo: IsoDate | null;
}

export type OrgFaultKind = 'circle' | 'orphan' | 'sharedCode' | 'overlap';

/**
 * A fault in the stored organisation that the writes refuse today but older data may hold: from
 * the first day it is in the tree to the first day it no longer is (null: still is).
 */
export interface OrgFault {
  kind: OrgFaultKind;
  from: IsoDate;
  to: IsoDate | null;
  /** The units it concerns: a circle's in the order of the walk up, otherwise the unit first. */
  unitIds: string[];
  /** What it is, in Swedish, naming the units as they were on `from`. */
  text: string;
}

interface DayFault {
  kind: OrgFaultKind;
  unitIds: string[];
  text: string;
}

/**
 * Every fault of the organisation on any day: a circle (units under each other, which no walk of
 * the tree ends), a unit under one that does not hold that day (it is read as a root of its own),
 * a cost centre code held by two units, and a unit with two states on one day. The tree can only
 * change on a day some state begins or ends, so those days are the ones checked; a fault is
 * reported once for each unbroken run of days.
 */
export function organisationFaults(states: readonly UnitStateSpan[]): OrgFault[] {
  const days = [
    ...new Set(states.flatMap((s) => (s.validTo === null ? [s.validFrom] : [s.validFrom, s.validTo]))),
  ].sort();
  // A parent that does not hold on a day is named as it was last stored.
  const nameOf = new Map<string, string>();
  for (const s of [...states].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))) nameOf.set(s.unitId, label(s));
  const open = new Map<string, { fault: DayFault; from: IsoDate }>();
  const out: OrgFault[] = [];
  for (const day of days) {
    const today = new Map<string, DayFault>();
    const holding = states.filter((s) => s.validFrom <= day && (s.validTo === null || day < s.validTo));
    for (const fault of faultsOn(holding, nameOf)) today.set(`${fault.kind}|${fault.unitIds.join('|')}`, fault);
    for (const [key, run] of open)
      if (!today.has(key)) {
        out.push({ ...run.fault, from: run.from, to: day });
        open.delete(key);
      }
    for (const [key, fault] of today) if (!open.has(key)) open.set(key, { fault, from: day });
  }
  for (const run of open.values()) out.push({ ...run.fault, from: run.from, to: null });
  return out.sort((a, b) =>
    a.from < b.from ? -1 : a.from > b.from ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0,
  );
}

/** The faults of the states that hold on one day. */
function faultsOn(states: readonly UnitStateSpan[], nameOf: ReadonlyMap<string, string>): DayFault[] {
  const faults: DayFault[] = [];
  const byUnit = new Map<string, UnitStateSpan>();
  for (const s of states) {
    const other = byUnit.get(s.unitId);
    if (other)
      faults.push({
        kind: 'overlap',
        unitIds: [s.unitId],
        text: `${label(s)} har två tillstånd som gäller samma dag (från ${other.validFrom} och från ${s.validFrom}).`,
      });
    else byUnit.set(s.unitId, s);
  }
  const byCode = new Map<string, UnitStateSpan[]>();
  for (const s of byUnit.values()) {
    if (s.parentId !== null && !byUnit.has(s.parentId))
      faults.push({
        kind: 'orphan',
        unitIds: [s.unitId, s.parentId],
        text: `${label(s)} ligger under ${nameOf.get(s.parentId) ?? s.parentId}, som inte gäller då (avvecklad, ännu inte inrättad eller borttagen), och läses som en egen rot.`,
      });
    if (s.code !== null) byCode.set(s.code, [...(byCode.get(s.code) ?? []), s]);
  }
  for (const [code, holders] of byCode)
    if (holders.length > 1) {
      const sorted = [...holders].sort((a, b) => (a.unitId < b.unitId ? -1 : 1));
      faults.push({
        kind: 'sharedCode',
        unitIds: sorted.map((s) => s.unitId),
        text: `Kostnadsställe ${code} hålls av flera enheter: ${sorted.map((s) => s.name).join(', ')}.`,
      });
    }
  // Walking up from each unit: a walk that meets a unit on its own path has gone round a circle.
  // Each unit is walked once (done), so the whole day costs one pass.
  const done = new Set<string>();
  for (const start of byUnit.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let cur: string | null = start;
    while (cur !== null && byUnit.has(cur) && !done.has(cur)) {
      const at = onPath.get(cur);
      if (at !== undefined) {
        const circle = path.slice(at);
        // Named from its least id, so the same circle has the same key every day.
        const first = circle.indexOf([...circle].sort()[0] as string);
        const unitIds = [...circle.slice(first), ...circle.slice(0, first)];
        const names = unitIds.map((id) => label(byUnit.get(id) as UnitStateSpan));
        faults.push({
          kind: 'circle',
          unitIds,
          text: `Enheterna ligger under varandra i en cirkel (varje enhet under nästa): ${[...names, names[0]].join(' → ')}.`,
        });
        break;
      }
      onPath.set(cur, path.length);
      path.push(cur);
      cur = (byUnit.get(cur) as UnitStateSpan).parentId;
    }
    for (const id of path) done.add(id);
  }
  return faults;
}

const label = (s: UnitStateSpan) => (s.code ? `${s.name} (${s.code})` : s.name);
