import type { OrgUnit } from '../app/types';

export interface TreeIndex {
  byId: Map<string, OrgUnit>;
  /** Child ids per parent id; roots under the key null. Order is the API's (Swedish name order). */
  children: Map<string | null, string[]>;
  roots: string[];
}

/** Builds the tree from the flat list; a unit whose parent is missing on that date becomes a root. */
export function indexTree(units: OrgUnit[]): TreeIndex {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<string | null, string[]>();
  const roots: string[] = [];
  for (const u of units) {
    const parent = u.parentId !== null && byId.has(u.parentId) ? u.parentId : null;
    if (parent === null) roots.push(u.id);
    const list = children.get(parent);
    if (list) list.push(u.id);
    else children.set(parent, [u.id]);
  }
  return { byId, children, roots };
}

export interface TreeRow {
  id: string;
  level: number;
  parentId: string | null;
  hasChildren: boolean;
  expanded: boolean;
  /** Position among visible siblings, for aria-posinset/aria-setsize. */
  posInSet: number;
  setSize: number;
}

/** The rows a user sees, in order: expanded branches opened, filtered to `visible` when given. */
export function visibleRows(tree: TreeIndex, expanded: ReadonlySet<string>, visible?: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (ids: string[], level: number, parentId: string | null) => {
    const shown = visible ? ids.filter((id) => visible.has(id)) : ids;
    shown.forEach((id, i) => {
      const kids = (tree.children.get(id) ?? []).filter((k) => !visible || visible.has(k));
      const isOpen = kids.length > 0 && expanded.has(id);
      rows.push({
        id,
        level,
        parentId,
        hasChildren: kids.length > 0,
        expanded: isOpen,
        posInSet: i + 1,
        setSize: shown.length,
      });
      if (isOpen) walk(kids, level + 1, id);
    });
  };
  walk(tree.roots, 1, null);
  return rows;
}

/** Ids of units matching the query (name or code) and all their ancestors; ancestors alone are `opened`. */
export function searchTree(
  tree: TreeIndex,
  query: string,
): { matches: Set<string>; visible: Set<string>; opened: Set<string> } {
  const q = query.trim().toLocaleLowerCase('sv-SE');
  const matches = new Set<string>();
  const visible = new Set<string>();
  const opened = new Set<string>();
  if (!q) return { matches, visible, opened };
  for (const u of tree.byId.values()) {
    if (u.name.toLocaleLowerCase('sv-SE').includes(q) || (u.code ?? '').toLocaleLowerCase('sv-SE').includes(q)) {
      matches.add(u.id);
      visible.add(u.id);
      let parent = u.parentId;
      while (parent !== null && tree.byId.has(parent) && !opened.has(parent)) {
        opened.add(parent);
        visible.add(parent);
        parent = tree.byId.get(parent)?.parentId ?? null;
      }
    }
  }
  return { matches, visible, opened };
}
