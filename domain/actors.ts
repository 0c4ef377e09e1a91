/**
 * Who did something, as people read it beside a record ("Anna Holm"): a person by their display
 * name, the system's own work as "Röd tråd" and the demo seed's as "Röd tråd (demo)". History
 * keeps the account (username) as the audit identity; this is the name shown.
 */
export type NamedActor = { kind: 'user'; displayName: string } | { kind: 'system'; name: string };

export const SYSTEM_NAME = 'Röd tråd';
export const DEMO_NAME = 'Röd tråd (demo)';

export function actorName(actor: NamedActor): string {
  if (actor.kind === 'user') return actor.displayName;
  return actor.name === 'demo' ? DEMO_NAME : SYSTEM_NAME;
}

/** Where history keeps the system's work: `system:<name>` beside users' account names. */
const SYSTEM_PREFIX = 'system:';

/** The audit identity history records for an actor: the account's username, or `system:<name>`. */
export const actorAccount = (actor: { kind: 'user'; username: string } | { kind: 'system'; name: string }): string =>
  actor.kind === 'user' ? actor.username : `${SYSTEM_PREFIX}${actor.name}`;

/**
 * The name to show for a name the database holds: records written before names were made one
 * (and history's audit identity) say `system:demo`; shown, that is the system's name.
 */
export const shownActorName = (stored: string): string =>
  stored.startsWith(SYSTEM_PREFIX) ? actorName({ kind: 'system', name: stored.slice(SYSTEM_PREFIX.length) }) : stored;
