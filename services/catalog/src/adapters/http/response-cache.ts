import { LRUCache } from 'lru-cache';

/** Bumped by every catalog change this instance commits or consumes. */
export class ChangeCounter {
  private current = 0;

  get value(): number {
    return this.current;
  }

  bump(): void {
    this.current += 1;
  }
}

interface Entry {
  generation: number;
  body: Buffer;
  etag: string | undefined;
}

/**
 * Encoded response bodies of anonymous reads, keyed by URL. An entry is valid only
 * for the change generation it was built in, so any product or category change
 * (committed here, or learned from an event) invalidates everything at once: catalog
 * writes are rare, reads are the hot path.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly changes: ChangeCounter;

  constructor(changes: ChangeCounter, maxEntries = 5_000) {
    this.changes = changes;
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.generation === this.changes.value) return entry;
    this.entries.delete(key);
    return undefined;
  }

  /** Encodes and remembers `json` as built in `generation` (read before building it). */
  put(key: string, generation: number, json: string, etag?: string): Entry {
    const entry = { generation, body: Buffer.from(json), etag };
    if (generation === this.changes.value) this.entries.set(key, entry);
    return entry;
  }
}
