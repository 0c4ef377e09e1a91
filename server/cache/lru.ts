/**
 * A small least-recently-used map bounded by entry count and by bytes (no dependency: a Map
 * keeps insertion order, so re-inserting on a hit makes the first key the least recently used).
 *
 * A hit re-inserts only an entry in the older half of the map (by insertions since it was last
 * put at the end): moving an entry costs a delete and an insert, and the hottest entries (a
 * process's few sessions and today's tree, asked for by every request) would be moved on every
 * hit. So an entry dropped was last used at least half the map's size of insertions ago.
 */
export class Lru<V> {
  readonly #entries = new Map<string, { value: V; bytes: number; stamp: number }>();
  #bytes = 0;
  /** Insertions at the end so far; an entry's stamp is the count when it was put there. */
  #stamp = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Whether `key` is kept, without counting as a use. */
  has(key: string): boolean {
    return this.#entries.has(key);
  }

  get(key: string): V | undefined {
    const hit = this.#entries.get(key);
    if (!hit) return undefined;
    if (this.#stamp - hit.stamp > this.#entries.size >> 1) {
      this.#entries.delete(key);
      hit.stamp = ++this.#stamp;
      this.#entries.set(key, hit);
    }
    return hit.value;
  }

  /** Keeps `value`, dropping the least recently used entries to stay in bounds; one larger than the whole budget is not kept. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes || this.maxEntries <= 0) return;
    this.#entries.set(key, { value, bytes, stamp: ++this.#stamp });
    this.#bytes += bytes;
    for (const [k, e] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#entries.delete(k);
      this.#bytes -= e.bytes;
    }
  }

  delete(key: string): void {
    const old = this.#entries.get(key);
    if (!old) return;
    this.#entries.delete(key);
    this.#bytes -= old.bytes;
  }
}
