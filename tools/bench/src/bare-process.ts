import { join } from 'node:path';
import { spawnNode, type NodeChild } from './child.ts';

export interface BareServer {
  child: NodeChild;
  url: string;
}

/** Starts bare-server.ts in a child process; it picks a free port itself and prints its URL. */
export async function startBareServer(repoRoot: string): Promise<BareServer> {
  const script = join(import.meta.dirname, 'bare-server.ts');
  const child = spawnNode('bare server', [script], repoRoot, process.env);
  const line = await child.waitForLine(/listening on http:\/\/127\.0\.0\.1:\d+/, 15_000);
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0] ?? '';
  return { child, url };
}
