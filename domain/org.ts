import { compareSwedish } from './collation';

/** The levels of the organisation, top down (organisationsnivåer). */
export const UNIT_LEVELS = ['region', 'forvaltning', 'division', 'omrade', 'verksamhet', 'enhet'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const levelRank = (level: UnitLevel): number => UNIT_LEVELS.indexOf(level);

/** Political bodies (politiska organ). */
export const BODY_KINDS = ['fullmaktige', 'styrelse', 'namnd', 'utskott', 'beredning', 'revisorer'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export interface UnitNode {
  id: string;
  parentId: string | null;
  name: string;
}

/**
 * An index over one version of the tree (the tree as of one day). Answers the questions that
 * permissions and roll-ups ask: ancestors, subtree membership, children.
 */
export class OrgIndex {
  private readonly parent = new Map<string, string | null>();
  private readonly childrenOf = new Map<string | null, string[]>();

  constructor(units: readonly UnitNode[]) {
    for (const u of units) this.parent.set(u.id, u.parentId);
    const byName = new Map(units.map((u) => [u.id, u.name]));
    for (const u of units) {
      const key = u.parentId !== null && this.parent.has(u.parentId) ? u.parentId : null;
      const list = this.childrenOf.get(key) ?? [];
      list.push(u.id);
      this.childrenOf.set(key, list);
    }
    for (const list of this.childrenOf.values())
      list.sort((a, b) => compareSwedish(byName.get(a) ?? '', byName.get(b) ?? ''));
  }

  has(id: string): boolean {
    return this.parent.has(id);
  }

  roots(): string[] {
    return this.childrenOf.get(null) ?? [];
  }

  children(id: string): string[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** The unit itself first, then its parent, up to the root. */
  lineage(id: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    let cur: string | null | undefined = id;
    while (cur != null && this.parent.has(cur) && !seen.has(cur)) {
      out.push(cur);
      seen.add(cur);
      cur = this.parent.get(cur);
    }
    return out;
  }

  /** True when `id` is `ancestorId` or lies below it. */
  isInSubtree(id: string, ancestorId: string): boolean {
    // Permission checks ask this for every unit of a listing, and a kept tree serves many
    // requests: each unit's place in a depth-first walk from the roots is numbered once, and a
    // unit lies below another when its number falls within the other's span.
    this.spans ??= this.numbered();
    const unit = this.spans.get(id);
    const above = this.spans.get(ancestorId);
    if (unit && above) return above.enter <= unit.enter && unit.exit <= above.exit;
    // Units the walk from the roots never reaches (a cycle, which lineage stops at) are walked up.
    return this.lineage(id).includes(ancestorId);
  }

  private spans?: Map<string, { enter: number; exit: number }>;

  private numbered(): Map<string, { enter: number; exit: number }> {
    const spans = new Map<string, { enter: number; exit: number }>();
    let clock = 0;
    const stack: { id: string; span: { enter: number; exit: number } | null }[] = this.roots()
      .map((id) => ({ id, span: null }))
      .reverse();
    while (stack.length > 0) {
      const top = stack.pop() as { id: string; span: { enter: number; exit: number } | null };
      if (top.span) {
        top.span.exit = clock++;
        continue;
      }
      if (spans.has(top.id)) continue;
      const span = { enter: clock++, exit: -1 };
      spans.set(top.id, span);
      stack.push({ id: top.id, span });
      const kids = this.children(top.id);
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ id: kids[i] as string, span: null });
    }
    return spans;
  }

  /** Every unit in the subtree of `id`, itself included, depth first, each once. */
  subtree(id: string): string[] {
    return this.walkDown(id, null);
  }

  private walkDown(id: string, seen: Set<string> | null): string[] {
    const out: string[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const cur = stack.pop() as string;
      if (!this.parent.has(cur)) continue;
      if (seen) {
        if (seen.has(cur)) continue;
        seen.add(cur);
      }
      out.push(cur);
      // More units than the tree holds: the walk went round a circle (which the writes refuse,
      // but a day's tree is read as stored), so it is walked again remembering what it met.
      if (!seen && out.length > this.parent.size) return this.walkDown(id, new Set());
      const kids = this.children(cur);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as string);
    }
    return out;
  }

  /** Would making `newParentId` the parent of `id` create a cycle? */
  wouldCycle(id: string, newParentId: string): boolean {
    return this.isInSubtree(newParentId, id);
  }
}

/** Swedish names of the levels, as in spreadsheets and board papers. */
export const UNIT_LEVEL_LABELS: Record<UnitLevel, string> = {
  region: 'Region',
  forvaltning: 'Förvaltning',
  division: 'Division',
  omrade: 'Område',
  verksamhet: 'Verksamhet',
  enhet: 'Enhet',
};

/** A level from its key or its Swedish name, in any case; null if it is neither. */
export function levelFromText(text: string): UnitLevel | null {
  const t = text.trim().toLowerCase();
  return UNIT_LEVELS.find((l) => l === t || UNIT_LEVEL_LABELS[l].toLowerCase() === t) ?? null;
}
