import { isExpired, mergeCarts, type CartRecord, type MergeOutcome } from '../../domain/cart.ts';
import { CartErrors } from '../../domain/errors.ts';
import type { Caller } from '../access.ts';
import { isOwner, visible } from '../access.ts';
import type { CartDeps } from '../deps.ts';
import { newItemId } from '../ids.ts';
import { freshStock } from '../read-through.ts';

/**
 * Merges an anonymous cart (its token in `X-Cart-Token`) into the signed-in caller's own
 * cart, in one transaction that also deletes the source (ADR 0026). Availability is
 * asked fresh: 503 while inventory is down.
 */
export async function mergeIntoCart(
  deps: CartDeps,
  targetId: string,
  caller: Caller,
  sourceId: string,
): Promise<MergeOutcome['lines']> {
  const now = deps.clock.now();
  if (targetId === sourceId) throw CartErrors.MERGE_INTO_SELF.create();
  const signedIn: Caller = { ...caller, cartToken: undefined };
  const target = visible(await deps.store.get(targetId), signedIn, now, isOwner);
  if (!target.userId) throw CartErrors.MERGE_NEEDS_SIGNED_IN_TARGET.create();
  const source = await deps.store.get(sourceId);
  const anonymous: Caller = { ...caller, userId: null };
  const sourceCart = visibleSource(source, anonymous, now);
  const available = await freshStock(deps, [...new Set(sourceCart.lines.map((line) => line.sku))]);
  return deps.store.change({ cartIds: [targetId, sourceId] }, (view) => {
    const into = visible(view.carts.get(targetId), signedIn, now, isOwner);
    const from = visibleSource(view.carts.get(sourceId), anonymous, now);
    const merged = mergeCarts(
      into,
      from,
      available,
      { newLineId: () => newItemId(now) },
      deps.rules,
      now,
    );
    return { result: merged.lines, put: [merged.cart], delete: [from] };
  });
}

/** The source as its token's holder sees it; a customer's cart has no token, so it is never one. */
function visibleSource(source: CartRecord | undefined, caller: Caller, now: number): CartRecord {
  if (!source || source.userId !== null || isExpired(source, now) || !isOwner(source, caller))
    throw CartErrors.SOURCE_NOT_FOUND.create(
      'No such source cart, or the X-Cart-Token is not its token',
    );
  return source;
}
