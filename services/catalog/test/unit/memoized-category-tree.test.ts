import { instantClock } from '@emporium/kit/testing';
import { describe, expect, it } from 'vitest';
import { MemoizedCategoryTree } from '../../src/adapters/storage/memoized-category-tree.ts';
import type { CategoryStore } from '../../src/app/ports/category-store.ts';
import type { Category } from '../../src/domain/category.ts';

function category(id: string, name: string): Category {
  return { id, name, slug: id, description: '', parentId: null, version: 1 } as Category;
}

function countingStore(initial: Category[]) {
  let categories = initial;
  let reads = 0;
  let duringRead: (() => void) | undefined;
  const store = {
    all: async () => {
      reads += 1;
      duringRead?.();
      return [...categories];
    },
  } as unknown as CategoryStore;
  return {
    store,
    reads: () => reads,
    replace: (next: Category[]) => (categories = next),
    onRead: (hook: () => void) => (duringRead = hook),
  };
}

describe('MemoizedCategoryTree', () => {
  const setup = () => {
    const backing = countingStore([category('cat_a', 'Audio')]);
    let generation = 0;
    const clock = instantClock();
    const tree = new MemoizedCategoryTree({
      store: backing.store,
      generation: () => generation,
      clock,
      maxAgeMs: 5_000,
    });
    return { backing, tree, clock, bump: () => (generation += 1) };
  };

  it('reads the store once while nothing changes', async () => {
    const { backing, tree } = setup();
    await tree.all();
    await tree.all();
    expect(await tree.all()).toEqual([category('cat_a', 'Audio')]);
    expect(backing.reads()).toBe(1);
  });

  it('reads again after a catalog change', async () => {
    const { backing, tree, bump } = setup();
    await tree.all();
    backing.replace([category('cat_a', 'Sound')]);
    bump();
    expect((await tree.all())[0]?.name).toBe('Sound');
    expect(backing.reads()).toBe(2);
  });

  it('reads again once the snapshot is older than its maximum age', async () => {
    const { backing, tree, clock } = setup();
    await tree.all();
    clock.advance(4_999);
    await tree.all();
    expect(backing.reads()).toBe(1);
    clock.advance(1);
    await tree.all();
    expect(backing.reads()).toBe(2);
  });

  it('does not keep a read that a change overtook', async () => {
    const { backing, tree, bump } = setup();
    backing.onRead(bump);
    await tree.all();
    backing.onRead(() => undefined);
    await tree.all();
    expect(backing.reads()).toBe(2);
  });

  it('hands out copies, so a caller cannot change the shared snapshot', async () => {
    const { tree } = setup();
    (await tree.all()).pop();
    expect(await tree.all()).toHaveLength(1);
  });
});
