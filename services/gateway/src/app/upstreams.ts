import { UPSTREAM_SERVICES } from '@emporium/contracts';
import type { GatewayConfig } from '../config.ts';
import type { ServiceName } from './route-table.ts';

export type Upstreams = ReadonlyMap<ServiceName, string>;

/** Base URLs of the services this deployment runs: `<NAME>_URL` of each deployed manifest entry. */
export function upstreamsOf(config: GatewayConfig): Upstreams {
  const deployed = new Set(config.GATEWAY_SERVICES.split(','));
  const urls = config as unknown as Record<string, string>;
  return new Map(
    UPSTREAM_SERVICES.filter((entry) => deployed.has(entry.name)).map((entry) => [
      entry.name,
      String(urls[entry.urlVariable]).replace(/\/+$/, ''),
    ]),
  );
}
