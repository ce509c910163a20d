import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountsStorage } from '../../src/adapters/storage/accounts-stores.ts';
import type { User } from '../../src/domain/user.ts';
import { aToken, storedUser, type ContractOptions } from './fixtures.ts';

export function describeRefreshTokenStoreContract({ name, create }: ContractOptions): void {
  describe(`RefreshTokenStore contract (${name})`, () => {
    let stores: AccountsStorage;
    let user: User;
    beforeEach(async () => {
      stores = await create();
      user = await storedUser(stores);
    });
    afterEach(async () => {
      await stores.close();
    });

    const statusOf = async (hash: string) => (await stores.refreshTokens.find(hash))?.status;

    it('when a token is inserted, then it is found by its hash as stored', async () => {
      const token = aToken(user.id);
      await stores.refreshTokens.insert(token);
      expect(await stores.refreshTokens.find(token.hash)).toEqual(token);
      expect(await stores.refreshTokens.find('unknown')).toBeUndefined();
    });

    it('when an active token rotates, then it is marked rotated and the next one is active', async () => {
      const first = aToken(user.id);
      await stores.refreshTokens.insert(first);
      const next = aToken(user.id, first.familyId);
      expect(await stores.refreshTokens.rotate(first.hash, next)).toBe(true);
      expect(await statusOf(first.hash)).toBe('rotated');
      expect(await stores.refreshTokens.find(next.hash)).toEqual(next);
    });

    it('when a token that is no longer active rotates, then it fails and stores nothing', async () => {
      const first = aToken(user.id);
      await stores.refreshTokens.insert(first);
      await stores.refreshTokens.rotate(first.hash, aToken(user.id, first.familyId));
      const late = aToken(user.id, first.familyId);
      expect(await stores.refreshTokens.rotate(first.hash, late)).toBe(false);
      expect(await stores.refreshTokens.find(late.hash)).toBeUndefined();
    });

    it('when one token is rotated by five concurrent requests, then exactly one wins', async () => {
      const first = aToken(user.id);
      await stores.refreshTokens.insert(first);
      const candidates = Array.from({ length: 5 }, () => aToken(user.id, first.familyId));
      const results = await Promise.all(
        candidates.map((next) => stores.refreshTokens.rotate(first.hash, next)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const stored = await Promise.all(candidates.map((c) => stores.refreshTokens.find(c.hash)));
      expect(stored.filter((record) => record !== undefined)).toHaveLength(1);
    });

    it('when a family is revoked, then all its tokens are revoked and other families are not', async () => {
      const first = aToken(user.id);
      await stores.refreshTokens.insert(first);
      const second = aToken(user.id, first.familyId);
      await stores.refreshTokens.rotate(first.hash, second);
      const other = aToken(user.id);
      await stores.refreshTokens.insert(other);
      await stores.refreshTokens.revokeFamily(first.familyId);
      expect(await statusOf(first.hash)).toBe('revoked');
      expect(await statusOf(second.hash)).toBe('revoked');
      expect(await statusOf(other.hash)).toBe('active');
    });

    it('when a user’s sessions are revoked except one, then that family and other users stay active', async () => {
      const kept = aToken(user.id);
      const dropped = [aToken(user.id), aToken(user.id)];
      const someoneElse = aToken((await storedUser(stores)).id);
      for (const token of [kept, ...dropped, someoneElse]) await stores.refreshTokens.insert(token);
      await stores.refreshTokens.revokeUserSessions(user.id, kept.familyId);
      expect(await statusOf(kept.hash)).toBe('active');
      for (const token of dropped) expect(await statusOf(token.hash)).toBe('revoked');
      expect(await statusOf(someoneElse.hash)).toBe('active');
      await stores.refreshTokens.revokeUserSessions(user.id);
      expect(await statusOf(kept.hash)).toBe('revoked');
    });
  });
}
