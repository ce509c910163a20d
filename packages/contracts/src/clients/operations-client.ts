import { DeadLetterSchema, type BreakerState, type ServiceClient } from '@emporium/kit';
import { Type, type Static } from 'typebox';
import { bearer, isRouteNotFound, upstreamProblem } from './upstream-problem.ts';

export { DeadLetterSchema };
export type DeadLetterView = Static<typeof DeadLetterSchema>;

export const DeadLetterPageSchema = Type.Object({
  items: Type.Array(DeadLetterSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type DeadLetterPage = Static<typeof DeadLetterPageSchema>;

export const ReadinessSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('failing')]),
  checks: Type.Array(
    Type.Object({
      name: Type.String(),
      status: Type.Union([Type.Literal('ok'), Type.Literal('failing')]),
      error: Type.Optional(Type.String()),
    }),
  ),
});
export type Readiness = Static<typeof ReadinessSchema>;

/** Who the call is made for: the caller's bearer token (admin routes) or, later, a service token. */
export interface CallOptions {
  authorization?: string;
}

/**
 * What every service on the kit serves: readiness and, when it consumes events, its dead
 * letters. Each service's client extends it. A 4xx answer becomes an AppError with the
 * upstream's code; 5xx, timeouts and an open breaker are the ServiceClient's 502/504.
 */
export class OperationsClient {
  readonly service: string;
  protected readonly http: ServiceClient;

  constructor(service: string, http: ServiceClient) {
    this.service = service;
    this.http = http;
  }

  /** `/health/ready`: a failing dependency is an answer (503 with its checks), not an error. */
  async readiness(): Promise<Readiness> {
    const response = await this.http.request<Readiness>({ method: 'GET', path: '/health/ready' });
    if (response.status !== 200 && response.status !== 503) throw this.problem(response);
    return response.body;
  }

  /** One page of the service's dead letters; a service without consumers has none. */
  async deadLetters(
    query: { limit: number; cursor?: string | null },
    options: CallOptions = {},
  ): Promise<DeadLetterPage> {
    const response = await this.http.request<DeadLetterPage>({
      method: 'GET',
      path: '/admin/dead-letters',
      query: { limit: query.limit, cursor: query.cursor ?? undefined },
      headers: bearer(options.authorization),
    });
    if (isRouteNotFound(response)) return { items: [], nextCursor: null };
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  /** Redrives a dead letter; undefined when this service holds none with that id. */
  async redrive(id: string, options: CallOptions = {}): Promise<DeadLetterView | undefined> {
    const response = await this.http.request<DeadLetterView>({
      method: 'POST',
      path: `/admin/dead-letters/${encodeURIComponent(id)}/redrive`,
      headers: bearer(options.authorization),
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw this.problem(response);
    return response.body;
  }

  breakerState(): BreakerState {
    return this.http.breakerState();
  }

  close(): Promise<void> {
    return this.http.close();
  }

  protected problem(response: Parameters<typeof upstreamProblem>[1]) {
    return upstreamProblem(this.service, response);
  }
}
