import type { OrgIndex } from './org';
import { can, type Principal } from './permissions';

/**
 * The scopes records are reckoned in for permissions: the unit a body's records belong to and
 * the unit a user's pages start from. Server and web both ask these, so a form offers exactly
 * the owners the server accepts and both sides open on the same unit.
 */

/** What the body scope needs to know of a body (organ). */
export interface BodyLinks {
  /** The units the body governs. */
  unitIds: readonly string[];
  parentBodyId: string | null;
}

/** A body chain deeper than this is a cycle in the data, not a real organisation. */
const MAX_BODY_DEPTH = 10;

/**
 * The unit a body's records belong to for permissions: the lowest unit above all the units the
 * body governs (units gone from the tree do not count), else its parent body's; null (the whole
 * organisation) for a body that governs none.
 */
export function bodyScope(
  bodyId: string,
  bodyOf: (id: string) => BodyLinks | undefined,
  tree: OrgIndex,
): string | null {
  let current = bodyOf(bodyId);
  for (let depth = 0; current && depth < MAX_BODY_DEPTH; depth++) {
    const governed = current.unitIds.filter((u) => tree.has(u));
    if (governed.length > 0) {
      const lineages = governed.map((u) => tree.lineage(u));
      return (lineages[0] ?? []).find((candidate) => lineages.every((l) => l.includes(candidate))) ?? null;
    }
    current = current.parentBodyId ? bodyOf(current.parentBodyId) : undefined;
  }
  return null;
}

/**
 * The unit a user's pages start from: the top of the tree when they may read the whole
 * organisation, otherwise the highest unit they hold a reading role for; null if none.
 */
export function homeUnit(principal: Principal, tree: OrgIndex): string | null {
  const root = tree.roots()[0];
  if (root && can(principal, 'data.read', { unitId: null }, tree)) return root;
  const readable = principal.roles
    .map((r) => r.unitId)
    .filter((id) => tree.has(id) && can(principal, 'data.read', { unitId: id }, tree))
    .sort((a, b) => tree.lineage(a).length - tree.lineage(b).length);
  return readable[0] ?? null;
}
