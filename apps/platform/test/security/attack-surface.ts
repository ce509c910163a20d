import { SERVICE_MANIFEST } from '@emporium/contracts';
import { EDGE_ACCESS_RULES } from '@emporium/gateway';
import { ROUTE_ACCESS_EXTENSION, type RouteAccess } from '@emporium/kit';
import type { EmbeddedPlatform } from '../embedded-platform.ts';

/** One operation of a service's `/openapi.json`. */
export interface Operation {
  service: string;
  method: string;
  /** The path template as documented, e.g. `/reservations/{id}/commit`. */
  template: string;
  access: RouteAccess | undefined;
  /** Documented as taking a bearer token. */
  secured: boolean;
}

/** Where a request goes: the gateway (`/api` + path) or the service's own port. */
export interface Target {
  via: string;
  url: string;
}

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

/** Every documented operation of every service in the manifest, read from its OpenAPI document. */
export async function operationsOf(embedded: EmbeddedPlatform): Promise<Operation[]> {
  const operations: Operation[] = [];
  for (const entry of SERVICE_MANIFEST) {
    const base = embedded.platform.urls[entry.name];
    if (!base) throw new Error(`No URL for ${entry.name}`);
    const document = (await (await fetch(`${base}/openapi.json`)).json()) as {
      paths?: Record<string, Record<string, Record<string, unknown>>>;
    };
    for (const [template, item] of Object.entries(document.paths ?? {}))
      for (const [method, operation] of Object.entries(item)) {
        if (!METHODS.includes(method)) continue;
        operations.push({
          service: entry.name,
          method: method.toUpperCase(),
          template,
          access: operation[ROUTE_ACCESS_EXTENSION] as RouteAccess | undefined,
          secured: Array.isArray(operation['security']) && operation['security'].length > 0,
        });
      }
  }
  return operations;
}

/** A concrete path for a template: every `{param}` becomes a harmless sample value. */
export const concrete = (template: string) =>
  template.replaceAll(/\{([^}]+)\}/g, (_match, name: string) => `sec-${name}`);

/**
 * Where to send an operation: through the gateway (the gateway's own routes already start
 * with `/api`) and, for a service, also straight to its own port.
 */
export function targetsOf(embedded: EmbeddedPlatform, operation: Operation): Target[] {
  const path = concrete(operation.template);
  const gateway = embedded.platform.urls['gateway']!;
  if (operation.service === 'gateway') return [{ via: 'gateway', url: `${gateway}${path}` }];
  return [
    { via: 'gateway', url: `${embedded.api}${path}` },
    { via: operation.service, url: `${embedded.platform.urls[operation.service]}${path}` },
  ];
}

/**
 * Requests that the edge rules guard, one per rule and method kind: `*` becomes a sample
 * segment, and each rule is tried at its own path and one segment below it.
 */
export function edgeRuleSamples(): { method: string; path: string; audience: string }[] {
  const samples: { method: string; path: string; audience: string }[] = [];
  // Every rule keeps out anonymous callers; customer rules (`customer`) let customers in.
  for (const rule of EDGE_ACCESS_RULES) {
    const base = rule.path.replaceAll('*', 'sec-segment');
    const methods =
      rule.methods === 'all'
        ? ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
        : ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
    for (const path of [base, `${base}/sec-below`])
      for (const method of methods) samples.push({ method, path, audience: rule.audience });
  }
  return samples;
}

const BODYLESS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * One request with a bounded wait; the body is read (and so an event stream that should
 * not have opened is cut at once). Answers the status.
 */
export async function statusOf(
  method: string,
  url: string,
  authorization: string | undefined,
): Promise<number> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(BODYLESS.has(method) ? {} : { 'content-type': 'application/json' }),
    },
    ...(BODYLESS.has(method) ? {} : { body: '{}' }),
    signal: AbortSignal.timeout(10_000),
  });
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/event-stream')) await response.body?.cancel();
  else await response.arrayBuffer();
  return response.status;
}

/** A customer registered and signed in through the gateway's API routes. */
export async function signUpCustomer(
  api: string,
  email: string,
): Promise<{ authorization: string; accessToken: string }> {
  const password = 'Quiet-Harbor-Lantern-93';
  const headers = { 'content-type': 'application/json' };
  const registered = await fetch(`${api}/auth/register`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password, name: 'Security Tester' }),
  });
  if (registered.status !== 201) throw new Error(`register answered ${registered.status}`);
  const login = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}`, accessToken };
}

/** Environment of the security platforms: the per-client rate limit is not under test here. */
export const SECURITY_ENV = { RATE_LIMIT_PER_CLIENT: '0', SEED_PRODUCTS: '0' };
