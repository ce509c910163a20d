import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../../app/ports/password-hasher.ts';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
  keyLength: number;
  saltLength: number;
}

/** OWASP's minimum for scrypt (2^14, 8, 1): about 50 ms and 16 MiB per hash. */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = {
  N: 16384,
  r: 8,
  p: 1,
  keyLength: 32,
  saltLength: 16,
};

/**
 * Stored as `scrypt$N$r$p$salt$key` (base64url), so hashes made with older parameters
 * keep verifying after the defaults are raised.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  readonly decoyHash: string;
  private readonly params: ScryptParams;

  constructor(params: ScryptParams = DEFAULT_SCRYPT_PARAMS) {
    this.params = params;
    this.decoyHash = format(params, randomBytes(params.saltLength), randomBytes(params.keyLength));
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(this.params.saltLength);
    const key = await derive(password, salt, this.params);
    return format(this.params, salt, key);
  }

  async verify(password: string, storedHash: string): Promise<boolean> {
    const stored = parse(storedHash);
    if (!stored) return false;
    const key = await derive(password, stored.salt, {
      ...stored.params,
      keyLength: stored.key.length,
    });
    return timingSafeEqual(key, stored.key);
  }
}

function format(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

function parse(
  storedHash: string,
): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const [scheme, n, r, p, salt, key] = storedHash.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p), keyLength: 0, saltLength: 0 };
  if (![params.N, params.r, params.p].every((value) => Number.isSafeInteger(value) && value > 0))
    return undefined;
  const keyBytes = Buffer.from(key, 'base64url');
  return keyBytes.length > 0
    ? { params, salt: Buffer.from(salt, 'base64url'), key: keyBytes }
    : undefined;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  // NFKC: the same password typed on different keyboards or systems must hash the same.
  const normalized = password.normalize('NFKC');
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(normalized, salt, params.keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
