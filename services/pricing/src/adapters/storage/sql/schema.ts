import type { Kysely, Transaction } from 'kysely';
import type { Clock, OutboxSchema } from '@emporium/kit';

/**
 * The tables of the pricing service, the same in SQLite and PostgreSQL (one migration
 * list, `migrations/index.ts`). Instants are epoch milliseconds in BIGINT columns
 * (INTEGER affinity in SQLite); amounts are integer minor units.
 */
export interface PricingSchema extends OutboxSchema {
  /** The base price of a tier: one per (sku, currency, min_quantity); a PUT replaces it. */
  price_bases: {
    sku: string;
    currency: string;
    min_quantity: number;
    amount: number;
    compare_at_amount: number | null;
    /** Set order (a time-ordered id): among candidates the latest set wins. */
    set_id: string;
  };
  /**
   * A scheduled price: it overrides the base inside [valid_from, valid_to); with no
   * valid_to it is a scheduled base, a base change that takes effect at valid_from.
   */
  price_schedules: {
    id: string;
    sku: string;
    currency: string;
    min_quantity: number;
    amount: number;
    compare_at_amount: number | null;
    valid_from: number;
    valid_to: number | null;
  };
  /** The materialised effective price now, per (sku, currency): reads never compute. */
  current_prices: {
    sku: string;
    currency: string;
    /** Null once the last price ended: the row stays so the version keeps counting. */
    amount: number | null;
    compare_at_amount: number | null;
    lowest_30_days: number;
    /** JSON array of `{ minQuantity, amount, compareAtAmount? }` for quantities above 1. */
    tiers: string;
    started_at: number;
    version: number;
  };
  /** Every period of an effective unit price; valid_to is null while it is current. */
  price_history: {
    id: string;
    sku: string;
    currency: string;
    amount: number;
    compare_at_amount: number | null;
    lowest_30_days: number;
    valid_from: number;
    valid_to: number | null;
  };
  /** One row: every schedule boundary up to `processed_until` is applied (the replicas' guard). */
  price_scheduler: { id: number; processed_until: number };
}

export type SqlDialectName = 'sqlite' | 'postgres';

export type PricingDb = Kysely<PricingSchema>;
export type PricingTransaction = Transaction<PricingSchema>;

/** What every SQL store of pricing is built from. */
export interface SqlStoreContext {
  db: PricingDb;
  dialect: SqlDialectName;
  /**
   * Runs first in a transaction that rewrites the prices of (sku, currency): PostgreSQL
   * takes an advisory lock so a PUT and a boundary never interleave; SQLite, whose
   * transactions are already serial in one process, needs nothing.
   */
  lockPrice(trx: PricingTransaction, sku: string, currency: string): Promise<void>;
  /** After each commit that wrote outbox rows: wakes the relay. */
  onCommit(): void;
  clock: Clock;
}

/** A unique-index violation, as either engine reports it. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: string }).code;
  return code === '23505' || error.message.includes('UNIQUE constraint failed');
}
