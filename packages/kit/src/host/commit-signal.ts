/**
 * "Something committed": created by the host before the stores, handed to them through
 * the context, and listened to by the outbox relay once it exists, so stores and relay
 * need no reference to each other (no wiring cycle).
 */
export class CommitSignal {
  private readonly listeners: (() => void)[] = [];

  listen(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Call after every commit that wrote outbox rows; cheap, synchronous. */
  readonly notify = (): void => {
    for (const listener of this.listeners) listener();
  };
}
