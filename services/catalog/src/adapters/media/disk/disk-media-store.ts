import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { MediaObject, MediaStore, StoredMedia } from '../../../app/ports/media-store.ts';

export interface DiskMediaStoreOptions {
  root: string;
  /** Public base URL that maps to `GET /media/{key}` of the catalog (through the gateway by default). */
  publicBaseUrl: string;
}

/** Media on the local disk for embedded mode; the content type is kept in a sidecar file. */
export class DiskMediaStore implements MediaStore {
  private readonly root: string;
  private readonly publicBaseUrl: string;

  constructor(options: DiskMediaStoreOptions) {
    this.root = resolve(options.root);
    this.publicBaseUrl = options.publicBaseUrl.replace(/\/+$/, '');
  }

  async put(key: string, body: Buffer, contentType: string): Promise<StoredMedia> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    await writeFile(`${path}.tmp`, body);
    await writeFile(`${path}.type`, contentType);
    await rename(`${path}.tmp`, path);
    return { key, url: `${this.publicBaseUrl}/${key}` };
  }

  async get(key: string): Promise<MediaObject | undefined> {
    if (!isValidKey(key)) return undefined;
    const path = this.pathOf(key);
    try {
      const [info, contentType] = await Promise.all([stat(path), readFile(`${path}.type`, 'utf8')]);
      return { body: createReadStream(path), contentType, size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await rm(`${path}.type`, { force: true });
  }

  async close(): Promise<void> {}

  private pathOf(key: string): string {
    const path = resolve(this.root, ...key.split('/'));
    if (
      !path.startsWith(this.root + sep) ||
      !/^[A-Za-z0-9/_.-]+$/.test(key) ||
      key.includes('..')
    ) {
      throw new Error(`Invalid media key ${key}`);
    }
    return join(path);
  }
}

function isValidKey(key: string): boolean {
  return /^[A-Za-z0-9/_.-]+$/.test(key) && !key.includes('..');
}
