export * from './fakes.ts';
export * from './auth.ts';
export * from './postgres.ts';
export * from './outbox-store-contract.ts';
export * from './inbox-contract.ts';
export * from './manual-clock.ts';
export * from './dynamo-transport.ts';
