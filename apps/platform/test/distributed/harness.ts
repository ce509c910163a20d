/**
 * The distributed platform for infra tests: every service of the manifest as a separate OS
 * process on the local engines (`npm run infra:up`), like `npm run start:distributed`,
 * but on free ports, temp data folders and a random topic prefix, table, index and bucket.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { Admin } from '@platformatic/kafka';
import { GATEWAY, SERVICE_MANIFEST, manifestEntry } from '@emporium/contracts';
import { inventoryTables } from '@emporium/inventory';
import { generateServiceCredentials } from '@emporium/kit';
import { createTestPostgresDatabase, type TestPostgresDatabase } from '@emporium/kit/testing';
import { freePort } from '../free-port.ts';
import { distributedEnvOf } from '../../src/distributed-env.ts';
import { NODE_FLAGS } from '../../src/node-flags.ts';

const root = resolve(import.meta.dirname, '../../../..');
export const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092';
const awsEndpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';
const opensearchUrl = process.env['OPENSEARCH_URL'] ?? 'http://127.0.0.1:9200';
const aws = {
  region: 'us-east-1',
  endpoint: awsEndpoint,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
};

export interface Proc {
  name: string;
  child: ChildProcess;
  exited: Promise<number | string | null>;
  output(): string;
}

/** `node <main>` with `env` on top of this process's; keeps the last 20 kB of its output. */
export function spawnNode(name: string, main: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [...NODE_FLAGS, resolve(root, main)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The head keeps the startup errors that a flood of later request logs would push out.
  let head = '';
  let tail = '';
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    if (head.length < 10_000) head += text.slice(0, 10_000 - head.length);
    else tail = (tail + text).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | string | null>((done) =>
    child.on('exit', (code, signal) => done(signal ?? code)),
  );
  return { name, child, exited, output: () => (tail ? `${head}\n[…]\n${tail}` : head) };
}

/** Polls `<url>/health/ready` until it answers 200; fails early if `proc` exits. */
// A catalog rejoining consumer groups the previous cluster of the run left may wait out
// their members' session timeout before Kafka hands it the partitions (seen in CI).
export async function waitReady(url: string, proc?: Proc, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc && proc.child.exitCode !== null)
      throw new Error(`${proc.name} exited (${proc.child.exitCode}):\n${proc.output()}`);
    const { status, body } = await fetch(`${url}/health/ready`, {
      signal: AbortSignal.timeout(2_000),
    })
      .then(async (response) => ({ status: response.status, body: await response.text() }))
      .catch((error: unknown) => ({ status: 0, body: String(error) }));
    if (status === 200) return;
    if (Date.now() > deadline)
      throw new Error(
        `${url} not ready in ${timeoutMs} ms (last answer ${status}: ${body}):\n${proc?.output() ?? ''}`,
      );
    await delay(100);
  }
}

/** SIGTERM, then SIGKILL if it has not exited within `timeoutMs`; resolves with code or signal. */
export async function stopProcess(proc: Proc, timeoutMs = 15_000) {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return proc.exited;
  process.kill(proc.child.pid!, 'SIGTERM');
  const timer = setTimeout(() => void killProcess(proc), timeoutMs);
  const result = await proc.exited;
  clearTimeout(timer);
  return result;
}

/** kill -9 by pid. */
export async function killProcess(proc: Proc) {
  if (proc.child.exitCode === null && proc.child.signalCode === null)
    process.kill(proc.child.pid!, 'SIGKILL');
  return proc.exited;
}

