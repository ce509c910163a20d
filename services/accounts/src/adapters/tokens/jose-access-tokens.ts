import {
  SERVICE_ROLE,
  createServiceAwareVerifier,
  type Clock,
  type Principal,
  type TokenVerifier,
} from '@emporium/kit';
import {
  SignJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
} from 'jose';
import type { AccessTokenIssuer, ServiceTokenRequest } from '../../app/ports/access-tokens.ts';
import type { SigningKeyRecord, SigningKeyStore } from '../../app/ports/signing-key-store.ts';

const ALGORITHM = 'ES256';

export interface JoseAccessTokensOptions {
  keys: SigningKeyStore;
  issuer: string;
  audience: string;
  /** This service's own name: the audience of service tokens it accepts. */
  serviceName: string;
  ttlSeconds: number;
  clock: Clock;
}

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

/**
 * Signs access tokens with the newest stored ES256 key and publishes every stored
 * public key, so tokens signed before a key rotation keep verifying until they expire.
 */
export class JoseAccessTokens implements AccessTokenIssuer {
  readonly ttlSeconds: number;
  private readonly options: JoseAccessTokensOptions;
  private readonly kid: string;
  private readonly privateKey: SigningKey;
  private readonly publicKeys: JWK[];

  private constructor(
    options: JoseAccessTokensOptions,
    kid: string,
    privateKey: SigningKey,
    publicKeys: JWK[],
  ) {
    this.options = options;
    this.ttlSeconds = options.ttlSeconds;
    this.kid = kid;
    this.privateKey = privateKey;
    this.publicKeys = publicKeys;
  }

  /** Loads the stored keys, generating and storing the first one on the very first start. */
  static async open(options: JoseAccessTokensOptions): Promise<JoseAccessTokens> {
    let records = await options.keys.list();
    if (records.length === 0) {
      await options.keys.add(await generateSigningKey(options.clock.now()));
      records = await options.keys.list();
    }
    const newest = records.at(-1)!;
    const privateKey = await importJWK(newest.privateJwk, ALGORITHM);
    return new JoseAccessTokens(
      options,
      newest.kid,
      privateKey,
      records.map((record) => record.publicJwk),
    );
  }

  async issue(principal: Principal & { sessionId?: string }): Promise<string> {
    const claims = {
      roles: principal.roles,
      ...(principal.sessionId ? { sid: principal.sessionId } : {}),
    };
    return this.sign(claims, principal.userId, this.options.audience, this.ttlSeconds);
  }

  async issueServiceToken(request: ServiceTokenRequest): Promise<string> {
    return this.sign(
      { roles: [SERVICE_ROLE] },
      request.clientId,
      request.audience,
      request.ttlSeconds,
    );
  }

  private async sign(
    claims: Record<string, unknown>,
    subject: string,
    audience: string,
    ttlSeconds: number,
  ): Promise<string> {
    const issuedAt = Math.floor(this.options.clock.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, kid: this.kid, typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(this.options.issuer)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(this.privateKey);
  }

  /** The JSON Web Key Set served at `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] } {
    return { keys: this.publicKeys.map((key) => ({ ...key })) };
  }

  /** Verifies tokens against the local key set: the service never calls itself over HTTP. */
  verifier(): TokenVerifier {
    return createServiceAwareVerifier({
      keys: createLocalJWKSet(this.jwks()),
      issuer: this.options.issuer,
      userAudience: this.options.audience,
      serviceAudience: this.options.serviceName,
    });
  }
}

async function generateSigningKey(now: number): Promise<SigningKeyRecord> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  // The thumbprint (RFC 7638) names the key by its content, so kids never collide.
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALGORITHM },
    publicJwk: { ...publicJwk, kid, alg: ALGORITHM, use: 'sig' },
    createdAt: now,
  };
}
