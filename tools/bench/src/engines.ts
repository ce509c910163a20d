// The local engines (`npm run infra:up`) the distributed run uses, and the per-run
// resources it creates on them: unique names, and their best-effort removal.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { redisKeysWithPrefix } from './redis-keys.ts';

const run = promisify(execFile);

/** What distributed mode with CACHE=redis talks to (PostgreSQL: accounts and pricing). */
export const REQUIRED_ENGINES = ['postgres', 'redis', 'moto', 'kafka', 'opensearch'];

/** Where they answer: the services' defaults, unless the environment says otherwise. */
export const endpoints = {
  aws: process.env['AWS_ENDPOINT_URL'] || 'http://127.0.0.1:14566',
  kafka: process.env['KAFKA_BROKERS'] || '127.0.0.1:19092',
  opensearch: process.env['OPENSEARCH_URL'] || 'http://127.0.0.1:9200',
  redis: process.env['REDIS_URL'] || 'redis://127.0.0.1:16379',
  postgres:
    process.env['BENCH_POSTGRES_URL'] || 'postgres://emporium:emporium@127.0.0.1:15432/emporium',
};

/** `infra.sh status <engines>`: healthy only when every one answers; `report` is its output. */
export async function checkEngines(
  repoRoot: string,
): Promise<{ healthy: boolean; report: string }> {
  try {
    const { stdout } = await run('bash', ['infra/local/infra.sh', 'status', ...REQUIRED_ENGINES], {
      cwd: repoRoot,
      timeout: 60_000,
    });
    return { healthy: true, report: stdout.trimEnd() };
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return { healthy: false, report: `${stdout ?? ''}${stderr ?? ''}`.trimEnd() };
  }
}

/** Names no other run shares, so runs never see one another's data on the shared engines. */
export interface RunResources {
  /** Prefix of Kafka topics and consumer groups, and of the Redis keys. */
  topicPrefix: string;
  table: string;
  /** The inventory's DynamoDB table. */
  inventoryTable: string;
  cartTable: string;
  /** The pricing service's own PostgreSQL database (it creates it at start). */
  pricingDatabase: string;
  /** An alias; the catalog creates `<alias>_v<N>` behind it. */
  index: string;
  bucket: string;
}

export function uniqueResources(): RunResources {
  // Lower-case letters and digits only: valid in every engine's names (S3 and OpenSearch need lower case).
  const id = `bench${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return {
    topicPrefix: `${id}-`,
    table: `emporium-catalog-${id}`,
    inventoryTable: `emporium-inventory-${id}`,
    cartTable: `emporium-cart-${id}`,
    pricingDatabase: `emporium_pricing_${id}`,
    index: `emporium-products-${id}`,
    bucket: `emporium-media-${id}`,
  };
}

/** The environment that points the catalog at these resources. */
export function resourceEnv(resources: RunResources): Record<string, string> {
  return {
    KAFKA_TOPIC_PREFIX: resources.topicPrefix,
    CATALOG_DYNAMODB_TABLE: resources.table,
    INVENTORY_DYNAMODB_TABLE: resources.inventoryTable,
    CART_DYNAMODB_TABLE: resources.cartTable,
    // Under the topic prefix, so the run's Redis clean-up removes the cart's cache too.
    CART_CACHE_PREFIX: `${resources.topicPrefix}cart:`,
    PRICING_DATABASE_URL: databaseUrl(resources.pricingDatabase),
    OPENSEARCH_INDEX: resources.index,
    S3_BUCKET: resources.bucket,
  };
}

/** Cache entries the run left in Redis (the catalog prefixes its keys with the topic prefix). */
export function countRedisKeys(resources: RunResources): Promise<number> {
  return redisKeysWithPrefix(endpoints.redis, resources.topicPrefix);
}

/**
 * Deletes the run's search indices, table, bucket and cache keys; each step on its own, so
 * one failure does not keep the others. Kafka topics stay (the broker's retention ages them out).
 * Returns one line per step that failed.
 */
export async function removeResources(resources: RunResources): Promise<string[]> {
  const steps: [string, () => Promise<void>][] = [
    [`OpenSearch index ${resources.index}`, () => deleteIndices(resources.index)],
    [`DynamoDB table ${resources.table}`, () => deleteTable(resources.table)],
    [`DynamoDB table ${resources.inventoryTable}`, () => deleteTable(resources.inventoryTable)],
    [`DynamoDB table ${resources.cartTable}`, () => deleteTable(resources.cartTable)],
    [
      `PostgreSQL database ${resources.pricingDatabase}`,
      () => dropDatabase(resources.pricingDatabase),
    ],
    [`S3 bucket ${resources.bucket}`, () => deleteBucket(resources.bucket)],
    [
      `Redis keys ${resources.topicPrefix}*`,
      async () =>
        void (await redisKeysWithPrefix(endpoints.redis, resources.topicPrefix, { remove: true })),
    ],
  ];
  const failures = await Promise.all(
    steps.map(([what, step]) =>
      step().then(
        () => undefined,
        (error: unknown) => `could not delete ${what}: ${String(error)}`,
      ),
    ),
  );
  return failures.filter((line): line is string => line !== undefined);
}

async function call(url: string, init: RequestInit, okStatuses: number[]): Promise<Response> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  if (!okStatuses.includes(response.status)) {
    const body = (await response.text()).slice(0, 200);
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${body}`);
  }
  return response;
}

/** Every index whose name starts with the alias: `<alias>_v1`, rebuilt ones, a bare `<alias>`. */
async function deleteIndices(alias: string): Promise<void> {
  const listing = await call(
    `${endpoints.opensearch}/_cat/indices/${alias}*?format=json&h=index`,
    {},
    [200, 404],
  );
  if (listing.status === 404) return;
  const indices = ((await listing.json()) as { index: string }[]).map((row) => row.index);
  if (indices.length === 0) return;
  await call(`${endpoints.opensearch}/${indices.join(',')}`, { method: 'DELETE' }, [200, 404]);
}

/** The emulator wants a signed-looking request to tell the region; it does not check the signature. */
function emulatorAuthorization(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

async function deleteTable(table: string): Promise<void> {
  const response = await call(
    endpoints.aws,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.DeleteTable',
        authorization: emulatorAuthorization('dynamodb'),
      },
      body: JSON.stringify({ TableName: table }),
    },
    [200, 400],
  );
  // 400 is also how DynamoDB says the table is not there: nothing to delete then.
  const body = await response.text();
  if (response.status === 400 && !body.includes('ResourceNotFoundException')) {
    throw new Error(`DeleteTable ${table} answered 400: ${body.slice(0, 200)}`);
  }
}

/** The server's URL with another database. */
function databaseUrl(database: string): string {
  const url = new URL(endpoints.postgres);
  url.pathname = `/${database}`;
  return url.toString();
}

/** With psql (PostgreSQL's client, installed with the server): the bench has no driver of its own. */
async function dropDatabase(database: string): Promise<void> {
  await run(
    'psql',
    [endpoints.postgres, '-q', '-c', `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`],
    {
      timeout: 30_000,
    },
  );
}

async function deleteBucket(bucket: string): Promise<void> {
  // The run uploads no images, so the bucket is empty and can go as it is.
  await call(
    `${endpoints.aws}/${bucket}`,
    { method: 'DELETE', headers: { authorization: emulatorAuthorization('s3') } },
    [204, 404],
  );
}
