import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import { createJwtVerifier, type TokenVerifier } from '@emporium/kit';

const ISSUER = 'emporium-accounts';
const AUDIENCE = 'emporium';

export interface TokenMint {
  verifier: TokenVerifier;
  /** A signed ES256 access token as accounts issues them; `claims` override the defaults. */
  token(claims?: Record<string, unknown>, key?: KeyObject): string;
  /** A key the verifier does not know. */
  strangerKey: KeyObject;
  /** Serves the public key as accounts does (`/.well-known/jwks.json`) on a loopback port. */
  serveJwks(): Promise<{ url: string; close(): Promise<void> }>;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens of every shape an attacker might try, checked by the kit's real JWT verifier. */
export function createTokenMint(): TokenMint {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const strangerKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  const verifier = createJwtVerifier({
    keys: async () => publicKey,
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  return {
    verifier,
    strangerKey,
    async serveJwks() {
      const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test', alg: 'ES256', use: 'sig' };
      const body = JSON.stringify({ keys: [jwk] });
      const server = createServer((_request, response) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(body),
      );
      await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
      const { port } = server.address() as { port: number };
      return {
        url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
        close: () => new Promise<void>((closed) => server.close(() => closed())),
      };
    },
    token(claims = {}, key = privateKey) {
      const now = Math.floor(Date.now() / 1000);
      const header = base64url({ alg: 'ES256', kid: 'test', typ: 'JWT' });
      const payload = base64url({
        sub: 'usr_1',
        roles: [],
        iss: ISSUER,
        aud: AUDIENCE,
        iat: now,
        exp: now + 900,
        ...claims,
      });
      const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
        key,
        dsaEncoding: 'ieee-p1363',
      }).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
  };
}

/** The same claims with `alg: none` and no signature. */
export function unsignedToken(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}
