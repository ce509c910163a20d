import type { Clock } from '@emporium/kit';
import { instantClock } from '@emporium/kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  AttemptThrottle,
  GrantedReservation,
  Reservation,
} from '../../src/app/ports/attempt-throttle.ts';

export interface AttemptThrottleContractOptions {
  name: string;
  /** A fresh, empty throttle whose windows follow `clock`. */
  create(clock: Clock): Promise<AttemptThrottle> | AttemptThrottle;
}

const MINUTE = 60_000;

function granted(reservation: Reservation): GrantedReservation {
  expect(reservation.granted).toBe(true);
  return reservation as GrantedReservation;
}

/** Every AttemptThrottle adapter answers these the same way. */
export function describeAttemptThrottleContract(options: AttemptThrottleContractOptions): void {
  describe(`AttemptThrottle contract: ${options.name}`, () => {
    let clock: ReturnType<typeof instantClock>;
    let throttle: AttemptThrottle;
    const open: AttemptThrottle[] = [];
    const fiveIn15 = (key: string) => ({ key, max: 5, windowMs: 15 * MINUTE });

    async function start() {
      clock = instantClock(Date.now());
      throttle = await options.create(clock);
      open.push(throttle);
    }
    afterEach(async () => {
      await Promise.all(open.splice(0).map((each) => each.close()));
    });

    it('when a key has used its slots, then the next reservation is refused until the oldest leaves the window', async () => {
      await start();
      for (let i = 0; i < 5; i += 1) {
        granted(await throttle.reserve([fiveIn15('k')]));
        clock.advance(MINUTE);
      }
      expect(await throttle.reserve([fiveIn15('k')])).toEqual({
        granted: false,
        retryAfterMs: 10 * MINUTE,
      });
      clock.advance(10 * MINUTE);
      granted(await throttle.reserve([fiveIn15('k')]));
    });

    it('when 50 reservations race on one key, then exactly its maximum are granted', async () => {
      await start();
      const results = await Promise.all(
        Array.from({ length: 50 }, () => throttle.reserve([fiveIn15('race')])),
      );
      expect(results.filter((result) => result.granted)).toHaveLength(5);
    });

    it('when one of several limits is full, then the reservation takes a slot in none of them', async () => {
      await start();
      for (let i = 0; i < 5; i += 1) granted(await throttle.reserve([fiveIn15('full')]));
      const wide = { key: 'wide', max: 1, windowMs: 15 * MINUTE };
      expect((await throttle.reserve([wide, fiveIn15('full')])).granted).toBe(false);
      granted(await throttle.reserve([wide]));
    });

    it('when a reservation is released, then its slots are free again in every key', async () => {
      await start();
      const limits = [
        { key: 'a', max: 1, windowMs: MINUTE },
        { key: 'b', max: 1, windowMs: MINUTE },
      ];
      await throttle.release(granted(await throttle.reserve(limits)));
      granted(await throttle.reserve(limits));
    });

    it('when the throttle is open, then it answers a ping', async () => {
      await start();
      await expect(throttle.ping()).resolves.toBeUndefined();
    });

    it('when a key is reset, then its earlier attempts are forgotten and other keys keep theirs', async () => {
      await start();
      for (let i = 0; i < 5; i += 1) {
        granted(await throttle.reserve([fiveIn15('x')]));
        granted(await throttle.reserve([fiveIn15('y')]));
      }
      await throttle.reset('x');
      granted(await throttle.reserve([fiveIn15('x')]));
      expect((await throttle.reserve([fiveIn15('y')])).granted).toBe(false);
    });
  });
}
