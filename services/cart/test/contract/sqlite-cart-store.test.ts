import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SqliteOutboxStore, openSqlite } from '@emporium/kit';
import { cartMigrations, type CartSchema } from '../../src/adapters/storage/sqlite/schema.ts';
import { SqliteCartStore } from '../../src/adapters/storage/sqlite/sqlite-cart-store.ts';
import { newCartId } from '../../src/app/ids.ts';
import { newCart, touched } from '../../src/domain/cart.ts';
import { describeCartStoreContract } from './cart-store.contract.ts';

describeCartStoreContract({
  name: 'SQLite',
  sweeps: true,
  async create(clock) {
    const handle = await openSqlite<CartSchema>({ path: ':memory:', migrations: cartMigrations });
    const store = new SqliteCartStore({
      handle,
      now: () => clock.now(),
      onCommit: () => undefined,
    });
    const outbox = new SqliteOutboxStore(handle, clock);
    const committedEvents = async () => (await outbox.pending(10_000)).map((entry) => entry.event);
    return { store, committedEvents, close: () => handle.close() };
  },
});

describe('SQLite cart store: remembered records (ADRs 0036, 0043)', () => {
  const rules = { maxLines: 50, maxQuantity: 99, anonymousTtlMs: 3_600_000, userTtlMs: 7_200_000 };

  it('when a cart is read again unchanged, then the same frozen record answers; after a change, or a write by another connection, the new one', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cart-docs-')), 'cart.sqlite');
    const handle = await openSqlite<CartSchema>({ path, migrations: cartMigrations });
    const store = new SqliteCartStore({ handle, now: () => 0, onCommit: () => undefined });
    try {
      const cart = newCart({ id: newCartId(), userId: null, tokenHash: 'ab'.repeat(32) }, rules, 0);
      await store.change({ cartIds: [cart.id] }, () => ({ result: null, put: [cart] }));
      const first = (await store.get(cart.id))!;
      expect(await store.get(cart.id)).toBe(first);
      expect(Object.isFrozen(first) && Object.isFrozen(first.lines)).toBe(true);
      expect(() => (first.lines as unknown[]).push('x')).toThrow(TypeError);

      const next = { ...touched(first, rules, 1), promotionCode: 'SPRING' };
      await store.change({ cartIds: [cart.id] }, () => ({ result: null, put: [next] }));
      const second = (await store.get(cart.id))!;
      expect(second).not.toBe(first);
      expect(second).toMatchObject({ version: 2, promotionCode: 'SPRING' });

      // SQLite stays the truth: a change made behind the store's back (with its next
      // version, as every change has) is read as it is now.
      const other = new DatabaseSync(path);
      other
        .prepare('UPDATE carts SET version = ?, doc = ? WHERE id = ?')
        .run(3, JSON.stringify({ ...second, version: 3, promotionCode: 'OTHER' }), cart.id);
      other.close();
      expect((await store.get(cart.id))!.promotionCode).toBe('OTHER');
    } finally {
      await handle.close();
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });

  it('when a change rolls back after writing a cart, then its version is not remembered: the version committed later is read', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cart-docs-')), 'cart.sqlite');
    const handle = await openSqlite<CartSchema>({ path, migrations: cartMigrations });
    const store = new SqliteCartStore({ handle, now: () => 0, onCommit: () => undefined });
    try {
      const token = { tokenHash: 'cd'.repeat(32) };
      const cart = newCart({ id: newCartId(), userId: null, ...token }, rules, 0);
      const owned = newCart({ id: newCartId(), userId: 'u1', ...token }, rules, 0);
      await store.change({ cartIds: [cart.id, owned.id] }, () => ({
        result: null,
        put: [cart, owned],
      }));
      // Version 2 of the cart, then a second cart for u1: the unique owner refuses it, and
      // the change's savepoint takes version 2 back with it.
      const refused = { ...touched(cart, rules, 1), promotionCode: 'ROLLED-BACK' };
      const second = newCart({ id: newCartId(), userId: 'u1', ...token }, rules, 1);
      const change = store.change({ cartIds: [cart.id, second.id], userId: 'u1' }, () => ({
        result: null,
        put: [refused, second],
      }));
      await expect(change).rejects.toMatchObject({ code: 'CART.BUSY' });

      const other = new DatabaseSync(path);
      const committed = { ...touched(cart, rules, 2), promotionCode: 'COMMITTED' };
      other
        .prepare('UPDATE carts SET version = ?, doc = ? WHERE id = ?')
        .run(2, JSON.stringify(committed), cart.id);
      other.close();
      expect(await store.get(cart.id)).toMatchObject({ version: 2, promotionCode: 'COMMITTED' });
    } finally {
      await handle.close();
      rmSync(dirname(path), { recursive: true, force: true });
    }
  });
});
