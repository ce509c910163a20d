import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import { as, expectProblem, signedIn, startAccounts, type TokenPair } from './harness.ts';

const HOME = {
  name: 'Ann Example',
  line1: '1 Main Street',
  city: 'Springfield',
  postalCode: '12345',
  country: 'us',
};
const BASE = '/accounts/me/addresses';

describe('addresses', () => {
  let service: AccountsService;
  let ann: TokenPair;
  let bob: TokenPair;
  beforeEach(async () => {
    service = await startAccounts();
    ann = await signedIn(service, 'ann@example.com');
    bob = await signedIn(service, 'bob@example.com');
  });
  afterEach(async () => {
    await service.close();
  });

  const add = (token: string, body: object = HOME) => as(service, token, 'POST', BASE, body);

  it('when a user adds an address, then it is 201 with an ETag, upper-cased country, and listed', async () => {
    const created = await add(ann.accessToken, { ...HOME, line2: '  ', phone: '+1 555 0100' });
    expect(created.statusCode, created.body).toBe(201);
    const address = created.json<{ id: string; country: string; version: number }>();
    expect(address).toMatchObject({ country: 'US', version: 1, phone: '+1 555 0100' });
    expect(address).not.toHaveProperty('line2');
    expect(created.headers['etag']).toBe('"1"');
    expect(created.headers['location']).toBe(`${BASE}/${address.id}`);
    const list = await as(service, ann.accessToken, 'GET', BASE);
    expect(list.json()).toEqual({ items: [address], nextCursor: null });
    const one = await as(service, ann.accessToken, 'GET', `${BASE}/${address.id}`);
    expect(one.json()).toEqual(address);
    expect(one.headers['etag']).toBe('"1"');
  });

  it('when another user reads, changes or deletes an address, then it is 404 and nothing changes', async () => {
    const { id } = (await add(ann.accessToken)).json<{ id: string }>();
    const url = `${BASE}/${id}`;
    expectProblem(
      await as(service, bob.accessToken, 'GET', url),
      404,
      'ACCOUNTS.ADDRESS_NOT_FOUND',
    );
    expectProblem(
      await as(service, bob.accessToken, 'PATCH', url, { city: 'Elsewhere' }),
      404,
      'ACCOUNTS.ADDRESS_NOT_FOUND',
    );
    expectProblem(
      await as(service, bob.accessToken, 'DELETE', url),
      404,
      'ACCOUNTS.ADDRESS_NOT_FOUND',
    );
    expect((await as(service, bob.accessToken, 'GET', BASE)).json()).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await as(service, ann.accessToken, 'GET', url)).json()).toMatchObject({
      city: 'Springfield',
    });
  });

  it('when no token is sent, then the address book is 401', async () => {
    const response = await service.app.inject({ method: 'GET', url: BASE });
    expectProblem(response, 401, 'COMMON.UNAUTHENTICATED');
  });

  it('when an address is patched with the current If-Match, then it changes and the ETag moves on', async () => {
    const { id } = (await add(ann.accessToken, { ...HOME, region: 'IL' })).json<{ id: string }>();
    const patched = await as(
      service,
      ann.accessToken,
      'PATCH',
      `${BASE}/${id}`,
      { city: 'Shelbyville', region: null },
      { 'if-match': '"1"' },
    );
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      city: 'Shelbyville',
      line1: '1 Main Street',
      version: 2,
    });
    expect(patched.json()).not.toHaveProperty('region');
    expect(patched.headers['etag']).toBe('"2"');
  });

  it('when an address is patched or deleted with a stale If-Match, then it is 412 and nothing is written', async () => {
    const { id } = (await add(ann.accessToken)).json<{ id: string }>();
    const url = `${BASE}/${id}`;
    await as(
      service,
      ann.accessToken,
      'PATCH',
      url,
      { city: 'Shelbyville' },
      { 'if-match': '"1"' },
    );
    expectProblem(
      await as(service, ann.accessToken, 'PATCH', url, { city: 'Late' }, { 'if-match': '"1"' }),
      412,
      'ACCOUNTS.VERSION_MISMATCH',
    );
    expectProblem(
      await as(service, ann.accessToken, 'DELETE', url, undefined, { 'if-match': '"1"' }),
      412,
      'ACCOUNTS.VERSION_MISMATCH',
    );
    expect((await as(service, ann.accessToken, 'GET', url)).json()).toMatchObject({
      city: 'Shelbyville',
      version: 2,
    });
  });

  it('when an address is deleted, then it is 204 and gone', async () => {
    const { id } = (await add(ann.accessToken)).json<{ id: string }>();
    const url = `${BASE}/${id}`;
    expect(
      (await as(service, ann.accessToken, 'DELETE', url, undefined, { 'if-match': '"1"' }))
        .statusCode,
    ).toBe(204);
    expectProblem(
      await as(service, ann.accessToken, 'GET', url),
      404,
      'ACCOUNTS.ADDRESS_NOT_FOUND',
    );
  });

  it('when the country is not an assigned ISO 3166-1 code, then it is 400 and nothing is stored', async () => {
    for (const country of ['QQ', 'XX', 'UK']) {
      const problem = expectProblem(
        await add(ann.accessToken, { ...HOME, country }),
        400,
        'ACCOUNTS.INVALID_COUNTRY',
      );
      expect(problem.errors?.[0]?.field).toBe('body.country');
    }
    expectProblem(
      await add(ann.accessToken, { ...HOME, country: 'USA' }),
      400,
      'COMMON.VALIDATION_FAILED',
    );
    expect((await as(service, ann.accessToken, 'GET', BASE)).json()).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('when a free-text field holds control or bidi characters, is blank or unknown, then it is 400', async () => {
    const bad = [
      { ...HOME, name: 'Ann\u202Eelpmaxe' },
      { ...HOME, city: 'Spring\u001b[31mfield' },
      { ...HOME, line1: '   ' },
      { ...HOME, phone: 'call me' },
      { ...HOME, userId: 'usr_someone_else' },
    ];
    for (const body of bad)
      expectProblem(await add(ann.accessToken, body), 400, 'COMMON.VALIDATION_FAILED');
    const { id } = (await add(ann.accessToken)).json<{ id: string }>();
    expectProblem(
      await as(service, ann.accessToken, 'PATCH', `${BASE}/${id}`, { name: null }),
      400,
      'COMMON.VALIDATION_FAILED',
    );
  });

  it('when the address book holds 20 addresses, then the 21st is 409 ADDRESS_LIMIT_REACHED', async () => {
    for (let i = 0; i < 20; i++)
      expect((await add(ann.accessToken, { ...HOME, line1: `${i} Main Street` })).statusCode).toBe(
        201,
      );
    expectProblem(await add(ann.accessToken), 409, 'ACCOUNTS.ADDRESS_LIMIT_REACHED');
    expect((await add(bob.accessToken)).statusCode).toBe(201);
  });
});
