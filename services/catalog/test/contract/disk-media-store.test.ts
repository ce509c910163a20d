import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskMediaStore } from '../../src/adapters/media/disk/disk-media-store.ts';
import { describeMediaStoreContract } from './media-store.contract.ts';

describeMediaStoreContract({
  name: 'disk',
  async create() {
    const root = mkdtempSync(join(tmpdir(), 'media-'));
    const store = new DiskMediaStore({ root, publicBaseUrl: 'http://localhost:8080/api/media' });
    return { store, close: async () => rmSync(root, { recursive: true, force: true }) };
  },
});
