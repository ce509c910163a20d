import { randomBytes } from 'node:crypto';

/**
 * `SERVICE_CREDENTIALS`: `catalog:secret,gateway:secret,…`. The accounts service reads every
 * entry (the registered clients); a calling service reads its own entry. One variable name
 * everywhere, so the embedded platform (one process, one environment) and the distributed
 * launcher (the same value to every process) stay consistent; on AWS each service is given
 * only its own entry.
 */
export interface ParsedServiceCredentials {
  clients: Map<string, string>;
  problems: string[];
}

const CLIENT_ID = /^[a-z][a-z0-9-]{0,39}$/;
export const MIN_SERVICE_SECRET_LENGTH = 16;

/**
 * The secret every service uses in embedded mode when none is configured. Public on
 * purpose (a newcomer's `npm start` must work); accounts refuses it outside embedded mode.
 */
export function defaultServiceSecret(serviceName: string): string {
  return `embedded-${serviceName}-secret`;
}

/** Client id → secret; problems are returned, not thrown, so config loading can list them all. */
export function parseServiceCredentials(text: string): ParsedServiceCredentials {
  const clients = new Map<string, string>();
  const problems: string[] = [];
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (!entry) continue;
    const colon = entry.indexOf(':');
    const clientId = colon < 0 ? entry : entry.slice(0, colon);
    const secret = colon < 0 ? '' : entry.slice(colon + 1);
    if (!CLIENT_ID.test(clientId)) problems.push(`"${clientId}" is not a service name`);
    else if (secret.length < MIN_SERVICE_SECRET_LENGTH)
      problems.push(
        `the secret of ${clientId} must be at least ${MIN_SERVICE_SECRET_LENGTH} characters`,
      );
    else if (clients.has(clientId)) problems.push(`${clientId} is listed twice`);
    else clients.set(clientId, secret);
  }
  return { clients, problems };
}

/** A calling service's own credentials: its entry, or the embedded default when it has none. */
export function ownServiceCredentials(
  serviceName: string,
  serviceCredentials = '',
): { clientId: string; clientSecret: string } {
  const { clients } = parseServiceCredentials(serviceCredentials);
  return {
    clientId: serviceName,
    clientSecret: clients.get(serviceName) ?? defaultServiceSecret(serviceName),
  };
}

/**
 * Fresh random credentials for `names`, as a `SERVICE_CREDENTIALS` value: what a launcher
 * generates once per run and hands to every process (accounts and the callers alike).
 */
export function generateServiceCredentials(names: readonly string[]): string {
  return names.map((name) => `${name}:${randomBytes(24).toString('base64url')}`).join(',');
}
