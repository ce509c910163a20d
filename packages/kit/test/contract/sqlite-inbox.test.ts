import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteInbox } from '../../src/index.ts';
import { describeInboxContract } from '../../src/testing/index.ts';

describeInboxContract({
  name: 'SQLite',
  async create() {
    const path = join(mkdtempSync(join(tmpdir(), 'inbox-')), 'inbox.sqlite');
    const inboxes = [await SqliteInbox.open(path)];
    return {
      inbox: inboxes[0]!,
      reopen: async () => {
        const again = await SqliteInbox.open(path);
        inboxes.push(again);
        return again;
      },
      close: async () => {
        await Promise.all(inboxes.map((inbox) => inbox.close()));
      },
    };
  },
});
