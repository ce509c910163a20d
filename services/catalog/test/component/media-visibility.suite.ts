import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './multipart.ts';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

/** The same rules whichever store holds the files: `env` picks it (disk by default). */
export function describeMediaVisibility(name: string, env: Record<string, string> = {}): void {
  describe(`media of products that are not public (${name})`, () => {
    let catalog: CatalogHarness;
    let png: Buffer;
    beforeAll(async () => {
      png = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#123456' } })
        .png()
        .toBuffer();
      catalog = await startCatalog(env);
    });
    afterAll(async () => catalog.close());

    async function productWithImage(
      status: 'draft' | 'active',
    ): Promise<{ id: string; key: string }> {
      const created = await catalog.service.app.inject({
        method: 'POST',
        url: '/products',
        headers: catalog.admin,
        payload: sampleProduct({ status }),
      });
      const id = created.json<{ id: string }>().id;
      const form = multipart(png, 'photo.png');
      const upload = await catalog.service.app.inject({
        method: 'POST',
        url: `/products/${id}/images`,
        headers: { ...catalog.admin, 'content-type': form.contentType },
        payload: form.payload,
      });
      expect(upload.statusCode, upload.body).toBe(201);
      return { id, key: upload.json<{ key: string }>().key };
    }

    const fetchMedia = (key: string, headers: Record<string, string> = {}) =>
      catalog.service.app.inject({ url: `/media/${key}`, headers });

    it('when a product is a draft, then its media is 404 to anonymous callers and customers, 200 to admins', async () => {
      const { key } = await productWithImage('draft');
      expect((await fetchMedia(key)).statusCode).toBe(404);
      expect((await fetchMedia(key, catalog.shopper)).statusCode).toBe(404);
      const admin = await fetchMedia(key, catalog.admin);
      expect(admin.statusCode).toBe(200);
      expect(admin.headers['cache-control']).toBe('private, no-store');
    });

    it('when a product is archived, then its media stops being public', async () => {
      const { id, key } = await productWithImage('active');
      const before = await fetchMedia(key);
      expect(before.statusCode).toBe(200);
      expect(before.headers['cache-control']).toContain('max-age=300');
      await catalog.service.app.inject({
        method: 'DELETE',
        url: `/products/${id}`,
        headers: catalog.admin,
      });
      const after = await fetchMedia(key);
      expect(after.statusCode).toBe(404);
      expect(after.json().code).toBe('CATALOG.MEDIA_NOT_FOUND');
      expect((await fetchMedia(key, catalog.shopper)).statusCode).toBe(404);
      expect((await fetchMedia(key, catalog.admin)).statusCode).toBe(200);
    });

    it('when a draft is published, then its media becomes public', async () => {
      const { id, key } = await productWithImage('draft');
      await catalog.service.app.inject({
        method: 'PATCH',
        url: `/products/${id}`,
        headers: catalog.admin,
        payload: { status: 'active' },
      });
      expect((await fetchMedia(key)).statusCode).toBe(200);
    });

    it('when a media key names no product, then it is 404 to the public', async () => {
      expect((await fetchMedia('products/prd_01JD3ZZZZZZZZZZZZZZZZZZZZZ/x.png')).statusCode).toBe(
        404,
      );
      expect((await fetchMedia('other/x.png')).statusCode).toBe(404);
    });
  });
}
