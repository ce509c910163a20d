// Just enough of the Redis protocol (RESP2) to find and delete a run's keys, without a client library.
import { connect, type Socket } from 'node:net';

type Reply = string | number | null | Reply[];

/** Parses one reply at `offset`; undefined while the buffer does not hold all of it yet. */
function parseReply(buffer: Buffer, offset: number): { value: Reply; next: number } | undefined {
  const lineEnd = buffer.indexOf('\r\n', offset);
  if (lineEnd === -1) return undefined;
  const kind = String.fromCharCode(buffer[offset] ?? 0);
  const line = buffer.toString('utf8', offset + 1, lineEnd);
  const next = lineEnd + 2;
  switch (kind) {
    case '+':
      return { value: line, next };
    case '-':
      throw new Error(`redis: ${line}`);
    case ':':
      return { value: Number(line), next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), next: next + length + 2 };
    }
    case '*': {
      const items: Reply[] = [];
      let position = next;
      for (let i = 0; i < Number(line); i++) {
        const item = parseReply(buffer, position);
        if (!item) return undefined;
        items.push(item.value);
        position = item.next;
      }
      return { value: items, next: position };
    }
    default:
      throw new Error(`redis: unexpected reply ${JSON.stringify(line)}`);
  }
}

/** One connection, one command at a time. */
class RedisConnection {
  private buffer = Buffer.alloc(0);
  private pending?: { resolve: (reply: Reply) => void; reject: (error: Error) => void };
  private readonly socket: Socket;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.settle();
    });
    socket.on('error', (error) => this.pending?.reject(error));
  }

  static open(url: string, timeoutMs: number): Promise<RedisConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port || 6379) });
      socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`redis ${url}: timed out`)));
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RedisConnection(socket));
      });
    });
  }

  command(...args: string[]): Promise<Reply> {
    const encoded = args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('');
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(`*${args.length}\r\n${encoded}`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private settle(): void {
    if (!this.pending) return;
    try {
      const reply = parseReply(this.buffer, 0);
      if (!reply) return;
      this.buffer = this.buffer.subarray(reply.next);
      this.pending.resolve(reply.value);
    } catch (error) {
      this.pending.reject(error as Error);
    }
    this.pending = undefined;
  }
}

/** Keys that start with `prefix` (SCAN, so a busy server is never blocked); deleted when `remove`. */
export async function redisKeysWithPrefix(
  url: string,
  prefix: string,
  { remove = false } = {},
): Promise<number> {
  const redis = await RedisConnection.open(url, 5_000);
  try {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let count = 0;
    let cursor = '0';
    do {
      const reply = await redis.command('SCAN', cursor, 'MATCH', pattern, 'COUNT', '1000');
      const [nextCursor, keys] = reply as [string, string[]];
      count += keys.length;
      if (remove && keys.length > 0) await redis.command('UNLINK', ...keys);
      cursor = nextCursor;
    } while (cursor !== '0');
    return count;
  } finally {
    redis.close();
  }
}
