import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { pageOnlySecurityHeaders, type HttpServer } from '@emporium/kit';

export interface StorefrontOptions {
  /** Directory holding `index.html` and its assets (relative paths resolve from the cwd). */
  root: string;
}

/**
 * Serves the storefront single page at `/` and its assets by name. Only the files found at
 * start-up get a route (no catch-all), so `/api/*`, `/health/*`, `/metrics`, `/docs` and
 * `/openapi.json` can never be shadowed and an unknown path keeps the problem+json 404.
 * No build step means no content hashes in file names: the page revalidates on every load
 * (cheap, thanks to ETag / Last-Modified) and assets are cached for a few minutes.
 */
export async function registerStorefront(
  app: HttpServer,
  options: StorefrontOptions,
): Promise<void> {
  const pageHeaders = Object.entries(await pageOnlySecurityHeaders());
  await app.register(fastifyStatic, {
    root: resolve(options.root),
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    decorateReply: false,
    dotfiles: 'ignore',
    cacheControl: false,
    setHeaders(reply, path) {
      const page = path.endsWith('.html');
      reply.header('cache-control', page ? 'no-cache' : 'public, max-age=300');
      // nosniff and the rest come from the kit's security headers; pages replace its API
      // policy with their own.
      if (page) {
        // A document also gets the part of helmet's set that only pages need.
        for (const [name, value] of pageHeaders) reply.header(name, value);
        reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
        reply.header('referrer-policy', 'same-origin');
      }
    },
  });
}

/** Everything is local; product images may live on the media host, hence http(s) images. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: http: https:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
