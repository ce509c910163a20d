import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventBus } from '../../src/events/embedded-bus.ts';
import { instantClock, silentLogger } from '../../src/testing/index.ts';
import { describeEventBusContract } from './event-bus.contract.ts';

describeEventBusContract({
  name: 'embedded (SQLite)',
  async create(retry) {
    const path = join(mkdtempSync(join(tmpdir(), 'bus-')), 'bus.sqlite');
    const open = () =>
      EmbeddedEventBus.open({
        path,
        clock: instantClock(),
        logger: silentLogger,
        retry,
        pollIntervalMs: 50,
      });
    return { bus: await open(), reopen: open };
  },
});
