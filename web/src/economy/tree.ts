// The measure tree (åtgärder and delåtgärder) as table rows, and the units of an allocation
// table indented by the organisation tree.

export interface TreeNode {
  id: string;
  parentId: string | null;
}

export interface TreeRow<T> {
  item: T;
  /** 0 for a measure at the top; a sub-measure is one deeper than its measure. */
  depth: number;
  hasChildren: boolean;
  /** The ids of the measures above it, nearest first. */
  ancestors: string[];
}

/**
 * Rows in tree order, each parent directly before its children and siblings in the order
 * given. A measure whose parent is not in the list (one the user may not read) starts a tree
 * of its own, so nothing the user may see is lost.
 */
export function treeRows<T extends TreeNode>(items: readonly T[]): TreeRow<T>[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    const parent = item.parentId !== null && ids.has(item.parentId) && item.parentId !== item.id ? item.parentId : null;
    const list = children.get(parent);
    if (list) list.push(item);
    else children.set(parent, [item]);
  }
  const rows: TreeRow<T>[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number, ancestors: string[]) => {
    for (const item of children.get(parent) ?? []) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      const below = children.get(item.id) ?? [];
      rows.push({ item, depth, hasChildren: below.length > 0, ancestors });
      visit(item.id, depth + 1, [item.id, ...ancestors]);
    }
  };
  visit(null, 0, []);
  // A loop of parents never reaches a root; show its members at the top rather than hide them.
  for (const item of items)
    if (!seen.has(item.id)) {
      seen.add(item.id);
      rows.push({ item, depth: 0, hasChildren: false, ancestors: [] });
    }
  return rows;
}

/** The rows left when the measures in `collapsed` hide their sub-measures, at any depth. */
export function visibleRows<T>(rows: readonly TreeRow<T>[], collapsed: ReadonlySet<string>): TreeRow<T>[] {
  if (collapsed.size === 0) return [...rows];
  return rows.filter((r) => !r.ancestors.some((a) => collapsed.has(a)));
}

/** The depth of each unit in a list that holds parents before children; a parent not in it makes a root. */
export function depthsByParent(rows: readonly { unitId: string; parentId: string | null }[]): Map<string, number> {
  const depth = new Map<string, number>();
  for (const r of rows) {
    const above = r.parentId === null ? undefined : depth.get(r.parentId);
    depth.set(r.unitId, above === undefined ? 0 : above + 1);
  }
  return depth;
}
