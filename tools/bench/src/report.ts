import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { LargeCatalogReport } from './large-catalog.ts';
import type { LoadResult } from './load.ts';
import type { Verdict } from './scenarios.ts';
import { SERVICE_MANIFEST } from '@emporium/contracts';

export interface ScenarioReport {
  name: string;
  url: string;
  distinctPaths: number;
  /** Median over the rounds of the share of the same round's reference. */
  pctOfBare: number;
  /** Lowest and highest per-round share. */
  pctOfBareRange: { low: number; high: number };
  target: string;
  result: Verdict;
  /** Medians over the rounds (counts summed). */
  load: LoadResult;
  rounds: LoadResult[];
}

/** A count read back after the load, against its target (oversold units: 0). */
export interface CheckReport {
  name: string;
  value: string;
  target: string;
  result: Verdict;
}

export interface MemoryReport {
  rssAfterSeedMiB: number;
  rssAfterLoadMiB: number;
  peakRssMiB: number;
  target: string;
  result: Verdict;
}

/** `--distributed`: the services as separate processes on the local engines. */
export interface DistributedReport {
  /** Names of the run's topics prefix, table, index and bucket (removed at the end). */
  resources: Record<string, string>;
  seed?: { products: number; createSeconds: number; searchableSeconds: number };
  /** Sum over the processes of every service in the manifest. */
  rssAfterSeedMiB?: number;
  rssAfterLoadMiB?: number;
  rssAfterLoadPerServiceMiB?: Record<string, number>;
  /** Keys under the run's prefix in Redis after the load: the product read cache. */
  redisKeysAfterLoad?: number;
  /** Wall time of the distributed part: start, seed, setup, rows, checks and stop. */
  wallSeconds?: number;
  /** Wall time of each phase, in order (start, seed, setup, rows, checks). */
  phaseSeconds?: Record<string, number>;
  /** Why the distributed run stopped early. */
  error?: string;
}

export interface BenchReport {
  date: string;
  machine: ReturnType<typeof machineInfo>;
  parameters: Record<string, number | string>;
  memory: MemoryReport;
  scenarios: ScenarioReport[];
  checks: CheckReport[];
  largeCatalog?: LargeCatalogReport;
  distributed?: DistributedReport;
  passed: boolean;
}

export function machineInfo() {
  const cpuList = cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    memoryGiB: Number((totalmem() / 1024 ** 3).toFixed(1)),
    // An object, not an array, so the JSON file is already in Prettier's style.
    loadAverage: Object.fromEntries(
      ['1m', '5m', '15m'].map((span, i) => [span, Number((loadavg()[i] ?? 0).toFixed(2))]),
    ),
  };
}

export function formatHeader(
  machine: BenchReport['machine'],
  parameters: BenchReport['parameters'],
): string[] {
  const load = Object.values(machine.loadAverage);
  const lines = [
    `Machine:    node ${machine.node}, ${machine.platform}, ${machine.cpus} × ${machine.cpuModel}, ` +
      `${machine.memoryGiB} GiB RAM, load average ${load.join(' ')}`,
    `Parameters: ${Object.entries(parameters)
      .map(([name, value]) => `${name}=${value}`)
      .join(', ')}`,
  ];
  if ((load[0] ?? 0) > machine.cpus / 2) {
    lines.push(
      'Note:       the machine was already busy (1-minute load above half the CPUs): expect noise.',
    );
  }
  return lines;
}

const fixed = (n: number, digits: number) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '-';

