import type { ServiceClient } from '@emporium/kit';
import type { Cart, CreatedCart } from './cart-schemas.ts';
import { CART_TOKEN_HEADER } from './cart-schemas.ts';
import { OperationsClient, type CallOptions } from './operations-client.ts';
import { bearer } from './upstream-problem.ts';

export * from './cart-schemas.ts';

/** Who a cart call is made for: a bearer (the owner, an admin, a cart service token), a cart token. */
export interface CartCallOptions extends CallOptions {
  cartToken?: string;
}

function headersOf(options: CartCallOptions): Record<string, string> {
  return {
    ...bearer(options.authorization),
    ...(options.cartToken ? { [CART_TOKEN_HEADER]: options.cartToken } : {}),
  };
}

/**
 * The cart's API for other services (orders reads the cart it checks out and deletes it
 * once the order is confirmed) and tools. A cart the caller may not see is `undefined`
 * (the service answers 404 to anyone but its owner, an admin or a cart service token).
 */
export class CartClient extends OperationsClient {
  constructor(http: ServiceClient) {
    super('cart', http);
  }

  async create(options: CartCallOptions = {}): Promise<CreatedCart> {
    const response = await this.http.request<CreatedCart>({
      method: 'POST',
      path: '/carts',
      headers: headersOf(options),
    });
    if (response.status !== 201 && response.status !== 200) throw this.problem(response);
    return response.body;
  }

  async get(
    id: string,
    options: CartCallOptions & { currency?: string } = {},
  ): Promise<Cart | undefined> {
    const response = await this.http.request<Cart>({
      method: 'GET',
      path: `/carts/${encodeURIComponent(id)}`,
      query: options.currency ? { currency: options.currency } : {},
      headers: headersOf(options),
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  async addItem(
    id: string,
    item: { sku: string; quantity: number },
    options: CartCallOptions = {},
  ): Promise<Cart> {
    const response = await this.http.request<Cart>({
      method: 'POST',
      path: `/carts/${encodeURIComponent(id)}/items`,
      body: item,
      headers: headersOf(options),
    });
    if (response.status !== 201) throw this.problem(response);
    return response.body;
  }

  /** Deletes the cart (after checkout); deleting one already gone is not an error. */
  async delete(id: string, options: CartCallOptions = {}): Promise<void> {
    const response = await this.http.request<unknown>({
      method: 'DELETE',
      path: `/carts/${encodeURIComponent(id)}`,
      headers: headersOf(options),
    });
    if (response.status !== 204 && response.status !== 404) throw this.problem(response);
  }
}
