import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

type Fn = (...args: unknown[]) => unknown;
async function load(file: string) {
  return (await import(new URL(`../public/${file}`, import.meta.url).href)) as Record<
    string,
    unknown
  >;
}
const addressModel = await load('address-model.js');
const returnsModel = await load('returns-model.js');
const fn = (model: Record<string, unknown>, name: string): Fn => {
  const found = model[name];
  if (typeof found !== 'function') throw new Error(`no export ${name}`);
  return found as Fn;
};
const validateAddress = fn(addressModel, 'validateAddress');
const addressPatch = fn(addressModel, 'addressPatch');
const fieldErrorsOf = fn(addressModel, 'fieldErrorsOf');
const returnableLines = fn(returnsModel, 'returnableLines');
const canReturn = fn(returnsModel, 'canReturn');
const validateReturn = fn(returnsModel, 'validateReturn');
const returnRequest = fn(returnsModel, 'returnRequest');
const lineName = fn(returnsModel, 'lineName');

const address = {
  name: 'Ada',
  line1: '1 Main St',
  city: 'Springfield',
  postalCode: '12345',
  country: 'US',
};

describe('the address form checks what accounts checks', () => {
  it('when the country is two letters but not an assigned code, then it is refused like accounts refuses it', () => {
    expect(validateAddress({ ...address, country: 'QQ' })).toEqual({
      country: 'QQ is not a country code we know. Use one like US or DE.',
    });
    expect(validateAddress({ ...address, country: 'DE' })).toEqual({});
  });

  it('when the phone has letters or is too short, then it is named; a usual number passes', () => {
    expect(Object.keys(validateAddress({ ...address, phone: 'call me' }) as object)).toEqual([
      'phone',
    ]);
    expect(Object.keys(validateAddress({ ...address, phone: '12' }) as object)).toEqual(['phone']);
    expect(validateAddress({ ...address, phone: '+1 (555) 010-2030' })).toEqual({});
  });

  it('when a field holds a control or bidi-override character, then it is refused', () => {
    expect(Object.keys(validateAddress({ ...address, line1: 'Main\u202E St' }) as object)).toEqual([
      'line1',
    ]);
    expect(
      Object.keys(validateAddress({ ...address, city: 'Spring\u0007field' }) as object),
    ).toEqual(['city']);
  });

  it('when the storefront’s country list is compared with the accounts service’s, then they are the same codes', async () => {
    const source = await readFile(
      new URL('../../../services/accounts/src/domain/countries.ts', import.meta.url),
      'utf8',
    );
    const block = source.slice(
      source.indexOf('const CODES'),
      source.indexOf(';', source.indexOf('const CODES')),
    );
    const accounts = [...block.matchAll(/\b[A-Z]{2}\b/g)].map((match) => match[0]).sort();
    expect(accounts.length).toBe(249);
    expect([...(addressModel['COUNTRY_CODES'] as Set<string>)].sort()).toEqual(accounts);
  });

  it('when an address is edited, then the patch holds only the changed fields, and an emptied optional one is null', () => {
    const before = { ...address, line2: 'Flat 2', phone: '555 0100' };
    expect(addressPatch(before, { ...address, city: 'Shelbyville', phone: '555 0100' })).toEqual({
      city: 'Shelbyville',
      line2: null,
    });
    expect(addressPatch(before, before)).toEqual({});
  });

  it('when the API names fields in its refusal, then the form marks those it has', () => {
    const error = {
      fields: [
        { field: 'body.phone', message: 'must match pattern' },
        { field: 'body.extra', message: 'is not allowed' },
      ],
    };
    expect(fieldErrorsOf(error)).toEqual({ phone: 'This phone must match pattern.' });
    expect(fieldErrorsOf(new Error('boom'))).toEqual({});
  });
});

const delivered = {
  status: 'delivered',
  lines: [
    { sku: 'LAMP', name: 'Brass lamp', quantity: 3, returnedQuantity: 1 },
    { sku: 'BULB', name: null, quantity: 1, returnedQuantity: 0 },
  ],
  returns: [
    { status: 'requested', lines: [{ sku: 'LAMP', quantity: 1 }] },
    { status: 'refunded', lines: [{ sku: 'LAMP', quantity: 1 }] },
  ],
};

describe('returns in the storefront', () => {
  it('when units came back or an open return claims them, then they are not returnable again', () => {
    expect(returnableLines(delivered)).toEqual([
      { sku: 'LAMP', name: 'Brass lamp', left: 1 },
      { sku: 'BULB', name: 'BULB', left: 1 },
    ]);
    expect(canReturn(delivered)).toBe(true);
    expect(canReturn({ ...delivered, status: 'shipped' })).toBe(false);
    expect(
      canReturn({ ...delivered, lines: [{ sku: 'LAMP', quantity: 1, returnedQuantity: 1 }] }),
    ).toBe(false);
  });

  it('when the form asks for nothing, too much, or gives no reason, then each is named; a good form becomes the API body', () => {
    const returnable = returnableLines(delivered);
    expect(validateReturn({ quantities: { LAMP: '0' }, reason: ' ' }, returnable)).toEqual({
      lines: 'Choose how many of at least one item to return.',
      reason: 'Tell us why you are returning the items.',
    });
    expect(validateReturn({ quantities: { LAMP: '2' }, reason: 'Broken' }, returnable)).toEqual({
      LAMP: 'Enter 0 or 1.',
    });
    expect(
      validateReturn({ quantities: { BULB: '1' }, reason: 'x'.repeat(501) }, returnable),
    ).toEqual({ reason: 'Use at most 500 characters.' });
    const form = { quantities: { LAMP: '1', BULB: '0' }, reason: '  Arrived broken ' };
    expect(validateReturn(form, returnable)).toEqual({});
    expect(returnRequest(form, returnable)).toEqual({
      lines: [{ sku: 'LAMP', quantity: 1 }],
      reason: 'Arrived broken',
    });
  });

  it('when an order line has no name (placed before names were kept), then a name seen on the page or the SKU stands in', () => {
    expect(lineName({ sku: 'A', name: 'Lamp' }, 'Other')).toBe('Lamp');
    expect(lineName({ sku: 'A', name: null }, 'Seen lamp')).toBe('Seen lamp');
    expect(lineName({ sku: 'A', name: null })).toBe('A');
  });
});
