/**
 * `npm run start:distributed`: every service of the manifest as its own OS process on the
 * local engines that `npm run infra:up` started (Kafka, PostgreSQL, DynamoDB/S3 on the AWS
 * emulator, OpenSearch). A process that dies is restarted with backoff while the others
 * keep serving; Ctrl+C (or SIGTERM) stops them all. Needs ADMIN_PASSWORD.
 */
import { spawn } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, type CommonConfigValues } from '@emporium/kit';
import { renderDistributedBanner } from './banner.ts';
import { portOf } from './config.ts';
import { distributedEnvOf, withServiceCredentials } from './distributed-env.ts';
import { NODE_FLAGS } from './node-flags.ts';
import { loadServices } from './services.ts';
import { Supervisor, type ProcessSpec } from './supervisor.ts';

const root = resolve(import.meta.dirname, '../../..');
const dataDir = resolve(process.env['DATA_DIR'] ?? join(root, '.data', 'distributed'));
const READY_TIMEOUT_MS = 120_000;
const say = (line: string) => process.stdout.write(`${line}\n`);

const started = performance.now();
const env = withServiceCredentials(process.env);
const services = await loadServices();
const specs: ProcessSpec[] = services.map(({ entry }) => ({
  name: entry.name,
  command: process.execPath,
  args: [...NODE_FLAGS, join(root, entry.entry)],
  env: distributedEnvOf(entry, env, dataDir),
}));

// Every configuration error before any process starts: a supervisor would only restart it.
const configs: Record<string, Record<string, unknown>> = {};
try {
  for (const [index, { entry, definition }] of services.entries()) {
    const config = loadConfig(definition.config, specs[index]!.env);
    definition.checkConfig?.(config, (config as unknown as CommonConfigValues).EMPORIUM_MODE);
    configs[entry.name] = config as Record<string, unknown>;
  }
} catch (error) {
  process.stderr.write(`Emporium (distributed) cannot start: ${(error as Error).message}\n`);
  process.exit(1);
}

const supervisor = new Supervisor({
  timers: { now: () => Date.now(), setTimeout, clearTimeout },
  log: (line) => process.stderr.write(`${line}\n`),
  spawn: (spec) => {
    mkdirSync(spec.env['DATA_DIR']!, { recursive: true });
    const child = spawn(spec.command, spec.args, {
      env: spec.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    return {
      kill: (signal) => void child.kill(signal),
      onExit: (listener) => void child.once('exit', listener),
    };
  },
});
supervisor.start(specs);

let stopping = false;
const urls = Object.fromEntries(
  services.map(({ entry }) => [entry.name, `http://127.0.0.1:${portOf(process.env, entry.name)}`]),
);
say(`Emporium (distributed): starting ${services.length} services, data in ${dataDir}`);

/** Polls every service's readiness for up to `timeoutMs`; names the ones that never answered. */
async function waitUntilReady(timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let waiting = Object.keys(urls);
  while (waiting.length > 0 && Date.now() < deadline && !stopping) {
    const ready = await Promise.all(
      waiting.map((name) =>
        fetch(`${urls[name]}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then(
          (response) => response.status === 200,
          () => false,
        ),
      ),
    );
    waiting = waiting.filter((_, index) => !ready[index]);
    if (waiting.length > 0) await delay(250);
  }
  return waiting;
}

void waitUntilReady(READY_TIMEOUT_MS).then((notReady) => {
  if (stopping) return;
  if (notReady.length > 0) {
    say(
      `Emporium (distributed): not ready after ${READY_TIMEOUT_MS / 1000} s: ${notReady.join(', ')}` +
        ' (are the engines up? npm run infra:status); still supervising, Ctrl+C stops.',
    );
    return;
  }
  say(
    renderDistributedBanner({
      seconds: ((performance.now() - started) / 1000).toFixed(1),
      dataDir,
      urls,
      adminEmail: String(configs['accounts']?.['ADMIN_EMAIL'] ?? ''),
      generatedCredentials: !process.env['SERVICE_CREDENTIALS'],
    }),
  );
});

const stop = () => {
  if (stopping) return;
  stopping = true;
  say('Emporium (distributed): stopping every service…');
  void supervisor.stop().then(() => {
    say('Emporium (distributed): every service has exited.');
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
