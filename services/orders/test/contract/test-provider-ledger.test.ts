import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@emporium/kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { TestPaymentProvider } from '../../src/adapters/payment/test-payment-provider.ts';
import {
  MemoryTestProviderLedger,
  SqliteTestProviderLedger,
  type TestProviderLedger,
} from '../../src/adapters/payment/test-provider-ledger.ts';

const authorized = { amount: 500, captured: 0, refunded: 0, voided: false };
const approval = { outcome: 'authorized', authorizationId: 'pay_1' };
const never = (): never => {
  throw new Error('a kept answer must not be decided again');
};

/** The one contract of the test provider's ledger, run against each adapter. */
function describeLedgerContract(name: string, open: () => Promise<TestProviderLedger>) {
  describe(`test provider ledger: ${name}`, () => {
    let ledger: TestProviderLedger;
    afterEach(async () => ledger.close());

    it('when a call is decided with its authorization, then its key replays the answer within its window only', async () => {
      ledger = await open();
      const decide = () => ({
        answer: approval,
        authorization: { id: 'pay_1', state: authorized },
      });
      expect(await ledger.once({ key: 'k1', notBefore: 0, at: 1_000, decide })).toEqual(approval);
      expect(await ledger.once({ key: 'k1', notBefore: 1_000, at: 1_500, decide: never })).toEqual(
        approval,
      );
      expect(ledger.authorization('pay_1')).toEqual(authorized);
      const later = await ledger.once({
        key: 'k1',
        notBefore: 1_001,
        at: 2_000,
        decide: () => ({ answer: 'decided again' }),
      });
      expect(later).toBe('decided again');
    });

    it('when a call answered nothing, then its key still counts as answered', async () => {
      ledger = await open();
      await ledger.once({ key: 'void-1', notBefore: 0, at: 5, decide: () => ({ answer: null }) });
      expect(await ledger.once({ key: 'void-1', notBefore: 0, at: 6, decide: never })).toBeNull();
    });

    it('when an authorization changes, then the new state replaces the old; a swept answer is gone', async () => {
      ledger = await open();
      const state = { id: 'p', state: authorized };
      await ledger.once({
        key: 'a',
        notBefore: 0,
        at: 10,
        decide: () => ({ answer: 1, authorization: state }),
      });
      await ledger.once({
        key: 'b',
        notBefore: 0,
        at: 20,
        decide: () => ({
          answer: null,
          authorization: { id: 'p', state: { ...authorized, voided: true } },
        }),
      });
      expect(ledger.authorization('p')).toMatchObject({ voided: true });
      ledger.sweep(15);
      const again = await ledger.once({
        key: 'a',
        notBefore: 0,
        at: 30,
        decide: () => ({ answer: 2 }),
      });
      expect(again).toBe(2);
      expect(await ledger.once({ key: 'b', notBefore: 0, at: 30, decide: never })).toBeNull();
    });

    it('when calls for one key arrive at once, then one decides and every call gets its answer', async () => {
      ledger = await open();
      let decisions = 0;
      const decide = () => ({ answer: `decision ${++decisions}` });
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          ledger.once({ key: 'same', notBefore: 0, at: i, decide }),
        ),
      );
      expect(decisions).toBe(1);
      expect(new Set(answers)).toEqual(new Set(['decision 1']));
    });

    it('when a decision throws among calls made at once, then it alone fails and records nothing', async () => {
      ledger = await open();
      const outage = new Error('outage');
      const results = await Promise.allSettled([
        ledger.once({ key: 'x', notBefore: 0, at: 1, decide: () => ({ answer: 'x' }) }),
        ledger.once({
          key: 'y',
          notBefore: 0,
          at: 1,
          decide: () => {
            throw outage;
          },
        }),
        ledger.once({ key: 'z', notBefore: 0, at: 1, decide: () => ({ answer: 'z' }) }),
      ]);
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      expect(results[1]).toMatchObject({ reason: outage });
      const retried = await ledger.once({
        key: 'y',
        notBefore: 0,
        at: 2,
        decide: () => ({ answer: 'y' }),
      });
      expect(retried).toBe('y');
      expect(await ledger.once({ key: 'z', notBefore: 0, at: 2, decide: never })).toBe('z');
    });
  });
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'test-payments-'));
  dirs.push(dir);
  return join(dir, 'test-payments.sqlite');
}

describeLedgerContract('in memory', async () => new MemoryTestProviderLedger());
describeLedgerContract('SQLite', () => SqliteTestProviderLedger.open(tempFile()));

/** A provider on the ledger at `path`, as orders opens it at each start. */
const onDisk = async (path: string, clock: ManualClock) =>
  new TestPaymentProvider({ clock, ledger: await SqliteTestProviderLedger.open(path) });

describe('the test provider on disk, across a restart of orders', () => {
  const visa = { token: 'tok_visa', amount: 900, currency: 'USD', idempotencyKey: 'ord_1:auth' };

  it('when the same key comes back after a restart, then it gets the same authorization, and a void made before it holds', async () => {
    const path = tempFile();
    const clock = new ManualClock();
    const before = await onDisk(path, clock);
    const first = await before.authorize(visa);
    if (first.outcome !== 'authorized') throw new Error('tok_visa must authorize');
    await before.void(first.authorizationId, 'ord_1:void');
    await before.close();

    const after = await onDisk(path, clock);
    try {
      expect(await after.authorize(visa)).toEqual(first);
      expect(after.authorization(first.authorizationId)).toMatchObject({
        amount: 900,
        voided: true,
      });
      // A capture after the void changes nothing, and the same capture key replays.
      await after.capture(first.authorizationId, 900, 'ord_1:capture');
      expect(after.authorization(first.authorizationId)).toMatchObject({ captured: 0 });
    } finally {
      await after.close();
    }
  });

  it('when a key comes back after a day, then it is a new call even after a restart', async () => {
    const path = tempFile();
    const clock = new ManualClock();
    const before = await onDisk(path, clock);
    const first = await before.authorize(visa);
    await before.close();
    clock.advance(25 * 60 * 60 * 1000);
    const after = await onDisk(path, clock);
    try {
      const later = await after.authorize(visa);
      expect(later).toMatchObject({ outcome: 'authorized' });
      expect(later).not.toEqual(first);
    } finally {
      await after.close();
    }
  });
});
