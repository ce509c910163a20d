import type { FastifyInstance } from 'fastify';
import { CommonErrors } from '../errors.ts';

/**
 * Keys that reach an object's prototype when a body is merged or copied naively
 * (prototype pollution). Fastify's own parser refuses them too, but answers "Body is not
 * valid JSON", which sends the client looking for a syntax error that is not there.
 */
function refuseForbiddenKeys(this: unknown, key: string, value: unknown): unknown {
  if (key === '__proto__')
    throw CommonErrors.FORBIDDEN_KEY.create('"__proto__" is not allowed as a key');
  if (
    key === 'constructor' &&
    typeof value === 'object' &&
    value !== null &&
    Object.hasOwn(value, 'prototype')
  )
    throw CommonErrors.FORBIDDEN_KEY.create('"constructor.prototype" is not allowed as a key');
  return value;
}

// A key can only spell a forbidden name literally or through a \u escape.
const MAY_HOLD_FORBIDDEN_KEY = /__proto__|prototype|\\u/;

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '')
    throw CommonErrors.MALFORMED_JSON.create('The body is empty but content-type is JSON');
  try {
    // The reviver costs a visit per value: only bodies that could hold the keys pay it.
    return MAY_HOLD_FORBIDDEN_KEY.test(text)
      ? JSON.parse(text, refuseForbiddenKeys)
      : JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError)
      throw CommonErrors.MALFORMED_JSON.create(`The body is not valid JSON: ${error.message}`);
    throw error;
  }
}

/** Replaces Fastify's JSON body parser with one whose refusals say what is wrong. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
