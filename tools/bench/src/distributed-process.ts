import { SERVICE_MANIFEST } from '@emporium/contracts';
import { spawnNode, type NodeChild } from './child.ts';
import { onCleanup } from './cleanup.ts';
import { endpoints, removeResources, resourceEnv, uniqueResources } from './engines.ts';
import type { RunResources } from './engines.ts';
import { localServices, type ServiceUrls } from './local-services.ts';
import {
  commandLine,
  descendants,
  processRef,
  stopProcessTree,
  type ProcessRef,
} from './process-tree.ts';
import { readProcMemory } from './proc-memory.ts';
import { BENCH_ADMIN } from './seed-through-api.ts';

const LAUNCHER = 'apps/platform/src/distributed.ts';
const SERVICES = SERVICE_MANIFEST.map((entry) => entry.name);

export interface ServiceProcess extends ProcessRef {
  name: string;
}

export interface DistributedPlatform {
  launcher: NodeChild;
  /** The launcher's children, one per service. */
  services: ServiceProcess[];
  urls: ServiceUrls;
  resources: RunResources;
  /** Stops the launcher and everything below it (also done by `cleanup()`). */
  stop(): Promise<void>;
}

/**
 * Starts `node apps/platform/src/distributed.ts` (every service of the manifest as a separate
 * process on the local engines) on free ports, with a temporary data dir and Kafka topics,
 * DynamoDB table, OpenSearch index, S3 bucket and Redis keys of its own, and waits until the
 * gateway and the catalog are ready. `cleanup()` stops it and removes all of that.
 */
export async function startDistributed(
  repoRoot: string,
  readyTimeoutMs: number,
): Promise<DistributedPlatform> {
  const { urls, env: base } = await localServices('emporium-bench-distributed-');
  const resources = uniqueResources();
  onCleanup(async () => {
    for (const line of await removeResources(resources)) process.stderr.write(`cleanup: ${line}\n`);
  });

  const env: NodeJS.ProcessEnv = {
    ...base,
    AWS_ENDPOINT_URL: endpoints.aws,
    KAFKA_BROKERS: endpoints.kafka,
    OPENSEARCH_URL: endpoints.opensearch,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    CACHE: 'redis',
    REDIS_URL: endpoints.redis,
    ...resourceEnv(resources),
  };

  const launcher = spawnNode('distributed platform', [LAUNCHER], repoRoot, env);
  const launcherRef = await processRef(launcher.pid);
  // Registered after spawnNode's own stop, so it runs first (last in, first out) and takes
  // the services down with the launcher, even if the launcher cannot stop them itself.
  const stop = async () => {
    if (launcherRef) await stopProcessTree(launcherRef);
  };
  onCleanup(stop);

  await waitUntilReady(
    launcher,
    [`${urls.gateway}/health/ready`, `${urls.catalog}/health/ready`],
    readyTimeoutMs,
  );
  const services = await findServices(launcher.pid);
  return { launcher, services, urls, resources, stop };
}

/** Polls until every URL answers 200; fails early when the launcher exits. */
async function waitUntilReady(launcher: NodeChild, urls: string[], timeoutMs: number) {
  let exit: string | undefined;
  void launcher.exited.then((how) => (exit = how));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit !== undefined) {
      throw new Error(
        `the distributed platform exited (${exit}) before it was ready\n` +
          `its last output:\n  ${launcher.lastOutput()}`,
      );
    }
    const answers = await Promise.all(urls.map(probe));
    const notReady = answers.find((answer) => answer !== undefined);
    if (notReady === undefined) return;
    if (Date.now() >= deadline) {
      throw new Error(
        `the distributed platform was not ready within ${timeoutMs / 1000} s (${notReady})\n` +
          `its last output:\n  ${launcher.lastOutput()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** undefined when `url` answers 200, else what went wrong. */
async function probe(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200 ? undefined : `${url} answered ${response.status}`;
  } catch (error) {
    return `${url}: ${(error as Error).cause ?? (error as Error).message}`;
  }
}

/** The launcher's children, named by the service whose main.ts each runs. */
async function findServices(launcherPid: number): Promise<ServiceProcess[]> {
  const children = await descendants(launcherPid);
  const services: ServiceProcess[] = [];
  for (const child of children) {
    const name = /services\/([^/]+)\/src\/main\.ts/.exec(await commandLine(child.pid))?.[1];
    if (name) services.push({ ...child, name });
  }
  const missing = SERVICES.filter((name) => !services.some((service) => service.name === name));
  if (missing.length > 0) {
    throw new Error(`no ${missing.join(', ')} process below the launcher (pid ${launcherPid})`);
  }
  return services.sort((a, b) => a.name.localeCompare(b.name));
}

export interface ServicesMemory {
  /** Sum of the services' resident set sizes (VmRSS), MiB. */
  totalMiB: number;
  perServiceMiB: Record<string, number>;
}

/** RSS of each service process, and their sum (the launcher itself is not counted). */
export async function readServicesMemory(services: ServiceProcess[]): Promise<ServicesMemory> {
  const readings = await Promise.all(services.map((service) => readProcMemory(service.pid)));
  const perServiceMiB = Object.fromEntries(
    services.map((service, index) => [service.name, readings[index]?.rssMiB ?? NaN]),
  );
  const totalMiB = readings.reduce((sum, reading) => sum + reading.rssMiB, 0);
  return { totalMiB, perServiceMiB };
}
