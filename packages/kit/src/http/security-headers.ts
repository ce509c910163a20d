import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * Every service answers JSON, so its default Content-Security-Policy is the strictest one:
 * a response rendered as a page may load nothing and be framed by nobody. Pages set their
 * own policy over it: the swagger-ui page at /docs (its `staticCSP`, with hashes of its
 * inline code) and the storefront (the gateway's static files).
 */
export const API_CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    // OWASP's policy for API answers: nothing loads, nobody frames. base-uri and
    // form-action matter only to pages, which set their own policy.
    defaultSrc: ["'none'"],
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

/** What a response carries before helmet: not part of helmet's set. */
const NOT_HELMET = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * The part of helmet's set that protects a JSON API response, as OWASP's REST Security
 * Cheat Sheet lists it: no sniffing, no framing, nothing loaded if it is opened as a page,
 * HTTPS only. The rest of helmet's set governs how a browser treats a *document*
 * (referrer, DNS prefetch, downloads, opener isolation, Flash policies, the legacy XSS
 * auditor, cross-origin embedding): pages get those too (`pageOnlySecurityHeaders`).
 * Every header costs each of millions of answers its bytes and its parsing on both ends:
 * all twelve cost a fifth of a product read's throughput (wrk against the same build).
 * Without a Cross-Origin-Resource-Policy header, images and public JSON stay loadable
 * across origins (the page on 127.0.0.1, media on localhost, a CDN in production).
 */
const API_HEADERS = new Set([
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
]);

let helmetHeaders: Promise<ReadonlyArray<[string, string]>> | undefined;

/**
 * helmet's headers for HELMET_OPTIONS, as @fastify/helmet itself produces them, taken once
 * per process from a probe server. The plugin rebuilds its middleware on every request
 * (measured: about 35 µs, a third of a small read); the headers are the same every time.
 */
function securityHeaders(): Promise<ReadonlyArray<[string, string]>> {
  helmetHeaders ??= (async () => {
    const probe = Fastify();
    await probe.register(helmet, HELMET_OPTIONS);
    probe.get('/', async () => '');
    const response = await probe.inject({ url: '/' });
    await probe.close();
    return Object.entries(response.headers)
      .filter(([name]) => !NOT_HELMET.has(name))
      .map(([name, value]) => [name, String(value)] as [string, string]);
  })();
  return helmetHeaders;
}

/**
 * helmet's headers that a document needs beyond an API answer's, for routes that serve
 * pages (the storefront's HTML) to add: `reply.headers(await pageOnlySecurityHeaders())`.
 */
export async function pageOnlySecurityHeaders(): Promise<Readonly<Record<string, string>>> {
  const headers = await securityHeaders();
  return Object.fromEntries(headers.filter(([name]) => !API_HEADERS.has(name)));
}

/**
 * helmet's API headers (nosniff, CSP, HSTS, frame and referrer policies) on every response,
 * errors and 404s included. A route that sets its own policy (the docs page, the storefront)
 * replaces them.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  const headers = (await securityHeaders()).filter(([name]) => API_HEADERS.has(name));
  app.addHook('onRequest', (_request, reply, done) => {
    // Fastify's own header map, not the raw response: Node then writes every header in one
    // pass (a header set on the raw response sends writeHead down its slow path, which
    // re-sets each of Fastify's headers one by one). A route's later `reply.header` of the
    // same name still replaces ours.
    for (const [name, value] of headers) reply.header(name, value);
    done();
  });
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
