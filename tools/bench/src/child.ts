import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { onCleanup } from './cleanup.ts';

const guard = join(import.meta.dirname, 'orphan-guard.ts');
const TAIL_LINES = 40;

export interface NodeChild {
  name: string;
  pid: number;
  /** Resolves (never rejects) when the process has exited, with how: "code 1", "signal SIGTERM". */
  exited: Promise<string>;
  /** Its last lines of output (stdout and stderr), for error messages. */
  lastOutput(): string;
  /** Resolves with the first output line matching `pattern`; rejects on exit or timeout. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** SIGTERM by pid, then SIGKILL if it is still alive after 5 s. */
  stop(): Promise<void>;
}

/** Starts `node <args>` with the orphan guard preloaded; it is stopped by `cleanup()`. */
export function spawnNode(
  name: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): NodeChild {
  const child = spawn(process.execPath, ['--import', guard, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const { pid } = child;
  if (pid === undefined) throw new Error(`could not start ${name}`);

  const tail: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const log = logFile(name);
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    // Always drained, so a chatty child never blocks on a full pipe.
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      log?.write(`${line}\n`);
      for (const listener of listeners) listener(line);
    });
  }

  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      log?.end();
      resolve(signal ? `signal ${signal}` : `code ${code}`);
    });
  });
  const lastOutput = () => tail.join('\n  ');

  const stop = () => stopChild(child, pid);
  onCleanup(stop);

  function waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        done();
        reject(new Error(`${name} ${why}; its last output:\n  ${lastOutput()}`));
      };
      const onLine = (line: string) => {
        if (pattern.test(line)) {
          done();
          resolve(line);
        }
      };
      const onExit = (code: number | null, signal: string | null) =>
        fail(`exited (code ${code}, signal ${signal}) before printing ${pattern}`);
      const timer = setTimeout(
        () => fail(`printed no ${pattern} within ${timeoutMs} ms`),
        timeoutMs,
      );
      const done = () => {
        clearTimeout(timer);
        listeners.delete(onLine);
        child.off('exit', onExit);
      };
      listeners.add(onLine);
      child.on('exit', onExit);
    });
  }

  return { name, pid, exited, lastOutput, waitForLine, stop };
}

/**
 * With BENCH_LOG_DIR set, every line a child prints also goes to `<dir>/<name>.log` (the
 * tail in error messages is only its last 40 lines): what to read when a service answered 500.
 */
function logFile(name: string) {
  const dir = process.env['BENCH_LOG_DIR'];
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  return createWriteStream(join(dir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.log`), { flags: 'a' });
}

async function stopChild(child: ChildProcess, pid: number): Promise<void> {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  for (const [signal, graceMs] of [
    ['SIGTERM', 5_000],
    ['SIGKILL', 2_000],
  ] as const) {
    if (exited()) return;
    try {
      process.kill(pid, signal);
    } catch {
      return; // already gone
    }
    await Promise.race([
      once(child, 'exit'),
      new Promise((resolve) => setTimeout(resolve, graceMs)),
    ]);
  }
}
