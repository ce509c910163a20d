import { AccountsClient, JwksSchema, ReadinessSchema } from '@emporium/contracts';
import { ServiceClient } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import { startAccounts } from './harness.ts';

describe('the accounts service’s typed client against the real service', () => {
  let accounts: AccountsService;
  let client: AccountsClient;

  beforeAll(async () => {
    accounts = await startAccounts();
    const url = await accounts.listen();
    client = new AccountsClient(
      new ServiceClient({ name: 'accounts', baseUrl: url, logger: silentLogger, retries: 0 }),
    );
  });
  afterAll(async () => {
    await client.close();
    await accounts.close();
  });

  it('when the keys are fetched, then they match the JWKS schema and carry a key id', async () => {
    const jwks = await client.jwks();
    expect(Compile(JwksSchema).Errors(jwks)).toEqual([]);
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(jwks.keys[0]!.kid).toEqual(expect.any(String));
  });

  it('when readiness is asked, then the service reports its checks', async () => {
    const readiness = await client.readiness();
    expect(Compile(ReadinessSchema).Errors(readiness)).toEqual([]);
    expect(readiness.status).toBe('ok');
  });

  it('when dead letters are asked of a service without consumers, then the page is empty', async () => {
    expect(await client.deadLetters({ limit: 10 })).toEqual({ items: [], nextCursor: null });
  });
});
