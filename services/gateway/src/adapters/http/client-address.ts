import { forwardedChain, type TrustProxy } from '@emporium/kit';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * What a service behind the gateway is told about the client: the forwarded chain the
 * gateway can vouch for, `[client, …trusted proxies, peer]`, never the hops a client made
 * up (with no trusted proxy in front, just the peer), and the scheme the client used.
 * Services believe these headers only from their own TRUSTED_PROXIES (the gateway).
 */
export interface ForwardedHeaders {
  'x-forwarded-for': string;
  'x-forwarded-proto': string;
}

export interface ClientView {
  /** The client's address as far as the trusted proxies let us see. */
  address: string;
  headers: ForwardedHeaders;
}

export function clientViewOf(
  peer: string,
  headers: IncomingHttpHeaders,
  encrypted: boolean,
  trust: TrustProxy,
): ClientView {
  const chain = forwardedChain(peer, headers['x-forwarded-for'], trust);
  const claimedProto = first(headers['x-forwarded-proto']);
  const proto =
    trust(peer) && (claimedProto === 'https' || claimedProto === 'http')
      ? claimedProto
      : encrypted
        ? 'https'
        : 'http';
  return {
    address: chain[0]!,
    headers: { 'x-forwarded-for': chain.join(', '), 'x-forwarded-proto': proto },
  };
}

/** Headers a client could use to masquerade as a proxy; the gateway sets its own. */
export const CLIENT_CLAIMED_HEADERS = [
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-real-ip',
  'forwarded',
] as const;

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(',')[0]?.trim();
}
