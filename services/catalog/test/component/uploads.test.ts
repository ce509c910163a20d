import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './multipart.ts';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 10, g: 120, b: 200 } } });

describe('catalog uploads are checked on the decoded image', () => {
  let catalog: CatalogHarness;
  const images: Record<string, Buffer> = {};
  beforeAll(async () => {
    images['png'] = await solid(8, 6).png().toBuffer();
    images['gif'] = await solid(8, 6).gif().toBuffer();
    images['webp'] = await solid(8, 6).webp().toBuffer();
    images['jpeg'] = await solid(8, 6)
      .jpeg()
      .withExif({ IFD0: { Artist: 'secret-artist', Copyright: 'gps-and-more' } })
      .toBuffer();
    images['wide'] = await solid(300, 10).png().toBuffer();
    images['tiff'] = await solid(8, 6).tiff().toBuffer();
    catalog = await startCatalog({
      CATALOG_MAX_IMAGE_DIMENSION: '200',
      CATALOG_MAX_IMAGE_PIXELS: '20000',
    });
  });
  afterAll(async () => catalog.close());

  async function newProduct(): Promise<string> {
    const response = await catalog.service.app.inject({
      method: 'POST',
      url: '/products',
      headers: catalog.admin,
      payload: sampleProduct(),
    });
    return response.json<{ id: string }>().id;
  }

  async function upload(
    productId: string,
    file: Buffer,
    options: { alt?: string; type?: string } = {},
  ) {
    const form = multipart(file, 'upload.bin', options.alt, options.type);
    return catalog.service.app.inject({
      method: 'POST',
      url: `/products/${productId}/images`,
      headers: { ...catalog.admin, 'content-type': form.contentType },
      payload: form.payload,
    });
  }

  async function imagesOf(productId: string): Promise<unknown[]> {
    const product = await catalog.service.app.inject({
      url: `/products/${productId}`,
      headers: catalog.admin,
    });
    return product.json().images;
  }

  it.each([
    ['png', 'image/png'],
    ['gif', 'image/gif'],
    ['webp', 'image/webp'],
    ['jpeg', 'image/jpeg'],
  ])('when a real %s is uploaded, then it is stored and served as %s', async (format, type) => {
    const productId = await newProduct();
    const response = await upload(productId, images[format]!, { type });
    expect(response.statusCode, response.body).toBe(201);
    const served = await catalog.service.app.inject({ url: `/media/${response.json().key}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe(type);
    expect(await sharp(served.rawPayload).metadata()).toMatchObject({
      format,
      width: 8,
      height: 6,
    });
  });

  it('when a JPEG carries EXIF metadata, then the stored file has none', async () => {
    expect(images['jpeg']!.includes('secret-artist')).toBe(true);
    const productId = await newProduct();
    const response = await upload(productId, images['jpeg']!);
    const served = await catalog.service.app.inject({ url: `/media/${response.json().key}` });
    expect(served.rawPayload.includes('secret-artist')).toBe(false);
    expect((await sharp(served.rawPayload).metadata()).exif).toBeUndefined();
  });

  it('when a valid image has a script appended (a polyglot), then what is stored is only the image', async () => {
    const productId = await newProduct();
    const polyglot = Buffer.concat([
      images['png']!,
      Buffer.from('<script>alert(document.cookie)</script>'),
    ]);
    const response = await upload(productId, polyglot);
    if (response.statusCode === 201) {
      const served = await catalog.service.app.inject({ url: `/media/${response.json().key}` });
      expect(served.rawPayload.includes('<script>')).toBe(false);
    } else {
      expect(response.statusCode).toBe(422);
      expect(response.json().code).toBe('CATALOG.CORRUPT_IMAGE');
    }
  });

  const refusals: [string, () => Buffer, number, string][] = [
    [
      'a truncated PNG',
      () => images['png']!.subarray(0, images['png']!.length - 20),
      422,
      'CATALOG.CORRUPT_IMAGE',
    ],
    [
      'a truncated JPEG',
      () => images['jpeg']!.subarray(0, Math.floor(images['jpeg']!.length / 2)),
      422,
      'CATALOG.CORRUPT_IMAGE',
    ],
    [
      'a PNG signature followed by junk',
      () => Buffer.concat([images['png']!.subarray(0, 8), Buffer.alloc(64, 7)]),
      422,
      'CATALOG.CORRUPT_IMAGE',
    ],
    [
      'a GIF header followed by HTML',
      () => Buffer.from('GIF89a<html><script>alert(1)</script></html>'),
      422,
      'CATALOG.CORRUPT_IMAGE',
    ],
    ['an image wider than allowed', () => images['wide']!, 422, 'CATALOG.IMAGE_TOO_LARGE'],
    ['a TIFF', () => images['tiff']!, 422, 'CATALOG.UNSUPPORTED_IMAGE'],
    [
      'an SVG',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'),
      422,
      'CATALOG.UNSUPPORTED_IMAGE',
    ],
  ];
  it.each(refusals)(
    'when the upload is %s, then it is refused with its code and the product is unchanged',
    async (_name, file, status, code) => {
      const productId = await newProduct();
      const response = await upload(productId, file());
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().code).toBe(code);
      expect(await imagesOf(productId)).toEqual([]);
    },
  );

  it('when the declared type is not what the file decodes as, then 415', async () => {
    const productId = await newProduct();
    const response = await upload(productId, images['png']!, { type: 'image/jpeg' });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('CATALOG.IMAGE_TYPE_MISMATCH');
  });

  it('when a pixel flood decodes to more pixels than allowed, then 422', async () => {
    const flood = await solid(150, 150).png().toBuffer();
    const productId = await newProduct();
    const response = await upload(productId, flood);
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CATALOG.IMAGE_TOO_LARGE');
  });

  it('when the alt text holds control characters, then 400', async () => {
    const productId = await newProduct();
    const response = await upload(productId, images['png']!, { alt: 'front \u001b[31mview' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('COMMON.VALIDATION_FAILED');
    expect(await imagesOf(productId)).toEqual([]);
  });

  it.each([
    ['a body without its closing boundary', (form: Buffer) => form.subarray(0, form.length - 24)],
    [
      'a part without headers',
      () => Buffer.from('------emporium-test\r\n\r\nxx\r\n------emporium-test--\r\n'),
    ],
    ['garbage', () => Buffer.from('this is not multipart at all')],
  ])('when the multipart body is %s, then 400, not 500', async (_name, mangle) => {
    const productId = await newProduct();
    const form = multipart(images['png']!, 'photo.png');
    const response = await catalog.service.app.inject({
      method: 'POST',
      url: `/products/${productId}/images`,
      headers: { ...catalog.admin, 'content-type': form.contentType },
      payload: mangle(form.payload),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
