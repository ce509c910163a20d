// A process and everything it started, found and stopped by pid through /proc (Linux).
import { readFile, readdir } from 'node:fs/promises';

/** A pid plus its start time, so a pid the kernel reused later is never mistaken for it. */
export interface ProcessRef {
  pid: number;
  startTime: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** State and start time from /proc/<pid>/stat; undefined once the process is gone. */
async function readStat(pid: number): Promise<{ state: string; startTime: string } | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', startTime: fields[19] ?? '' };
  } catch {
    return undefined;
  }
}

export async function processRef(pid: number): Promise<ProcessRef | undefined> {
  const stat = await readStat(pid);
  return stat && { pid, startTime: stat.startTime };
}

/** True while the process runs (a zombie has exited: it only waits to be reaped). */
export async function isAlive(ref: ProcessRef): Promise<boolean> {
  const stat = await readStat(ref.pid);
  return stat !== undefined && stat.state !== 'Z' && stat.startTime === ref.startTime;
}

/** Direct children of `pid`, from /proc/<pid>/task/<tid>/children. */
export async function childPids(pid: number): Promise<number[]> {
  let tasks: string[];
  try {
    tasks = await readdir(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const lists = await Promise.all(
    tasks.map((tid) => readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '')),
  );
  return [...new Set(lists.join(' ').split(/\s+/).filter(Boolean).map(Number))];
}

/** Every process below `pid`, children before grandchildren. */
export async function descendants(pid: number): Promise<ProcessRef[]> {
  const found: ProcessRef[] = [];
  for (let level = [pid]; level.length > 0;) {
    const next = (await Promise.all(level.map(childPids))).flat();
    const refs = await Promise.all(next.map(processRef));
    found.push(...refs.filter((ref): ref is ProcessRef => ref !== undefined));
    level = next;
  }
  return found;
}

/** The command line of a process, arguments joined by spaces ('' once it is gone). */
export async function commandLine(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return raw.split('\0').join(' ').trim();
}

function signal(ref: ProcessRef, name: NodeJS.Signals): void {
  try {
    process.kill(ref.pid, name);
  } catch {
    // already gone
  }
}

async function waitForExit(refs: ProcessRef[], timeoutMs: number): Promise<ProcessRef[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = await aliveOf(refs);
    if (alive.length === 0 || Date.now() >= deadline) return alive;
    await sleep(100);
  }
}

async function aliveOf(refs: ProcessRef[]): Promise<ProcessRef[]> {
  const flags = await Promise.all(refs.map(isAlive));
  return refs.filter((_, index) => flags[index]);
}

/**
 * Stops `root` and every process below it: SIGTERM to the root (which is expected to stop
 * its own children), then SIGTERM to whatever is still running, then SIGKILL. Resolves
 * once all are gone or after the last grace period.
 */
export async function stopProcessTree(root: ProcessRef, graceMs = 10_000): Promise<void> {
  const tree = [root, ...(await descendants(root.pid))];
  if ((await aliveOf(tree)).length === 0) return;
  signal(root, 'SIGTERM');
  let alive = await waitForExit(tree, graceMs);
  for (const ref of alive) signal(ref, 'SIGTERM');
  alive = await waitForExit(alive, 3_000);
  for (const ref of alive) signal(ref, 'SIGKILL');
  alive = await waitForExit(alive, 2_000);
  if (alive.length > 0) {
    throw new Error(`processes still running after SIGKILL: ${alive.map((r) => r.pid).join(', ')}`);
  }
}
