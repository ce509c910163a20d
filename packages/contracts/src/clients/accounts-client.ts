import { AppError, type ServiceClient, type ServiceResponse } from '@emporium/kit';
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

/** `POST /auth/login` and `/auth/refresh`: a token pair (the refresh token is opaque). */
export const TokenPairSchema = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  refreshExpiresIn: Type.Optional(
    Type.Integer({ description: 'Seconds until the refresh token expires' }),
  ),
  tokenType: Type.Literal('Bearer'),
});
export type TokenPair = Static<typeof TokenPairSchema>;

export const AccountProfileSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
});
export type AccountProfile = Static<typeof AccountProfileSchema>;

/**
 * Who the sign-in is for, as the caller (the gateway) vouches: `x-forwarded-for` and
 * `x-forwarded-proto`, so the accounts throttles count the real client's address.
 */
export type ForwardedFor = Record<string, string>;

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

  /** Signs in with email and password (throttled per account and client address). */
  async login(
    credentials: { email: string; password: string },
    forwarded: ForwardedFor,
  ): Promise<TokenPair> {
    return this.tokens('/auth/login', credentials, forwarded);
  }

  /** Creates a customer account (password policy, registration throttle). */
  async register(
    details: { email: string; password: string; name: string },
    forwarded: ForwardedFor,
  ): Promise<AccountProfile> {
    const response = await this.http.request<AccountProfile>({
      method: 'POST',
      path: '/auth/register',
      body: details,
      headers: forwarded,
    });
    if (response.status !== 201) throw this.refusal(response);
    return response.body;
  }

  /** Rotates a refresh token: the presented one is spent (presented again, it revokes its session). */
  async refresh(refreshToken: string, forwarded: ForwardedFor): Promise<TokenPair> {
    return this.tokens('/auth/refresh', { refreshToken }, forwarded);
  }

  /** Revokes the session of a refresh token; idempotent. */
  async logout(refreshToken: string, forwarded: ForwardedFor): Promise<void> {
    const response = await this.http.request<unknown>({
      method: 'POST',
      path: '/auth/logout',
      body: { refreshToken },
      headers: forwarded,
    });
    if (response.status !== 204) throw this.refusal(response);
  }

  /** The profile of the holder of an access token (`GET /accounts/me`). */
  async me(accessToken: string): Promise<AccountProfile> {
    const response = await this.http.request<AccountProfile>({
      method: 'GET',
      path: '/accounts/me',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (response.status !== 200) throw this.refusal(response);
    const { id, email, name, roles } = response.body;
    return { id, email, name, roles };
  }

  private async tokens(path: string, body: unknown, forwarded: ForwardedFor): Promise<TokenPair> {
    const response = await this.http.request<TokenPair>({
      method: 'POST',
      path,
      body,
      headers: forwarded,
    });
    if (response.status !== 200) throw this.refusal(response);
    return response.body;
  }

  /** A 4xx as the accounts service's own problem, with its `Retry-After` (429) kept. */
  private refusal(response: ServiceResponse<unknown>): AppError {
    const problem = this.problem(response);
    const retryAfter = Number(response.headers['retry-after']);
    if (!Number.isFinite(retryAfter)) return problem;
    return new AppError(problem.kind, problem.code, problem.message, {
      ...(problem.title ? { title: problem.title } : {}),
      ...(problem.errors ? { errors: problem.errors } : {}),
      details: { ...problem.details, retryAfterSeconds: retryAfter },
    });
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
