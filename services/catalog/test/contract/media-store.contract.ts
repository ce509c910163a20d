import { afterEach, describe, expect, it } from 'vitest';
import type { MediaStore } from '../../src/app/ports/media-store.ts';

export interface MediaStoreContractOptions {
  name: string;
  create(): Promise<{ store: MediaStore; close(): Promise<void> }>;
}

async function bytesOf(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

export function describeMediaStoreContract({ name, create }: MediaStoreContractOptions): void {
  describe(`MediaStore contract: ${name}`, () => {
    const open: { close(): Promise<void> }[] = [];
    async function setUp() {
      const fixture = await create();
      open.push(fixture);
      return fixture.store;
    }
    afterEach(async () => Promise.all(open.splice(0).map((fixture) => fixture.close())));

    it('when a file is put, then it reads back byte for byte with its type and size, and its URL ends with the key', async () => {
      const store = await setUp();
      const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 255]);
      const stored = await store.put('products/prd_1/a.png', bytes, 'image/png');
      expect(stored.key).toBe('products/prd_1/a.png');
      expect(stored.url.endsWith('/products/prd_1/a.png')).toBe(true);
      const media = await store.get('products/prd_1/a.png');
      expect(media).toMatchObject({ contentType: 'image/png', size: bytes.length });
      expect((await bytesOf(media!.body)).equals(bytes)).toBe(true);
    });

    it('when a key is put again, then the new content replaces the old', async () => {
      const store = await setUp();
      await store.put('k/one.jpg', Buffer.from('first'), 'image/jpeg');
      await store.put('k/one.jpg', Buffer.from('second'), 'image/webp');
      const media = await store.get('k/one.jpg');
      expect(media?.contentType).toBe('image/webp');
      expect((await bytesOf(media!.body)).toString()).toBe('second');
    });

    it('when a file is deleted or never existed, then get answers undefined and delete is harmless', async () => {
      const store = await setUp();
      await store.put('k/gone.gif', Buffer.from('GIF89a'), 'image/gif');
      await store.delete('k/gone.gif');
      expect(await store.get('k/gone.gif')).toBeUndefined();
      expect(await store.get('never/there.png')).toBeUndefined();
      await expect(store.delete('never/there.png')).resolves.toBeUndefined();
    });
  });
}
