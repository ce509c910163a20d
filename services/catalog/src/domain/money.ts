/** Integer minor units plus an ISO 4217 code: 19.99 USD is { amount: 1999, currency: 'USD' }. */
export interface Money {
  amount: number;
  currency: string;
}
