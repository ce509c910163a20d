import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountsStorage } from '../../src/adapters/storage/accounts-stores.ts';
import { aUser, storedUser, unique, type ContractOptions } from './fixtures.ts';

export function describeUserStoreContract({ name, create }: ContractOptions): void {
  describe(`UserStore contract (${name})`, () => {
    let stores: AccountsStorage;
    beforeEach(async () => {
      stores = await create();
    });
    afterEach(async () => {
      await stores.close();
    });

    it('when a user is created, then it is found by id and by its email in any case', async () => {
      const user = await storedUser(stores, { email: `${unique('Ann')}@Example.COM` });
      expect(await stores.users.findById(user.id)).toEqual(user);
      expect(await stores.users.findByEmail(user.email.toLowerCase())).toEqual(user);
      expect(await stores.users.findByEmail(`  ${user.email.toUpperCase()} `)).toEqual(user);
      expect(await stores.users.findById(unique('usr'))).toBeUndefined();
    });

    it('when an email is registered again in another case, then create throws EMAIL_TAKEN', async () => {
      const first = await storedUser(stores);
      const again = aUser({ email: first.email.toUpperCase() });
      await expect(stores.users.create(again)).rejects.toMatchObject({
        code: 'ACCOUNTS.EMAIL_TAKEN',
      });
      expect(await stores.users.findById(again.id)).toBeUndefined();
    });

    it('when five sign-ups with one email race, then exactly one is stored', async () => {
      const email = `${unique('race')}@example.com`;
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => stores.users.create(aUser({ email }))),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of results.filter((r) => r.status === 'rejected'))
        expect((result as PromiseRejectedResult).reason).toMatchObject({
          code: 'ACCOUNTS.EMAIL_TAKEN',
        });
    });

    it('when asked for a role, then only a user holding exactly that role counts', async () => {
      const role = unique('role');
      expect(await stores.users.hasUserWithRole(role)).toBe(false);
      await storedUser(stores, { roles: ['customer', `${role}-not`] });
      expect(await stores.users.hasUserWithRole(role)).toBe(false);
      await storedUser(stores, { roles: ['customer', role] });
      expect(await stores.users.hasUserWithRole(role)).toBe(true);
    });

    it('when a user is updated at its version, then the change and the next version are stored', async () => {
      const user = await storedUser(stores);
      const renamed = { ...user, name: 'Ann Renamed', passwordHash: 'new-hash', version: 2 };
      expect(await stores.users.update(renamed, 1)).toBe(true);
      expect(await stores.users.findById(user.id)).toEqual(renamed);
    });

    it('when a user is updated at a stale version, then nothing is written', async () => {
      const user = await storedUser(stores);
      expect(await stores.users.update({ ...user, name: 'First', version: 2 }, 1)).toBe(true);
      expect(await stores.users.update({ ...user, name: 'Second', version: 2 }, 1)).toBe(false);
      expect((await stores.users.findById(user.id))?.name).toBe('First');
    });
  });
}
