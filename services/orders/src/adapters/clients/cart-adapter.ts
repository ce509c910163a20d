import type { CartClient } from '@emporium/contracts';
import type { CartPort, CheckoutCart } from '../../app/ports/cart-port.ts';

/**
 * The cart port over the contracts' CartClient (its ServiceClient carries a cart service
 * token, which the cart takes for any cart). Lines the catalog no longer sells
 * (`purchasable: false`) are not ordered.
 */
export function cartAdapter(client: CartClient): CartPort {
  return {
    async get(cartId): Promise<CheckoutCart | undefined> {
      const cart = await client.get(cartId);
      if (!cart) return undefined;
      return {
        id: cart.id,
        userId: cart.userId ?? null,
        currency: cart.currency,
        promotionCode: cart.promotionCode ?? null,
        items: cart.items
          .filter((item) => item.purchasable)
          .map(({ sku, quantity, name, image }) => ({ sku, quantity, name, image })),
      };
    },
    clear: (cartId) => client.delete(cartId),
  };
}
