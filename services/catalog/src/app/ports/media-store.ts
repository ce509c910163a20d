import type { Readable } from 'node:stream';

export interface StoredMedia {
  key: string;
  url: string;
}

export interface MediaObject {
  body: Readable;
  contentType: string;
  size: number;
}

/** Binary files (product images) addressed by key; `url` is where clients fetch them. */
export interface MediaStore {
  put(key: string, body: Buffer, contentType: string): Promise<StoredMedia>;
  get(key: string): Promise<MediaObject | undefined>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
