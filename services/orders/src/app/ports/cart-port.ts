/** The lines of a cart as checkout needs them. */
export interface CheckoutCart {
  id: string;
  userId: string | null;
  currency: string;
  /** The lines with the product's name and image as the cart shows them (when it does). */
  items: { sku: string; quantity: number; name?: string; image?: string | null }[];
  promotionCode: string | null;
}

/** The cart service as orders sees it (through the contracts' CartClient). */
export interface CartPort {
  /** The cart, or undefined when it does not exist. */
  get(cartId: string): Promise<CheckoutCart | undefined>;
  /** Empties the cart after a confirmed order; a cart already gone is fine. */
  clear(cartId: string): Promise<void>;
}
