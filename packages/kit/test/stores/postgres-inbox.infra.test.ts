import { afterAll, beforeAll } from 'vitest';
import { openPostgres, PostgresInbox, postgresInboxMigration } from '@emporium/kit/postgres';
import type { InboxSchema } from '@emporium/kit';
import {
  createTestPostgresDatabase,
  describeInboxContract,
  type TestPostgresDatabase,
} from '@emporium/kit/testing';

let database: TestPostgresDatabase;
beforeAll(async () => (database = await createTestPostgresDatabase('kit_inbox')));
afterAll(() => database.drop());

describeInboxContract({
  name: 'PostgreSQL',
  async create() {
    const open = () =>
      openPostgres<InboxSchema>({
        url: database.url,
        migrations: { '0001_event_inbox': postgresInboxMigration },
      });
    const handles = [await open()];
    await handles[0]!.db.deleteFrom('event_inbox').execute();
    return {
      inbox: new PostgresInbox(handles[0]!.db),
      reopen: async () => {
        const again = await open();
        handles.push(again);
        return new PostgresInbox(again.db);
      },
      close: async () => {
        await Promise.all(handles.map((handle) => handle.close()));
      },
    };
  },
});
