import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../../clock.ts';
import type { Inbox } from '../../events/inbox.ts';
import { isConditionFailure, isNew, type ItemKey, type TxOps } from './transaction.ts';

export const inboxKey = (group: string, eventId: string): ItemKey => ({
  PK: `INBOX#${group}`,
  SK: eventId,
});

export interface DynamoInboxOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  clock: Pick<Clock, 'now'>;
}

/**
 * The inbox as items of a single-table design, one partition per consumer group.
 * `recordIn` adds the record to a handler's own transaction, so its change and the
 * record commit together.
 */
export class DynamoInbox implements Inbox {
  private readonly options: DynamoInboxOptions;

  constructor(options: DynamoInboxOptions) {
    this.options = options;
  }

  async has(group: string, eventId: string): Promise<boolean> {
    const { Item } = await this.options.client.send(
      new GetCommand({
        TableName: this.options.tableName,
        Key: inboxKey(group, eventId),
        ConsistentRead: true,
        ProjectionExpression: 'PK',
      }),
    );
    return Item !== undefined;
  }

  async record(group: string, eventId: string): Promise<void> {
    await this.options.client
      .send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: this.item(group, eventId),
          ConditionExpression: isNew.expression,
        }),
      )
      .catch((error: unknown) => {
        // Recorded before: recording is idempotent.
        if (!isConditionFailure(error)) throw error;
      });
  }

  recordIn<G extends string>(ops: TxOps<G>, group: string, eventId: string): void {
    ops.put(this.item(group, eventId));
  }

  private item(group: string, eventId: string) {
    return { ...inboxKey(group, eventId), processedAt: this.options.clock.now() };
  }
}
