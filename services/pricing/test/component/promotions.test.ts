import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPromotionHarness, type PromotionHarness } from './promotion-harness.ts';

describe('promotions through HTTP', () => {
  let h: PromotionHarness;
  beforeAll(async () => (h = await startPromotionHarness()));
  afterAll(() => h.close());

  it('when an admin creates a promotion, then it answers 201 with its location and reads back', async () => {
    const created = await h.createPromotion({
      code: 'summer10',
      kind: 'percent',
      value: 10,
      appliesTo: { categoryIds: ['shoes'] },
      startsAt: '2026-12-01T00:00:00Z',
      endsAt: '2026-12-31T00:00:00Z',
      usageLimit: 100,
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['location']).toBe('/promotions/SUMMER10');
    expect(created.json()).toMatchObject({
      code: 'SUMMER10',
      used: 0,
      remaining: 100,
      startsAt: '2026-12-01T00:00:00.000Z',
      version: 1,
    });
    const read = await h.request('GET', '/promotions/Summer10', h.admin);
    expect(read.statusCode).toBe(200);
    expect(read.headers['etag']).toBe('"1"');
    const notModified = await h.request('GET', '/promotions/SUMMER10', {
      ...h.admin,
      'if-none-match': '"1"',
    });
    expect(notModified.statusCode).toBe(304);
  });

  it.each([
    [{ kind: 'percent', value: 101 }, 400, 'PRICING.INVALID_PERCENT'],
    [{ kind: 'percent', value: 0 }, 400, 'PRICING.INVALID_PERCENT'],
    [{ kind: 'fixed', value: 500 }, 400, 'PRICING.CURRENCY_REQUIRED'],
    [{ kind: 'fixed', value: -500, currency: 'USD' }, 400, 'PRICING.INVALID_AMOUNT'],
    [{ kind: 'fixed', value: 4.99, currency: 'USD' }, 400, 'PRICING.INVALID_AMOUNT'],
    [{ kind: 'fixed', value: 499, currency: 'XXX' }, 400, 'PRICING.UNSUPPORTED_CURRENCY'],
    [{ kind: 'fixed', value: 499, currency: 'usd' }, 400, 'COMMON.VALIDATION_FAILED'],
    [
      {
        kind: 'percent',
        value: 10,
        startsAt: '2026-12-10T00:00:00Z',
        endsAt: '2026-12-09T00:00:00Z',
      },
      400,
      'PRICING.INVALID_PERIOD',
    ],
    [{ kind: 'buy_x_get_y', value: 100, buyQuantity: 2 }, 400, 'PRICING.INVALID_PROMOTION'],
    [{ kind: 'percent', value: 10, usageLimit: -1 }, 400, 'PRICING.INVALID_PROMOTION'],
    [{ kind: 'bogus', value: 10 }, 400, 'COMMON.VALIDATION_FAILED'],
  ])(
    'when the body is %j, then it answers %i %s and writes nothing',
    async (body, status, code) => {
      const response = await h.createPromotion({ code: 'BAD1', ...body });
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code });
      expect((await h.request('GET', '/promotions/BAD1', h.admin)).statusCode).toBe(404);
    },
  );

  it('when the code is taken, then it answers 409; an unknown code answers 404', async () => {
    await h.createPromotion({ code: 'TWICE', kind: 'percent', value: 5 });
    const again = await h.createPromotion({ code: 'twice', kind: 'percent', value: 50 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PRICING.DUPLICATE_PROMOTION' });
    expect((await h.request('GET', '/promotions/TWICE', h.admin)).json()).toMatchObject({
      value: 5,
    });
    const unknown = await h.request('GET', '/promotions/NOPE', h.admin);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'PRICING.PROMOTION_NOT_FOUND' });
  });

  it('when promotions are listed by pages, then every one comes once', async () => {
    for (const code of ['LIST-A', 'LIST-B', 'LIST-C'])
      await h.createPromotion({ code, kind: 'percent', value: 5 });
    const codes: string[] = [];
    let cursor: string | null = '';
    for (let page = 0; page < 20 && cursor !== null; page += 1) {
      const response = await h.request(
        'GET',
        `/promotions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        h.admin,
      );
      expect(response.statusCode).toBe(200);
      const body = response.json() as { items: { code: string }[]; nextCursor: string | null };
      codes.push(...body.items.map((item) => item.code));
      cursor = body.nextCursor;
    }
    expect(codes).toEqual([...new Set(codes)].sort());
    expect(codes).toEqual(expect.arrayContaining(['LIST-A', 'LIST-B', 'LIST-C']));
    const bad = await h.request('GET', '/promotions?cursor=%%%', h.admin);
    expect(bad.statusCode).toBe(400);
  });

  it('when an admin changes a promotion with If-Match, then a stale version is 412 and a bad change writes nothing', async () => {
    await h.createPromotion({ code: 'EDIT', kind: 'percent', value: 10, usageLimit: 1 });
    await h.request('POST', '/promotions/EDIT/redemptions', h.orders, { orderId: 'e1' });
    const patch = (body: unknown, ifMatch?: string) =>
      h.request(
        'PATCH',
        '/promotions/EDIT',
        { ...h.admin, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        body,
      );
    const stale = await patch({ usageLimit: 5 }, '"1"');
    expect(stale.statusCode).toBe(412);
    const current = await h.request('GET', '/promotions/EDIT', h.admin);
    const raised = await patch(
      { usageLimit: 5, endsAt: '2027-01-01T00:00:00Z' },
      current.headers['etag'] as string,
    );
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({
      usageLimit: 5,
      used: 1,
      remaining: 4,
      endsAt: '2027-01-01T00:00:00.000Z',
    });
    expect(Number(JSON.parse(raised.headers['etag'] as string))).toBe(raised.json().version);
    expect(
      (await h.request('POST', '/promotions/EDIT/redemptions', h.orders, { orderId: 'e2' }))
        .statusCode,
    ).toBe(201);
    for (const [body, status, code] of [
      [{ usageLimit: 1 }, 409, 'PRICING.USAGE_LIMIT_BELOW_USED'],
      [{ value: 0 }, 400, 'PRICING.INVALID_PERCENT'],
      [{ startsAt: '2027-02-01T00:00:00Z' }, 400, 'PRICING.INVALID_PERIOD'],
      [{ code: 'OTHER' }, 400, 'COMMON.VALIDATION_FAILED'],
      [{}, 400, 'COMMON.VALIDATION_FAILED'],
    ] as const) {
      const refused = await patch(body);
      expect(refused.statusCode).toBe(status);
      expect(refused.json()).toMatchObject({ code });
    }
    expect((await h.request('GET', '/promotions/EDIT', h.admin)).json()).toMatchObject({
      value: 10,
      usageLimit: 5,
      used: 2,
    });
    expect((await h.request('PATCH', '/promotions/NOPE', h.admin, { value: 5 })).statusCode).toBe(
      404,
    );
    expect((await h.request('PATCH', '/promotions/EDIT', h.shopper, { value: 5 })).statusCode).toBe(
      403,
    );
  });

  it('when a customer or nobody calls the admin routes, then they get 403 and 401', async () => {
    const body = { code: 'NOPE2', kind: 'percent', value: 5 };
    expect((await h.request('POST', '/promotions', h.shopper, body)).statusCode).toBe(403);
    expect((await h.request('POST', '/promotions', {}, body)).statusCode).toBe(401);
    expect((await h.request('GET', '/promotions', h.shopper)).statusCode).toBe(403);
    expect((await h.request('GET', '/promotions/SUMMER10')).statusCode).toBe(401);
  });
});
