import { CommonErrors } from '@emporium/kit';
import {
  checkQuantity,
  lineOf,
  removeLine,
  setQuantity,
  type CartLineRecord,
} from '../../domain/cart.ts';
import type { Caller } from '../access.ts';
import { isOwner, visible } from '../access.ts';
import type { CartDeps } from '../deps.ts';
import { freshStock } from '../read-through.ts';

/**
 * Sets a line's quantity (0 removes it). More units than the line holds need inventory's
 * fresh availability; fewer need nobody. `expectedVersion` (If-Match) guards the cart.
 */
export async function changeItemQuantity(
  deps: CartDeps,
  cartId: string,
  itemId: string,
  caller: Caller,
  quantity: number,
  expectedVersion?: (version: number) => boolean,
): Promise<CartLineRecord | undefined> {
  if (quantity !== 0) checkQuantity(quantity, deps.rules);
  const before = visible(await deps.store.get(cartId), caller, deps.clock.now(), isOwner);
  const line = lineOf(before, itemId);
  const available =
    quantity > line.quantity ? (await freshStock(deps, [line.sku])).get(line.sku) : undefined;
  const now = deps.clock.now();
  return deps.store.change({ cartIds: [cartId] }, (view) => {
    const cart = visible(view.carts.get(cartId), caller, now, isOwner);
    checkVersion(cart.version, expectedVersion);
    const changed = setQuantity(
      cart,
      { itemId, quantity, ...(available !== undefined ? { available } : {}) },
      deps.rules,
      now,
    );
    return { result: changed.line, put: [changed.cart] };
  });
}

export async function removeItem(
  deps: CartDeps,
  cartId: string,
  itemId: string,
  caller: Caller,
  expectedVersion?: (version: number) => boolean,
): Promise<void> {
  const now = deps.clock.now();
  visible(await deps.store.get(cartId), caller, now, isOwner);
  await deps.store.change({ cartIds: [cartId] }, (view) => {
    const cart = visible(view.carts.get(cartId), caller, now, isOwner);
    checkVersion(cart.version, expectedVersion);
    return { result: undefined, put: [removeLine(cart, itemId, deps.rules, now)] };
  });
}

function checkVersion(version: number, expected?: (version: number) => boolean): void {
  if (expected && !expected(version)) throw versionMismatch(version);
}

function versionMismatch(version: number) {
  return CommonErrors.VERSION_MISMATCH.create(`The cart is at version ${version}`);
}
