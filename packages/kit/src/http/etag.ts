import type { FastifyRequest } from 'fastify';
import { CommonErrors } from '../errors.ts';

export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version a client expects from `If-Match` (`"3"` or `W/"3"`), or undefined
 * when absent. `*` matches any existing version.
 */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  if (!match)
    throw CommonErrors.INVALID_IF_MATCH.create(
      `If-Match "${header.slice(0, 40)}" is not an ETag this service issued`,
    );
  return Number(match[1]);
}
