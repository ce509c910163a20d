export * from './commit-signal.ts';
export * from './define-service.ts';
export * from './start-service.ts';
export * from './run-main.ts';
export * from './bus-metrics.ts';
export * from './bus-startup.ts';
