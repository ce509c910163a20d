import type { ServiceClient } from '@emporium/kit';
import { upstreamProblem } from '@emporium/contracts';
import type { CartPort, CheckoutCart } from '../../app/ports/cart-port.ts';

interface CartBody {
  id: string;
  userId?: string;
  currency: string;
  promotionCode?: string;
  items: { sku: string; quantity: number; purchasable?: boolean }[];
}

/**
 * The cart port over HTTP (`GET /carts/{id}`, `DELETE /carts/{id}` with a cart service
 * token). Lines the catalog no longer sells (`purchasable: false`) are not ordered.
 */
export function cartAdapter(http: ServiceClient): CartPort {
  return {
    async get(cartId): Promise<CheckoutCart | undefined> {
      const response = await http.request<CartBody>({
        method: 'GET',
        path: `/carts/${encodeURIComponent(cartId)}`,
      });
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw upstreamProblem('cart', response);
      const cart = response.body;
      return {
        id: cart.id,
        userId: cart.userId ?? null,
        currency: cart.currency,
        promotionCode: cart.promotionCode ?? null,
        items: cart.items
          .filter((item) => item.purchasable !== false)
          .map(({ sku, quantity }) => ({ sku, quantity })),
      };
    },
    async clear(cartId) {
      const response = await http.request<unknown>({
        method: 'DELETE',
        path: `/carts/${encodeURIComponent(cartId)}`,
      });
      if (response.status !== 204 && response.status !== 404)
        throw upstreamProblem('cart', response);
    },
  };
}
