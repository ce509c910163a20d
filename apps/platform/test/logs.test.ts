import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startPlatform } from '../src/platform.ts';
import { platformEnv } from './free-port.ts';

describe('log lines of the embedded platform', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'logs-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('when the services log in one process, then every line carries exactly one service field, its own', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const env = { ...(await platformEnv(dataDir)), LOG_LEVEL: 'info' };
    const platform = await startPlatform({ env, logDestination: destination });
    await platform.close();

    // The raw text, not the parsed object: JSON.parse keeps only the last of two equal keys.
    const bootstrap = lines.find((line) => line.includes('created the bootstrap admin account'));
    expect(bootstrap).toBeDefined();
    expect(bootstrap!.match(/"service":/g)).toHaveLength(1);
    expect(JSON.parse(bootstrap!)).toMatchObject({ service: 'accounts' });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.match(/"service":/g), line).toHaveLength(1);
  });
});
