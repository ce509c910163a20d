export * from './define-event.ts';
export * from './catalog.ts';
export * from './accounts.ts';
export * from './money.ts';
export * from './pricing.ts';
export * from './inventory.ts';
export * from './cart.ts';
export * from './orders.ts';
