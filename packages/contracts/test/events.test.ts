import { createEvent } from '@emporium/kit';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import {
  CatalogEvents,
  ContractErrors,
  INVENTORY_SOURCE,
  InventoryEvents,
  PRICING_SOURCE,
  PriceChangedV1,
  PricingEvents,
  StockChangedV1,
  StockLowV1,
  ProductArchivedV1,
  UserRegisteredV1,
  defineEvent,
  eventDecoder,
} from '../src/index.ts';

const source = 'emporium/test';

describe('defineEvent', () => {
  it('when a contract is defined, then its topic and dataschema follow from type and version', () => {
    expect(ProductArchivedV1.topic).toBe('catalog.product');
    expect(ProductArchivedV1.dataschema).toBe('urn:emporium:event:catalog.product.archived:v1');
    expect(new Set(CatalogEvents.map((contract) => contract.topic))).toEqual(
      new Set(['catalog.product', 'catalog.category']),
    );
  });

  it('when a type is not <service>.<aggregate>.<fact> or the version is not positive, then defining it throws', () => {
    expect(() =>
      defineEvent({ type: 'catalog.product', version: 1, schema: Type.Object({}) }),
    ).toThrow(/service/);
    expect(() => defineEvent({ type: 'a.b.c', version: 0, schema: Type.Object({}) })).toThrow(
      /version/,
    );
  });

  it('when a producer builds an event with data that breaks the contract, then it throws instead of publishing it', () => {
    expect(() =>
      ProductArchivedV1.create({
        source,
        subject: 'prd_1',
        data: { productId: 'prd_1', skus: [], version: 0, archivedAt: 'yesterday' } as never,
      }),
    ).toThrow(
      expect.objectContaining({ code: ContractErrors.EVENT_NOT_BUILT.code, kind: 'internal' }),
    );
  });

  it('when an event is built from valid data, then it carries type, subject, partition key and dataschema', () => {
    const event = UserRegisteredV1.create({
      source: 'emporium/accounts',
      subject: 'usr_1',
      data: {
        userId: 'usr_1',
        email: 'ada@example.com',
        name: 'Ada',
        registeredAt: new Date(0).toISOString(),
      },
    });
    expect(event).toMatchObject({
      type: 'accounts.user.registered',
      subject: 'usr_1',
      partitionkey: 'usr_1',
      dataschema: 'urn:emporium:event:accounts.user.registered:v1',
    });
    expect(UserRegisteredV1.decode(event).data.email).toBe('ada@example.com');
  });
});

describe('eventDecoder', () => {
  const decode = eventDecoder(CatalogEvents);
  const archived = {
    productId: 'prd_1',
    skus: ['SKU-1'],
    version: 2,
    archivedAt: '2026-01-01T00:00:00.000Z',
  };

  it('when an event of another type arrives on the topic, then the decoder skips it', () => {
    const event = createEvent({ source, type: 'catalog.product.renamed', subject: 'p', data: {} });
    expect(decode(event)).toBeUndefined();
  });

  it('when an event written before contracts (no dataschema) keeps the schema, then it is read as the current version', () => {
    const event = createEvent({
      source,
      type: ProductArchivedV1.type,
      subject: 'prd_1',
      data: archived,
    });
    expect(decode(event)).toMatchObject({ type: 'catalog.product.archived', data: archived });
  });

  it('when a known event breaks its schema, then the error names the type, version and offending path', () => {
    const event = createEvent({
      source,
      type: ProductArchivedV1.type,
      subject: 'prd_1',
      data: { ...archived, skus: 'SKU-1' },
    });
    expect(() => decode(event)).toThrow(/catalog\.product\.archived v1 .*\/skus/);
  });
});

describe('accounts.user.registered', () => {
  it('when a name carries an ANSI escape, then the payload breaks the contract', () => {
    expect(
      UserRegisteredV1.problems({
        userId: 'usr_1',
        email: 'ada@example.com',
        name: 'Ada\u001b[31m',
        registeredAt: new Date(0).toISOString(),
      }),
    ).toEqual([expect.stringContaining('/name')]);
  });
});

describe('pricing and inventory contracts', () => {
  it('when a price change or a stock change is built, then it travels on its aggregate topic and validates', () => {
    const price = PriceChangedV1.create({
      source: PRICING_SOURCE,
      subject: 'SKU-1',
      data: {
        sku: 'SKU-1',
        currency: 'USD',
        previous: null,
        current: { amount: 1999, compareAtAmount: 2499, lowest30Days: 1999 },
        at: new Date(0).toISOString(),
      },
    });
    expect(PriceChangedV1.topic).toBe('pricing.price');
    expect(PriceChangedV1.decode(price).data.current?.amount).toBe(1999);
    const stock = StockChangedV1.create({
      source: INVENTORY_SOURCE,
      subject: 'SKU-1',
      data: {
        sku: 'SKU-1',
        onHand: 10,
        reserved: 2,
        available: 8,
        version: 3,
        at: new Date(0).toISOString(),
        cause: 'reservation',
      },
    });
    expect(StockChangedV1.topic).toBe('inventory.stock');
    expect(StockChangedV1.decode(stock).data.available).toBe(8);
  });

  it('when a price is fractional or a stock figure negative, then the producer cannot build it', () => {
    const at = new Date(0).toISOString();
    expect(() =>
      PriceChangedV1.create({
        source: PRICING_SOURCE,
        subject: 'SKU-1',
        data: { sku: 'SKU-1', currency: 'usd', previous: null, current: { amount: 1.5 }, at },
      }),
    ).toThrow(/amount|currency/);
    expect(() =>
      StockLowV1.create({
        source: INVENTORY_SOURCE,
        subject: 'SKU-1',
        data: { sku: 'SKU-1', onHand: 1, reserved: 2, available: -1, version: 1, at, threshold: 3 },
      }),
    ).toThrow(/available/);
    expect(PricingEvents.map((contract) => contract.topic)).toContain('pricing.promotion');
    expect(InventoryEvents.map((contract) => contract.type)).toContain(
      'inventory.reservation.expired',
    );
  });
});
