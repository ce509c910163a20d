import type { FastifyRequest } from 'fastify';
import { CommonErrors } from '../errors.ts';

/**
 * Conditional requests (RFC 9110 §13): one parser and one evaluation order for every
 * service, so `If-Match` and `If-None-Match` mean the same everywhere.
 */

export interface EntityTag {
  weak: boolean;
  /** The quoted opaque tag, quotes included: `"3"`. */
  opaque: string;
}

/** A parsed `If-Match` / `If-None-Match` field: `*` or a list of tags. */
export type EntityTagCondition = '*' | EntityTag[];

export function etagOf(version: number): string {
  return `"${version}"`;
}

// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text.
const ENTITY_TAG = /^(W\/)?("[\x21\x23-\x7E\x80-\xFF]*")$/;

export function parseEntityTag(text: string): EntityTag | undefined {
  const match = ENTITY_TAG.exec(text);
  return match ? { weak: match[1] !== undefined, opaque: match[2]! } : undefined;
}

/**
 * Parses a field value; `undefined` when it is not a valid `*` or list of entity tags
 * (lists may hold empty elements and optional whitespace, RFC 9110 §5.6.1).
 */
export function parseEntityTagCondition(value: string): EntityTagCondition | undefined {
  const trimmed = value.trim();
  if (trimmed === '*') return '*';
  // A comma inside a quoted tag is legal (etagc includes it), so split on tag boundaries.
  const tags: EntityTag[] = [];
  const element = /\s*(?:(W\/)?("[\x21\x23-\x7E\x80-\xFF]*"))?\s*(,|$)/y;
  let index = 0;
  while (index < trimmed.length) {
    element.lastIndex = index;
    const match = element.exec(trimmed);
    if (!match || match[0] === '') return undefined;
    if (match[2] !== undefined) tags.push({ weak: match[1] !== undefined, opaque: match[2] });
    index = element.lastIndex;
  }
  return tags.length > 0 ? tags : undefined;
}

/** Strong comparison: both tags strong and their opaque parts equal. */
export function strongMatch(a: EntityTag, b: EntityTag): boolean {
  return !a.weak && !b.weak && a.opaque === b.opaque;
}

/** Weak comparison: opaque parts equal, whatever their weakness. */
export function weakMatch(a: EntityTag, b: EntityTag): boolean {
  return a.opaque === b.opaque;
}

/** `If-Match`: true when the current representation (tag, or none) satisfies it. */
export function ifMatchPasses(condition: EntityTagCondition, current: string | undefined): boolean {
  if (current === undefined) return false;
  if (condition === '*') return true;
  const tag = parseEntityTag(current);
  return tag !== undefined && condition.some((candidate) => strongMatch(candidate, tag));
}

/** `If-None-Match`: true when no listed tag (weakly) matches the current representation. */
export function ifNoneMatchPasses(
  condition: EntityTagCondition,
  current: string | undefined,
): boolean {
  if (current === undefined) return true;
  if (condition === '*') return false;
  const tag = parseEntityTag(current);
  return tag === undefined || !condition.some((candidate) => weakMatch(candidate, tag));
}

export interface Preconditions {
  ifMatch?: EntityTagCondition;
  ifNoneMatch?: EntityTagCondition;
}

/** What evaluating the preconditions against the current representation says to do. */
export type PreconditionOutcome = 'proceed' | 'not_modified' | 'failed';

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Reads and validates the request's `If-Match` and `If-None-Match`. A malformed field is
 * a 400 with a code; a well-formed one that later fails to match is a 412, never a 400.
 */
export function preconditionsOf(request: FastifyRequest): Preconditions {
  const result: Preconditions = {};
  const ifMatch = headerValue(request, 'if-match');
  if (ifMatch !== undefined) {
    const condition = parseEntityTagCondition(ifMatch);
    if (!condition)
      throw CommonErrors.INVALID_IF_MATCH.create(
        `If-Match "${ifMatch.slice(0, 40)}" is not "*" or a list of entity tags`,
      );
    result.ifMatch = condition;
  }
  const ifNoneMatch = headerValue(request, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    const condition = parseEntityTagCondition(ifNoneMatch);
    if (!condition)
      throw CommonErrors.INVALID_IF_NONE_MATCH.create(
        `If-None-Match "${ifNoneMatch.slice(0, 40)}" is not "*" or a list of entity tags`,
      );
    result.ifNoneMatch = condition;
  }
  return result;
}

/**
 * RFC 9110 §13.2.2 order: If-Match first (412 when false), then If-None-Match (304 on
 * GET/HEAD, 412 otherwise, when false). `current` is the resource's ETag, or undefined
 * when it has no current representation.
 */
export function evaluatePreconditions(
  preconditions: Preconditions,
  method: string,
  current: string | undefined,
): PreconditionOutcome {
  if (preconditions.ifMatch && !ifMatchPasses(preconditions.ifMatch, current)) return 'failed';
  if (preconditions.ifNoneMatch && !ifNoneMatchPasses(preconditions.ifNoneMatch, current))
    return method === 'GET' || method === 'HEAD' ? 'not_modified' : 'failed';
  return 'proceed';
}

/**
 * For reads: true when the answer is 304 Not Modified. Throws 412 when `If-Match` fails
 * and 400 when a field is malformed.
 */
export function isNotModified(request: FastifyRequest, current: string): boolean {
  const outcome = evaluatePreconditions(preconditionsOf(request), request.method, current);
  if (outcome === 'failed')
    throw CommonErrors.PRECONDITION_FAILED.create(`The resource is at ${current}`);
  return outcome === 'not_modified';
}

/** Whether a write may go ahead on a resource at `version`; checked by the use case. */
export type VersionPrecondition = (version: number) => boolean;

/**
 * For writes whose use case loads the resource itself: parses the fields now (a
 * malformed one is a 400 before any work) and returns the check to apply to the version
 * it loads, or undefined when the request is unconditional.
 */
export function versionPrecondition(request: FastifyRequest): VersionPrecondition | undefined {
  const preconditions = preconditionsOf(request);
  if (!preconditions.ifMatch && !preconditions.ifNoneMatch) return undefined;
  return (version) =>
    evaluatePreconditions(preconditions, request.method, etagOf(version)) === 'proceed';
}

/** For writes where the route holds the current resource: throws 412 unless it may go ahead. */
export function assertPreconditions(request: FastifyRequest, current: string | undefined): void {
  const outcome = evaluatePreconditions(preconditionsOf(request), request.method, current);
  if (outcome !== 'proceed')
    throw CommonErrors.PRECONDITION_FAILED.create(
      current ? `The resource is at ${current}` : 'The resource does not exist',
    );
}

/**
 * @deprecated Use `versionPrecondition` (lists, `*`, If-None-Match). Kept for callers
 * that pass one version on: the version of a single `If-Match` tag, undefined for `*`.
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
