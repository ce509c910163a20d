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
