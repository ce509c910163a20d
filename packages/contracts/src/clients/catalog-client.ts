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
