import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { CommonErrors, isAppError, type AppError } from '../../errors.ts';

/**
 * How a service talks to DynamoDB when the engine hiccups (ADR 0040): throttling, a 5xx
 * (moto answers an HTML 500 when a write overlaps its copy of a table) or a dropped
 * connection is tried again with exponential backoff and full jitter; when it persists the
 * caller gets 503 `COMMON.STORE_UNAVAILABLE` with Retry-After, never a 500.
 */
export interface EngineRetryOptions {
  /** Tries of one request, the first included (default 6). */
  maxAttempts?: number;
  /** Pause before retry `n` (1-based), ms (default: full jitter over 100 ms × 2^(n-1), at most 2 s). */
  delayMs?: (retry: number) => number;
  /** Retry-After of the 503 when the tries are used up (default 1 s). */
  retryAfterSeconds?: number;
}

export interface DynamoClientOptions extends EngineRetryOptions {
  region: string;
  /** An emulator's URL (moto: http://127.0.0.1:14566); unset on AWS. */
  endpoint?: string;
  /** Unset: the SDK's default chain (environment, profile, task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Tests only: the transport (an SDK request handler). */
  requestHandler?: DynamoDBClientConfig['requestHandler'];
}

const DEFAULT_ATTEMPTS = 6;
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 2_000;
const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** Full jitter (the SDK's own formula), with a cap that keeps one request under ~4 s. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (retry - 1)));
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const SERVER = new Set(['InternalServerError', 'ServiceUnavailable', 'TimeoutError']);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

interface SdkLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  cause?: unknown;
}

/**
 * True for what the engine may answer differently a moment later: throttling, a 5xx or
 * 429, a timeout or a dropped connection. A cancelled transaction is not one of them
 * (its reasons say why: see `commit`), nor is any other 4xx.
 */
export function isRetryableEngineError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || isAppError(error)) return false;
  const { name = '', code = '', $metadata, $retryable, cause } = error as SdkLikeError;
  if (name === 'TransactionCanceledException' || name === 'AbortError') return false;
  const status = $metadata?.httpStatusCode ?? 0;
  return (
    status >= 500 ||
    status === 429 ||
    $retryable !== undefined ||
    THROTTLING.has(name) ||
    SERVER.has(name) ||
    NETWORK.has(code) ||
    (cause !== undefined && depth < 5 && isRetryableEngineError(cause, depth + 1))
  );
}

/** 503 problem with Retry-After: the store did not take the request, the caller may try again. */
export function storeUnavailable(cause: unknown, retryAfterSeconds: number): AppError {
  return CommonErrors.STORE_UNAVAILABLE.create(
    'The data store is busy or unreachable; try again shortly',
    { details: { retryAfterSeconds }, cause },
  );
}

type RetryStrategy = Exclude<NonNullable<DynamoDBClientConfig['retryStrategy']>, undefined>;

/**
 * The SDK's retry strategy interface (RetryStrategyV2) with our backoff: the SDK classifies
 * the error (TRANSIENT, THROTTLING, SERVER_ERROR, CLIENT_ERROR) and we retry all but the last.
 */
function engineRetryStrategy(
  maxAttempts: number,
  delayMs: (retry: number) => number,
): RetryStrategy {
  const token = (count: number, delay: number) => ({
    getRetryCount: () => count,
    getRetryDelay: () => delay,
  });
  return {
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (previous, info) => {
      const next = previous.getRetryCount() + 1;
      if (info.errorType === 'CLIENT_ERROR' || next >= maxAttempts) throw info.error ?? new Error();
      return token(next, delayMs(next));
    },
    recordSuccess: () => undefined,
  } as RetryStrategy;
}

/**
 * A DynamoDB client whose requests retry engine hiccups with backoff and, when the tries
 * are used up, fail with `storeUnavailable` (503 + Retry-After at the HTTP edge). Every
 * service's DynamoDB adapters build their client here.
 */
export function createDynamoClient(options: DynamoClientOptions): DynamoDBClient {
  const maxAttempts = options.maxAttempts ?? DEFAULT_ATTEMPTS;
  const retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
    maxAttempts,
    retryStrategy: engineRetryStrategy(maxAttempts, options.delayMs ?? ((n) => backoffMs(n))),
  });
  // Outermost step: it sees the error once the retries are used up.
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isRetryableEngineError(error)) throw storeUnavailable(error, retryAfterSeconds);
        throw error;
      }
    },
    { step: 'initialize', name: 'emporiumStoreUnavailable', priority: 'high' },
  );
  return client;
}
