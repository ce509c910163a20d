/**
 * Small seeded pseudo-random helpers for deterministic demo data.
 * Nothing here reads Math.random or the clock: the same seed always yields the same stream.
 */

/** A stream of floats in [0, 1). */
export type RandomSource = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG with good enough statistics for fixtures. */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rotl32(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/**
 * Mixes integers into one well-distributed 32-bit seed (MurmurHash3 over 32-bit words),
 * so independent sub-streams can be derived from one seed, e.g. `deriveSeed(seed, productIndex)`.
 */
export function deriveSeed(...parts: readonly number[]): number {
  let h = 0x9747b28c;
  for (const part of parts) {
    let k = Math.imul(part >>> 0, 0xcc9e2d51);
    k = Math.imul(rotl32(k, 15), 0x1b873593);
    h ^= k;
    h = (Math.imul(rotl32(h, 13), 5) + 0xe6546b64) | 0;
  }
  h ^= parts.length * 4;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks items[i] with probability weights[i] / sum(weights). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** `count` distinct items, in their original order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined)
    throw new RangeError(`index ${index} out of range (length ${items.length})`);
  return item;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => {
    if (max < min) throw new RangeError(`int(${min}, ${max}): max < min`);
    return min + Math.floor(next() * (max - min + 1));
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(0, i);
      const a = itemAt(copy, i);
      copy[i] = itemAt(copy, j);
      copy[j] = a;
    }
    return copy;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() from an empty list');
      return itemAt(items, int(0, items.length - 1));
    },
    weighted: (items, weights) => {
      if (items.length === 0 || items.length !== weights.length) {
        throw new RangeError('weighted() needs one weight per item');
      }
      const total = weights.reduce((sum, w) => sum + w, 0);
      let roll = next() * total;
      for (let i = 0; i < items.length; i++) {
        roll -= itemAt(weights, i);
        if (roll < 0) return itemAt(items, i);
      }
      return itemAt(items, items.length - 1);
    },
    sample: (items, count) => {
      if (count > items.length) throw new RangeError(`sample(${count}) from ${items.length} items`);
      const indices = shuffle(items.map((_, i) => i))
        .slice(0, count)
        .sort((a, b) => a - b);
      return indices.map((i) => itemAt(items, i));
    },
    shuffle,
  };
}
