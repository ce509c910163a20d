import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

/**
 * A request for a long-lived response: server-sent events (what EventSource sends), or a
 * `…/stream` path (curl and other clients that send no Accept header).
 */
export function opensEventStream(url: string, headers: IncomingHttpHeaders): boolean {
  const accept = headers.accept;
  if (typeof accept === 'string' && accept.includes('text/event-stream')) return true;
  const path = url.split('?', 1)[0] ?? '';
  return path.endsWith('/stream');
}

/**
 * The event-stream responses the gateway is carrying (proxied or handed off). Closing
 * the gateway cuts them first: a stream never ends on its own, and the server's close
 * would otherwise wait for it. Browsers reconnect (to another replica) with Last-Event-ID.
 */
export class OpenStreams {
  private readonly open = new Set<ServerResponse>();

  get size(): number {
    return this.open.size;
  }

  track(response: ServerResponse): void {
    this.open.add(response);
    response.once('close', () => this.open.delete(response));
  }

  closeAll(): void {
    for (const response of this.open) response.destroy();
    this.open.clear();
  }
}
