import { CartItemAddedV1, CART_SOURCE } from '@emporium/contracts';
import { addUnits, checkQuantity, type CartLineRecord } from '../../domain/cart.ts';
import { CartErrors } from '../../domain/errors.ts';
import type { Caller } from '../access.ts';
import { isOwner, visible } from '../access.ts';
import type { CartDeps } from '../deps.ts';
import { newItemId } from '../ids.ts';
import { freshProducts, freshStock } from '../read-through.ts';

export interface AddItemInput {
  sku: string;
  quantity: number;
}

/**
 * Adds units of a SKU (ADR 0026): the SKU must belong to an active product (catalog) and
 * the line may not hold more than is available (inventory), both fresh; the same SKU
 * merges into its line. Commits the line and `cart.item.added` together.
 */
export async function addItem(
  deps: CartDeps,
  cartId: string,
  caller: Caller,
  input: AddItemInput,
): Promise<CartLineRecord> {
  checkQuantity(input.quantity, deps.rules);
  visible(await deps.store.get(cartId), caller, deps.clock.now(), isOwner);
  const products = await freshProducts(deps, [input.sku]);
  const product = products.get(input.sku);
  if (!product)
    throw CartErrors.UNKNOWN_SKU.create(`No active product has the SKU ${input.sku}`, {
      details: { sku: input.sku },
    });
  const available = (await freshStock(deps, [input.sku])).get(input.sku) ?? 0;
  const now = deps.clock.now();
  const newLineId = newItemId(now);
  return deps.store.change({ cartIds: [cartId] }, (view) => {
    const cart = visible(view.carts.get(cartId), caller, now, isOwner);
    const added = addUnits(
      cart,
      { product, quantity: input.quantity, available, newLineId },
      deps.rules,
      now,
    );
    const event = CartItemAddedV1.create({
      source: CART_SOURCE,
      subject: cart.id,
      partitionKey: cart.id,
      time: now,
      data: {
        cartId: cart.id,
        ...(cart.userId ? { userId: cart.userId } : {}),
        itemId: added.line.id,
        sku: added.line.sku,
        productId: added.line.productId,
        quantity: input.quantity,
        lineQuantity: added.line.quantity,
        at: new Date(now).toISOString(),
      },
    });
    return { result: added.line, put: [added.cart], events: [event] };
  });
}
