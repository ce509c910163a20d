import { execFile, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Cluster, waitFor } from './harness.ts';
import { createdIds, readTopic } from './kafka-recorder.ts';

const run = promisify(execFile);
const fixture = join(import.meta.dirname, 'fixtures', 'commit-then-crash.ts');
const infra = resolve(import.meta.dirname, '../../../../infra/local/infra.sh');

let kafkaDown = false;

/** `infra.sh up|down kafka`, synchronously so a `finally` cannot be cut short. */
function kafka(action: 'up' | 'down'): void {
  if (action === 'down') kafkaDown = true;
  const result = spawnSync('bash', [infra, action, 'kafka'], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0) throw new Error(`infra.sh ${action} kafka: ${result.stderr}`);
  if (action === 'up') kafkaDown = false;
}

/** A catalog gauge from `/metrics`: the first series of `name` whose labels include `label`. */
async function gauge(cluster: Cluster, name: string, label = ''): Promise<number | undefined> {
  const text = await (await fetch(`${cluster.catalogUrl}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name}{`) && row.includes(label));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('no catalog event is lost on the distributed platform', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    if (kafkaDown) kafka('up'); // the shared broker comes back even if a test was cut short
    await cluster?.close();
    cluster = undefined;
  });

  it('when the catalog is killed -9 right after a commit, then a restarted one publishes the event once and indexes it', async () => {
    cluster = await Cluster.plan();
    const crashed = await run(process.execPath, [fixture], {
      env: { ...process.env, ...cluster.catalogEnv(), LOG_LEVEL: 'silent' },
    }).catch((error: { stdout: string; signal: string }) => {
      expect(error.signal).toBe('SIGKILL');
      return error;
    });
    const { productId, pending } = JSON.parse(crashed.stdout.trim()) as {
      productId: string;
      pending: number;
    };
    expect(pending).toBe(1);

    // Slow (~60 s): the catalog listens only once its Kafka groups have rejoined, and the
    // killed member holds them until its session times out (the client's default, 60 s).
    await cluster.start();
    await waitFor(
      'product searchable',
      async () => {
        return (await cluster!.search('phoenix')).includes(productId) || undefined;
      },
      10_000,
    );
    const events = await readTopic(
      `${cluster.prefix}catalog.product`,
      (seen) => createdIds(seen, productId).size > 0,
      30_000,
    );
    expect([...createdIds(events, productId)]).toHaveLength(1);
    // The indexer itself consumed it (search alone could come from the start-up reindex).
    await waitFor(
      'outbox and indexer drained',
      async () => {
        const lag = await gauge(cluster!, 'event_consumer_lag', 'group="catalog.search-indexer"');
        const outbox = await gauge(cluster!, 'outbox_pending_events');
        return lag === 0 && outbox === 0 ? true : undefined;
      },
      90_000,
      500,
    );
  }, 180_000);

  it('when Kafka is down for 30 s, then writes still succeed and every event is published and indexed once it is back', async () => {
    cluster = await Cluster.plan();
    await cluster.start();
    const admin = await cluster.admin();
    const ids: string[] = [];
    try {
      kafka('down');
      const until = Date.now() + 30_000;
      for (let n = 0; Date.now() < until; n++) {
        const response = await fetch(`${cluster.api}/products`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({
            name: `Outage Kettle ${n}`,
            brand: 'Steady',
            variants: [{ sku: `OUTAGE-${n}`, options: {} }],
          }),
        });
        expect(response.status).toBe(201);
        ids.push(((await response.json()) as { id: string }).id);
        await delay(500);
      }
    } finally {
      kafka('up');
    }
    const kafkaBack = Date.now();
    expect(ids.length).toBeGreaterThanOrEqual(40);

    const events = await readTopic(
      `${cluster.prefix}catalog.product`,
      (seen) => ids.every((id) => createdIds(seen, id).size > 0),
      60_000,
    );
    for (const id of ids) expect([...createdIds(events, id)], id).toHaveLength(1);
    let state = '';
    await waitFor(
      () => `every product searchable (${state})`,
      async () => {
        const found = new Set(await cluster!.search('kettle'));
        const lag = await gauge(cluster!, 'event_consumer_lag', 'group="catalog.search-indexer"');
        state = `${ids.filter((id) => found.has(id)).length}/${ids.length}, indexer lag ${lag}`;
        return ids.every((id) => found.has(id)) || undefined;
      },
      Math.max(0, kafkaBack + 60_000 - Date.now()),
      500,
    );
  }, 300_000);
});
