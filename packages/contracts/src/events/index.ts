export * from './define-event.ts';
export * from './catalog.ts';
export * from './accounts.ts';
