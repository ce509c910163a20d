// Times `npm start` on a fresh data folder and free ports: start to "Emporium is ready".
// Run: node apps/platform/test/measure-first-start.ts (prints the seed lines and the time).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { platformEnv } from './free-port.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'first-start-'));
const env = { ...process.env, ...(await platformEnv(dataDir)), LOG_LEVEL: 'warn' };
const started = performance.now();
// Its own process group, so stopping it stops npm and the platform under it.
const child = spawn('npm', ['start'], {
  cwd: root,
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
const stop = () => process.kill(-child.pid!, 'SIGTERM');
let output = '';
const timeout = setTimeout(stop, 400_000);
const onData = (chunk: Buffer) => {
  output += chunk.toString();
  if (!output.includes('Emporium is ready')) return;
  clearTimeout(timeout);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    output
      .split('\n')
      .filter((line) => /Seed|ready/.test(line))
      .join('\n'),
  );
  console.log(`start to ready: ${seconds} s`);
  child.stdout!.off('data', onData);
  stop();
};
child.stdout!.on('data', onData);
child.stderr!.on('data', onData);
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  if (!output.includes('Emporium is ready')) console.log(`exited ${code} before ready:\n${output}`);
});
