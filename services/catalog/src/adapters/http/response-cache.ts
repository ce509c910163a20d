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

/** What an entry costs beyond its body: the key (UTF-16 in V8) and the objects around it. */
const ENTRY_OVERHEAD_BYTES = 160;

export function entryBytes(key: string, entry: Entry): number {
  return (
    entry.body.byteLength + key.length * 2 + (entry.etag?.length ?? 0) * 2 + ENTRY_OVERHEAD_BYTES
  );
}

export interface ResponseCacheOptions {
  /** Upper bound of the bytes all entries hold together; the least recently used go first. */
  maxBytes: number;
  /** A body larger than this is served but not kept (default: a sixteenth of maxBytes). */
  maxEntryBytes?: number;
}

/**
 * Encoded response bodies of anonymous reads, keyed by URL. An entry is valid only
 * for the change generation it was built in, so any product or category change
 * (committed here, or learned from an event) invalidates everything at once: catalog
 * writes are rare, reads are the hot path. The cache is bounded in bytes, not entries:
 * distinct URLs are cheap for a client to make (5,000 junk URLs of full pages once grew
 * the process by 400 MB).
 */
export class ResponseCache {
  /** Absent when the bound is 0: every read is built afresh. */
  private readonly entries: LRUCache<string, Entry> | undefined;
  private readonly changes: ChangeCounter;

  constructor(changes: ChangeCounter, options: ResponseCacheOptions) {
    this.changes = changes;
    if (options.maxBytes <= 0) return;
    this.entries = new LRUCache({
      maxSize: options.maxBytes,
      maxEntrySize: options.maxEntryBytes ?? Math.max(1, Math.floor(options.maxBytes / 16)),
      sizeCalculation: (entry, key) => entryBytes(key, entry),
    });
  }

  /** Bytes the entries hold now, as counted against the bound. */
  get sizeBytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries?.get(key);
    if (!entry) return undefined;
    if (entry.generation === this.changes.value) return entry;
    this.entries?.delete(key);
    return undefined;
  }

  /** Encodes and remembers `json` as built in `generation` (read before building it). */
  put(key: string, generation: number, json: string, etag?: string): Entry {
    const entry = { generation, body: Buffer.from(json), etag };
    if (generation === this.changes.value) this.entries?.set(key, entry);
    return entry;
  }
}
