import { pino, type Logger, type LoggerOptions } from 'pino';
import { currentTrace } from './trace-context.ts';

export type { Logger };

export interface LoggerConfig {
  level: string;
  service: string;
  pretty?: boolean;
}

export function createLogger(config: LoggerConfig, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.level,
    base: { service: config.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    // Every line logged inside a request carries its request and trace ids, at no cost
    // when nothing logs.
    mixin: () => {
      const trace = currentTrace();
      if (!trace) return {};
      const ids = { traceId: trace.traceId, spanId: trace.spanId };
      return trace.requestId ? { reqId: trace.requestId, ...ids } : ids;
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
