import { afterEach, describe, expect, it } from 'vitest';
import type { Inbox } from '../events/inbox.ts';

export interface InboxFixture {
  inbox: Inbox;
  /** Another inbox on the same store, as after a restart. */
  reopen(): Promise<Inbox>;
  close(): Promise<void>;
}

export interface InboxContractOptions {
  name: string;
  create(): Promise<InboxFixture>;
  capabilities?: Record<string, never>;
}

export function describeInboxContract(options: InboxContractOptions): void {
  describe(`Inbox contract: ${options.name}`, () => {
    const open: InboxFixture[] = [];
    async function setUp(): Promise<InboxFixture> {
      const fixture = await options.create();
      open.push(fixture);
      return fixture;
    }
    afterEach(async () => {
      await Promise.all(open.splice(0).map((fixture) => fixture.close()));
    });

    it('when an event was never recorded, then the inbox does not have it', async () => {
      const { inbox } = await setUp();
      expect(await inbox.has('a.indexer', 'evt_1')).toBe(false);
    });

    it('when an event is recorded twice, then the second record is a no-op and the inbox has it', async () => {
      const { inbox } = await setUp();
      await inbox.record('a.indexer', 'evt_1');
      await expect(inbox.record('a.indexer', 'evt_1')).resolves.toBeUndefined();
      expect(await inbox.has('a.indexer', 'evt_1')).toBe(true);
    });

    it('when one group records an event, then another group does not have it', async () => {
      const { inbox } = await setUp();
      await inbox.record('a.indexer', 'evt_1');
      expect(await inbox.has('b.mailer', 'evt_1')).toBe(false);
      expect(await inbox.has('a.indexer', 'evt_2')).toBe(false);
    });

    it('when the store is reopened, then recorded events are still there', async () => {
      const fixture = await setUp();
      await fixture.inbox.record('a.indexer', 'evt_1');
      const again = await fixture.reopen();
      expect(await again.has('a.indexer', 'evt_1')).toBe(true);
    });
  });
}
