import { CartItemAddedV1, CART_SOURCE } from '@emporium/contracts';
import type { CloudEvent } from '@emporium/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CartDeps } from '../../src/app/deps.ts';
import type { CartStore } from '../../src/app/ports/cart-store.ts';
import { createCart } from '../../src/app/use-cases/create-cart.ts';
import { newCartId } from '../../src/app/ids.ts';
import { newCart, touched, type CartRecord, type CartRules } from '../../src/domain/cart.ts';
import { ManualClock } from '@emporium/kit/testing';

export interface CartStoreFixture {
  store: CartStore;
  /** Events the store's outbox holds, in commit order. */
  committedEvents(): Promise<CloudEvent[]>;
  close(): Promise<void>;
}

export interface CartStoreContractOptions {
  name: string;
  create(clock: ManualClock): Promise<CartStoreFixture>;
  /** True when `purgeExpired` removes rows itself (DynamoDB leaves it to its TTL). */
  sweeps: boolean;
}

const rules: CartRules = {
  maxLines: 50,
  maxQuantity: 99,
  anonymousTtlMs: 3_600_000,
  userTtlMs: 7_200_000,
};
let unique = 0;
const userId = () => `usr_${Date.now().toString(36)}_${(unique += 1)}`;

/** What every CartStore must do: atomic changes, no lost update, one cart per customer. */
export function describeCartStoreContract(options: CartStoreContractOptions): void {
  describe(`CartStore contract: ${options.name}`, () => {
    let fixture: CartStoreFixture;
    const clock = new ManualClock();
    beforeEach(async () => {
      fixture = await options.create(clock);
    });
    afterEach(() => fixture.close());

    const anonymous = () =>
      newCart({ id: newCartId(), userId: null, tokenHash: 'ab'.repeat(32) }, rules, clock.now());
    const put = (cart: CartRecord) =>
      fixture.store.change({ cartIds: [cart.id] }, () => ({ result: cart, put: [cart] }));
    const bump = (id: string) =>
      fixture.store.change({ cartIds: [id] }, (view) => {
        const next = touched(view.carts.get(id)!, rules, clock.now());
        return { result: next.version, put: [next] };
      });

    it('when a cart is written, then it reads back as written, and an unknown id reads as undefined', async () => {
      const cart = anonymous();
      await put(cart);
      expect(await fixture.store.get(cart.id)).toEqual(cart);
      expect(await fixture.store.get(newCartId())).toBeUndefined();
    });

    it('when a change throws, then nothing of it is written, events included', async () => {
      const cart = anonymous();
      await expect(
        fixture.store.change({ cartIds: [cart.id] }, () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await fixture.store.get(cart.id)).toBeUndefined();
      expect(await fixture.committedEvents()).toEqual([]);
    });

    it('when changes of one cart race, then none is lost', async () => {
      const cart = anonymous();
      await put(cart);
      const versions = await Promise.all(Array.from({ length: 8 }, () => bump(cart.id)));
      expect(new Set(versions).size).toBe(8);
      expect((await fixture.store.get(cart.id))!.version).toBe(9);
    });

    it('when a change writes a cart and its event, then both commit together', async () => {
      const cart = anonymous();
      const event = CartItemAddedV1.create({
        source: CART_SOURCE,
        subject: cart.id,
        partitionKey: cart.id,
        data: {
          cartId: cart.id,
          itemId: 'itm_1',
          sku: 'SKU-1',
          productId: 'prd_1',
          quantity: 1,
          lineQuantity: 1,
          at: new Date(clock.now()).toISOString(),
        },
      });
      await fixture.store.change({ cartIds: [cart.id] }, () => ({
        result: undefined,
        put: [cart],
        events: [event],
      }));
      expect((await fixture.committedEvents()).map((e) => e.id)).toEqual([event.id]);
    });

    it('when a customer asks for a cart many times at once, then they get one cart', async () => {
      const user = userId();
      const deps = { store: fixture.store, clock, rules } as unknown as CartDeps;
      const caller = { userId: user, admin: false, service: false, cartToken: undefined };
      const created = await Promise.all(Array.from({ length: 5 }, () => createCart(deps, caller)));
      expect(new Set(created.map((c) => c.id)).size).toBe(1);
      expect(created.filter((c) => c.created)).toHaveLength(1);
      expect((await fixture.store.ofUser(user))!.id).toBe(created[0]!.id);
    });

    it("when a customer's expired cart is replaced, then the new one is theirs and the old one is gone", async () => {
      const user = userId();
      const deps = { store: fixture.store, clock, rules } as unknown as CartDeps;
      const caller = { userId: user, admin: false, service: false, cartToken: undefined };
      const first = await createCart(deps, caller);
      clock.advance(rules.userTtlMs + 1);
      const second = await createCart(deps, caller);
      expect(second).toMatchObject({ created: true });
      expect(second.id).not.toBe(first.id);
      expect((await fixture.store.ofUser(user))!.id).toBe(second.id);
      expect(await fixture.store.get(first.id)).toBeUndefined();
    });

    it('when one change writes one cart and deletes another (a merge), then both happen, and a deleted customer cart unbinds them', async () => {
      const user = userId();
      const target = newCart(
        { id: newCartId(), userId: user, tokenHash: null },
        rules,
        clock.now(),
      );
      const source = anonymous();
      await put(target);
      await put(source);
      await fixture.store.change({ cartIds: [target.id, source.id] }, (view) => {
        const next = touched(view.carts.get(target.id)!, rules, clock.now());
        return { result: undefined, put: [next], delete: [view.carts.get(source.id)!] };
      });
      expect((await fixture.store.get(target.id))!.version).toBe(2);
      expect(await fixture.store.get(source.id)).toBeUndefined();
      await fixture.store.change({ cartIds: [target.id] }, (view) => ({
        result: undefined,
        delete: [view.carts.get(target.id)!],
      }));
      expect(await fixture.store.ofUser(user)).toBeUndefined();
    });

    it('when carts expire, then the sweep removes them (or leaves them to the engine’s TTL)', async () => {
      const old = anonymous();
      await put(old);
      clock.advance(rules.anonymousTtlMs + 1);
      const fresh = anonymous();
      await put(fresh);
      const removed = await fixture.store.purgeExpired(clock.now(), 100);
      if (options.sweeps) {
        expect(removed).toBeGreaterThanOrEqual(1);
        expect(await fixture.store.get(old.id)).toBeUndefined();
      } else expect(removed).toBe(0);
      expect(await fixture.store.get(fresh.id)).toEqual(fresh);
    });
  });
}
