import { defineService, type RunningService } from '@emporium/kit';
import { manifestEntry } from '@emporium/contracts';
import type { InventoryDeps } from './app/deps.ts';
import { ReservationSweeper } from './app/reservation-sweeper.ts';
import { registerReservationRoutes } from './adapters/http/reservation-routes.ts';
import { registerStockBatchRoute } from './adapters/http/stock-batch-routes.ts';
import { registerStockRoutes } from './adapters/http/stock-routes.ts';
import { registerStreamRoutes } from './adapters/http/stream-routes.ts';
import { selectStores, type InventoryAdapters } from './adapters/select-stores.ts';
import { stockStreamFeed } from './adapters/stream/stock-feed.ts';
import { createStockStream, type StockStream } from './adapters/stream/stock-stream.ts';
import {
  InventoryConfigSchema,
  checkInventoryConfig,
  locationsOf,
  type InventoryConfig,
} from './config.ts';

/** The adapters the configuration chose, with what the use cases read through them. */
export type InventoryStores = InventoryAdapters &
  InventoryDeps & {
    /** Expires held reservations on time (tests may call its `sweep`). */
    sweeper: ReservationSweeper;
    /** GET /inventory/stream: the hub and its feed (ADR 0022). */
    stream: StockStream;
  };

/** The inventory as the host runs it (tests read its stores). */
export type InventoryService = RunningService<InventoryConfig, InventoryStores>;

const entry = manifestEntry('inventory');

/** Inventory on the service host: stock per location, the audit trail, reservations. */
export const inventoryService = defineService({
  name: entry.name,
  description: 'Stock per SKU and location, adjustments, reservations with a TTL',
  config: InventoryConfigSchema,
  portVariable: 'INVENTORY_PORT',
  checkConfig: (config) => checkInventoryConfig(config),

  async stores({ config, clock, commits, logger }): Promise<InventoryStores> {
    const adapters = await selectStores(config, { clock, onCommit: commits.notify });
    const deps: InventoryDeps = {
      store: adapters.store,
      clock,
      locations: locationsOf(config),
      reservationTtl: {
        defaultSeconds: config.INVENTORY_RESERVATION_TTL_SECONDS,
        maxSeconds: config.INVENTORY_RESERVATION_MAX_TTL_SECONDS,
      },
      onHeld: (expiresAt) => sweeper.wake(expiresAt),
    };
    const sweeper = new ReservationSweeper(deps, logger);
    return {
      ...adapters,
      ...deps,
      sweeper,
      stream: createStockStream(config, clock, deps),
      async close() {
        // The sweeper writes through the store: it stops first.
        await sweeper.stop();
        await adapters.close();
      },
    };
  },

  // Every process tails the stock topic in a group of its own, so each replica's streams
  // see every change, whichever replica committed it.
  consumers: (_context, stores) => [stockStreamFeed(stores.stream.hub, stores.stream.epoch)],

  async start(_context, stores) {
    stores.sweeper.start();
  },

  routes(app, { name }, stores) {
    registerStockRoutes(app, stores);
    registerStockBatchRoute(app, stores);
    registerReservationRoutes(app, stores, name);
    registerStreamRoutes(app, stores.stream.hub, stores.stream.routes);
  },
});
