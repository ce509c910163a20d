import {
  InventoryEventTypes,
  InventoryTopics,
  StockChangedV1,
  eventDecoder,
} from '@emporium/contracts';
import type { Subscription } from '@emporium/kit';
import type { StockStreamHub } from '../../app/stream/stock-stream-hub.ts';

const decode = eventDecoder([StockChangedV1]);

/**
 * The stream's feed: a consumer group of its own per process (`inventory.stream.<epoch>`)
 * that starts at the latest event, so every replica sees every stock change, whichever
 * replica committed it, through the bus it already has (the embedded log, or Kafka).
 * It keeps no inbox; a broken payload throws, so the bus dead-letters it (ADR 0022).
 */
export function stockStreamFeed(hub: StockStreamHub, epoch: string): Subscription {
  return {
    group: `inventory.stream.${epoch}`,
    topics: [InventoryTopics.stock],
    types: [InventoryEventTypes.stockChanged],
    startAt: 'latest',
    // A level repeated after a republish is harmless: clients keep the newest version.
    inbox: false,
    async handle(event) {
      const decoded = decode(event);
      if (!decoded) return;
      const { sku, onHand, reserved, available, version, at } = decoded.data;
      hub.publish({ sku, onHand, reserved, available, version, at });
    },
  };
}