/** Plain-text table; the first column is left-aligned, numbers right-aligned. */
export function formatTable(scenarios: ScenarioReport[]): string {
  const header = [
    'scenario',
    'req/s',
    'p50 ms',
    'p99 ms',
    '% of bare',
    'rounds',
    'target',
    'result',
  ];
  const rows = scenarios.map((s) => [
    s.name,
    fixed(s.load.reqPerSec, 0),
    fixed(s.load.p50Ms, 2),
    fixed(s.load.p99Ms, 2),
    Number.isFinite(s.pctOfBare) ? `${fixed(s.pctOfBare, 0)}%` : '-',
    shareRange(s),
    s.target,
    s.result,
  ]);
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)),
  );
  const leftAligned = new Set([0, 6, 7]);
  const line = (row: string[]) =>
    row
      .map((cell, i) =>
        leftAligned.has(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The checks as a table: what was counted, the target and the verdict. */
export function formatChecks(checks: CheckReport[]): string {
  const header = ['check', 'value', 'target', 'result'];
  const rows = checks.map((check) => [check.name, check.value, check.target, check.result]);
  const widths = header.map((_, i) =>
    Math.max(...[header, ...rows].map((row) => (row[i] ?? '').length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** The per-round shares of the reference, e.g. `51–58%`, when there was more than one round. */
function shareRange({ rounds, pctOfBareRange: { low, high } }: ScenarioReport): string {
  if (rounds.length < 2 || !Number.isFinite(low)) return '';
  return `${fixed(low, 0)}–${fixed(high, 0)}%`;
}

/** A hint when a targeted share moved a lot between rounds: the machine was noisy. */
export function describeNoise(scenarios: ScenarioReport[], rounds: number): string[] {
  const noisy = scenarios.filter(
    ({ pctOfBareRange: { low, high } }) => rounds > 1 && high - low > 15,
  );
  if (noisy.length === 0) return [];
  return [
    `Note: the share of the reference moved by more than 15 points between rounds for ` +
      `${noisy.map((s) => s.name).join('; ')}: the machine's load changed during the run. ` +
      `Each share is taken within its round and the verdict uses the median of the ${rounds} rounds.`,
  ];
}

/** Why a FAILED scenario failed, one line each. */
export function describeFailures(scenarios: ScenarioReport[]): string[] {
  return scenarios
    .filter((s) => s.result === 'FAILED')
    .map(({ name, load }) => {
      const codes = Object.entries(load.statusCodes)
        .map(([code, n]) => `${code}×${n}`)
        .join(', ');
      const detail = load.firstError ? `; first error: ${load.firstError}` : '';
      return `FAILED ${name}: ${load.errors} errors, ${load.timeouts} timeouts, ${load.non2xx} non-2xx (status ${codes || 'none'})${detail}`;
    });
}

export function formatMemory(memory: MemoryReport): string[] {
  return [
    `Platform RSS after seeding: ${memory.rssAfterSeedMiB.toFixed(1)} MiB (target ${memory.target}) ${memory.result}`,
    `Platform RSS after load:    ${memory.rssAfterLoadMiB.toFixed(1)} MiB, peak (VmHWM) ${memory.peakRssMiB.toFixed(1)} MiB`,
  ];
}

export function formatDistributed(report: DistributedReport): string[] {
  const lines: string[] = [];
  if (report.seed) {
    const { products, createSeconds, searchableSeconds } = report.seed;
    lines.push(
      `Distributed seed: ${products} products created through the gateway in ${createSeconds.toFixed(1)} s, ` +
        `all searchable (Kafka → OpenSearch) after ${searchableSeconds.toFixed(1)} s`,
    );
  }
  if (report.rssAfterSeedMiB !== undefined) {
    lines.push(
      `Distributed RSS after seeding: ${report.rssAfterSeedMiB.toFixed(1)} MiB (${SERVICE_MANIFEST.map((entry) => entry.name).join(' + ')})`,
    );
  }
  if (report.rssAfterLoadMiB !== undefined) {
    const perService = Object.entries(report.rssAfterLoadPerServiceMiB ?? {})
      .map(([name, mib]) => `${name} ${mib.toFixed(1)}`)
      .join(', ');
    lines.push(
      `Distributed RSS after load:    ${report.rssAfterLoadMiB.toFixed(1)} MiB (${perService})`,
    );
  }
  if (report.redisKeysAfterLoad === 0) {
    lines.push(
      `Note: Redis held no keys under ${report.resources['topicPrefix']}* after the load: ` +
        'the catalog read its products without the Redis cache.',
    );
  } else if (report.redisKeysAfterLoad !== undefined) {
    lines.push(`Redis cache: ${report.redisKeysAfterLoad} keys after the load.`);
  }
  if (report.wallSeconds !== undefined) {
    const phases = Object.entries(report.phaseSeconds ?? {})
      .map(([phase, seconds]) => `${phase} ${seconds.toFixed(0)} s`)
      .join(', ');
    lines.push(`Distributed wall time: ${report.wallSeconds.toFixed(0)} s (${phases})`);
  }
  if (report.error)
    lines.push(`Distributed run failed: ${report.error.split('\n')[0]} (see above)`);
  return lines;
}

export async function writeJsonReport(dir: string, report: BenchReport): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  const round = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(3)) : value;
  await writeFile(file, `${JSON.stringify(report, round, 2)}\n`);
  return file;
}
