/** Integer minor units plus an ISO 4217 code: 19.99 USD is { amount: 1999, currency: 'USD' }. */
export interface Money {
  amount: number;
  currency: string;
}

export function sameMoney(a: Money | null, b: Money | null): boolean {
  return (
    a === b || (a !== null && b !== null && a.amount === b.amount && a.currency === b.currency)
  );
}
