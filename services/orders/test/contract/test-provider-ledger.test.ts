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

/** The one contract of the test provider's ledger, run against each adapter. */
function describeLedgerContract(name: string, open: () => Promise<TestProviderLedger>) {
  describe(`test provider ledger: ${name}`, () => {
    let ledger: TestProviderLedger;
    afterEach(async () => ledger.close());

    it('when an answer is recorded with its authorization, then both read back, the answer only within its window', async () => {
      ledger = await open();
      ledger.record({
        key: 'k1',
        answer: { outcome: 'authorized', authorizationId: 'pay_1' },
        at: 1_000,
        authorization: { id: 'pay_1', state: authorized },
      });
      expect(ledger.answer('k1', 1_000)).toEqual({
        value: { outcome: 'authorized', authorizationId: 'pay_1' },
      });
      expect(ledger.answer('k1', 1_001)).toBeUndefined();
      expect(ledger.answer('other', 0)).toBeUndefined();
      expect(ledger.authorization('pay_1')).toEqual(authorized);
    });

    it('when a call answered nothing, then its key still counts as answered', async () => {
      ledger = await open();
      ledger.record({ key: 'void-1', answer: null, at: 5 });
      expect(ledger.answer('void-1', 0)).toEqual({ value: null });
    });

    it('when an authorization changes, then the new state replaces the old; a swept answer is gone', async () => {
      ledger = await open();
      ledger.record({ key: 'a', answer: 1, at: 10, authorization: { id: 'p', state: authorized } });
      ledger.record({
        key: 'b',
        answer: null,
        at: 20,
        authorization: { id: 'p', state: { ...authorized, voided: true } },
      });
      expect(ledger.authorization('p')).toMatchObject({ voided: true });
      ledger.sweep(15);
      expect(ledger.answer('a', 0)).toBeUndefined();
      expect(ledger.answer('b', 0)).toEqual({ value: null });
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
