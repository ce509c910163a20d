import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import {
  RequestSpan,
  childContext,
  formatTraceparent,
  parseTraceparent,
  runInTrace,
} from '../../src/observability/trace-context.ts';

const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';

describe('RequestSpan', () => {
  it('continues the caller’s trace with a span of its own, the same each time it is read', () => {
    const parent = parseTraceparent(`00-${callerTrace}-00f067aa0ba902b7-00`);
    const span = new RequestSpan(parent, 'req_1');
    expect(span.traceId).toBe(callerTrace);
    expect(span.flags).toBe('00');
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(span.spanId).not.toBe('00f067aa0ba902b7');
    expect(span.spanId).toBe(span.spanId);
  });

  it('starts a new sampled trace when the request came without one', () => {
    const span = new RequestSpan(undefined, 'req_2');
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.traceId).toBe(span.traceId);
    expect(formatTraceparent(span)).toBe(`00-${span.traceId}-${span.spanId}-01`);
  });

  it('hands its trace id and request id to child spans', () => {
    const span = new RequestSpan(undefined, 'req_3');
    const child = childContext(span);
    expect(child.traceId).toBe(span.traceId);
    expect(child.spanId).not.toBe(span.spanId);
    expect(child.requestId).toBe('req_3');
  });
});

describe('log lines inside a request', () => {
  it('carry the request id and the trace ids', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', service: 'test' }, sink);
    const span = new RequestSpan(undefined, 'req_4');
    runInTrace(span, () => logger.info('inside'));
    logger.info('outside');
    const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({ reqId: 'req_4', traceId: span.traceId, spanId: span.spanId });
    expect(outside).not.toHaveProperty('reqId');
  });
});
