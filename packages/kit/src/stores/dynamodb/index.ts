// `@emporium/kit/dynamodb`: loads the AWS SDK, so embedded mode never imports it.
export * from './transaction.ts';
export * from './outbox.ts';
export * from './inbox.ts';
export * from './table.ts';
export * from './keyed-locks.ts';
export * from './client.ts';
