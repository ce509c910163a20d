import type { Clock } from '@emporium/kit';

/** The stock of a SKU after a change, as `inventory.stock.changed` carries it. */
export interface StreamLevel {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  version: number;
  at: string;
}

/** Reads the current level of SKUs (a resume that cannot replay sends these first). */
export type StreamLevelReader = (skus: readonly string[]) => Promise<StreamLevel[]>;

/** One message to a stream client; `reset` tells an unfiltered client to reload what it shows. */
export type StreamFrame =
  | { kind: 'stock'; id: string; level: StreamLevel }
  | { kind: 'reset'; id: string }
  | { kind: 'heartbeat' };

/** Where a client's frames go; `write` answers false once the client has too much unread. */
export interface StreamSink {
  write(frame: StreamFrame): boolean;
  /** Ends the client's response (shutdown, or dropped for not reading). */
  end(reason: 'closed' | 'slow'): void;
}

export interface StreamRequest {
  /** Only these SKUs; every SKU when absent. */
  skus?: readonly string[];
  lastEventId?: string;
  sink: StreamSink;
}

export interface StockStreamHubOptions {
  clock: Clock;
  levels: StreamLevelReader;
  heartbeatMs: number;
  maxClients: number;
  /** Changes kept (at least) for resuming; older resume points get the current levels instead. */
  bufferSize: number;
  /** Distinguishes this hub's event ids from another replica's or an earlier process's. */
  epoch: string;
}

interface Client {
  skus: ReadonlySet<string> | undefined;
  sink: StreamSink;
  /** Changes that arrived while its resume was being prepared, sent right after it. */
  pending: StreamFrame[] | undefined;
}

interface Buffered {
  seq: number;
  level: StreamLevel;
}

export type OpenResult = { opened: true; close: () => void } | { opened: false; reason: 'full' };

/**
 * Fans stock changes out to stream clients. Every change gets an id `<epoch>.<seq>`:
 * a client resuming with an id of this hub whose successors are all still buffered gets
 * exactly what it missed; any other id (another replica, a restart, evicted) gets the
 * current level of each SKU it filters on, or a `reset` when it filters on none. Clients
 * that stop reading are dropped, the number of clients is bounded, heartbeats run while
 * any client is open, and `close` ends every stream.
 */
export class StockStreamHub {
  private readonly options: StockStreamHubOptions;
  private readonly clients = new Set<Client>();
  private readonly buffer: Buffered[] = [];
  private seq = 0;
  private closed = false;
  private heartbeat: AbortController | undefined;

  constructor(options: StockStreamHubOptions) {
    this.options = options;
  }

  get size(): number {
    return this.clients.size;
  }

  /** The id a frame of this hub carries for `seq`. */
  idOf(seq: number): string {
    return `${this.options.epoch}.${seq}`;
  }

  publish(level: StreamLevel): void {
    if (this.closed) return;
    const seq = ++this.seq;
    this.buffer.push({ seq, level });
    // Trimmed by an eighth at a time: one copy per many changes, not one per change.
    const { bufferSize } = this.options;
    if (this.buffer.length > bufferSize + Math.ceil(bufferSize / 8))
      this.buffer.splice(0, this.buffer.length - bufferSize);
    const frame: StreamFrame = { kind: 'stock', id: this.idOf(seq), level };
    for (const client of this.clients) if (wants(client, level.sku)) this.deliver(client, frame);
  }

  async open(request: StreamRequest): Promise<OpenResult> {
    if (this.closed || this.clients.size >= this.options.maxClients)
      return { opened: false, reason: 'full' };
    const client: Client = {
      skus: request.skus ? new Set(request.skus) : undefined,
      sink: request.sink,
      pending: request.lastEventId === undefined ? undefined : [],
    };
    this.clients.add(client);
    this.startHeartbeat();
    if (request.lastEventId !== undefined) await this.resume(client, request.lastEventId);
    return { opened: true, close: () => this.remove(client) };
  }

  /** Ends every stream and refuses new ones; the HTTP server can then close. */
  close(): void {
    this.closed = true;
    this.heartbeat?.abort();
    for (const client of [...this.clients]) {
      this.clients.delete(client);
      client.sink.end('closed');
    }
  }

  private async resume(client: Client, lastEventId: string): Promise<void> {
    // Computed before any await: changes from here on queue in `pending`, after these.
    const replay = this.replayAfter(lastEventId);
    const id = this.idOf(this.seq);
    let frames: StreamFrame[];
    if (replay) {
      frames = replay.filter((b) => wants(client, b.level.sku)).map((b) => this.frameOf(b));
    } else if (client.skus) {
      // A failed read sends nothing: the client keeps what it had and gets later changes.
      const levels = await this.options.levels([...client.skus]).catch(() => []);
      frames = levels.map((level) => ({ kind: 'stock', id, level }));
    } else {
      frames = [{ kind: 'reset', id }];
    }
    const pending = client.pending ?? [];
    client.pending = undefined;
    if (!this.clients.has(client)) return;
    for (const frame of [...frames, ...pending]) if (!this.deliver(client, frame)) return;
  }

  /** The buffered changes after `lastEventId`, or undefined when they cannot all be replayed. */
  private replayAfter(lastEventId: string): Buffered[] | undefined {
    const dot = lastEventId.lastIndexOf('.');
    if (dot < 0 || lastEventId.slice(0, dot) !== this.options.epoch) return undefined;
    const seq = Number(lastEventId.slice(dot + 1));
    if (!Number.isSafeInteger(seq) || seq < 0 || seq > this.seq) return undefined;
    const oldest = this.buffer[0]?.seq ?? this.seq + 1;
    if (seq + 1 < oldest) return undefined;
    return this.buffer.filter((b) => b.seq > seq);
  }

  private frameOf(buffered: Buffered): StreamFrame {
    return { kind: 'stock', id: this.idOf(buffered.seq), level: buffered.level };
  }

  /** False when the client was dropped. */
  private deliver(client: Client, frame: StreamFrame): boolean {
    if (client.pending) {
      client.pending.push(frame);
      return true;
    }
    if (client.sink.write(frame)) return true;
    this.remove(client);
    client.sink.end('slow');
    return false;
  }

  private remove(client: Client): void {
    this.clients.delete(client);
    if (this.clients.size === 0) this.stopHeartbeat();
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    const abort = new AbortController();
    this.heartbeat = abort;
    void this.beat(abort.signal);
  }

  private stopHeartbeat(): void {
    this.heartbeat?.abort();
    this.heartbeat = undefined;
  }

  private async beat(signal: AbortSignal): Promise<void> {
    const frame: StreamFrame = { kind: 'heartbeat' };
    for (;;) {
      await this.options.clock.sleep(this.options.heartbeatMs, signal);
      if (signal.aborted) return;
      for (const client of [...this.clients]) if (!client.pending) this.deliver(client, frame);
    }
  }
}

function wants(client: Client, sku: string): boolean {
  return client.skus === undefined || client.skus.has(sku);
}
