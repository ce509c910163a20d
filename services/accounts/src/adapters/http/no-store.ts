import type { HttpServer } from '@emporium/kit';

/** Token and account routes, present and future: `/auth/*` and `/accounts/*`. */
const PRIVATE_ROUTES = /^\/(auth|accounts)(\/|\?|$)/;

/**
 * Tokens and account data must never sit in a browser's, proxy's or CDN's cache: every
 * answer of those routes, errors included, carries `Cache-Control: no-store` (and
 * `Pragma: no-cache` for HTTP/1.0 caches). Set on request, so error answers keep it.
 */
export function registerNoStore(app: HttpServer): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!PRIVATE_ROUTES.test(request.url)) return;
    reply.header('cache-control', 'no-store');
    reply.header('pragma', 'no-cache');
  });
}
