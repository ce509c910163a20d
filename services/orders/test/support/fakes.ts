import { AppError, CommonErrors, newId } from '@emporium/kit';
import type { Quote, ShippingOptionList } from '@emporium/contracts';
import type { Address } from '../../src/domain/order.ts';
import type { AddressBookPort } from '../../src/app/ports/address-book-port.ts';
import type { CartPort, CheckoutCart } from '../../src/app/ports/cart-port.ts';
import type { HeldStock, InventoryPort } from '../../src/app/ports/inventory-port.ts';
import type { PricingPort, QuoteInput } from '../../src/app/ports/pricing-port.ts';

/** Carts in memory; `clear` removes them, as the cart service's DELETE does. */
export class FakeCart implements CartPort {
  readonly carts = new Map<string, CheckoutCart>();
  down = false;

  put(cart: Omit<CheckoutCart, 'currency' | 'promotionCode'> & Partial<CheckoutCart>): void {
    this.carts.set(cart.id, { currency: 'USD', promotionCode: null, ...cart });
  }

  async get(cartId: string) {
    if (this.down) throw CommonErrors.UPSTREAM_UNAVAILABLE.create('cart is down');
    const cart = this.carts.get(cartId);
    return cart && structuredClone(cart);
  }

  async clear(cartId: string) {
    if (this.down) throw CommonErrors.UPSTREAM_UNAVAILABLE.create('cart is down');
    this.carts.delete(cartId);
  }
}

/** Address books in memory, by user: what accounts' internal address route answers. */
export class FakeAddressBook implements AddressBookPort {
  readonly books = new Map<string, Map<string, Address>>();
  /** Every lookup, as `userId/addressId`. */
  readonly lookups: string[] = [];
  down = false;

  put(userId: string, addressId: string, address: Address): void {
    const book = this.books.get(userId) ?? new Map<string, Address>();
    book.set(addressId, address);
    this.books.set(userId, book);
  }

  async find(userId: string, addressId: string) {
    this.lookups.push(`${userId}/${addressId}`);
    if (this.down) throw CommonErrors.UPSTREAM_UNAVAILABLE.create('accounts is down');
    const address = this.books.get(userId)?.get(addressId);
    return address && structuredClone(address);
  }
}

const refused = (status: string, code: string, message: string) =>
  new AppError(status as never, code, message);

/**
 * Prices, shipping (US: standard 500, free over 5000; express 1500) and 10 % tax in memory,
 * with promotions that have a number of uses: what pricing answers, in the contract's shapes.
 */
export class FakePricing implements PricingPort {
  readonly prices = new Map<string, number>();
  /** code → { percent, uses left, orders holding a use } */
  readonly promotions = new Map<string, { percent: number; left: number; holders: Set<string> }>();
  down = false;

  async quote(input: QuoteInput): Promise<Quote> {
    if (this.down) throw CommonErrors.UPSTREAM_UNAVAILABLE.create('pricing is down');
    const usd = (amount: number) => ({ amount, currency: input.currency });
    const unpriced = input.items.filter((item) => !this.prices.has(item.sku));
    if (unpriced.length) throw refused('unprocessable', 'PRICING.UNPRICED_SKU', 'unpriced');
    const promotion = input.promotionCode ? this.promotions.get(input.promotionCode) : undefined;
    if (input.promotionCode && !promotion)
      throw refused('unprocessable', 'PRICING.PROMOTION_NOT_APPLICABLE', 'unknown code');
    const lines = input.items.map((item) => {
      const lineTotal = this.prices.get(item.sku)! * item.quantity;
      const discount = promotion ? Math.round((lineTotal * promotion.percent) / 100) : 0;
      const tax = Math.round((lineTotal - discount) / 10);
      return { ...item, unitPrice: this.prices.get(item.sku)!, lineTotal, discount, tax };
    });
    const sum = (pick: (line: (typeof lines)[number]) => number) =>
      lines.reduce((total, line) => total + pick(line), 0);
    const subtotal = sum((l) => l.lineTotal);
    const discount = sum((l) => l.discount);
    const tax = sum((l) => l.tax);
    const options = await this.shippingOptions(input.country, input.currency);
    const option = options.items.find((o) => o.id === input.shippingOptionId);
    if (!option) throw refused('unprocessable', 'PRICING.SHIPPING_UNKNOWN', 'no such option');
    const shipping =
      option.freeOver !== undefined && subtotal - discount >= option.freeOver ? 0 : option.amount;
    return {
      id: newId('quo'),
      currency: input.currency,
      lines: lines.map((line) => ({
        sku: line.sku,
        quantity: line.quantity,
        unitPrice: usd(line.unitPrice),
        lineTotal: usd(line.lineTotal),
        discount: usd(line.discount),
        tax: usd(line.tax),
      })),
      subtotal: usd(subtotal),
      discount: usd(discount),
      shipping: usd(shipping),
      tax: usd(tax),
      total: usd(subtotal - discount + shipping + tax),
      country: input.country,
      shippingOption: { id: option.id, name: option.name, estimatedDays: option.estimatedDays },
      taxRate: 1000,
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 900_000).toISOString(),
    };
  }

  async shippingOptions(country: string, currency = 'USD'): Promise<ShippingOptionList> {
    if (this.down) throw CommonErrors.UPSTREAM_UNAVAILABLE.create('pricing is down');
    if (country !== 'US')
      throw refused('unprocessable', 'PRICING.COUNTRY_UNSUPPORTED', `nothing to ${country}`);
    return {
      country,
      currency,
      taxRate: 1000,
      items: [
        {
          id: 'standard',
          name: 'Standard',
          amount: 500,
          currency,
          freeOver: 5000,
          estimatedDays: 5,
        },
        { id: 'express', name: 'Express', amount: 1500, currency, estimatedDays: 2 },
      ],
    };
  }

  async redeem(code: string, orderId: string) {
    if (this.down) throw CommonErrors.UPSTREAM_UNAVAILABLE.create('pricing is down');
    const promotion = this.promotions.get(code);
    if (!promotion) throw refused('not_found', 'PRICING.PROMOTION_NOT_FOUND', 'no promotion');
    if (promotion.holders.has(orderId)) return;
    if (promotion.left === 0)
      throw refused('conflict', 'PRICING.PROMOTION_EXHAUSTED', 'no uses left');
    promotion.left -= 1;
    promotion.holders.add(orderId);
  }

  async release(code: string, orderId: string) {
    if (this.down) throw CommonErrors.UPSTREAM_UNAVAILABLE.create('pricing is down');
    const promotion = this.promotions.get(code);
    if (promotion?.holders.delete(orderId)) promotion.left += 1;
  }
}

