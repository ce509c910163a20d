/**
 * `npm run start:distributed`: every service as its own OS process on the local engines
 * that `npm run infra:up` started (Kafka, DynamoDB/S3 on the AWS emulator, OpenSearch).
 * Ctrl+C stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NODE_FLAGS } from './node-flags.ts';

const root = resolve(import.meta.dirname, '../../..');
const dataDir = resolve(process.env['DATA_DIR'] ?? join(root, '.data', 'distributed'));
const port = (name: string, fallback: number) => process.env[name] ?? String(fallback);

const shared = {
  HOST: process.env['HOST'] ?? '127.0.0.1',
  LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
  EVENT_BUS: 'kafka',
  KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092',
  AWS_ENDPOINT_URL: process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566',
  AUTH_JWKS_URL: `http://127.0.0.1:${port('ACCOUNTS_PORT', 4006)}/.well-known/jwks.json`,
};

const services: { name: string; main: string; env: Record<string, string> }[] = [
  {
    name: 'accounts',
    main: 'services/accounts/src/main.ts',
    env: { ACCOUNTS_PORT: port('ACCOUNTS_PORT', 4006) },
  },
  {
    name: 'catalog',
    main: 'services/catalog/src/main.ts',
    env: {
      CATALOG_PORT: port('CATALOG_PORT', 4001),
      CATALOG_STORE: 'dynamodb',
      SEARCH: 'opensearch',
      MEDIA: 's3',
      MEDIA_PUBLIC_URL: `http://localhost:${port('GATEWAY_PORT', 8080)}/api/media`,
    },
  },
  {
    name: 'gateway',
    main: 'services/gateway/src/main.ts',
    env: {
      GATEWAY_PORT: port('GATEWAY_PORT', 8080),
      // The per-client rate limit counts in Redis, shared by every gateway replica.
      CACHE: process.env['CACHE'] ?? 'redis',
      CATALOG_URL: `http://127.0.0.1:${port('CATALOG_PORT', 4001)}`,
      ACCOUNTS_URL: `http://127.0.0.1:${port('ACCOUNTS_PORT', 4006)}`,
    },
  },
];

const children: ChildProcess[] = [];
let stopping = false;

for (const service of services) {
  const serviceData = join(dataDir, service.name);
  mkdirSync(serviceData, { recursive: true });
  const child = spawn(process.execPath, [...NODE_FLAGS, join(root, service.main)], {
    env: { ...process.env, ...shared, ...service.env, DATA_DIR: serviceData },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${service.name} exited (${signal ?? code}); stopping the others\n`);
    stop(1);
  });
  children.push(child);
}

process.stdout.write(
  `Emporium (distributed): gateway http://127.0.0.1:${port('GATEWAY_PORT', 8080)}, ` +
    `catalog :${port('CATALOG_PORT', 4001)}, accounts :${port('ACCOUNTS_PORT', 4006)}; data in ${dataDir}\n`,
);

function stop(code: number): void {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 12_000).unref();
  Promise.all(
    children.map(
      (child) =>
        new Promise((done) => (child.exitCode === null ? child.on('exit', done) : done(null))),
    ),
  ).then(
    () => process.exit(code),
    () => process.exit(code),
  );
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
