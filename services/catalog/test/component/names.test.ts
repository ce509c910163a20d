import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProduct, startCatalog, type CatalogHarness } from './harness.ts';

const HOSTILE = {
  'a NUL': 'Aurora\u0000Headphones',
  'an ANSI escape': 'Aurora \u001b[31mred\u001b[0m',
  'a bidi override': 'Aurora \u202eenohpdaeH',
  'a bidi isolate': 'Aurora \u2066x\u2069',
};

describe('catalog names refuse control and bidi-override characters', () => {
  let catalog: CatalogHarness;
  beforeAll(async () => {
    catalog = await startCatalog();
  });
  afterAll(async () => catalog.close());

  const post = (url: string, payload: Record<string, unknown>) =>
    catalog.service.app.inject({ method: 'POST', url, headers: catalog.admin, payload });

  const fields: [string, (text: string) => Record<string, unknown>][] = [
    ['name', (text) => sampleProduct({ name: text })],
    ['brand', (text) => sampleProduct({ brand: text })],
    [
      'a variant option value',
      (text) => sampleProduct({ variants: [{ sku: 'SKU-NAMES-1', options: { color: text } }] }),
    ],
    [
      'a variant option key',
      (text) => sampleProduct({ variants: [{ sku: 'SKU-NAMES-2', options: { [text]: 'black' } }] }),
    ],
    ['an attribute value', (text) => sampleProduct({ attributes: { material: text } })],
    ['an attribute key', (text) => sampleProduct({ attributes: { [text]: 'steel' } })],
    ['the description', (text) => sampleProduct({ description: text })],
  ];

  for (const [field, build] of fields) {
    for (const [what, text] of Object.entries(HOSTILE)) {
      it(`when a product's ${field} holds ${what}, then 400 and nothing is stored`, async () => {
        const response = await post('/products', build(text));
        expect(response.statusCode, response.body).toBe(400);
        expect(response.json().code).toBe('COMMON.VALIDATION_FAILED');
      });
    }
  }

  for (const [what, text] of Object.entries(HOSTILE)) {
    it(`when a category name holds ${what}, then 400`, async () => {
      const response = await post('/categories', { name: text });
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('COMMON.VALIDATION_FAILED');
    });
  }

  it('when nothing was accepted, then the catalog holds no product', async () => {
    const list = await catalog.service.app.inject({ url: '/products', headers: catalog.admin });
    expect(list.json().items).toEqual([]);
  });

  it('when names use accents, emoji and a multi-line description, then they are accepted', async () => {
    const response = await post(
      '/products',
      sampleProduct({
        name: 'Café Crème 🎧',
        brand: 'Ñandú',
        description: 'Line one\nLine two\ttabbed',
        attributes: { größe: 'groß' },
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
  });
});
