import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureKeyTable } from '@emporium/kit/dynamodb';

const endpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

let queue: Promise<unknown> = Promise.resolve();

/**
 * moto copies a table without a lock in every TransactWriteItems, so two concurrent
 * requests on one table can fail with a 500 ("dictionary changed size during
 * iteration"). Requests go to the emulator one at a time; the relays still interleave
 * request by request, which is the concurrency the contract checks.
 */
const oneAtATime =
  <I, O>(next: (args: I) => Promise<O>) =>
  (args: I): Promise<O> => {
    const turn = queue.then(() => next(args));
    queue = turn.catch(() => undefined);
    return turn;
  };

/** A fresh PK/SK table on the emulator, and clients on it; `close` drops the table. */
export async function dynamoTestTable(prefix: string) {
  const tableName = `${prefix}-${randomUUID()}`;
  const bases: DynamoDBClient[] = [];
  const client = () => {
    const base = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
    bases.push(base);
    base.middlewareStack.add(oneAtATime, { step: 'finalizeRequest', name: 'oneAtATime' });
    return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  };
  const admin = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
  await ensureKeyTable(admin, tableName);
  return {
    tableName,
    client,
    close: async () => {
      // The emulator keeps every table in memory: drop this run's.
      await admin.send(new DeleteTableCommand({ TableName: tableName }));
      admin.destroy();
      for (const base of bases) base.destroy();
    },
  };
}
