import { Type } from 'typebox';

/** The stock stream's variables (ADR 0022), part of the inventory's config. */
export const StreamConfig = {
  INVENTORY_STREAM_HEARTBEAT_MS: Type.Integer({
    minimum: 1_000,
    maximum: 120_000,
    default: 15_000,
    description: 'How often an open stock stream gets a heartbeat comment',
  }),
  INVENTORY_STREAM_MAX_CLIENTS: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 1_000,
    description: 'Open stock streams per process; one more is refused with 503',
  }),
  INVENTORY_STREAM_BUFFER: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 10_000,
    description: 'Stock changes kept per process for resuming a stream with Last-Event-ID',
  }),
  INVENTORY_STREAM_MAX_BUFFERED_BYTES: Type.Integer({
    minimum: 1_024,
    maximum: 64 * 1024 * 1024,
    default: 256 * 1024,
    description: 'Unsent bytes a stream client may hold before it is dropped as too slow',
  }),
};
