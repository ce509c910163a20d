import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountsStorage } from '../../src/adapters/storage/accounts-stores.ts';
import type { SigningKeyRecord } from '../../src/app/ports/signing-key-store.ts';
import { NOW, unique, type ContractOptions } from './fixtures.ts';

function aKey(createdAt: number): SigningKeyRecord {
  const kid = unique('kid');
  return {
    kid,
    privateJwk: { kty: 'EC', crv: 'P-256', d: 'private', kid },
    publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid, use: 'sig' },
    createdAt,
  };
}

export function describeSigningKeyStoreContract({ name, create }: ContractOptions): void {
  describe(`SigningKeyStore contract (${name})`, () => {
    let stores: AccountsStorage;
    beforeEach(async () => {
      stores = await create();
    });
    afterEach(async () => {
      await stores.close();
    });

    /** Only this test's keys: PostgreSQL suites share one database per file. */
    const listed = async (keys: SigningKeyRecord[]) =>
      (await stores.signingKeys.list()).filter((record) => keys.some((k) => k.kid === record.kid));

    it('when keys are rotated in, then every key is listed oldest first with its JWKs', async () => {
      const newer = aKey(NOW + 1_000);
      const older = aKey(NOW);
      await stores.signingKeys.add(newer);
      await stores.signingKeys.add(older);
      expect(await listed([newer, older])).toEqual([older, newer]);
    });

    it('when the same key is added twice (two replicas starting), then it is listed once', async () => {
      const key = aKey(NOW);
      await stores.signingKeys.add(key);
      await stores.signingKeys.add({ ...key, createdAt: NOW + 5 });
      expect(await listed([key])).toEqual([key]);
    });
  });
}
