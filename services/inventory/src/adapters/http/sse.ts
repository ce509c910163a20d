import type { StreamFrame } from '../../app/stream/stock-stream-hub.ts';

/** One frame in the text/event-stream format (WHATWG HTML, server-sent events). */
export function formatFrame(frame: StreamFrame): string {
  switch (frame.kind) {
    case 'heartbeat':
      return ': heartbeat\n\n';
    case 'reset':
      return `id: ${frame.id}\nevent: reset\ndata: {}\n\n`;
    case 'stock':
      return `id: ${frame.id}\nevent: stock\ndata: ${JSON.stringify(frame.level)}\n\n`;
  }
}

/** The first bytes of a stream: how long a browser waits before reconnecting. */
export function preamble(retryMs: number): string {
  return `retry: ${retryMs}\n: connected\n\n`;
}
