/**
 * `npm run start:distributed`: every service of the manifest as its own OS process on the
 * local engines that `npm run infra:up` started (Kafka, PostgreSQL, DynamoDB/S3 on the AWS
 * emulator, OpenSearch). A process that dies is restarted with backoff while the others
 * keep serving; Ctrl+C (or SIGTERM) stops them all. Needs ADMIN_PASSWORD.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, type CommonConfigValues } from '@emporium/kit';
import { GATEWAY } from '@emporium/contracts';
import { portOf } from './config.ts';
import { distributedEnvOf, withServiceCredentials } from './distributed-env.ts';
import { NODE_FLAGS } from './node-flags.ts';
import { loadServices } from './services.ts';
import { Supervisor, type ProcessSpec } from './supervisor.ts';

const root = resolve(import.meta.dirname, '../../..');
const dataDir = resolve(process.env['DATA_DIR'] ?? join(root, '.data', 'distributed'));
const say = (line: string) => process.stdout.write(`${line}\n`);

const env = withServiceCredentials(process.env);
const services = await loadServices();
const specs: ProcessSpec[] = services.map(({ entry }) => ({
  name: entry.name,
  command: process.execPath,
  args: [...NODE_FLAGS, join(root, entry.entry)],
  env: distributedEnvOf(entry, env, dataDir),
}));

// Every configuration error before any process starts: a supervisor would only restart it.
try {
  for (const [index, { definition }] of services.entries()) {
    const config = loadConfig(definition.config, specs[index]!.env);
    definition.checkConfig?.(config, (config as unknown as CommonConfigValues).EMPORIUM_MODE);
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

const ports = services
  .filter(({ entry }) => entry.name !== GATEWAY)
  .map(({ entry }) => `${entry.name} :${portOf(process.env, entry.name)}`)
  .join(', ');
say(
  `Emporium (distributed): gateway http://127.0.0.1:${portOf(process.env, GATEWAY)}, ${ports}; data in ${dataDir}`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void supervisor.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
