export * from './events/index.ts';
export * from './clients/index.ts';
export * from './manifest.ts';
