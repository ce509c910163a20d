import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isExpired, type CartRecord } from '../domain/cart.ts';
import { CartErrors } from '../domain/errors.ts';

/** Who asks: the verified principal (if any) and the `X-Cart-Token` sent (if any). */
export interface Caller {
  userId: string | null;
  admin: boolean;
  /** A service token minted for the cart (orders reads and deletes the cart it checks out). */
  service: boolean;
  cartToken: string | undefined;
}

/** A fresh cart token: 256 random bits, URL-safe. Only its hash is stored. */
export function newCartToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** Compares the sent token's hash with the stored one in constant time. */
function tokenMatches(stored: string | null, sent: string | undefined): boolean {
  if (!stored || !sent || sent.length > 256) return false;
  // One-shot hash straight to bytes: no Hash object, no hex round trip (a read's hot path).
  const a = hash('sha256', sent, 'buffer');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The owner: the signed-in customer it is bound to, or whoever holds an anonymous cart's token. */
export function isOwner(cart: CartRecord, caller: Caller): boolean {
  if (cart.userId) return caller.userId === cart.userId;
  return tokenMatches(cart.tokenHash, caller.cartToken);
}

/** Admins and the cart's service token may read any cart, and delete one (checkout). */
export function mayRead(cart: CartRecord, caller: Caller): boolean {
  return caller.admin || caller.service || isOwner(cart, caller);
}

export const mayDelete = mayRead;

/**
 * The cart as the caller may see it, or CART_NOT_FOUND: an unknown id, an expired cart,
 * another customer's cart and an anonymous cart without its token all look the same.
 */
export function visible(
  cart: CartRecord | undefined,
  caller: Caller,
  now: number,
  may: (cart: CartRecord, caller: Caller) => boolean,
): CartRecord {
  if (!cart || isExpired(cart, now) || !may(cart, caller))
    throw CartErrors.CART_NOT_FOUND.create('No such cart');
  return cart;
}
