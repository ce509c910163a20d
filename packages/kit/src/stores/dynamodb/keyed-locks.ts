/**
 * In-process locks by key, for stores whose transactions are optimistic (DynamoDB): a
 * change holds the locks of every key it touches (a SKU, a reservation, a cart), taken in
 * sorted order so two changes never wait on each other in a cycle. Within one process,
 * changes to the same keys then run one after another instead of losing races.
 */
export class KeyedLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async acquire(keys: readonly string[]): Promise<() => void> {
    const sorted = [...new Set(keys)].sort();
    const releases: (() => void)[] = [];
    for (const key of sorted) releases.push(await this.acquireOne(key));
    return () => {
      for (const release of releases) release();
    };
  }

  private async acquireOne(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => held);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      // The last holder leaves no entry behind: the map holds only contended keys.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }
}