/** Polls `probe` until it returns something other than undefined; `what` names the failure. */
export async function waitFor<T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${typeof what === 'string' ? what : what()}: not within ${timeoutMs} ms`);
    await delay(intervalMs);
  }
}

export interface ClusterOptions {
  gatewayEnv?: Record<string, string>;
  /** Variables of one service's process only, by manifest name (e.g. the cart's timeouts). */
  serviceEnv?: Partial<Record<string, Record<string, string>>>;
}

/** The bootstrap admin of every cluster: outside embedded mode a password must be set. */
export const ADMIN = { email: 'admin@emporium.local', password: 'Lantern-Harbor-Quiet-42' };

/**
 * Every service of the manifest as its own process; `plan` reserves ports, folders and
 * names, `start` spawns them with the environment `start:distributed` would give them.
 */
export class Cluster {
  readonly id = randomUUID().slice(0, 8);
  readonly prefix = `dist-${this.id}.`;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'distributed-'));
  /** Port of each service, by manifest name. */
  readonly ports: Readonly<Record<string, number>>;
  readonly gatewayEnv: Record<string, string>;
  readonly serviceEnv: Partial<Record<string, Record<string, string>>>;
  /** Generated once per cluster, as `start:distributed` does per run. */
  readonly serviceCredentials = generateServiceCredentials(
    SERVICE_MANIFEST.map(({ name }) => name),
  );
  /** The accounts service's own PostgreSQL database, dropped by `close()`. */
  private readonly accountsDatabase: TestPostgresDatabase;
  /** The pricing service's own PostgreSQL database, dropped by `close()`. */
  private readonly pricingDatabase: TestPostgresDatabase;
  /** The orders service's own PostgreSQL database, dropped by `close()`. */
  private readonly ordersDatabase: TestPostgresDatabase;
  procs: Partial<Record<string, Proc>> = {};
  private readonly frozen = new Set<string>();

  private constructor(
    ports: Cluster['ports'],
    databases: {
      accounts: TestPostgresDatabase;
      pricing: TestPostgresDatabase;
      orders: TestPostgresDatabase;
    },
    options: ClusterOptions,
  ) {
    this.ports = ports;
    this.accountsDatabase = databases.accounts;
    this.pricingDatabase = databases.pricing;
    this.ordersDatabase = databases.orders;
    this.gatewayEnv = options.gatewayEnv ?? {};
    this.serviceEnv = options.serviceEnv ?? {};
    for (const { name } of SERVICE_MANIFEST)
      mkdirSync(join(this.dataDir, name), { recursive: true });
  }

  static async plan(options: ClusterOptions = {}): Promise<Cluster> {
    const ports: Record<string, number> = {};
    for (const { name } of SERVICE_MANIFEST) ports[name] = await freePort();
    const accounts = await createTestPostgresDatabase('dist_accounts');
    const pricing = await createTestPostgresDatabase('dist_pricing');
    const orders = await createTestPostgresDatabase('dist_orders');
    return new Cluster(ports, { accounts, pricing, orders }, options);
  }

  urlOf(name: string): string {
    return `http://127.0.0.1:${this.ports[name]}`;
  }

  get api(): string {
    return `${this.urlOf(GATEWAY)}/api`;
  }

  get catalogUrl(): string {
    return this.urlOf('catalog');
  }

  /** The accounts service's PostgreSQL database, for tests that look at what it stored. */
  get accountsDatabaseUrl(): string {
    return this.accountsDatabase.url;
  }

  /** The pricing service's PostgreSQL database. */
  get pricingDatabaseUrl(): string {
    return this.pricingDatabase.url;
  }

  /** The orders service's PostgreSQL database (orders, saga state, idempotency keys). */
  get ordersDatabaseUrl(): string {
    return this.ordersDatabase.url;
  }

  /**
   * What `start:distributed` is given here: the ports, this cluster's own topic prefix,
   * table, index and bucket, an admin password, and no storefront.
   */
  launcherEnv(): Record<string, string> {
    const ports = Object.fromEntries(
      SERVICE_MANIFEST.map((entry) => [entry.portVariable, String(this.ports[entry.name])]),
    );
    return {
      ...ports,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: this.prefix,
      AWS_ENDPOINT_URL: awsEndpoint,
      ADMIN_PASSWORD: ADMIN.password,
      SERVICE_CREDENTIALS: this.serviceCredentials,
      ACCOUNTS_DATABASE_URL: this.accountsDatabase.url,
      PRICING_DATABASE_URL: this.pricingDatabase.url,
      ORDERS_DATABASE_URL: this.ordersDatabase.url,
      ACCOUNTS_THROTTLE_KEY_PREFIX: `${this.prefix}throttle:`,
      RATE_LIMIT_KEY_PREFIX: `${this.prefix}rate:`,
      CATALOG_DYNAMODB_TABLE: `dist-${this.id}-catalog`,
      INVENTORY_DYNAMODB_TABLE: `dist-${this.id}-inventory`,
      CART_DYNAMODB_TABLE: `dist-${this.id}-cart`,
      CART_CACHE_PREFIX: `${this.prefix}cart:`,
      OPENSEARCH_URL: opensearchUrl,
      OPENSEARCH_INDEX: `dist-${this.id}-products`,
      S3_BUCKET: `dist-${this.id}-media`,
      STOREFRONT_DIR: 'off',
      ...this.gatewayEnv,
    };
  }

  /** The environment of one service's process, as the distributed launcher builds it. */
  envOf(name: string): Record<string, string> {
    const env = distributedEnvOf(manifestEntry(name), this.launcherEnv(), this.dataDir);
    return {
      ...Object.fromEntries(
        Object.entries(env).filter((pair): pair is [string, string] => pair[1] !== undefined),
      ),
      ...this.serviceEnv[name],
    };
  }

  /** What the catalog process runs with (also the crash fixture's environment). */
  catalogEnv(): Record<string, string> {
    return this.envOf('catalog');
  }

  async start(): Promise<void> {
    for (const entry of SERVICE_MANIFEST)
      this.procs[entry.name] = spawnNode(entry.name, entry.entry, this.envOf(entry.name));
    await Promise.all(
      SERVICE_MANIFEST.map((entry) => waitReady(this.urlOf(entry.name), this.procs[entry.name])),
    );
  }

  /** Stops the catalog (SIGTERM) if it runs, starts a new one on the same port and data. */
  async restartCatalog(): Promise<void> {
    await this.restart('catalog');
  }

  /** Stops service `name` (SIGTERM) if it runs, starts a new one on the same port and data. */
  async restart(name: string): Promise<void> {
    if (this.procs[name]) await stopProcess(this.procs[name]);
    this.procs[name] = spawnNode(name, manifestEntry(name).entry, this.envOf(name));
    await waitReady(this.urlOf(name), this.procs[name]);
  }

  /**
   * Freezes service `name` (SIGSTOP by its pid): it keeps its sockets but answers nothing,
   * like a process stuck in a long pause. Always `resume` it (afterEach / finally).
   */
  freeze(name: string): void {
    const proc = this.procs[name];
    if (!proc?.child.pid) throw new Error(`${name} is not running`);
    process.kill(proc.child.pid, 'SIGSTOP');
    this.frozen.add(name);
  }

  /** SIGCONT to every frozen service, or only `name`; harmless when none is frozen. */
  resume(name?: string): void {
    for (const frozen of name ? [name] : [...this.frozen]) {
      const pid = this.procs[frozen]?.child.pid;
      if (pid && this.procs[frozen]!.child.exitCode === null) process.kill(pid, 'SIGCONT');
      this.frozen.delete(frozen);
    }
  }

  /** Headers of the bootstrap admin, logged in through the gateway. */
  async admin(): Promise<Record<string, string>> {
    const login = await fetch(`${this.api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (login.status !== 200) throw new Error(`admin login: ${login.status}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    return { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  }

  /**
   * Headers of a `service` token for `audience`, from accounts' client-credentials grant
   * through the gateway, with `clientId`'s secret from this cluster's SERVICE_CREDENTIALS.
   */
  async service(audience: string, clientId: string): Promise<Record<string, string>> {
    const clientSecret = new Map(
      this.serviceCredentials.split(',').map((entry) => entry.split(':') as [string, string]),
    ).get(clientId);
    const issued = await fetch(`${this.api}/auth/service-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId, clientSecret, audience }),
    });
    if (issued.status !== 200) throw new Error(`service token: ${issued.status}`);
    const { accessToken } = (await issued.json()) as { accessToken: string };
    return { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
  }

  /** Product ids that `/api/search?q=` finds. */
  async search(q: string): Promise<string[]> {
    const response = await fetch(`${this.api}/search?q=${encodeURIComponent(q)}&limit=100`);
    if (response.status !== 200) return [];
    const body = (await response.json()) as { items: { productId: string }[] };
    return body.items.map((item) => item.productId);
  }

  /** Kills every process by pid, then drops the table, bucket, index and topics. */
  async close(): Promise<void> {
    this.resume();
    const running = Object.values(this.procs).filter((proc): proc is Proc => proc !== undefined);
    await Promise.all(running.map((proc) => killProcess(proc)));
    const env = this.catalogEnv();
    const settle = (work: Promise<unknown>) => work.catch(() => undefined);
    const dynamo = new DynamoDBClient(aws);
    const s3 = new S3Client({ ...aws, forcePathStyle: true });
    const admin = new Admin({ clientId: 'distributed-test', bootstrapBrokers: [brokers] });
    await Promise.all([
      settle(dynamo.send(new DeleteTableCommand({ TableName: env['CATALOG_DYNAMODB_TABLE'] }))),
      ...Object.values(inventoryTables(this.envOf('inventory')['INVENTORY_DYNAMODB_TABLE']!)).map(
        (table) => settle(dynamo.send(new DeleteTableCommand({ TableName: table }))),
      ),
      settle(
        dynamo.send(
          new DeleteTableCommand({ TableName: this.envOf('cart')['CART_DYNAMODB_TABLE'] }),
        ),
      ),
      settle(s3.send(new DeleteBucketCommand({ Bucket: env['S3_BUCKET'] }))),
      settle(fetch(`${opensearchUrl}/${env['OPENSEARCH_INDEX']}*`, { method: 'DELETE' })),
      settle(
        admin
          .listTopics()
          .then((topics) => topics.filter((topic) => topic.startsWith(this.prefix)))
          .then(async (topics) => {
            if (topics.length > 0) await admin.deleteTopics({ topics });
          }),
      ),
    ]);
    dynamo.destroy();
    s3.destroy();
    await settle(admin.close());
    await settle(this.accountsDatabase.drop());
    await settle(this.pricingDatabase.drop());
    await settle(this.ordersDatabase.drop());
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
