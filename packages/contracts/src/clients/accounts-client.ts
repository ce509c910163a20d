import type { ServiceClient } from '@emporium/kit';
import { Type, type Static } from 'typebox';
import { OperationsClient } from './operations-client.ts';

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
}