interface FakeReservation extends HeldStock {
  orderId: string;
  status: 'held' | 'committed' | 'released';
  items: { sku: string; quantity: number }[];
}

/** Stock on hand and held per SKU at one location, with all-or-nothing holds by order. */
export class FakeInventory implements InventoryPort {
  readonly onHand = new Map<string, number>();
  readonly reserved = new Map<string, number>();
  readonly reservations = new Map<string, FakeReservation>();
  readonly adjustments: { sku: string; delta: number; reason: string }[] = [];
  down = false;
  /** Commits fail like an outage while set (past the payment: the saga must wait, not undo). */
  commitDown = false;

  available(sku: string): number {
    return (this.onHand.get(sku) ?? 0) - (this.reserved.get(sku) ?? 0);
  }

  async reserve(orderId: string, items: { sku: string; quantity: number }[]) {
    if (this.down) throw CommonErrors.UPSTREAM_UNAVAILABLE.create('inventory is down');
    const existing = [...this.reservations.values()].find((r) => r.orderId === orderId);
    if (existing) return { id: existing.id, allocations: existing.allocations };
    const short = items.filter((item) => this.available(item.sku) < item.quantity);
    if (short.length)
      throw refused('conflict', 'INVENTORY.INSUFFICIENT_STOCK', `short of ${short[0]!.sku}`);
    for (const item of items)
      this.reserved.set(item.sku, (this.reserved.get(item.sku) ?? 0) + item.quantity);
    const reservation: FakeReservation = {
      id: newId('res'),
      orderId,
      status: 'held',
      items,
      allocations: items.map((item) => ({ ...item, location: 'main' })),
    };
    this.reservations.set(reservation.id, reservation);
    return { id: reservation.id, allocations: reservation.allocations };
  }

  async commit(id: string) {
    if (this.down || this.commitDown)
      throw CommonErrors.UPSTREAM_UNAVAILABLE.create('inventory is down');
    const reservation = this.reservations.get(id)!;
    if (reservation.status === 'committed') return;
    if (reservation.status !== 'held')
      throw refused('conflict', 'INVENTORY.RESERVATION_NOT_HELD', 'released');
    reservation.status = 'committed';
    for (const item of reservation.items) {
      this.reserved.set(item.sku, this.reserved.get(item.sku)! - item.quantity);
      this.onHand.set(item.sku, this.onHand.get(item.sku)! - item.quantity);
    }
  }

  async release(id: string) {
    if (this.down) throw CommonErrors.UPSTREAM_UNAVAILABLE.create('inventory is down');
    const reservation = this.reservations.get(id);
    if (!reservation || reservation.status !== 'held') return;
    reservation.status = 'released';
    for (const item of reservation.items)
      this.reserved.set(item.sku, this.reserved.get(item.sku)! - item.quantity);
  }

  /** Restock keys seen, per SKU (inventory's Idempotency-Key): a repeat changes nothing. */
  readonly restockKeys = new Map<string, string>();
  /** Restocks that apply and then fail as if the answer were lost (a crash after the call). */
  loseRestockAnswers = 0;

  async restock(
    sku: string,
    quantity: number,
    location: string | undefined,
    reason: string,
    key: string,
  ) {
    if (this.down) throw CommonErrors.UPSTREAM_UNAVAILABLE.create('inventory is down');
    const seen = this.restockKeys.get(`${sku}|${key}`);
    const body = JSON.stringify([quantity, reason, location ?? null]);
    if (seen !== undefined) {
      if (seen !== body)
        throw refused('unprocessable', 'INVENTORY.IDEMPOTENCY_KEY_REUSED', 'another body');
      return;
    }
    this.restockKeys.set(`${sku}|${key}`, body);
    this.onHand.set(sku, (this.onHand.get(sku) ?? 0) + quantity);
    this.adjustments.push({ sku, delta: quantity, reason });
    if (this.loseRestockAnswers > 0) {
      this.loseRestockAnswers -= 1;
      throw CommonErrors.UPSTREAM_UNAVAILABLE.create('the answer was lost');
    }
  }
}
