import { describe, expect, it } from 'vitest';
import { KeyedLocks } from '../../src/stores/dynamodb/keyed-locks.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('KeyedLocks', () => {
  it('makes a second holder of a key wait until the first releases', async () => {
    const locks = new KeyedLocks();
    const order: string[] = [];
    const releaseA = await locks.acquire(['sku-1']);
    const b = locks.acquire(['sku-1']).then((release) => {
      order.push('b');
      return release;
    });
    await turn();
    expect(order).toEqual([]);
    order.push('a done');
    releaseA();
    (await b)();
    expect(order).toEqual(['a done', 'b']);
  });

  it('lets holders of different keys run at once', async () => {
    const locks = new KeyedLocks();
    const first = await locks.acquire(['sku-1']);
    const second = await locks.acquire(['sku-2']);
    first();
    second();
  });

  it('takes keys in sorted order, so crossing changes never deadlock', async () => {
    const locks = new KeyedLocks();
    const done: string[] = [];
    const change = (name: string, keys: string[]) =>
      locks.acquire(keys).then(async (release) => {
        await turn();
        done.push(name);
        release();
      });
    // Unsorted, the first would hold b and the second a, each waiting on the other.
    await Promise.all([change('first', ['b', 'a']), change('second', ['a', 'b', 'a'])]);
    expect(done).toEqual(['first', 'second']);
  });

  it('leaves no entry behind once the last holder releases', async () => {
    const locks = new KeyedLocks();
    const release = await locks.acquire(['a', 'b']);
    release();
    expect((locks as unknown as { tails: Map<string, unknown> }).tails.size).toBe(0);
  });
});
