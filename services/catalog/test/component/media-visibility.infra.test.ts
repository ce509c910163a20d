import { randomUUID } from 'node:crypto';
import { describeMediaVisibility } from './media-visibility.suite.ts';

describeMediaVisibility('S3', {
  MEDIA: 's3',
  S3_BUCKET: `hardening-media-${randomUUID()}`,
  AWS_ENDPOINT_URL: process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566',
  AWS_REGION: 'us-east-1',
});
