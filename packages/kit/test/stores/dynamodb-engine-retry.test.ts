import { describe, expect, it } from 'vitest';
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TxOps, commit, createDynamoClient } from '@emporium/kit/dynamodb';
import {
  MOTO_INTERNAL_ERROR,
  OK_EMPTY,
  THROTTLED,
  fakeDynamoTransport,
  transactionCancelled,
  type FakeDynamoAnswer,
} from '@emporium/kit/testing';
import { isAppError } from '@emporium/kit';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A client on the scripted transport; retry pauses are recorded, not waited for. */
function clientOn(answer: (operation: string, n: number) => FakeDynamoAnswer) {
  const transport = fakeDynamoTransport(answer);
  const pauses: number[] = [];
  const base = createDynamoClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    credentials,
    requestHandler: transport.handler as never,
    maxAttempts: 4,
    retryAfterSeconds: 2,
    delayMs: (retry) => {
      pauses.push(retry);
      return 0;
    },
  });
  return { base, transport, pauses };
}

const getItem = (base: DynamoDBClient) =>
  base.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'a' }, SK: { S: 'b' } } }));

describe('createDynamoClient (engine hiccups)', () => {
  it('when moto answers its HTML 500 twice, then the request is retried with backoff and succeeds', async () => {
    const { base, transport, pauses } = clientOn((_, n) =>
      n < 2 ? MOTO_INTERNAL_ERROR : OK_EMPTY,
    );
    await expect(getItem(base)).resolves.toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect(transport.requests.map((r) => r.operation)).toEqual(['GetItem', 'GetItem', 'GetItem']);
    expect(pauses).toEqual([1, 2]);
  });

  it('when the 500s persist, then the caller gets a 503 STORE_UNAVAILABLE with Retry-After, after maxAttempts tries', async () => {
    const { base, transport } = clientOn(() => MOTO_INTERNAL_ERROR);
    const error = await getItem(base).catch((caught: unknown) => caught);
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'service_unavailable',
      code: 'COMMON.STORE_UNAVAILABLE',
      details: { retryAfterSeconds: 2 },
    });
    expect(transport.requests).toHaveLength(4);
  });

  it('when DynamoDB throttles, then it is retried, and a persisting throttle is a 503 too', async () => {
    const once = clientOn((_, n) => (n === 0 ? THROTTLED : OK_EMPTY));
    await expect(getItem(once.base)).resolves.toBeDefined();
    expect(once.transport.requests).toHaveLength(2);

    const always = clientOn(() => THROTTLED);
    await expect(getItem(always.base)).rejects.toMatchObject({ code: 'COMMON.STORE_UNAVAILABLE' });
    expect(always.transport.requests).toHaveLength(4);
  });

  it('when the request itself is wrong (a 400 validation error), then it is neither retried nor turned into a 503', async () => {
    const { base, transport } = clientOn(() => ({
      status: 400,
      body: JSON.stringify({
        __type: 'com.amazon.coral.validate#ValidationException',
        message: 'One or more parameter values were invalid',
      }),
    }));
    const error = await getItem(base).catch((caught: unknown) => caught);
    expect(isAppError(error)).toBe(false);
    expect((error as Error).name).toBe('ValidationException');
    expect(transport.requests).toHaveLength(1);
  });
});

describe('commit (cancelled transactions)', () => {
  type Guard = 'slug';
  const ops = () =>
    new TxOps<Guard>('t')
      .put({ PK: 'P#1', SK: 'P#1' }, 'integrity', { expression: 'attribute_not_exists(PK)' })
      .put({ PK: 'S#x', SK: 'S#x' }, 'slug', { expression: 'attribute_not_exists(PK)' }).ops;
  const slugTaken = new Error('slug taken');
  const errors = {
    cancelled: ({ failed }: { failed: ReadonlySet<string> }) =>
      failed.has('slug') ? slugTaken : undefined,
    tooLarge: () => new Error('too large'),
  };

  function docClientOn(answer: (operation: string, n: number) => FakeDynamoAnswer) {
    const { base, transport } = clientOn(answer);
    return { client: DynamoDBDocumentClient.from(base), transport };
  }
  const noPause = { delayMs: () => 0, sleep: async () => undefined, maxAttempts: 3 };

  it('when a transaction conflicts with another one, then it is sent again with a fresh token and commits', async () => {
    const { client, transport } = docClientOn((_, n) =>
      n < 2 ? transactionCancelled(['TransactionConflict', 'None']) : OK_EMPTY,
    );
    await expect(commit(client, ops(), errors, noPause)).resolves.toBeUndefined();
    const tokens = transport.requests.map((r) => r.body['ClientRequestToken']);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(3);
  });

  it('when the conflicts persist, then the caller gets a 503 STORE_UNAVAILABLE', async () => {
    const { client, transport } = docClientOn(() =>
      transactionCancelled(['None', 'ThrottlingError']),
    );
    await expect(commit(client, ops(), errors, noPause)).rejects.toMatchObject({
      kind: 'service_unavailable',
      code: 'COMMON.STORE_UNAVAILABLE',
    });
    expect(transport.requests).toHaveLength(3);
  });

  it("when a condition failed, then the caller's own error is thrown at once, even beside a conflict", async () => {
    const { client, transport } = docClientOn(() =>
      transactionCancelled(['TransactionConflict', 'ConditionalCheckFailed']),
    );
    await expect(commit(client, ops(), errors, noPause)).rejects.toBe(slugTaken);
    expect(transport.requests).toHaveLength(1);
  });

  it('when a reason is neither a condition nor transient, then DynamoDB’s error is rethrown unchanged', async () => {
    const { client, transport } = docClientOn(() =>
      transactionCancelled(['ValidationError', 'None']),
    );
    const error = await commit(client, ops(), errors, noPause).catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('TransactionCanceledException');
    expect(transport.requests).toHaveLength(1);
  });
});
