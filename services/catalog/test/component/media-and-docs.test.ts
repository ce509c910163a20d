import { Validator } from '@seriousme/openapi-schema-validator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './multipart.ts';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

let PNG: Buffer;

describe('catalog media and API description', () => {
  let catalog: CatalogHarness;
  beforeAll(async () => {
    PNG = await sharp({
      create: { width: 4, height: 3, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .png()
      .toBuffer();
    catalog = await startCatalog({
      CATALOG_MAX_IMAGE_BYTES: '2048',
      MEDIA_PUBLIC_URL: 'http://cdn.test/media',
    });
  });
  afterAll(async () => catalog.close());

  it('when an admin uploads a PNG, then the product lists the image and the file is served', async () => {
    const product = (
      await catalog.service.app.inject({
        method: 'POST',
        url: '/products',
        headers: catalog.admin,
        payload: sampleProduct(),
      })
    ).json();
    const form = multipart(PNG, 'photo.png', 'Front view');
    const upload = await catalog.service.app.inject({
      method: 'POST',
      url: `/products/${product.id}/images`,
      headers: { ...catalog.admin, 'content-type': form.contentType },
      payload: form.payload,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const { url, key } = upload.json<{ url: string; key: string }>();
    expect(url).toBe(`http://cdn.test/media/${key}`);
    const stored = (await catalog.service.app.inject({ url: `/products/${product.id}` })).json();
    expect(stored.images).toEqual([{ key, url, alt: 'Front view' }]);
    const file = await catalog.service.app.inject({ url: `/media/${key}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    const served = await sharp(file.rawPayload).metadata();
    expect(served).toMatchObject({ format: 'png', width: 4, height: 3 });
  });

  it('when the upload is not an image or too large, then 422 or 413 and the product is unchanged', async () => {
    const product = (
      await catalog.service.app.inject({
        method: 'POST',
        url: '/products',
        headers: catalog.admin,
        payload: sampleProduct(),
      })
    ).json();
    const text = multipart(Buffer.from('just text'), 'notes.png');
    const notImage = await catalog.service.app.inject({
      method: 'POST',
      url: `/products/${product.id}/images`,
      headers: { ...catalog.admin, 'content-type': text.contentType },
      payload: text.payload,
    });
    expect(notImage.statusCode).toBe(422);
    expect(notImage.json().code).toBe('CATALOG.UNSUPPORTED_IMAGE');
    const big = multipart(Buffer.concat([PNG, Buffer.alloc(4096)]), 'big.png');
    const tooLarge = await catalog.service.app.inject({
      method: 'POST',
      url: `/products/${product.id}/images`,
      headers: { ...catalog.admin, 'content-type': big.contentType },
      payload: big.payload,
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('COMMON.PAYLOAD_TOO_LARGE');
    const json = await catalog.service.app.inject({
      method: 'POST',
      url: `/products/${product.id}/images`,
      headers: catalog.admin,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    expect(
      (await catalog.service.app.inject({ url: `/products/${product.id}` })).json().images,
    ).toEqual([]);
  });

  it('when /openapi.json is fetched, then it is a valid OpenAPI 3.1 document describing every route', async () => {
    const document = (await catalog.service.app.inject({ url: '/openapi.json' })).json();
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    ).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /products',
        'GET /products',
        'GET /products/{id}',
        'PATCH /products/{id}',
        'DELETE /products/{id}',
        'POST /products/{id}/images',
        'GET /categories',
        'POST /categories',
        'GET /categories/{id}',
        'PATCH /categories/{id}',
        'GET /search',
        'GET /search/suggest',
        'GET /admin/dead-letters',
        'POST /admin/dead-letters/{id}/redrive',
      ]),
    );
    expect((await catalog.service.app.inject({ url: '/docs/' })).statusCode).toBe(200);
  });

  it('when /metrics and health are fetched, then they answer', async () => {
    await catalog.service.app.inject({ url: '/products' });
    const metrics = await catalog.service.app.inject({ url: '/metrics' });
    expect(metrics.body).toContain(
      'http_requests_total{method="GET",route="/products",status="200",service="catalog"}',
    );
    expect(metrics.body).toContain('outbox_pending_events');
    expect(metrics.body).toContain(
      'event_consumer_lag{group="catalog.search-indexer",service="catalog"} 0',
    );
    expect(metrics.body).toContain('event_dead_letters{service="catalog"} 0');
    expect((await catalog.service.app.inject({ url: '/health/live' })).json()).toEqual({
      status: 'ok',
    });
    expect((await catalog.service.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
  });
});
