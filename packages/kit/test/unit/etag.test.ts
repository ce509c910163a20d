import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertPreconditions,
  etagOf,
  evaluatePreconditions,
  isNotModified,
  ifMatchPasses,
  ifNoneMatchPasses,
  parseEntityTag,
  parseEntityTagCondition,
  strongMatch,
  weakMatch,
  type EntityTagCondition,
} from '../../src/http/etag.ts';
import { createHttpServer, type CreatedServer } from '../../src/index.ts';
import { silentLogger } from '../../src/testing/index.ts';

const tag = (text: string) => parseEntityTag(text)!;
const condition = (text: string) => parseEntityTagCondition(text)!;

describe('entity tag parsing', () => {
  it.each([
    ['"3"', [{ weak: false, opaque: '"3"' }]],
    ['W/"3"', [{ weak: true, opaque: '"3"' }]],
    ['""', [{ weak: false, opaque: '""' }]],
    [
      '"a", W/"b"',
      [
        { weak: false, opaque: '"a"' },
        { weak: true, opaque: '"b"' },
      ],
    ],
    [
      '  "a" ,, "b",',
      [
        { weak: false, opaque: '"a"' },
        { weak: false, opaque: '"b"' },
      ],
    ],
    ['"a,b"', [{ weak: false, opaque: '"a,b"' }]],
    ['*', '*'],
    [' * ', '*'],
  ])('when the field is %j, then it parses', (text, expected) => {
    expect(parseEntityTagCondition(text)).toEqual(expected);
  });

  it.each([
    'yesterday',
    '3',
    '"3',
    'w/"3"',
    'W/ "3"',
    '"a" "b"',
    '"a"b',
    '*, "a"',
    '',
    ' , ',
    '"a\u0001"',
    '"a"b"',
  ])('when the field is %j, then it is malformed', (text) => {
    expect(parseEntityTagCondition(text)).toBeUndefined();
  });
});

describe('entity tag comparison (RFC 9110 §8.8.3.2)', () => {
  it.each([
    ['W/"1"', 'W/"1"', false, true],
    ['W/"1"', 'W/"2"', false, false],
    ['W/"1"', '"1"', false, true],
    ['"1"', '"1"', true, true],
  ])('when %s is compared with %s, then strong is %s and weak is %s', (a, b, strong, weak) => {
    expect(strongMatch(tag(a), tag(b))).toBe(strong);
    expect(weakMatch(tag(a), tag(b))).toBe(weak);
  });
});

describe('If-Match and If-None-Match evaluation', () => {
  const cases: [string, string | undefined, boolean, boolean][] = [
    // field, current tag, If-Match passes, If-None-Match passes
    ['"2"', '"2"', true, false],
    ['"1", "2"', '"2"', true, false],
    ['"1", "3"', '"2"', false, true],
    ['W/"2"', '"2"', false, false],
    ['*', '"2"', true, false],
    ['*', undefined, false, true],
    ['"2"', undefined, false, true],
  ];
  it.each(cases)(
    'when the field is %s and the resource is at %s, then If-Match passes: %s, If-None-Match passes: %s',
    (field, current, matchPasses, noneMatchPasses) => {
      const parsed: EntityTagCondition = condition(field);
      expect(ifMatchPasses(parsed, current)).toBe(matchPasses);
      expect(ifNoneMatchPasses(parsed, current)).toBe(noneMatchPasses);
    },
  );

  it('when If-None-Match matches, then reads are not modified and writes fail', () => {
    const preconditions = { ifNoneMatch: condition('W/"2"') };
    expect(evaluatePreconditions(preconditions, 'GET', '"2"')).toBe('not_modified');
    expect(evaluatePreconditions(preconditions, 'HEAD', '"2"')).toBe('not_modified');
    expect(evaluatePreconditions(preconditions, 'PATCH', '"2"')).toBe('failed');
    expect(evaluatePreconditions(preconditions, 'GET', '"3"')).toBe('proceed');
  });

  it('when If-Match fails, then the request fails before If-None-Match is considered', () => {
    const preconditions = { ifMatch: condition('"1"'), ifNoneMatch: condition('"9"') };
    expect(evaluatePreconditions(preconditions, 'GET', '"2"')).toBe('failed');
    expect(evaluatePreconditions(preconditions, 'PATCH', '"1"')).toBe('proceed');
  });

  it('when there are no preconditions, then the request proceeds', () => {
    expect(evaluatePreconditions({}, 'PATCH', undefined)).toBe('proceed');
  });
});

describe('route helpers', () => {
  let server: CreatedServer;
  let version = 3;
  beforeAll(async () => {
    server = await createHttpServer({ name: 'shop', logger: silentLogger });
    server.app.get('/thing', async (request, reply) => {
      const etag = etagOf(version);
      reply.header('etag', etag);
      if (isNotModified(request, etag)) return reply.status(304).send();
      return { version };
    });
    server.app.put('/thing', async (request) => {
      assertPreconditions(request, etagOf(version));
      version += 1;
      return { version };
    });
    await server.app.ready();
  });
  afterAll(async () => server.app.close());

  const put = (headers: Record<string, string>) =>
    server.app.inject({ method: 'PUT', url: '/thing', headers });

  it('when a route holds the resource, then assertPreconditions gives 412, 400 or lets the write go ahead', async () => {
    expect((await put({ 'if-match': '"1", "2"' })).statusCode).toBe(412);
    expect((await put({ 'if-match': '"1", "2"' })).json().code).toBe('COMMON.PRECONDITION_FAILED');
    expect((await put({ 'if-none-match': '*' })).statusCode).toBe(412);
    expect((await put({ 'if-match': 'three' })).statusCode).toBe(400);
    expect((await put({ 'if-match': '"2", "3"' })).json()).toEqual({ version: 4 });
  });

  it('when a read revalidates, then isNotModified answers 304 on a weak match', async () => {
    const response = await server.app.inject({
      url: '/thing',
      headers: { 'if-none-match': `W/${etagOf(version)}` },
    });
    expect(response.statusCode).toBe(304);
  });
});
