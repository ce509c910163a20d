import type { Readable } from 'node:stream';

export type Headers = Record<string, string | string[] | number | undefined>;

export interface ForwardRequest {
  method: string;
  /** Path and query as the service sees them (without `/api`). */
  path: string;
  headers: Headers;
  body: Readable | undefined;
  /** A long-lived response (server-sent events): no timeout between its chunks. */
  stream?: boolean;
}

export interface ForwardResponse {
  status: number;
  headers: Headers;
  body: Readable | Buffer;
}

/**
 * How the gateway reaches one service: over HTTP in distributed mode, or by
 * dispatching into the service's router when both run in one process (embedded).
 * Fails with UPSTREAM_UNAVAILABLE (502) or UPSTREAM_TIMEOUT (504).
 */
export interface Upstream {
  forward(request: ForwardRequest): Promise<ForwardResponse>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
]);

/** Drops the headers that describe one connection rather than the message. */
export function endToEndHeaders(headers: Headers, keepLength = false): Headers {
  const result: Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (HOP_BY_HOP.has(name) && !(keepLength && name === 'content-length')) continue;
    result[name] = value;
  }
  return result;
}
