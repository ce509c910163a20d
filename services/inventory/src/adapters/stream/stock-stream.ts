import { randomBytes } from 'node:crypto';
import type { Clock } from '@emporium/kit';
import type { InventoryDeps } from '../../app/deps.ts';
import { StockStreamHub } from '../../app/stream/stock-stream-hub.ts';
import { readStockBatch } from '../../app/use-cases/stock-view.ts';
import type { InventoryConfig } from '../../config.ts';
import type { StreamRouteOptions } from '../http/stream-routes.ts';

/** The stream's parts: the hub, its process epoch (ids, consumer group) and route limits. */
export interface StockStream {
  hub: StockStreamHub;
  epoch: string;
  routes: StreamRouteOptions;
}

export function createStockStream(
  config: InventoryConfig,
  clock: Clock,
  deps: InventoryDeps,
): StockStream {
  // New per process: ids from another replica or an earlier run never pass for this one's.
  const epoch = randomBytes(6).toString('base64url');
  const hub = new StockStreamHub({
    clock,
    epoch,
    heartbeatMs: config.INVENTORY_STREAM_HEARTBEAT_MS,
    maxClients: config.INVENTORY_STREAM_MAX_CLIENTS,
    bufferSize: config.INVENTORY_STREAM_BUFFER,
    levels: async (skus) =>
      (await readStockBatch(deps, skus)).items.map((level) => ({
        sku: level.sku,
        onHand: level.onHand,
        reserved: level.reserved,
        available: level.available,
        version: level.version,
        at: level.updatedAt,
      })),
  });
  return {
    hub,
    epoch,
    routes: {
      maxBufferedBytes: config.INVENTORY_STREAM_MAX_BUFFERED_BYTES,
      retryMs: 3_000,
      maxSkus: 100,
    },
  };
}
