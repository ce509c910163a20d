import { BlockList, isIP } from 'node:net';

/** Whether a peer address belongs to a proxy whose forwarded headers may be believed. */
export type TrustProxy = (address: string) => boolean;

/** The same names proxy-addr (and so Express and Fastify) understand. */
const NAMED_RANGES: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * Parses a TRUSTED_PROXIES-style list: comma-separated addresses, CIDR ranges and the
 * names `loopback`, `linklocal`, `uniquelocal`. An empty list trusts nobody. IPv4-mapped
 * IPv6 peers (`::ffff:127.0.0.1`) match their IPv4 range. Throws on a bad entry, so a typo
 * stops start-up instead of silently trusting nobody (or everybody).
 */
export function trustedProxies(list: string): TrustProxy {
  const entries = list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return () => false;
  const ranges = new BlockList();
  for (const entry of entries)
    for (const range of NAMED_RANGES[entry] ?? [entry]) add(ranges, range);
  return (address) => {
    const family = isIP(address);
    return family !== 0 && ranges.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}

function add(ranges: BlockList, entry: string): void {
  const [address = '', prefixText, extra] = entry.split('/');
  const family = isIP(address);
  const maxPrefix = family === 6 ? 128 : 32;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (
    family === 0 ||
    extra !== undefined ||
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > maxPrefix
  )
    throw new Error(
      `Trusted proxy "${entry}" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal`,
    );
  ranges.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client and the proxies in front of us, nearest last, as far as they can be believed:
 * the peer, then each X-Forwarded-For hop from the right while the hop before it is trusted.
 * `[client, …trusted proxies, peer]`; with nobody trusted, just `[peer]`.
 */
export function forwardedChain(
  peer: string,
  forwardedFor: string | string[] | undefined,
  trust: TrustProxy,
): string[] {
  if (forwardedFor === undefined || !trust(peer)) return [peer];
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const chain = [peer];
  let nearest = peer;
  while (hops.length > 0 && trust(nearest)) {
    nearest = hops.pop()!;
    if (isIP(nearest) === 0) break;
    chain.unshift(nearest);
  }
  return chain;
}
