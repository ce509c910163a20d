import { describe, expect, it } from 'vitest';
import { UPSTREAM_SERVICES, manifestEntry } from '@emporium/contracts';
import { distributedEnvOf } from '../src/distributed-env.ts';

describe('the environment start:distributed gives each service', () => {
  it('when the catalog is started, then it gets its manifest variables, its port, its own data folder and the distributed mode', () => {
    const env = distributedEnvOf(manifestEntry('catalog'), { CATALOG_PORT: '5001' }, '/data');
    expect(env).toMatchObject({
      EMPORIUM_MODE: 'distributed',
      EVENT_BUS: 'kafka',
      CATALOG_PORT: '5001',
      CATALOG_STORE: 'dynamodb',
      SEARCH: 'opensearch',
      MEDIA: 's3',
      DATA_DIR: '/data/catalog',
    });
  });

  it('when the gateway is started, then it reaches every upstream at its port and the token keys at accounts', () => {
    const env = distributedEnvOf(manifestEntry('gateway'), { ACCOUNTS_PORT: '5006' }, '/data');
    expect(env).toMatchObject({
      GATEWAY_PORT: '8080',
      CATALOG_URL: 'http://127.0.0.1:4001',
      ACCOUNTS_URL: 'http://127.0.0.1:5006',
      AUTH_JWKS_URL: 'http://127.0.0.1:5006/.well-known/jwks.json',
      GATEWAY_SERVICES: UPSTREAM_SERVICES.map((entry) => entry.name).join(','),
    });
  });

  it('when the caller sets a manifest variable, then the caller wins', () => {
    const url = 'postgres://emporium:emporium@127.0.0.1:15432/other';
    const env = distributedEnvOf(
      manifestEntry('accounts'),
      { ACCOUNTS_DATABASE_URL: url },
      '/data',
    );
    expect(env['ACCOUNTS_DATABASE_URL']).toBe(url);
    expect(env['ACCOUNTS_STORE']).toBe('postgres');
  });
});
