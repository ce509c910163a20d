import { createHash, timingSafeEqual } from 'node:crypto';

/** The services that call others, each with its client id; the embedded defaults cover them all. */
export const PLATFORM_SERVICES = [
  'catalog',
  'pricing',
  'inventory',
  'cart',
  'orders',
  'accounts',
  'notifications',
  'recommendations',
  'gateway',
] as const;

const CLIENT_ID = /^[a-z][a-z0-9-]{0,39}$/;
const MIN_SECRET_LENGTH = 16;

/**
 * Parses `SERVICE_CREDENTIALS` (`catalog:secret,gateway:secret,…`) into client id → secret.
 * Returns the problems instead of throwing so config loading can list them all.
 */
export function parseServiceCredentials(text: string): {
  clients: Map<string, string>;
  problems: string[];
} {
  const clients = new Map<string, string>();
  const problems: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    const colon = entry.indexOf(':');
    const clientId = colon < 0 ? entry : entry.slice(0, colon);
    const secret = colon < 0 ? '' : entry.slice(colon + 1);
    if (!CLIENT_ID.test(clientId)) problems.push(`"${clientId}" is not a service name`);
    else if (secret.length < MIN_SECRET_LENGTH)
      problems.push(`the secret of ${clientId} must be at least ${MIN_SECRET_LENGTH} characters`);
    else if (clients.has(clientId)) problems.push(`${clientId} is listed twice`);
    else clients.set(clientId, secret);
  }
  return { clients, problems };
}

/**
 * Compares secrets in time independent of where they differ: both are hashed first, so
 * the comparison also does not reveal the stored secret's length.
 */
export function secretsMatch(presented: string, stored: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(stored));
}
