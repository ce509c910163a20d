import { AsyncLocalStorage } from 'node:async_hooks';
import { randomHex } from '../random.ts';

/**
 * W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent` of the
 * work in progress travels through AsyncLocalStorage so every outbound call and every
 * event published inside a request carries it without threading it by hand.
 */
export interface TraceContext {
  traceId: string;
  spanId: string;
  flags: string;
  requestId?: string;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const storage = new AsyncLocalStorage<TraceContext>();

export function parseTraceparent(header: string | undefined): TraceContext | undefined {
  const match = header ? TRACEPARENT.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, traceId, spanId, flags] = match as unknown as [string, string, string, string];
  if (/^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return { traceId, spanId, flags };
}

export function formatTraceparent(context: TraceContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.flags}`;
}

/** A child span of `parent`, or the root of a new trace. */
export function childContext(parent?: TraceContext): TraceContext {
  return {
    traceId: parent?.traceId ?? randomHex(16),
    spanId: randomHex(8),
    flags: parent?.flags ?? '01',
    ...(parent?.requestId ? { requestId: parent.requestId } : {}),
  };
}

/**
 * The span of one incoming request. Its ids are drawn when first read: most reads
 * neither log nor call out, and two random ids per request showed in the profile of
 * the hottest route.
 */
export class RequestSpan implements TraceContext {
  readonly flags: string;
  readonly requestId: string;
  readonly #parent: TraceContext | undefined;
  #traceId: string | undefined;
  #spanId: string | undefined;

  constructor(parent: TraceContext | undefined, requestId: string) {
    this.#parent = parent;
    this.flags = parent?.flags ?? '01';
    this.requestId = requestId;
  }

  get traceId(): string {
    return (this.#traceId ??= this.#parent?.traceId ?? randomHex(16));
  }

  get spanId(): string {
    return (this.#spanId ??= randomHex(8));
  }
}

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

export function runInTrace<T>(context: TraceContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function enterTrace(context: TraceContext): void {
  storage.enterWith(context);
}

/** Headers for an outbound call made inside the current trace. */
export function outboundTraceHeaders(): Record<string, string> {
  const current = currentTrace();
  const child = childContext(current);
  const headers: Record<string, string> = { traceparent: formatTraceparent(child) };
  if (current?.requestId) headers['x-request-id'] = current.requestId;
  return headers;
}
