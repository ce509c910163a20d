import type { Quote } from '../../domain/quote.ts';

/** Stored quotes: an order later pays exactly what its quote said. */
export interface QuoteStore {
  save(quote: Quote): Promise<void>;
  get(id: string): Promise<Quote | undefined>;
}
