import type { ServiceClient } from '@emporium/kit';
import { Type, type Static } from 'typebox';
import { OperationsClient, type CallOptions } from './operations-client.ts';
import { bearer } from './upstream-problem.ts';

/** A public JSON Web Key (RFC 7517); unknown members are kept. */
export const JwkSchema = Type.Object({
  kty: Type.String(),
  kid: Type.String(),
  alg: Type.Optional(Type.String()),
  use: Type.Optional(Type.String()),
  crv: Type.Optional(Type.String()),
  x: Type.Optional(Type.String()),
  y: Type.Optional(Type.String()),
  n: Type.Optional(Type.String()),
  e: Type.Optional(Type.String()),
});

export const JwksSchema = Type.Object({ keys: Type.Array(JwkSchema) });
export type Jwks = Static<typeof JwksSchema>;

/** `GET /accounts/users/{userId}/addresses/{id}` (internal): an address-book entry and its owner. */
export const UserAddressSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  name: Type.String(),
  line1: Type.String(),
  line2: Type.Optional(Type.String()),
  city: Type.String(),
  region: Type.Optional(Type.String()),
  postalCode: Type.String(),
  /** ISO 3166-1 alpha-2, upper case. */
  country: Type.String(),
  phone: Type.Optional(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type UserAddress = Static<typeof UserAddressSchema>;

/** The accounts service's API for other services. */
export class AccountsClient extends OperationsClient {
  constructor(http: ServiceClient) {
    super('accounts', http);
  }

  /** The keys that verify access tokens (`/.well-known/jwks.json`). */
  async jwks(): Promise<Jwks> {
    const response = await this.http.request<Jwks>({
      method: 'GET',
      path: '/.well-known/jwks.json',
    });
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  /**
   * One address of a user's address book (internal: the ServiceClient's service token for
   * audience `accounts`, or an admin's bearer); undefined when the user has no such address
   * (another user's address is not found either). Safe to repeat, so the client retries it.
   */
  async getAddress(
    userId: string,
    addressId: string,
    options: CallOptions = {},
  ): Promise<UserAddress | undefined> {
    const response = await this.http.request<UserAddress>({
      method: 'GET',
      path: `/accounts/users/${encodeURIComponent(userId)}/addresses/${encodeURIComponent(addressId)}`,
      headers: bearer(options.authorization),
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }
}
