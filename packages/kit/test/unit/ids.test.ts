import { describe, expect, it } from 'vitest';
import { isId, newId, pooledRandom, unguessableUlid } from '../../src/ids.ts';

describe('ids on pooled OS randomness', () => {
  it('when many random fractions are drawn, then each is in [0, 1) and every base-32 character is about as likely', () => {
    const counts = new Array<number>(32).fill(0);
    const draws = 64_000;
    for (let i = 0; i < draws; i++) {
      const value = pooledRandom();
      expect(value >= 0 && value < 1).toBe(true);
      counts[Math.floor(value * 32)]! += 1;
    }
    // 2,000 expected per character; 5 standard deviations (~44 each) either side.
    for (const count of counts) expect(Math.abs(count - draws / 32)).toBeLessThan(250);
  });

  it('when ids are made in one millisecond, then newId orders them and unguessable ULIDs share no random run', () => {
    const now = Date.parse('2026-12-02T06:00:00Z');
    const ordered = Array.from({ length: 50 }, () => newId('itm', now));
    expect([...ordered].sort()).toEqual(ordered);
    expect(new Set(ordered).size).toBe(50);
    expect(ordered.every((id) => isId(id, 'itm'))).toBe(true);

    const fresh = Array.from({ length: 50 }, () => unguessableUlid(now));
    expect(fresh.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect(new Set(fresh.map((id) => id.slice(0, 10))).size).toBe(1); // the same time part
    // Fresh random parts: no two of them agree on their first 8 random characters.
    expect(new Set(fresh.map((id) => id.slice(10, 18))).size).toBe(50);
  });
});
