import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  GroupCommit,
  runInSavepoints,
  SqliteGroupTransaction,
  type GroupGathering,
  type WriteOutcome,
} from '../../src/db/group-commit.ts';
import { openSqlite } from '../../src/db/sqlite.ts';

type Write = { n: number; fail?: boolean };

/** A group commit over a fake transaction that records each group and what it returned. */
function recording(gather: GroupGathering = { kind: 'turn' }, maxGroup?: number) {
  const groups: number[][] = [];
  let failNext: Error | undefined;
  const commits = new GroupCommit<Write>({
    gather,
    ...(maxGroup === undefined ? {} : { maxGroup }),
    commit: async (group) => {
      groups.push(group.map((write) => write.n));
      if (failNext) {
        const error = failNext;
        failNext = undefined;
        throw error;
      }
      return group.map((write): WriteOutcome =>
        write.fail
          ? { ok: false, error: new Error(`refused ${write.n}`) }
          : { ok: true, value: write.n * 10 },
      );
    },
  });
  return { commits, groups, failGroup: (error: Error) => (failNext = error) };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('GroupCommit', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('commits the writes of one turn as one group, in arrival order, each getting its own value', async () => {
    const { commits, groups } = recording();
    const values = await Promise.all([1, 2, 3].map((n) => commits.submit<number>({ n })));
    expect(groups).toEqual([[1, 2, 3]]);
    expect(values).toEqual([10, 20, 30]);
  });

  it('fails only the caller whose write failed in its savepoint', async () => {
    const { commits, groups } = recording();
    const results = await Promise.allSettled([
      commits.submit({ n: 1 }),
      commits.submit({ n: 2, fail: true }),
      commits.submit({ n: 3 }),
    ]);
    expect(groups).toEqual([[1, 2, 3]]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused 2'));
  });

  it('fails every write of a group whose transaction failed, and commits the next group', async () => {
    const { commits, groups, failGroup } = recording();
    const disk = new Error('disk I/O error');
    failGroup(disk);
    const first = await Promise.allSettled([commits.submit({ n: 1 }), commits.submit({ n: 2 })]);
    expect(first).toEqual([
      { status: 'rejected', reason: disk },
      { status: 'rejected', reason: disk },
    ]);
    await expect(commits.submit({ n: 3 })).resolves.toBe(30);
    expect(groups).toEqual([[1, 2], [3]]);
  });

  it('settles no caller before the COMMIT of its group has returned', async () => {
    let finishCommit!: () => void;
    const committed = new Promise<void>((resolve) => (finishCommit = resolve));
    let commitReturned = false;
    const commits = new GroupCommit<Write>({
      gather: { kind: 'turn' },
      commit: async (group) => {
        await committed;
        commitReturned = true;
        return group.map((write): WriteOutcome => ({ ok: true, value: write.n }));
      },
    });
    const settled: boolean[] = [];
    const pending = [1, 2].map((n) =>
      commits.submit({ n }).then(() => settled.push(commitReturned)),
    );
    for (let i = 0; i < 5; i++) await turn();
    expect(settled).toEqual([]);
    finishCommit();
    await Promise.all(pending);
    expect(settled).toEqual([true, true]);
  });

  it('queues writes that arrive while a group is written for the next group, in order', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const groups: number[][] = [];
    const commits = new GroupCommit<Write>({
      gather: { kind: 'turn' },
      commit: async (group) => {
        groups.push(group.map((write) => write.n));
        if (groups.length === 1) await gate;
        return group.map((write): WriteOutcome => ({ ok: true, value: write.n }));
      },
    });
    const first = commits.submit({ n: 1 });
    await turn();
    await turn();
    expect(groups).toEqual([[1]]);
    const later = [2, 3, 4].map((n) => commits.submit<number>({ n }));
    release();
    expect(await Promise.all([first, ...later])).toEqual([1, 2, 3, 4]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it('splits a queue longer than maxGroup into several transactions', async () => {
    const { commits, groups } = recording({ kind: 'turn' }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => commits.submit({ n })));
    expect(groups).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails the whole group when the transaction returns a wrong number of outcomes', async () => {
    const commits = new GroupCommit<Write>({
      gather: { kind: 'turn' },
      commit: () => [{ ok: true, value: 1 }],
    });
    const results = await Promise.allSettled([commits.submit({ n: 1 }), commits.submit({ n: 2 })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('settle: keeps the group open while each turn brings writes, up to maxTurns', async () => {
    const { commits, groups } = recording({ kind: 'settle', maxTurns: 3 });
    const pending = [commits.submit({ n: 1 })];
    await turn();
    pending.push(commits.submit({ n: 2 }));
    await turn();
    pending.push(commits.submit({ n: 3 }));
    await turn();
    pending.push(commits.submit({ n: 4 }));
    await Promise.all(pending);
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });

  it('settle: commits as soon as a turn brings no newcomer', async () => {
    const { commits, groups } = recording({ kind: 'settle', maxTurns: 100 });
    const one = commits.submit({ n: 1 });
    for (let i = 0; i < 4; i++) await turn();
    expect(groups).toEqual([[1]]);
    await one;
  });

  it('timer: waits the given milliseconds before it commits', async () => {
    vi.useFakeTimers();
    const { commits, groups } = recording({ kind: 'timer', ms: 5 });
    const pending = [commits.submit({ n: 1 })];
    vi.advanceTimersByTime(4);
    pending.push(commits.submit({ n: 2 }));
    expect(groups).toEqual([]);
    vi.advanceTimersByTime(1);
    await vi.waitFor(() => expect(groups).toEqual([[1, 2]]));
    await Promise.all(pending);
  });

  it('microtask: commits the writes of one synchronous run before the event loop turns, and what queues meanwhile after', async () => {
    const { commits, groups } = recording({ kind: 'microtask' });
    let turned = false;
    setImmediate(() => (turned = true));
    const first = [commits.submit({ n: 1 }), commits.submit({ n: 2 })];
    await Promise.resolve();
    const later = commits.submit({ n: 3 });
    await Promise.all([...first, later]);
    expect(turned).toBe(false);
    expect(groups).toEqual([[1, 2], [3]]);
  });
});

describe('SqliteGroupTransaction', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function open() {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    const path = join(dir, 'db.sqlite');
    const raw = new DatabaseSync(path);
    raw.exec('PRAGMA journal_mode = WAL');
    raw.exec('PRAGMA foreign_keys = ON');
    raw.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY)');
    raw.exec(
      'CREATE TABLE rows (n INTEGER PRIMARY KEY, parent INTEGER ' +
        'REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)',
    );
    raw.exec('INSERT INTO parent (id) VALUES (1)');
    const insert = raw.prepare('INSERT INTO rows (n, parent) VALUES (?, ?)');
    /** What another connection sees: only what was committed. */
    const committed = () => {
      const other = new DatabaseSync(path);
      const ns = (other.prepare('SELECT n FROM rows ORDER BY n').all() as { n: number }[]).map(
        (row) => row.n,
      );
      other.close();
      return ns;
    };
    return { raw, insert, committed, tx: new SqliteGroupTransaction(raw) };
  }

  it('commits every write and rolls back alone the one that threw', () => {
    const { raw, insert, committed, tx } = open();
    const outcomes = tx.run([1, 2, 3], (n) => {
      insert.run(n, 1);
      if (n === 2) throw new Error('refused');
      return n;
    });
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(raw.isTransaction).toBe(false);
    expect(committed()).toEqual([1, 3]);
    raw.close();
  });

  it('throws and writes nothing when the COMMIT fails', () => {
    const { raw, insert, committed, tx } = open();
    expect(() =>
      tx.run([1, 2], (n) => {
        // A deferred foreign key fails at COMMIT, not at the insert.
        insert.run(n, n === 2 ? 99 : 1);
      }),
    ).toThrow(/FOREIGN KEY/);
    expect(raw.isTransaction).toBe(false);
    expect(committed()).toEqual([]);
    raw.close();
  });
});

describe('runInSavepoints', () => {
  it('rolls back alone the write that failed inside the caller’s transaction', async () => {
    const handle = await openSqlite<{ rows: { n: number } }>({ path: ':memory:' });
    await handle.db.schema
      .createTable('rows')
      .addColumn('n', 'integer', (c) => c.primaryKey())
      .execute();
    const outcomes = await handle.db.transaction().execute((trx) =>
      runInSavepoints(trx, [1, 2, 1, 3], async (n) => {
        await trx.insertInto('rows').values({ n }).execute();
        return n;
      }),
    );
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, true]);
    const rows = await handle.db.selectFrom('rows').select('n').orderBy('n').execute();
    expect(rows.map((row) => row.n)).toEqual([1, 2, 3]);
    await handle.close();
  });
});
