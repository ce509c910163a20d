import { SqliteWorkQueue } from '../../src/queue/sqlite-work-queue.ts';
import { instantClock } from '../../src/testing/index.ts';
import { describeWorkQueueContract } from './work-queue.contract.ts';

describeWorkQueueContract({
  name: 'SQLite',
  second: 1_000,
  async create(settings) {
    const clock = instantClock();
    const queue = await SqliteWorkQueue.open<{ n: number }>({
      ...settings,
      name: 'test',
      path: ':memory:',
      clock,
    });
    return { queue, advance: async (ms) => clock.advance(ms) };
  },
});
