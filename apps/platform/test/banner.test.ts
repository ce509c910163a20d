import { describe, expect, it } from 'vitest';
import { renderBanner, renderDistributedBanner } from '../src/banner.ts';

const urls = {
  accounts: 'http://127.0.0.1:4006',
  catalog: 'http://127.0.0.1:4001',
  gateway: 'http://127.0.0.1:8080',
};

describe('the npm start banner', () => {
  it('when the admin has the default password, then the banner shows it with a warning', () => {
    const banner = renderBanner({
      seconds: '1.0',
      dataDir: './data',
      urls,
      admin: { email: 'admin@emporium.local', defaultPassword: 'admin-password' },
    });
    expect(banner).toContain('{"email":"admin@emporium.local","password":"admin-password"}');
    expect(banner).toMatch(/default password: set ADMIN_PASSWORD/);
  });

  it('when ADMIN_EMAIL and ADMIN_PASSWORD are configured, then it shows that email and never a password', () => {
    const banner = renderBanner({
      seconds: '1.0',
      dataDir: './data',
      urls,
      admin: { email: 'ops@shop.example' },
    });
    expect(banner).toContain('{"email":"ops@shop.example","password":"<ADMIN_PASSWORD>"}');
    expect(banner).not.toContain('admin-password');
    expect(banner).not.toMatch(/default password/);
  });

  it('when services are listed, then each but the gateway gets its docs link, from the urls given', () => {
    const banner = renderBanner({
      seconds: '1.0',
      dataDir: './data',
      urls,
      admin: { email: 'a@b' },
    });
    expect(banner).toContain('http://127.0.0.1:4001/docs   (catalog)');
    expect(banner).toContain('http://127.0.0.1:4006/docs   (accounts)');
    expect(banner).toContain('Storefront       http://127.0.0.1:8080/');
  });
});

describe('the npm run start:distributed banner', () => {
  const facts = { seconds: '4.2', dataDir: '/tmp/d', urls, adminEmail: 'ops@shop.example' };

  it('when the services are ready, then it names the mode, the docs of each service and the admin login without a password', () => {
    const banner = renderDistributedBanner({ ...facts, generatedCredentials: true });
    expect(banner).toContain('ready in 4.2 s (distributed mode');
    expect(banner).toContain('http://127.0.0.1:4001/docs   (catalog)');
    expect(banner).toContain('{"email":"ops@shop.example","password":"<ADMIN_PASSWORD>"}');
    expect(banner).toContain('seeds no demo catalog');
    expect(banner).not.toContain('admin-password');
  });

  it('when SERVICE_CREDENTIALS were generated or given, then the banner says which', () => {
    expect(renderDistributedBanner({ ...facts, generatedCredentials: true })).toMatch(
      /SERVICE_CREDENTIALS generated for this run/,
    );
    expect(renderDistributedBanner({ ...facts, generatedCredentials: false })).toMatch(
      /SERVICE_CREDENTIALS as given/,
    );
  });
});
