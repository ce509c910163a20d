import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Every service answers JSON, so its default Content-Security-Policy is the strictest one:
 * a response rendered as a page may load nothing and be framed by nobody. Pages set their
 * own policy over it: the swagger-ui page at /docs (its `staticCSP`, with hashes of its
 * inline code) and the storefront (the gateway's static files).
 */
export const API_CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
};

const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: API_CONTENT_SECURITY_POLICY,
  enableCSPNonces: false,
  // Product images and public catalog data are meant to be loaded from other origins (the
  // page on 127.0.0.1 and media on localhost, a CDN in production). Private data needs a
  // bearer token, which a no-cors request never carries, so same-origin would only break pages.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  frameguard: { action: 'deny' },
};

/** helmet's usual headers (nosniff, HSTS, frame and referrer policies, …) on every response. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, HELMET_OPTIONS);
}

/**
 * The core of the same set, for the few answers written before Fastify's hooks run
 * (a malformed URL, an unparseable request on the socket).
 */
export const BARE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};
