/* global window */
import { ApiError, cartApi } from './api.js';
import {
  forgetStoredCart,
  isCartGone,
  itemCount,
  readStoredCart,
  writeStoredCart,
} from './cart-model.js';

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * The shopper's cart on this page: which cart (its id and token, kept in localStorage so it
 * survives reloads), its last answer from the API, and listeners (the header's count, the
 * cart page). Writes run one at a time, so two quick clicks never race each other; a write
 * that answers the whole cart (a promotion) replaces the one held, one that answers a line
 * or nothing (add, change, remove) is followed by a read of the cart.
 */
function createCartStore() {
  let ref = readStoredCart(storage());
  let cart = null;
  let loading = null;
  let queue = Promise.resolve();
  /** Answers of writes so far: a read that started before one must not undo it. */
  let writes = 0;
  const listeners = new Set();

  /** SKU → "Product · variant" from the carts seen on this page. */
  const names = new Map();
  const emit = () => {
    for (const line of cart?.items ?? []) if (line.name) names.set(line.sku, line.name);
    for (const listener of listeners) listener(cart);
  };

  const forget = () => {
    ref = null;
    cart = null;
    forgetStoredCart(storage());
    emit();
  };

  /**
   * A cart that is gone (expired, or not ours any more) is forgotten: the next add starts
   * anew. A line that is gone (removed in another tab) only calls for a fresh read.
   */
  const guard = async (call) => {
    try {
      return await call();
    } catch (error) {
      if (isCartGone(error)) forget();
      else if (error?.status === 404 && ref) await refresh().catch(() => undefined);
      throw error;
    }
  };

  const refresh = async () => {
    const seen = writes;
    const answer = await cartApi.get(current());
    if (writes === seen) {
      cart = answer;
      emit();
    }
    return cart;
  };

  const accept = async (answer) => {
    cart = answer && Array.isArray(answer.items) ? answer : await cartApi.get(current());
    writes += 1;
    emit();
    return cart;
  };

  /** The cart a write is about; none (forgotten, or never made) reads as gone. */
  const current = () => {
    if (ref) return ref;
    throw new ApiError('Your cart has expired. Add the items again to start a new one.', {
      status: 404,
    });
  };

  const serial = (task) => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function ensure() {
    if (ref) return ref;
    const created = await cartApi.create();
    ref = created.token ? { id: created.id, token: created.token } : { id: created.id };
    // Only an anonymous cart is kept across reloads; a customer's comes back with the session.
    if (ref.token) writeStoredCart(storage(), ref);
    return ref;
  }

  return {
    get cart() {
      return cart;
    },
    get count() {
      return itemCount(cart);
    },
    get hasCart() {
      return ref !== null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The cart as the API has it now; null when there is none. */
    load() {
      if (!ref) return Promise.resolve(null);
      loading ??= guard(refresh).finally(() => {
        loading = null;
      });
      return loading;
    },
    add(sku, quantity) {
      return serial(async () => {
        const hadCart = ref !== null;
        const target = await ensure();
        try {
          return await accept(await cartApi.addItem(target, { sku, quantity }));
        } catch (error) {
          if (!isCartGone(error) || !hadCart) throw error;
          // The stored cart expired: start a new one, once.
          forget();
          const fresh = await ensure();
          return accept(await cartApi.addItem(fresh, { sku, quantity }));
        }
      });
    },
    setQuantity(itemId, quantity) {
      return serial(() =>
        guard(async () => accept(await cartApi.setQuantity(current(), itemId, quantity))),
      );
    },
    remove(itemId) {
      return serial(() => guard(async () => accept(await cartApi.removeItem(current(), itemId))));
    },
    applyPromotion(code) {
      return serial(() => guard(async () => accept(await cartApi.applyPromotion(current(), code))));
    },
    /** Resolves when the writes queued so far have answered. */
    settled() {
      return serial(async () => undefined);
    },
    /** The product name of a SKU from the last cart read (order lines carry only the SKU). */
    nameOf(sku) {
      return names.get(sku) ?? null;
    },
    /**
     * After sign-in (or a session restored on load): the customer's own cart becomes the
     * page's, and an anonymous cart held here is merged into it, then forgotten.
     */
    signedIn() {
      return serial(async () => {
        const anonymous = ref?.token ? ref : readStoredCart(storage());
        const created = await cartApi.create();
        const customer = { id: created.id };
        if (anonymous && anonymous.id !== customer.id) {
          let spent = true;
          try {
            await cartApi.merge(customer, anonymous);
          } catch (error) {
            // An expired or foreign anonymous cart has nothing to give; an outage keeps it
            // for the next sign-in. Either way the customer's cart is the page's now.
            spent = error?.status >= 400 && error?.status < 500;
          }
          if (spent) forgetStoredCart(storage());
        }
        ref = customer;
        return accept(null);
      });
    },
    /** After sign-out: the customer's cart stays theirs; this page starts with none. */
    signedOut() {
      return serial(async () => {
        if (ref && !ref.token) {
          ref = null;
          cart = null;
          writes += 1;
          emit();
        }
      });
    },
    removePromotion() {
      return serial(() => guard(async () => accept(await cartApi.removePromotion(current()))));
    },
  };
}

export const cartStore = createCartStore();
