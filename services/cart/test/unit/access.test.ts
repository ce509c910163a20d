import { describe, expect, it } from 'vitest';
import { hashToken, isOwner, mayRead, newCartToken } from '../../src/app/access.ts';
import { newCartId } from '../../src/app/ids.ts';
import { newCart } from '../../src/domain/cart.ts';

const rules = { maxLines: 5, maxQuantity: 5, anonymousTtlMs: 1_000, userTtlMs: 1_000 };
const nobody = { userId: null, admin: false, service: false, cartToken: undefined };

describe('cart tokens and owners', () => {
  it('when tokens and ids are drawn, then they are distinct and only the token’s hash is stored', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newCartToken().token));
    expect(tokens.size).toBe(200);
    const ids = Array.from({ length: 200 }, () => newCartId());
    expect(new Set(ids.map((id) => id.slice(14))).size).toBe(200);
    const { token, hash } = newCartToken();
    expect(hash).toBe(hashToken(token));
    expect(hash).not.toContain(token);
  });

  it('when an anonymous cart is asked for, then only its token opens it; admins and the cart service may read any cart', () => {
    const { token, hash } = newCartToken();
    const cart = newCart({ id: 'crt_1', userId: null, tokenHash: hash }, rules, 0);
    expect(isOwner(cart, { ...nobody, cartToken: token })).toBe(true);
    expect(isOwner(cart, { ...nobody, cartToken: newCartToken().token })).toBe(false);
    expect(isOwner(cart, nobody)).toBe(false);
    expect(isOwner(cart, { ...nobody, cartToken: 'x'.repeat(10_000) })).toBe(false);
    expect(mayRead(cart, { ...nobody, admin: true })).toBe(true);
    expect(isOwner(cart, { ...nobody, admin: true })).toBe(false);
    expect(mayRead(cart, { ...nobody, service: true })).toBe(true);
  });

  it('when a signed-in cart is asked for, then only its customer owns it, whatever token is sent', () => {
    const cart = newCart({ id: 'crt_2', userId: 'usr_a', tokenHash: null }, rules, 0);
    expect(isOwner(cart, { ...nobody, userId: 'usr_a' })).toBe(true);
    expect(isOwner(cart, { ...nobody, userId: 'usr_b', cartToken: 'anything' })).toBe(false);
  });
});
