import type { ServiceClient } from '@emporium/kit';
import { Type, type Static } from 'typebox';
import type { ProductStatusSchema } from '../events/catalog.ts';
import { CategoryPayload, ProductPayload } from '../events/catalog.ts';
import { OperationsClient, type CallOptions } from './operations-client.ts';
import { bearer } from './upstream-problem.ts';

/** `GET /products/{id}`: the same shape the product events carry. */
export const ProductSchema = ProductPayload;
export type Product = Static<typeof ProductSchema>;

export const ProductPageSchema = Type.Object({
  items: Type.Array(ProductSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type ProductPage = Static<typeof ProductPageSchema>;

export const CategorySchema = CategoryPayload;
export type Category = Static<typeof CategorySchema>;

/** `GET /products?skus=` takes at most this many SKUs. */
export const MAX_SKU_LOOKUP = 100;

export interface ProductQuery {
  category?: string;
  brand?: string;
  status?: Static<typeof ProductStatusSchema>;
  limit?: number;
  cursor?: string;
}

/** The catalog's API for other services (cart, recommendations) and the gateway. */
export class CatalogClient extends OperationsClient {
  constructor(http: ServiceClient) {
    super('catalog', http);
  }

  /** A product by id or slug; undefined when unknown (or hidden from this caller). */
  async product(idOrSlug: string, options: CallOptions = {}): Promise<Product | undefined> {
    const response = await this.http.request<Product>({
      method: 'GET',
      path: `/products/${encodeURIComponent(idOrSlug)}`,
      headers: bearer(options.authorization),
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  /**
   * The active products that own these SKUs (`GET /products?skus=`, up to 100 SKUs): SKUs
   * no active product has are simply absent. The cart resolves what it is asked to add.
   */
  async productsBySku(skus: readonly string[], options: CallOptions = {}): Promise<Product[]> {
    const unique = [...new Set(skus)];
    const found: Product[] = [];
    for (let start = 0; start < unique.length; start += MAX_SKU_LOOKUP) {
      const response = await this.http.request<ProductPage>({
        method: 'GET',
        path: '/products',
        query: { skus: unique.slice(start, start + MAX_SKU_LOOKUP).join(',') },
        headers: bearer(options.authorization),
      });
      if (response.status !== 200) throw this.problem(response);
      found.push(...response.body.items);
    }
    return found;
  }

  async products(query: ProductQuery = {}, options: CallOptions = {}): Promise<ProductPage> {
    const response = await this.http.request<ProductPage>({
      method: 'GET',
      path: '/products',
      query: { ...query },
      headers: bearer(options.authorization),
    });
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }
}
