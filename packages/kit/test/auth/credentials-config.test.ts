import { describe, expect, it } from 'vitest';
import {
  defaultServiceSecret,
  generateServiceCredentials,
  ownServiceCredentials,
  parseServiceCredentials,
} from '../../src/auth/credentials-config.ts';

describe('SERVICE_CREDENTIALS', () => {
  it('when a launcher generates credentials, then each service gets a distinct secret that parses', () => {
    const text = generateServiceCredentials(['catalog', 'gateway']);
    const { clients, problems } = parseServiceCredentials(text);
    expect(problems).toEqual([]);
    expect([...clients.keys()]).toEqual(['catalog', 'gateway']);
    expect(clients.get('catalog')).not.toBe(clients.get('gateway'));
    expect(generateServiceCredentials(['catalog'])).not.toBe(
      generateServiceCredentials(['catalog']),
    );
  });

  it('when a service reads its own entry, then it gets it, or the embedded default when absent', () => {
    const text = 'catalog:catalog-secret-0123456,gateway:gateway-secret-0123456';
    expect(ownServiceCredentials('gateway', text)).toEqual({
      clientId: 'gateway',
      clientSecret: 'gateway-secret-0123456',
    });
    expect(ownServiceCredentials('cart', text).clientSecret).toBe(defaultServiceSecret('cart'));
  });

  it('when entries are malformed, short or repeated, then every problem is listed', () => {
    const { problems } = parseServiceCredentials(
      'catalog:short, Bad:0123456789abcdef, gateway:0123456789abcdef, gateway:0123456789abcdef, cart',
    );
    expect(problems).toEqual([
      'the secret of catalog must be at least 16 characters',
      '"Bad" is not a service name',
      'gateway is listed twice',
      'the secret of cart must be at least 16 characters',
    ]);
  });
});
