import { defaultServiceSecret } from '@emporium/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsService } from '../../src/index.ts';
import {
  DEFAULT_ADMIN,
  as,
  expectProblem,
  loginAs,
  post,
  signedIn,
  startAccounts,
  type TokenPair,
} from './harness.ts';

const HOME = {
  name: 'Ann Example',
  line1: '1 Main Street',
  city: 'Springfield',
  postalCode: '12345',
  country: 'us',
};

describe('internal address lookup (GET /accounts/users/{userId}/addresses/{id})', () => {
  let service: AccountsService;
  let ann: TokenPair;
  let annId: string;
  let bobId: string;
  let addressId: string;
  beforeAll(async () => {
    service = await startAccounts();
    ann = await signedIn(service, 'ann@example.com');
    const bob = await signedIn(service, 'bob@example.com');
    annId = (await as(service, ann.accessToken, 'GET', '/accounts/me')).json<{ id: string }>().id;
    bobId = (await as(service, bob.accessToken, 'GET', '/accounts/me')).json<{ id: string }>().id;
    const created = await as(service, ann.accessToken, 'POST', '/accounts/me/addresses', HOME);
    expect(created.statusCode, created.body).toBe(201);
    addressId = created.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await service.close();
  });

  const serviceToken = async (clientId: string, audience: string) => {
    const response = await post(service, '/auth/service-token', {
      clientId,
      clientSecret: defaultServiceSecret(clientId),
      audience,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ accessToken: string }>().accessToken;
  };
  const url = (userId: string, id: string) => `/accounts/users/${userId}/addresses/${id}`;

  it('when orders asks with its service token for accounts, then it gets the address and its owner', async () => {
    const token = await serviceToken('orders', 'accounts');
    const response = await as(service, token, 'GET', url(annId, addressId));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      id: addressId,
      userId: annId,
      name: 'Ann Example',
      country: 'US',
      version: 1,
    });
    expect(response.headers['etag']).toBe('"1"');
  });

  it('when an admin asks, then it gets the address', async () => {
    const admin = await loginAs(service, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    const response = await as(service, admin.accessToken, 'GET', url(annId, addressId));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: addressId, userId: annId });
  });

  it('when the address belongs to another user, or does not exist, then it is 404', async () => {
    const token = await serviceToken('orders', 'accounts');
    const other = await as(service, token, 'GET', url(bobId, addressId));
    expectProblem(other, 404, 'ACCOUNTS.ADDRESS_NOT_FOUND');
    const unknown = await as(service, token, 'GET', url(annId, 'adr_unknown'));
    expectProblem(unknown, 404, 'ACCOUNTS.ADDRESS_NOT_FOUND');
  });

  it('when a customer asks, even for their own address, then the route does not exist for them', async () => {
    const response = await as(service, ann.accessToken, 'GET', url(annId, addressId));
    expectProblem(response, 404, 'COMMON.ROUTE_NOT_FOUND');
    expect(response.body).not.toContain('Springfield');
  });

  it('when a service token for another audience is sent, then it is refused', async () => {
    const token = await serviceToken('orders', 'inventory');
    const response = await as(service, token, 'GET', url(annId, addressId));
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain('Springfield');
  });

  it('when nobody signs in, then it is 401', async () => {
    const response = await service.app.inject({ method: 'GET', url: url(annId, addressId) });
    expectProblem(response, 401, 'COMMON.UNAUTHENTICATED');
  });

  it('the OpenAPI document lists the route as internal, with its parameters', async () => {
    const document = (await service.app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, { get?: { parameters?: { name: string }[]; summary?: string } }>;
    }>();
    const operation = document.paths['/accounts/users/{userId}/addresses/{id}']?.get;
    expect(operation?.summary).toContain('(internal)');
    expect(operation?.parameters?.map((p) => p.name).sort()).toEqual(['id', 'userId']);
  });
});
