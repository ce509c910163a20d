import { DynamoInbox } from '@emporium/kit/dynamodb';
import { describeInboxContract } from '@emporium/kit/testing';
import { dynamoTestTable } from './dynamo-fixture.ts';

describeInboxContract({
  name: 'DynamoDB',
  async create() {
    const table = await dynamoTestTable('kit-inbox');
    const open = () =>
      new DynamoInbox({ client: table.client(), tableName: table.tableName, clock: Date });
    return { inbox: open(), reopen: async () => open(), close: table.close };
  },
});
