import { randomUUID } from 'node:crypto';
import { createS3Media } from '../../src/adapters/media/s3/create-s3-media.ts';
import { describeMediaStoreContract } from './media-store.contract.ts';

const endpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';

describeMediaStoreContract({
  name: 'S3',
  async create() {
    const { media, close } = await createS3Media({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      bucket: `catalog-media-${randomUUID()}`,
      publicBaseUrl: 'http://localhost:8080/api/media',
    });
    return { store: media, close };
  },
});
