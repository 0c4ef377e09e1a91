import type pg from 'pg';
import { AREAS, type Area, type DataVersions } from './data-versions';

/**
 * The data versions a server process on PostgreSQL has heard of, kept in memory so that a request
 * answered from kept data (the session, today's tree, a cached figure) needs no round trip to learn
 * them. The database announces every bump on the channel `rt_data_versions` when its transaction
 * commits (migration 022); the keeper listens on a connection of its own and keeps, per area, the
 * highest version heard.
 *
 * What it knows may trail the database by a notification in flight. That is allowed only where no
 * client can tell: every answer tells its client the versions it was made at (the `rt_seen` cookie,
 * see `server/http/seen-versions.ts`), a write's answer the versions after its commit, and a request
 * showing versions newer than the keeper's is answered from versions read from the database. So no
 * process answers a client from data older than a commit the client has already been shown.
 *
 * While the listening connection is down (not yet up, lost, reconnecting) the keeper knows nothing
 * and every request reads the versions from the database, as without a keeper.
 */
export class VersionKeeper {
  private known: Record<Area, bigint> | null = null;
  /** Whether `known` holds a full read of the versions, not only what was heard before it. */
  private ready = false;
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private held: string[] | null = null;
  /** `current()` as last made; dropped whenever what is known changes. */
  private snapshot: Readonly<DataVersions> | null = null;

  constructor(
    private readonly url: string,
    private readonly log: (entry: Record<string, unknown>) => void = () => {},
  ) {}

  /** Connects and listens; resolves once the keeper knows the versions (or failed to connect). */
  async start(): Promise<void> {
    if (this.stopped || this.client) return;
    const { default: pgModule } = await import('pg');
    const client = new pgModule.Client({ connectionString: this.url });
    this.client = client;
    const lost = (reason: string) => {
      if (this.client !== client) return;
      this.client = null;
      this.known = null;
      this.snapshot = null;
      this.ready = false;
      client.removeAllListeners('notification');
      void client.end().catch(() => {});
      if (this.stopped) return;
      this.log({ event: 'version_keeper_lost', reason });
      this.retry = setTimeout(() => {
        this.retry = null;
        void this.start();
      }, 1_000);
      this.retry.unref();
    };
    client.on('error', (err) => lost(err.message));
    client.on('end', () => lost('ended'));
    client.on('notification', (n) => {
      if (n.channel !== 'rt_data_versions' || !n.payload) return;
      if (this.held) this.held.push(n.payload);
      else this.hear(n.payload);
    });
    try {
      await client.connect();
      // Listening first, then reading: a bump committed in between is heard, read, or both (what
      // is heard before the read's answer arrives is kept, not dropped).
      const known = {} as Record<Area, bigint>;
      for (const a of AREAS) known[a] = 0n;
      this.known = known;
      this.snapshot = null;
      await client.query('LISTEN rt_data_versions');
      const { rows } = await client.query<{ area: string; version: string }>(
        'SELECT area, version::text AS version FROM data_versions',
      );
      if (this.client !== client) return;
      this.observe(Object.fromEntries(rows.map((r) => [r.area, r.version])) as Partial<DataVersions>);
      this.ready = true;
    } catch (err) {
      lost(err instanceof Error ? err.message : String(err));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    this.known = null;
    this.snapshot = null;
    this.ready = false;
    if (client) await client.end().catch(() => {});
  }

  /**
   * The versions known now, or null when the keeper is not listening. The same object until what is
   * known changes (every signed-in reading request asks), so it must not be changed by its users.
   */
  current(): Readonly<DataVersions> | null {
    if (!this.known || !this.ready) return null;
    if (!this.snapshot) {
      const out = {} as DataVersions;
      for (const a of AREAS) out[a] = this.known[a].toString();
      this.snapshot = Object.freeze(out);
    }
    return this.snapshot;
  }

  /** Versions read from the database by a request: never lowers what is known. */
  observe(versions: Partial<DataVersions>): void {
    if (!this.known) return;
    for (const a of AREAS) {
      const v = versions[a];
      if (v !== undefined && BigInt(v) > this.known[a]) {
        this.known[a] = BigInt(v);
        this.snapshot = null;
      }
    }
  }

  /**
   * Holds the notifications heard until `release()`: the test of the cookie rule uses it to play a
   * notification still in flight. Nothing in the server calls it.
   */
  hold(): void {
    this.held ??= [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const p of held) this.hear(p);
  }

  private hear(payload: string): void {
    const at = payload.lastIndexOf(':');
    const area = payload.slice(0, at);
    const version = payload.slice(at + 1);
    if ((AREAS as readonly string[]).includes(area) && /^\d+$/.test(version)) this.observe({ [area]: version });
  }
}

const keepers = new WeakMap<object, VersionKeeper>();

/** Lets requests over `db` take the versions from `keeper` (see `versionsOfRequest`). */
export function registerKeeper(db: object, keeper: VersionKeeper): void {
  keepers.set(db, keeper);
}

export function keeperOf(db: object): VersionKeeper | undefined {
  return keepers.get(db);
}

/** Whether every area of `seen` is in `known`, at or below its version there. */
export function covers(known: Partial<DataVersions>, seen: Partial<DataVersions>): boolean {
  for (const a of AREAS) {
    const s = seen[a];
    if (s === undefined) continue;
    const k = known[a];
    if (k === undefined || BigInt(s) > BigInt(k)) return false;
  }
  return true;
}

const SEEN = /^\d{1,19}(\.\d{1,19})*$/;

/** The versions of the `rt_seen` cookie's value (areas in `AREAS` order), or none if malformed. */
export function parseSeen(value: string | undefined): Partial<DataVersions> {
  if (!value || value.length > 200 || !SEEN.test(value)) return {};
  const parts = value.split('.');
  const out: Partial<DataVersions> = {};
  AREAS.forEach((a, i) => {
    const p = parts[i];
    if (p !== undefined) out[a] = p;
  });
  return out;
}

const formatted = new WeakMap<Readonly<DataVersions>, string>();

/** The `rt_seen` value of `versions` (made once per kept object: the keeper's snapshot is told often). */
export function formatSeen(versions: Readonly<DataVersions>): string {
  let text = formatted.get(versions);
  if (text === undefined) {
    text = AREAS.map((a) => versions[a]).join('.');
    formatted.set(versions, text);
  }
  return text;
}

/**
 * Starts a keeper for a server process over `db` when it is a PostgreSQL database at `url` (on the
 * embedded database one process owns the data and counts its own writes instead). Resolves once
 * the keeper listens, or has failed to and retries in the background.
 */
export async function keepVersions(
  db: object,
  database: { kind: 'pglite' } | { kind: 'postgresql'; url: string },
  log?: (entry: Record<string, unknown>) => void,
): Promise<VersionKeeper | null> {
  if (database.kind !== 'postgresql') return null;
  const keeper = new VersionKeeper(database.url, log);
  registerKeeper(db, keeper);
  await keeper.start();
  return keeper;
}
