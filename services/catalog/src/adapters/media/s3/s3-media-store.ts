import { Readable } from 'node:stream';
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { MediaObject, MediaStore, StoredMedia } from '../../../app/ports/media-store.ts';

export interface S3MediaStoreOptions {
  client: S3Client;
  bucket: string;
  /**
   * Where clients fetch media (a CDN, or the gateway's `/api/media` that proxies to
   * `GET /media/{key}` of the catalog). Unset: `put` answers a presigned GET URL.
   */
  publicBaseUrl?: string;
  /** Lifetime of presigned URLs; SigV4 allows at most 7 days. */
  presignExpiresInSeconds?: number;
}

const SEVEN_DAYS = 7 * 24 * 3600;

/** Product images as S3 objects, keyed like the disk store, with their content type. */
export class S3MediaStore implements MediaStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly publicBaseUrl: string | undefined;
  private readonly expiresIn: number;

  constructor(options: S3MediaStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.publicBaseUrl = options.publicBaseUrl?.replace(/\/+$/, '') || undefined;
    this.expiresIn = Math.min(options.presignExpiresInSeconds ?? SEVEN_DAYS, SEVEN_DAYS);
  }

  async put(key: string, body: Buffer, contentType: string): Promise<StoredMedia> {
    // One PUT replaces the object whole: readers see the old or the new file, never half.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ContentLength: body.length,
      }),
    );
    return { key, url: await this.urlOf(key) };
  }

  async get(key: string): Promise<MediaObject | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      if (!(object.Body instanceof Readable)) throw new Error(`S3 gave no stream for ${key}`);
      return {
        body: object.Body,
        contentType: object.ContentType ?? 'application/octet-stream',
        size: object.ContentLength ?? 0,
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  /** S3 answers a delete of a missing key with success, so this is idempotent as is. */
  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async close(): Promise<void> {
    // The client belongs to the factory that made it.
  }

  /**
   * A presigned URL expires (7 days at most), yet the URL is saved in the product:
   * deployments should set a public base URL, and keep presigning for private buckets
   * whose URLs are refreshed by the reader.
   */
  private async urlOf(key: string): Promise<string> {
    if (this.publicBaseUrl) return `${this.publicBaseUrl}/${key}`;
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
      expiresIn: this.expiresIn,
    });
  }
}

/** Creates the bucket when missing; safe to call from several instances at once. */
export async function ensureBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    if (!(error instanceof NotFound) && (error as Error).name !== 'NotFound') throw error;
  }
  const region = await client.config.region();
  try {
    await client.send(
      new CreateBucketCommand({
        Bucket: bucket,
        // us-east-1 is the default location and must not be named.
        ...(region === 'us-east-1'
          ? {}
          : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
      }),
    );
  } catch (error) {
    if (!(error instanceof BucketAlreadyOwnedByYou)) throw error;
  }
}
