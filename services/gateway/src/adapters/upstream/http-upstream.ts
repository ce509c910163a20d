import { CommonErrors } from '@emporium/kit';
import { Pool, errors } from 'undici';
import type { ForwardRequest, ForwardResponse, Upstream } from '../../app/upstream.ts';

export interface HttpUpstreamOptions {
  service: string;
  baseUrl: string;
  timeoutMs: number;
  connections?: number;
}

/** Forwards over HTTP with a keep-alive pool; bodies stream both ways. */
export class HttpUpstream implements Upstream {
  private readonly pool: Pool;
  private readonly options: HttpUpstreamOptions;

  constructor(options: HttpUpstreamOptions) {
    this.options = options;
    this.pool = new Pool(options.baseUrl, {
      connections: options.connections ?? 64,
      keepAliveTimeout: 30_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async forward(request: ForwardRequest): Promise<ForwardResponse> {
    try {
      const response = await this.pool.request({
        method: request.method as 'GET',
        path: request.path,
        headers: request.headers as Record<string, string>,
        body: request.body ?? null,
        // Heartbeats may be further apart than any request timeout; the client ends it.
        ...(request.stream ? { bodyTimeout: 0 } : {}),
      });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      const { service, timeoutMs } = this.options;
      if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) {
        throw CommonErrors.UPSTREAM_TIMEOUT.create(
          `The ${service} service did not answer within ${timeoutMs} ms`,
          { cause: error },
        );
      }
      throw CommonErrors.UPSTREAM_UNAVAILABLE.create(`The ${service} service is unavailable`, {
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
