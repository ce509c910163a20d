import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountsStorage } from '../../src/adapters/storage/accounts-stores.ts';
import type { User } from '../../src/domain/user.ts';
import { NOW, anAddress, storedUser, type ContractOptions } from './fixtures.ts';

export function describeAddressStoreContract({ name, create }: ContractOptions): void {
  describe(`AddressStore contract (${name})`, () => {
    let stores: AccountsStorage;
    let owner: User;
    let other: User;
    beforeEach(async () => {
      stores = await create();
      owner = await storedUser(stores);
      other = await storedUser(stores);
    });
    afterEach(async () => {
      await stores.close();
    });

    it('when addresses are inserted, then the owner lists them oldest first and finds each', async () => {
      const second = anAddress(owner.id, { createdAt: new Date(NOW + 1).toISOString() });
      const first = anAddress(owner.id, { line2: 'Flat 2', region: 'IL', phone: '+1 555 0100' });
      expect(await stores.addresses.insert(second, 20)).toBe(true);
      expect(await stores.addresses.insert(first, 20)).toBe(true);
      expect(await stores.addresses.listByUser(owner.id)).toEqual([first, second]);
      expect(await stores.addresses.find(owner.id, first.id)).toEqual(first);
    });

    it('when another user asks for an address, then it is not found, listed, changed or deleted', async () => {
      const address = anAddress(owner.id);
      await stores.addresses.insert(address, 20);
      expect(await stores.addresses.find(other.id, address.id)).toBeUndefined();
      expect(await stores.addresses.listByUser(other.id)).toEqual([]);
      const hijack = { ...address, userId: other.id, line1: 'Elsewhere', version: 2 };
      expect(await stores.addresses.update(hijack, 1)).toBe(false);
      expect(await stores.addresses.remove(other.id, address.id)).toBe(false);
      expect(await stores.addresses.find(owner.id, address.id)).toEqual(address);
    });

    it('when the owner has reached the limit, then insert refuses and stores nothing', async () => {
      await stores.addresses.insert(anAddress(owner.id), 2);
      await stores.addresses.insert(anAddress(owner.id), 2);
      const third = anAddress(owner.id);
      expect(await stores.addresses.insert(third, 2)).toBe(false);
      expect(await stores.addresses.find(owner.id, third.id)).toBeUndefined();
      expect(await stores.addresses.insert(anAddress(other.id), 2)).toBe(true);
    });

    it('when inserts race at the limit, then the owner never holds more than the limit', async () => {
      await stores.addresses.insert(anAddress(owner.id), 3);
      const results = await Promise.all(
        Array.from({ length: 6 }, () => stores.addresses.insert(anAddress(owner.id), 3)),
      );
      expect(results.filter(Boolean)).toHaveLength(2);
      expect(await stores.addresses.listByUser(owner.id)).toHaveLength(3);
    });

    it('when an address is updated at its version, then the change is stored; at a stale one, nothing', async () => {
      const address = anAddress(owner.id, { phone: '+1 555 0100' });
      await stores.addresses.insert(address, 20);
      const moved = { ...address, city: 'Shelbyville', phone: undefined, version: 2 };
      expect(await stores.addresses.update(moved, 1)).toBe(true);
      const { phone: _cleared, ...expected } = moved;
      expect(await stores.addresses.find(owner.id, address.id)).toEqual(expected);
      expect(await stores.addresses.update({ ...moved, city: 'Late', version: 2 }, 1)).toBe(false);
    });

    it('when an address is removed, then a stale version refuses and the current one deletes', async () => {
      const address = anAddress(owner.id, { version: 3 });
      await stores.addresses.insert(address, 20);
      expect(await stores.addresses.remove(owner.id, address.id, 2)).toBe(false);
      expect(await stores.addresses.remove(owner.id, address.id, 3)).toBe(true);
      expect(await stores.addresses.find(owner.id, address.id)).toBeUndefined();
      expect(await stores.addresses.remove(owner.id, address.id)).toBe(false);
    });
  });
}
