import { afterEach, describe, expect, it } from 'vitest';
import type { WorkQueue, WorkQueueSettings } from '../../src/queue/work-queue.ts';

export interface WorkQueueFixture {
  queue: WorkQueue<{ n: number }>;
  /** Lets time pass for the queue: an injected clock, or a real wait for a server. */
  advance(ms: number): Promise<void>;
}

export interface WorkQueueContractOptions {
  name: string;
  /** SQS counts seconds: adapters pass the unit of time their engine honours. */
  second: number;
  create(settings: Omit<WorkQueueSettings, 'name'>): Promise<WorkQueueFixture>;
}

export function describeWorkQueueContract({
  name,
  second,
  create,
}: WorkQueueContractOptions): void {
  describe(`WorkQueue contract: ${name}`, () => {
    const open: WorkQueueFixture[] = [];
    afterEach(async () => Promise.all(open.splice(0).map((fixture) => fixture.queue.close())));
    async function setUp(maxReceives = 3) {
      const fixture = await create({ visibilityTimeoutMs: second, maxReceives });
      open.push(fixture);
      return fixture;
    }
    const receiveAll = (queue: WorkQueue<{ n: number }>) =>
      queue.receive({ max: 10, waitMs: second });

    it('when a message is received and acknowledged, then it is delivered once and gone', async () => {
      const { queue, advance } = await setUp();
      const id = await queue.send({ n: 1 });
      const [message] = await receiveAll(queue);
      expect(message).toMatchObject({ id, body: { n: 1 }, receiveCount: 1 });
      await queue.ack(message!.receipt);
      await advance(2 * second);
      expect(await queue.receive({ max: 10 })).toEqual([]);
    });

    it('when a received message is not acknowledged, then it comes back after the visibility timeout', async () => {
      const { queue, advance } = await setUp();
      await queue.send({ n: 2 });
      expect(await receiveAll(queue)).toHaveLength(1);
      expect(await queue.receive({ max: 10 })).toEqual([]);
      await advance(1.5 * second);
      const [again] = await receiveAll(queue);
      expect(again).toMatchObject({ body: { n: 2 }, receiveCount: 2 });
    });

    it('when a message is released with a delay, then it stays hidden until the delay passes', async () => {
      const { queue, advance } = await setUp();
      await queue.send({ n: 3 });
      const [message] = await receiveAll(queue);
      await queue.release(message!.receipt, 2 * second);
      await advance(1.2 * second);
      expect(await queue.receive({ max: 10 })).toEqual([]);
      await advance(1.5 * second);
      expect((await receiveAll(queue))[0]?.body).toEqual({ n: 3 });
    });

    it('when a message keeps failing, then it becomes a dead letter and redrive brings it back', async () => {
      const { queue, advance } = await setUp(2);
      const id = await queue.send({ n: 4 });
      for (let attempt = 0; attempt < 2; attempt++) {
        expect(await receiveAll(queue)).toHaveLength(1);
        await advance(1.5 * second);
      }
      expect(await queue.receive({ max: 10, waitMs: second })).toEqual([]);
      const dead = await queue.deadLetters(10);
      expect(dead.map((message) => message.id)).toEqual([id]);
      expect(await queue.redriveDeadLetters()).toBe(1);
      const [back] = await receiveAll(queue);
      expect(back).toMatchObject({ id, body: { n: 4 }, receiveCount: 1 });
      await queue.ack(back!.receipt);
      expect(await queue.deadLetters(10)).toEqual([]);
    });
  });
}
