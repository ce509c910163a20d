import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';

export interface Closable {
  close(): Promise<void>;
}

/**
 * SIGTERM/SIGINT: stop accepting, let in-flight requests finish, flush outboxes,
 * close stores (the `close` of whatever main built), then exit 0.
 */
export function closeOnSignals(
  target: Closable,
  logger: Pick<Logger, 'info' | 'error'>,
  delayMs = 10_000,
): void {
  closeWithGrace({ delay: delayMs }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await target.close();
  });
}
