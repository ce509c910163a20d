// Between the bench's rows: a row's events (outbox rows still to publish, consumers still
// behind) are that row's work, and must not run inside the next row's timed window.
import { setTimeout as sleep } from 'node:timers/promises';

const BACKLOG_GAUGES = ['outbox_pending_events', 'event_consumer_lag'];

/** The sum of the backlog gauges in a Prometheus text page. */
export function backlogOf(metricsText: string): number {
  let total = 0;
  for (const line of metricsText.split('\n')) {
    const name = line.split(/[{ ]/, 1)[0] ?? '';
    if (!BACKLOG_GAUGES.includes(name)) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}

async function backlogAt(serviceUrls: readonly string[]): Promise<number> {
  const pages = await Promise.all(
    serviceUrls.map(async (url) => {
      const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) });
      return response.ok ? response.text() : '';
    }),
  );
  return pages.reduce((sum, page) => sum + backlogOf(page), 0);
}

/**
 * Waits (at most `timeoutMs`) until no service reports unpublished outbox rows or consumer
 * lag; answers how long it waited and what was left (0 when settled).
 */
export async function settle(
  serviceUrls: readonly string[],
  timeoutMs = 60_000,
): Promise<{ waitedMs: number; left: number }> {
  const started = Date.now();
  let left = await backlogAt(serviceUrls);
  while (left > 0 && Date.now() - started < timeoutMs) {
    await sleep(200);
    left = await backlogAt(serviceUrls);
  }
  return { waitedMs: Date.now() - started, left };
}
