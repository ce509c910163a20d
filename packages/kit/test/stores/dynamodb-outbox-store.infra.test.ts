import { TxOps, appendEvents, commit, DynamoOutboxStore } from '@emporium/kit/dynamodb';
import { describeOutboxStoreContract } from '@emporium/kit/testing';
import { dynamoTestTable } from './dynamo-fixture.ts';

const rethrow = { cancelled: () => undefined, tooLarge: (n: number) => new Error(`${n} items`) };

describeOutboxStoreContract({
  name: 'DynamoDB',
  // The emulator copies the whole table in every transaction: 200 events keep it under a minute.
  capabilities: { relayEvents: 200 },
  async create({ clock, retentionMs }) {
    const table = await dynamoTestTable('kit-outbox');
    const client = table.client();
    const open = (own = client) =>
      new DynamoOutboxStore({ client: own, tableName: table.tableName, clock, retentionMs });
    return {
      store: open(),
      append: async (events, options) => {
        const ops = new TxOps(table.tableName);
        ops.put({ PK: `THING#${events[0]!.id}`, SK: 'THING' });
        appendEvents(ops, events, clock.now());
        // A second write of the same new item fails its condition: the whole transaction is cancelled.
        if (options?.rollback)
          ops.put({ PK: 'THING#taken', SK: 'THING' }, 'integrity', {
            expression: 'attribute_exists(PK)',
          });
        await commit(client, ops.ops, rethrow);
      },
      replica: async () => open(table.client()),
      close: table.close,
    };
  },
});
