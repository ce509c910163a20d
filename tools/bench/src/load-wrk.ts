import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadOptions, LoadResult, PostRoute, PostSpec } from './load.ts';

const run = promisify(execFile);

/** True when the `wrk` load generator is installed (Debian package `wrk`). */
export async function hasWrk(): Promise<boolean> {
  try {
    await run('wrk', ['--version']);
    return true;
  } catch (error) {
    // wrk prints its version and exits 1.
    return (error as { stdout?: string }).stdout?.includes('wrk') ?? false;
  }
}

/**
 * One bounded wrk run (warm-up first, not reported). wrk is written in C and needs far
 * less CPU than the server under test, so on a 2-core machine the server, not the
 * load generator, is what gets measured.
 */
export async function runWrk(options: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'wrk-'));
  try {
    const script = join(dir, 'paths.lua');
    writeFileSync(
      script,
      options.post ? luaPosts(options.post) : luaRotatingPaths(options.paths, options.headers),
    );
    const args = (seconds: number, phase: string) => [
      '-t1',
      `-c${options.connections}`,
      `-d${seconds}s`,
      '--timeout',
      '10s',
      '--latency',
      '-s',
      script,
      options.url,
      // The phase keeps `$N` of the warm-up and the measured run apart.
      '--',
      phase,
    ];
    await run('wrk', args(options.warmupSeconds, 'w'));
    const { stdout } = await run('wrk', args(options.seconds, 'm'), {
      timeout: (options.seconds + 30) * 1000,
    });
    return parseWrk(stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lua = (text: string) => JSON.stringify(text);

const luaHeaders = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([name, value]) => `wrk.headers[${lua(name)}] = ${lua(value)}`)
    .join('\n');

export function luaRotatingPaths(paths: string[], headers: Record<string, string> = {}): string {
  const list = paths.map((path) => JSON.stringify(path)).join(',\n  ');
  return `local paths = {\n  ${list}\n}\n${luaHeaders(headers)}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format("GET", paths[i])\nend\n`;
}

/** A Lua table of the routes' paths and all their headers (empty: every request to `spec.path`). */
function luaRoutes(routes: readonly PostRoute[], base: Record<string, string>): string {
  const entries = routes.map(
    (route) =>
      `{ path = ${lua(route.path)}, headers = { ${Object.entries({ ...base, ...route.headers })
        .map(([name, value]) => `[${lua(name)}] = ${lua(value)}`)
        .join(', ')} } }`,
  );
  return `{\n  ${entries.join(',\n  ')}\n}`;
}

/** POSTs drawn as `postBody` draws them; `$N` gets the phase (wrk's first script argument). */
export function luaPosts(spec: PostSpec): string {
  const values = spec.values.map(lua).join(',\n  ');
  const base = { 'content-type': 'application/json', ...spec.headers };
  const headers = luaHeaders(base);
  const routed = (spec.routes ?? []).length > 0;
  // With routes, request n goes to routes[n % #routes + 1] with that route's headers.
  const send = routed
    ? `local route = routes[n % #routes + 1]
  n = n + 1
  return wrk.format("POST", route.path, route.headers, body)`
    : `n = n + 1
  return wrk.format("POST", ${lua(spec.path)}, nil, body)`;
  return `local values = {\n  ${values}\n}
${routed ? `local routes = ${luaRoutes(spec.routes ?? [], base)}\n` : ''}local template = ${lua(spec.template)}
local prefix = ${lua(spec.runId)}
local n = 0
wrk.method = "POST"
${headers}
init = function(args)
  prefix = prefix .. (args[1] or "")
end
request = function()
  local value = values[n % #values + 1]
  local body = template:gsub("%$N", prefix .. "-" .. n):gsub("%$V", value)
  ${send}
end
`;
}

export function parseWrk(output: string): LoadResult {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? NaN);
  const latency = (percent: string) =>
    toMs(new RegExp(`^\\s+${percent}%\\s+([\\d.]+\\w+)`, 'm').exec(output)?.[1]);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const [connect, read, write, timeout] = (socketErrors?.slice(1) ?? ['0', '0', '0', '0']).map(
    Number,
  ) as [number, number, number, number];
  const requests = number(/(\d+) requests in/);
  const non2xx = number(/Non-2xx or 3xx responses: (\d+)/) || 0;
  return {
    requests,
    reqPerSec: number(/Requests\/sec:\s+([\d.]+)/),
    p50Ms: latency('50'),
    p99Ms: latency('99'),
    maxMs: toMs(/Latency\s+\S+\s+\S+\s+(\S+)/.exec(output)?.[1]),
    errors: connect + read + write,
    timeouts: timeout,
    non2xx,
    statusCodes: { '2xx': requests - non2xx },
  };
}

function toMs(value: string | undefined): number {
  const match = value ? /^([\d.]+)(us|ms|s|m)$/.exec(value) : null;
  if (!match) return NaN;
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(match[1]) * scale;
}
