import { GATEWAY } from '@emporium/contracts';

export interface BannerFacts {
  seconds: string;
  dataDir: string;
  /** Bound address of every service, by manifest name. */
  urls: Record<string, string>;
  /** `defaultPassword` only when the admin still has it: a configured one never gets here. */
  admin: { email: string; defaultPassword?: string };
}

/**
 * What `npm start` prints once it listens. The admin password appears only when it is
 * the well-known default (with a warning); a configured one is never printed.
 */
export function renderBanner({ seconds, dataDir, urls, admin }: BannerFacts): string {
  const gateway = urls[GATEWAY];
  const docs = Object.entries(urls)
    .filter(([name]) => name !== GATEWAY)
    .map(([name, url]) => `${url}/docs   (${name})`)
    .join('   ');
  const password = admin.defaultPassword
    ? `"password":"${admin.defaultPassword}"}   (the default password: set ADMIN_PASSWORD outside local development)`
    : `"password":"<ADMIN_PASSWORD>"}`;
  return `
Emporium is ready in ${seconds} s (embedded mode, data in ${dataDir})
  Storefront       ${gateway}/
  API              ${gateway}/api/products
  Search           ${gateway}/api/search?q=headphones
  API docs         ${docs}
  Admin login      POST ${gateway}/api/auth/login  {"email":"${admin.email}",${password}
  Health           ${gateway}/health/ready
Press Ctrl+C to stop.`;
}

export interface DistributedBannerFacts {
  seconds: string;
  dataDir: string;
  /** Address of every service, by manifest name. */
  urls: Record<string, string>;
  adminEmail: string;
  /** Whether this run generated SERVICE_CREDENTIALS (rather than taking them from the caller). */
  generatedCredentials: boolean;
}

/**
 * What `npm run start:distributed` prints once every service answers ready. The admin
 * password is never printed: distributed mode refuses the default, so it is the caller's.
 */
export function renderDistributedBanner(facts: DistributedBannerFacts): string {
  const { seconds, dataDir, urls, adminEmail, generatedCredentials } = facts;
  const gateway = urls[GATEWAY];
  const services = Object.entries(urls)
    .filter(([name]) => name !== GATEWAY)
    .map(([name, url]) => `${url}/docs   (${name})`)
    .join('   ');
  const credentials = generatedCredentials
    ? 'SERVICE_CREDENTIALS generated for this run (set it to start a service outside this launcher)'
    : 'SERVICE_CREDENTIALS as given';
  return `
Emporium is ready in ${seconds} s (distributed mode: one process per service, data in ${dataDir})
  API              ${gateway}/api/products   (distributed mode seeds no demo catalog)
  API docs         ${services}
  Admin login      POST ${gateway}/api/auth/login  {"email":"${adminEmail}","password":"<ADMIN_PASSWORD>"}
  Health           ${gateway}/health/ready
  Service tokens   ${credentials}
Press Ctrl+C to stop.`;
}
