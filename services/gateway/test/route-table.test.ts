import { describe, expect, it } from 'vitest';
import { SERVICE_MANIFEST, UPSTREAM_SERVICES } from '@emporium/contracts';
import { startService } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';
import { SERVICES, resolveRoute } from '../src/app/route-table.ts';
import { gatewayService } from '../src/service.ts';

describe('the gateway reads its routes and upstreams from the service manifest', () => {
  it('when a resource is listed for a service in the manifest, then /api/<resource> goes to that service', () => {
    for (const entry of SERVICE_MANIFEST)
      for (const resource of entry.resources)
        expect(resolveRoute(`/api/${resource}/x?y=1`)).toEqual({
          service: entry.name,
          path: `/${resource}/x?y=1`,
        });
    expect(SERVICES).toEqual(UPSTREAM_SERVICES.map((entry) => entry.name));
  });

  it('when no service of the manifest owns a resource, then it is not routed', () => {
    expect(resolveRoute('/api/widgets/W-1')).toBeUndefined();
  });

  it('when nothing is configured, then every upstream of the manifest is deployed at its default port', async () => {
    const gateway = await startService(gatewayService, {
      env: { LOG_LEVEL: 'silent', GATEWAY_PORT: '0' },
      logger: silentLogger,
      processMetrics: false,
    });
    try {
      expect([...gateway.stores.upstreams.keys()]).toEqual(SERVICES);
      expect(gateway.config.GATEWAY_SERVICES).toBe(SERVICES.join(','));
      for (const entry of UPSTREAM_SERVICES)
        expect((gateway.config as Record<string, unknown>)[entry.urlVariable]).toBe(
          `http://127.0.0.1:${entry.defaultPort}`,
        );
    } finally {
      await gateway.close();
    }
  });
});
