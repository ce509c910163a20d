import { S3Client } from '@aws-sdk/client-s3';
import { S3MediaStore, ensureBucket } from './s3-media-store.ts';

export interface S3MediaConfig {
  /** An emulator's URL (moto: http://127.0.0.1:14566); unset on AWS. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** See S3MediaStoreOptions.publicBaseUrl; unset means presigned GET URLs. */
  publicBaseUrl?: string;
  /** Unset: the SDK's default chain (environment, profile, task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Create the bucket when missing (default true; off where IaC owns it). */
  ensureBucket?: boolean;
}

/** The S3 media store and the client it owns, for the composition root. */
export async function createS3Media(config: S3MediaConfig) {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
  });
  try {
    if (config.ensureBucket !== false) await ensureBucket(client, config.bucket);
  } catch (error) {
    client.destroy();
    throw error;
  }
  const media = new S3MediaStore({
    client,
    bucket: config.bucket,
    ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
  });
  return { media, close: async () => client.destroy() };
}
