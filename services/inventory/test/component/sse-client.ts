import { request, type IncomingMessage } from 'node:http';
import { eventually } from '@emporium/kit/testing';

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
  /** When the frame was read (Date.now), to measure delivery delay. */
  receivedAt: number;
}

export interface SseClient {
  response: IncomingMessage;
  frames: SseFrame[];
  /** Frames with an event name, in order. */
  events(name?: string): SseFrame[];
  /** Waits for the first frame after `from` (an index) that matches. */
  waitFor(match: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
  ended(): Promise<void>;
  close(): void;
}

function parseFrame(block: string): Omit<SseFrame, 'receivedAt'> {
  const frame: Omit<SseFrame, 'receivedAt'> = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    const colon = line.indexOf(': ');
    if (colon < 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 2);
    if (field === 'id' || field === 'event' || field === 'data') frame[field] = value;
  }
  return frame;
}

/** A server-sent events client on a real socket, reading frames as they arrive. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { accept: 'text/event-stream', ...headers } });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const frames: SseFrame[] = [];
      const ended = new Promise<void>((done) => response.once('close', done));
      let buffer = '';
      response.setEncoding('utf8');
      response.on('error', () => undefined);
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          frames.push({ ...parseFrame(buffer.slice(0, end)), receivedAt: Date.now() });
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      });
      resolve({
        response,
        frames,
        events: (name) => frames.filter((f) => f.event && (!name || f.event === name)),
        waitFor: (match, timeoutMs = 2_000) => eventually(() => frames.find(match), timeoutMs),
        ended: () => ended,
        close: () => outgoing.destroy(),
      });
    });
    outgoing.end();
  });
}
