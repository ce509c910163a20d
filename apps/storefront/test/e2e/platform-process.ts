import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVICE_MANIFEST } from '@emporium/contracts';

const TAIL_LINES = 60;

export interface PlatformProcess {
  pid: number;
  /** `http://127.0.0.1:<gateway port>`: the storefront at `/`, the API at `/api`. */
  origin: string;
  dataDir: string;
  /** The last lines it printed, for error messages. */
  lastOutput(): string;
  /** SIGTERM by pid, SIGKILL after a grace period; removes the data folder. Idempotent. */
  stop(): Promise<void>;
}

export interface StartOptions {
  repoRoot: string;
  /** How long the first start (seeding included) may take before the run gives up. */
  readyTimeoutMs: number;
  /** Overrides on top of the free ports and the data folder. */
  env?: Record<string, string>;
}

/**
 * Starts the platform the way `npm start` does (the same node arguments, read from the root
 * package.json, so the two cannot drift) as a child process on free loopback ports and a
 * fresh data folder, and resolves when it printed its "ready" banner.
 */
export async function startPlatformProcess(options: StartOptions): Promise<PlatformProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emporium-e2e-'));
  const ports = await freePorts(SERVICE_MANIFEST.length);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  SERVICE_MANIFEST.forEach((entry, index) => {
    env[entry.portVariable] = String(ports[index]);
    // An inherited URL would point this platform at another one.
    delete env[entry.urlVariable];
  });
  const gatewayPort = env['GATEWAY_PORT'];

  const args = await startArguments(options.repoRoot);
  const child = spawn(process.execPath, args, {
    cwd: options.repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { pid } = child;
  if (pid === undefined) throw new Error('could not start the platform');

  const tail: string[] = [];
  const listeners = new Set<(line: string) => void>();
  for (const stream of [child.stdout, child.stderr]) {
    // Always drained, so a chatty child never blocks on a full pipe.
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      for (const listener of listeners) listener(line);
    });
  }
  const lastOutput = () => tail.join('\n  ');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= stopChild(child, pid).finally(() =>
      rm(dataDir, { recursive: true, force: true }),
    ));

  try {
    await waitForLine(
      child,
      listeners,
      /^Emporium is ready in/,
      options.readyTimeoutMs,
      lastOutput,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid, origin: `http://127.0.0.1:${gatewayPort}`, dataDir, lastOutput, stop };
}

/** The node arguments of `npm start`. */
async function startArguments(repoRoot: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [command, ...args] = manifest.scripts.start.trim().split(/\s+/);
  if (command !== 'node')
    throw new Error(`npm start must run node, not: ${manifest.scripts.start}`);
  return args;
}

function waitForLine(
  child: ChildProcess,
  listeners: Set<(line: string) => void>,
  pattern: RegExp,
  timeoutMs: number,
  lastOutput: () => string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      listeners.delete(onLine);
      child.off('exit', onExit);
    };
    const fail = (why: string) => {
      done();
      reject(new Error(`the platform ${why}; its last output:\n  ${lastOutput()}`));
    };
    const onLine = (line: string) => {
      if (!pattern.test(line)) return;
      done();
      resolve(line);
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`exited (code ${code}, signal ${signal}) before printing ${pattern}`);
    const timer = setTimeout(() => fail(`printed no ${pattern} within ${timeoutMs} ms`), timeoutMs);
    listeners.add(onLine);
    child.on('exit', onExit);
  });
}

async function stopChild(child: ChildProcess, pid: number): Promise<void> {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  for (const [signal, graceMs] of [
    ['SIGTERM', 10_000],
    ['SIGKILL', 2_000],
  ] as const) {
    if (exited()) return;
    try {
      process.kill(pid, signal);
    } catch {
      return; // already gone
    }
    const grace = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([once(child, 'exit'), grace]);
  }
}

/** `count` distinct free ports on 127.0.0.1, all held open together so none repeats. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
