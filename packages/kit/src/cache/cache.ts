/** A key/value cache with per-entry time to live. Values must survive JSON round trips. */
export interface Cache {
  get<T>(key: string): Promise<T | undefined>;
  /** The values of `keys`, in their order (undefined where none): one round trip for all. */
  getMany<T>(keys: readonly string[]): Promise<(T | undefined)[]>;
  set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
