/**
 * The storefront's session at the gateway (ADR 0032): the refresh token lives only in an
 * `HttpOnly; SameSite=Strict` cookie scoped to the session routes, so page scripts never
 * see it and no other request carries it (not even to the services behind the gateway);
 * the access token travels in JSON and lives in the page's memory.
 */

/** Where the session routes live; the cookie's `Path`, so nothing else is sent the cookie. */
export const SESSION_PATH = '/api/session';

/** The header a session request must carry (a CORS-unsafe one: a foreign page cannot send it). */
export const CSRF_HEADER = 'x-emporium-csrf';
export const CSRF_HEADER_VALUE = '1';

/**
 * Over https the name carries the `__Secure-` prefix, which browsers accept only from a
 * secure origin with `Secure`, so a man in the middle on plain http cannot plant one.
 * (`__Host-` would need `Path=/`, which would send the refresh token with every request.)
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Secure-emporium_session' : 'emporium_session';
}

export interface CookieOptions {
  /** The client reached us over https (directly or through a trusted proxy). */
  secure: boolean;
  /** Seconds the cookie lives; absent: until the browser closes. */
  maxAgeSeconds?: number | undefined;
}

const attributes = (secure: boolean) =>
  [`Path=${SESSION_PATH}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');

/** The `Set-Cookie` value that stores a refresh token. */
export function sessionCookie(refreshToken: string, options: CookieOptions): string {
  const maxAge =
    options.maxAgeSeconds === undefined ? '' : `; Max-Age=${Math.floor(options.maxAgeSeconds)}`;
  return `${sessionCookieName(options.secure)}=${refreshToken}${maxAge}; ${attributes(options.secure)}`;
}

/** The `Set-Cookie` value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${sessionCookieName(secure)}=; Max-Age=0; ${attributes(secure)}`;
}

/** Refresh tokens are base64url; anything else in the cookie is not one of ours. */
const TOKEN = /^[A-Za-z0-9_-]{1,200}$/;

/** The refresh token in a `Cookie` header, if a well-formed one is there. */
export function sessionTokenOf(
  cookieHeader: string | undefined,
  secure: boolean,
): string | undefined {
  if (!cookieHeader) return undefined;
  const name = sessionCookieName(secure);
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator === -1 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    if (TOKEN.test(value)) return value;
  }
  return undefined;
}

export interface SessionRequestFacts {
  /** The `Origin` header, if sent. */
  origin: string | undefined;
  /** The `Sec-Fetch-Site` header, if sent. */
  fetchSite: string | undefined;
  /** The value of the CSRF header, if sent. */
  csrfHeader: string | undefined;
  /** `scheme://host` of this request as the client addressed the gateway. */
  ownOrigin: string | undefined;
}

export type CsrfRefusal =
  { reason: 'cross_origin'; detail: string } | { reason: 'missing_header'; detail: string };

/**
 * Whether a session request may have come from a foreign page. Both checks must pass:
 * the request names its origin (`Origin`, or `Sec-Fetch-Site: same-origin` from a browser
 * that sends no Origin) and it is the gateway's own or an allowed one; and it carries
 * `X-Emporium-CSRF: 1`, which a cross-origin page cannot send without a CORS preflight
 * that the gateway never grants.
 */
export function csrfRefusalOf(
  facts: SessionRequestFacts,
  allowedOrigins: ReadonlySet<string>,
): CsrfRefusal | undefined {
  const { origin, fetchSite, ownOrigin } = facts;
  const allowedOrigin = (value: string) => value === ownOrigin || allowedOrigins.has(value);
  if (origin !== undefined) {
    if (!allowedOrigin(origin))
      return { reason: 'cross_origin', detail: `Origin ${origin} may not use the session` };
  } else if (fetchSite !== 'same-origin') {
    return {
      reason: 'cross_origin',
      detail: 'A session request must name its origin (Origin or Sec-Fetch-Site: same-origin)',
    };
  }
  // A browser's own word about the initiator: a cross-site request is refused unless its
  // origin was allowed explicitly (an allowed origin on another site, say).
  if (
    fetchSite !== undefined &&
    fetchSite !== 'same-origin' &&
    !(origin !== undefined && allowedOrigins.has(origin))
  )
    return { reason: 'cross_origin', detail: `A ${fetchSite} request may not use the session` };
  if (facts.csrfHeader !== CSRF_HEADER_VALUE)
    return {
      reason: 'missing_header',
      detail: `A session request must carry ${CSRF_HEADER}: ${CSRF_HEADER_VALUE}`,
    };
  return undefined;
}

/** `GATEWAY_SESSION_ORIGINS` → the set of allowed origins; a malformed entry fails the start. */
export function parseAllowedOrigins(value: string): ReadonlySet<string> {
  const origins = new Set<string>();
  for (const entry of value.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`GATEWAY_SESSION_ORIGINS: "${entry}" is not an origin`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== entry)
      throw new Error(
        `GATEWAY_SESSION_ORIGINS: "${entry}" is not an origin (scheme://host[:port], nothing else)`,
      );
    origins.add(entry);
  }
  return origins;
}
