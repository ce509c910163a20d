import { AppError, type ErrorKind, type ServiceResponse } from '@emporium/kit';

const kindByStatus: Record<number, ErrorKind> = {
  400: 'invalid',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  428: 'precondition_required',
  429: 'rate_limited',
};

interface ProblemBody {
  code?: unknown;
  title?: unknown;
  detail?: unknown;
  errors?: unknown;
}

/**
 * A 4xx problem+json from another service, as an AppError with the same kind and code:
 * the caller can answer with it (a bad cursor stays a 400, not a 502) or handle it by code.
 */
export function upstreamProblem(upstream: string, response: ServiceResponse<unknown>): AppError {
  const body = (response.body ?? {}) as ProblemBody;
  const kind = kindByStatus[response.status] ?? 'invalid';
  const code = typeof body.code === 'string' ? body.code : `HTTP.${response.status}`;
  const detail =
    typeof body.detail === 'string' ? body.detail : `${upstream} answered ${response.status}`;
  return new AppError(kind, code, detail, {
    ...(typeof body.title === 'string' ? { title: body.title } : {}),
    ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
    // The problem's own extensions (a refused promotion's `reason`, the unpriced `skus`).
    details: { ...extensionsOf(body), upstream, status: response.status },
  });
}

const PROBLEM_MEMBERS = new Set([
  'type',
  'title',
  'status',
  'detail',
  'code',
  'instance',
  'errors',
]);

function extensionsOf(body: ProblemBody): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).filter(([key]) => !PROBLEM_MEMBERS.has(key)));
}

/** The routing 404 of a service that does not serve the route (e.g. no dead-letter routes). */
export function isRouteNotFound(response: ServiceResponse<unknown>): boolean {
  return (
    response.status === 404 &&
    (response.body as ProblemBody | undefined)?.code === 'COMMON.ROUTE_NOT_FOUND'
  );
}

export function bearer(authorization: string | undefined): Record<string, string> {
  return authorization ? { authorization } : {};
}
