/**
 * Domain and application errors carry a kind (what went wrong, in HTTP-neutral terms)
 * and a stable code such as `CATALOG.PRODUCT_NOT_FOUND` that survives process boundaries.
 * One mapper (`statusOfKind`) turns the kind into a status at the HTTP edge.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'unprocessable'
  | 'too_large'
  | 'unsupported_media_type'
  | 'headers_too_large'
  | 'request_timeout'
  | 'rate_limited'
  | 'unavailable'
  | 'service_unavailable'
  | 'timeout'
  | 'internal';

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  unprocessable: 422,
  too_large: 413,
  unsupported_media_type: 415,
  headers_too_large: 431,
  request_timeout: 408,
  rate_limited: 429,
  unavailable: 502,
  // This service cannot answer now (what it needs is down) and says when to try again.
  service_unavailable: 503,
  timeout: 504,
  internal: 500,
};

export function statusOfKind(kind: ErrorKind): number {
  return statusByKind[kind];
}

export interface FieldError {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  /** Short, stable summary of the problem type; defaults to the catalogue entry's title. */
  title?: string;
  details?: Record<string, unknown>;
  errors?: FieldError[];
  cause?: unknown;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly errors: FieldError[] | undefined;
  readonly title: string | undefined;

  constructor(kind: ErrorKind, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.details = options.details;
    this.errors = options.errors;
    this.title = options.title;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A catalogue entry: one per coded error a service can answer with. */
export interface ErrorDefinition {
  kind: ErrorKind;
  code: string;
  title: string;
}

/**
 * Builds a typed catalogue of error factories, so every coded error a service can
 * raise is listed in one place (see each service's `errors.ts`).
 */
export function defineErrors<const T extends Record<string, Omit<ErrorDefinition, 'code'>>>(
  prefix: string,
  definitions: T,
): {
  [K in keyof T]: ErrorDefinition & {
    create(detail?: string, options?: AppErrorOptions): AppError;
  };
} {
  const catalogue = {} as Record<string, unknown>;
  for (const [key, definition] of Object.entries(definitions)) {
    const code = `${prefix}.${key}`;
    catalogue[key] = {
      ...definition,
      code,
      create: (detail?: string, options?: AppErrorOptions) =>
        new AppError(definition.kind, code, detail ?? definition.title, {
          title: definition.title,
          ...options,
        }),
    };
  }
  return catalogue as never;
}

/** Errors every service can answer with, raised by the kit itself. */
export const CommonErrors = defineErrors('COMMON', {
  VALIDATION_FAILED: { kind: 'invalid', title: 'The request is not valid' },
  MALFORMED_JSON: { kind: 'invalid', title: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { kind: 'unsupported_media_type', title: 'Unsupported content type' },
  BAD_URL: { kind: 'invalid', title: 'The URL is not valid' },
  PAYLOAD_TOO_LARGE: { kind: 'too_large', title: 'The request body is too large' },
  INVALID_CURSOR: { kind: 'invalid', title: 'The pagination cursor is not valid' },
  ROUTE_NOT_FOUND: { kind: 'not_found', title: 'No such route' },
  METHOD_NOT_ALLOWED: {
    kind: 'method_not_allowed',
    title: 'The resource does not support this method',
  },
  UNAUTHENTICATED: { kind: 'unauthenticated', title: 'Authentication is required' },
  FORBIDDEN: { kind: 'forbidden', title: 'Not allowed' },
  VERSION_MISMATCH: { kind: 'precondition_failed', title: 'The resource has changed' },
  INVALID_IF_MATCH: { kind: 'invalid', title: 'The If-Match header is not a valid ETag' },
  INVALID_IF_NONE_MATCH: {
    kind: 'invalid',
    title: 'The If-None-Match header is not a valid ETag list',
  },
  PRECONDITION_FAILED: {
    kind: 'precondition_failed',
    title: 'A precondition of the request failed',
  },
  FORBIDDEN_KEY: { kind: 'invalid', title: 'The request body holds a forbidden key' },
  UPSTREAM_UNAVAILABLE: { kind: 'unavailable', title: 'An upstream service is unavailable' },
  UPSTREAM_TIMEOUT: { kind: 'timeout', title: 'An upstream service did not answer in time' },
  INTERNAL: { kind: 'internal', title: 'Internal server error' },
  NOT_READY: { kind: 'unavailable', title: 'The service is not ready' },
  STORE_UNAVAILABLE: {
    kind: 'service_unavailable',
    title: 'The data store is unavailable; try again shortly',
  },
  HEADERS_TOO_LARGE: { kind: 'headers_too_large', title: 'The request headers are too large' },
  REQUEST_TIMEOUT: { kind: 'request_timeout', title: 'The request took too long to arrive' },
  MALFORMED_REQUEST: { kind: 'invalid', title: 'The request is not valid HTTP' },
  RATE_LIMITED: { kind: 'rate_limited', title: 'Too many requests' },
});
