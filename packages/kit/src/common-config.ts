import type { RetryPolicy } from './events/event-bus.ts';
import { Type, type Static, type TObject } from 'typebox';

/** Variables every service reads; each service spreads these into its own schema. */
export const CommonConfig = {
  EMPORIUM_MODE: Type.Union(
    [Type.Literal('embedded'), Type.Literal('distributed'), Type.Literal('production')],
    {
      default: 'embedded',
      description:
        'How the platform runs (set by the launchers); outside embedded, defaults such as the admin password are refused',
    },
  ),
  HOST: Type.String({
    default: '127.0.0.1',
    description: 'Interface the services listen on (0.0.0.0 in containers)',
  }),
  DATA_DIR: Type.String({
    default: './data',
    description: 'Where embedded stores (SQLite files, media) live',
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) =>
      Type.Literal(level),
    ),
    { default: 'info', description: 'pino log level' },
  ),
  AUTH_JWKS_URL: Type.String({
    default: 'http://127.0.0.1:4006/.well-known/jwks.json',
    description: 'Public keys that verify access tokens (the accounts service)',
  }),
  AUTH_ISSUER: Type.String({
    default: 'emporium-accounts',
    description: 'Expected `iss` of access tokens',
  }),
  AUTH_AUDIENCE: Type.String({
    default: 'emporium',
    description: 'Expected `aud` of access tokens',
  }),
  AUTH_CLOCK_SKEW_SECONDS: Type.Integer({
    minimum: 0,
    maximum: 300,
    default: 30,
    description: "How far a token's iat/nbf may be ahead of (and exp behind) this clock",
  }),
  EVENT_MAX_ATTEMPTS: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: 5,
    description: 'Deliveries of an event to a failing consumer before it is dead-lettered',
  }),
  OUTBOX_COALESCE_MS: Type.Integer({
    minimum: 0,
    maximum: 1_000,
    default: 0,
    description:
      'How long the outbox relay waits after a commit for more before a pass (0 = at once); npm start uses 10',
  }),
  EVENT_RETRY_BASE_MS: Type.Integer({
    minimum: 1,
    maximum: 60_000,
    default: 200,
    description: 'First retry delay; doubles per attempt (with jitter) up to 30 s',
  }),
  EVENT_BUS: Type.Union([Type.Literal('embedded'), Type.Literal('kafka')], {
    default: 'embedded',
    description: 'Event transport: the in-process SQLite log, or Kafka (MSK)',
  }),
  KAFKA_BROKERS: Type.String({
    default: '127.0.0.1:19092',
    description: 'Comma-separated Kafka bootstrap brokers (EVENT_BUS=kafka)',
  }),
  KAFKA_TOPIC_PREFIX: Type.String({
    default: '',
    description:
      'Prefix of every topic and consumer group (isolates environments sharing a cluster)',
  }),
  CACHE: Type.Union([Type.Literal('memory'), Type.Literal('redis')], {
    default: 'memory',
    description: 'Cache behind the cache port: in-process, or Redis (ElastiCache)',
  }),
  REDIS_URL: Type.String({
    default: 'redis://127.0.0.1:16379',
    description: 'Redis for CACHE=redis',
  }),
  AWS_REGION: Type.String({
    default: 'us-east-1',
    description: 'AWS region of DynamoDB, S3 and SQS',
  }),
  AWS_ENDPOINT_URL: Type.String({
    default: '',
    description: 'An AWS emulator (local: http://127.0.0.1:14566); empty on AWS',
  }),
  TRUSTED_PROXIES: Type.String({
    default: 'loopback',
    description:
      'Peers whose X-Forwarded-For/-Proto are believed (the gateway): comma-separated addresses, CIDR ranges, or loopback, linklocal, uniquelocal; empty trusts none',
  }),
  BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 50 * 1024 * 1024,
    default: 1024 * 1024,
    description: 'Largest JSON body accepted',
  }),
};

/** The values of the common variables, as the service host reads them from any service's config. */
export type CommonConfigValues = Static<TObject<typeof CommonConfig>>;

/** The retry policy of event consumers, from the common variables. */
export function retryPolicyOf(config: {
  EVENT_MAX_ATTEMPTS: number;
  EVENT_RETRY_BASE_MS: number;
}): RetryPolicy {
  return {
    maxAttempts: config.EVENT_MAX_ATTEMPTS,
    baseDelayMs: config.EVENT_RETRY_BASE_MS,
    maxDelayMs: 30_000,
  };
}
