export {};
export * from './manifest.ts';
