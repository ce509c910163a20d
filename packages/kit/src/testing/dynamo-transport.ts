import { Readable } from 'node:stream';

/** One canned answer of the fake DynamoDB endpoint. */
export interface FakeDynamoAnswer {
  status: number;
  body: string;
  contentType?: string;
}

/** What moto answers when a write overlaps its copy of a table (werkzeug's HTML page). */
export const MOTO_INTERNAL_ERROR: FakeDynamoAnswer = {
  status: 500,
  contentType: 'text/html; charset=utf-8',
  body: '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>',
};

/** DynamoDB's own throttling answer (JSON 1.0, HTTP 400). */
export const THROTTLED: FakeDynamoAnswer = {
  status: 400,
  body: JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
    message: 'Rate of requests exceeds the allowed throughput.',
  }),
};

/** A cancelled transaction, one reason per item (e.g. `TransactionConflict`, `None`). */
export function transactionCancelled(codes: string[]): FakeDynamoAnswer {
  return {
    status: 400,
    body: JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
      CancellationReasons: codes.map((Code) => ({ Code })),
    }),
  };
}

export const OK_EMPTY: FakeDynamoAnswer = { status: 200, body: '{}' };

/**
 * An SDK request handler (pass it as `requestHandler`) that answers from a script instead
 * of the network: `answer(target, n)` gets the operation (`TransactWriteItems`, `GetItem`…)
 * and how many requests came before. Every request is recorded with its parsed body.
 */
export function fakeDynamoTransport(answer: (operation: string, n: number) => FakeDynamoAnswer) {
  const requests: { operation: string; body: Record<string, unknown> }[] = [];
  const handler = {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: { headers: Record<string, string>; body?: unknown }) {
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const raw = request.body;
      const text =
        typeof raw === 'string'
          ? raw
          : raw instanceof Uint8Array
            ? Buffer.from(raw).toString()
            : '';
      requests.push({
        operation,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      });
      const reply = answer(operation, requests.length - 1);
      return {
        response: {
          statusCode: reply.status,
          reason: '',
          headers: {
            'content-type': reply.contentType ?? 'application/x-amz-json-1.0',
            'x-amzn-requestid': `fake-${requests.length}`,
          },
          body: Readable.from([Buffer.from(reply.body)]),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
  return { handler, requests };
}

/** What the fake answers by default: an ACTIVE table, empty reads, accepted writes. */
export function quietDynamo(operation: string): FakeDynamoAnswer {
  if (operation === 'DescribeTable')
    return { status: 200, body: JSON.stringify({ Table: { TableStatus: 'ACTIVE' } }) };
  if (operation === 'Query' || operation === 'Scan')
    return { status: 200, body: JSON.stringify({ Items: [], Count: 0 }) };
  if (operation === 'BatchGetItem') return { status: 200, body: JSON.stringify({ Responses: {} }) };
  return OK_EMPTY;
}

/** A quiet engine whose n-th `TransactWriteItems` (from 0) answers `transactWrite(n)`. */
export function scriptedTransactWrites(
  transactWrite: (n: number) => FakeDynamoAnswer,
): (operation: string) => FakeDynamoAnswer {
  let writes = 0;
  return (operation) =>
    operation === 'TransactWriteItems' ? transactWrite(writes++) : quietDynamo(operation);
}

/**
 * The same script as an HTTP endpoint on 127.0.0.1 (set AWS_ENDPOINT_URL to `url`), for
 * component tests of a whole service on its DynamoDB adapters. `requests` counts by operation.
 */
export async function startFakeDynamo(
  answer: (operation: string, n: number) => FakeDynamoAnswer,
): Promise<{ url: string; requests: Map<string, number>; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const requests = new Map<string, number>();
  let count = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.split('.')[1] ?? '';
      requests.set(operation, (requests.get(operation) ?? 0) + 1);
      const reply = answer(operation, count++);
      response.writeHead(reply.status, {
        'content-type': reply.contentType ?? 'application/x-amz-json-1.0',
        'x-amzn-requestid': `fake-${count}`,
      });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
