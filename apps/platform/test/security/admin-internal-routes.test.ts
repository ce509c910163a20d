import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeAccessRuleOf } from '@emporium/gateway';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../embedded-platform.ts';
import {
  SECURITY_ENV,
  concrete,
  edgeRuleSamples,
  operationsOf,
  signUpCustomer,
  statusOf,
  targetsOf,
  type Operation,
} from './attack-surface.ts';

/** What a caller without the role may see of an admin or internal route. */
const REFUSALS = new Set([401, 403, 404]);

/** Edge audiences that keep customers out (a `customer` rule only keeps out anonymous callers). */
const GUARDED_AUDIENCES = new Set(['admin', 'internal']);

/** The `/api` path the gateway answers an operation at. */
const apiPathOf = (operation: Operation) =>
  operation.service === 'gateway' ? operation.template : `/api${operation.template}`;

describe('a customer and an anonymous caller never get through an admin or internal route', () => {
  let embedded: EmbeddedPlatform;
  let operations: Operation[];
  let callers: [string, string | undefined][];

  beforeAll(async () => {
    embedded = await startEmbeddedPlatform('security-routes', SECURITY_ENV);
    operations = await operationsOf(embedded);
    const customer = await signUpCustomer(embedded.api, 'carol@example.com');
    callers = [
      ['anonymous', undefined],
      ['customer', customer.authorization],
    ];
  });
  afterAll(() => embedded?.close());

  const guarded = () => operations.filter((operation) => operation.access !== undefined);

  it('when the OpenAPI documents are read, then every service lists its admin and internal routes', () => {
    const services = new Set(guarded().map((operation) => operation.service));
    // Every service that runs an event consumer or has admin writes documents some; the
    // list grows by itself as routes are added.
    for (const name of ['catalog', 'pricing', 'inventory', 'gateway'])
      expect(services).toContain(name);
    expect(guarded().filter((operation) => operation.access === 'internal').length).toBeGreaterThan(
      0,
    );
  });

  it('when every admin and internal route of every service is called through the gateway and on its own port, then none answers a customer or an anonymous caller', async () => {
    const holes: string[] = [];
    for (const operation of guarded())
      for (const target of targetsOf(embedded, operation))
        for (const [who, authorization] of callers) {
          const status = await statusOf(operation.method, target.url, authorization);
          if (!REFUSALS.has(status))
            holes.push(`${who} ${operation.method} ${target.url} (${target.via}) → ${status}`);
        }
    expect(holes).toEqual([]);
  });

  it('when every edge rule is tried through the gateway, then an anonymous caller is refused, and a customer too unless the rule is for customers', async () => {
    const holes: string[] = [];
    for (const sample of edgeRuleSamples())
      for (const [who, authorization] of callers) {
        // Customer rules (signed-in customers' own routes) only keep anonymous callers out.
        if (who === 'customer' && !GUARDED_AUDIENCES.has(sample.audience)) continue;
        const url = `${embedded.platform.urls['gateway']}${sample.path}`;
        const status = await statusOf(sample.method, url, authorization);
        if (!REFUSALS.has(status)) holes.push(`${who} ${sample.method} ${sample.path} → ${status}`);
      }
    expect(holes).toEqual([]);
  });

  it('when a service documents an admin or internal route, then the gateway guards it too, for the same audience', () => {
    const unguarded = guarded()
      .filter((operation) => operation.method !== 'HEAD')
      .filter((operation) => {
        const rule = edgeAccessRuleOf(operation.method, concrete(apiPathOf(operation)));
        // The services' own /admin routes are reached at the gateway's /api/admin (admin).
        const expected = operation.template.startsWith('/admin') ? 'admin' : operation.access;
        return rule?.audience !== expected;
      })
      .map((operation) => `${operation.service} ${operation.method} ${operation.template}`);
    expect(unguarded).toEqual([]);
  });

  it('when the gateway guards a documented route, then the service guards it too (defence in depth)', () => {
    const unguarded = operations
      .filter((operation) => operation.service !== 'gateway' && operation.method !== 'HEAD')
      .filter((operation) => {
        const rule = edgeAccessRuleOf(operation.method, concrete(apiPathOf(operation)));
        return rule !== undefined && GUARDED_AUDIENCES.has(rule.audience);
      })
      .filter((operation) => operation.access === undefined)
      .map((operation) => `${operation.service} ${operation.method} ${operation.template}`);
    expect(unguarded).toEqual([]);
  });

  it('when an admin calls an admin route, then it is let through (the refusals above are about the role)', async () => {
    const response = await fetch(`${embedded.api}/admin/system`, { headers: embedded.admin });
    expect(response.status).toBe(200);
    const promotions = await fetch(`${embedded.api}/promotions`, { headers: embedded.admin });
    expect(promotions.status).toBe(200);
  });
});
