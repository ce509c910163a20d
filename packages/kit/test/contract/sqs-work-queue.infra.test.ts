import { randomUUID } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsWorkQueue } from '../../src/queue/sqs-work-queue.ts';
import { describeWorkQueueContract } from './work-queue.contract.ts';

const endpoint = process.env['AWS_ENDPOINT_URL'] ?? 'http://127.0.0.1:14566';

describeWorkQueueContract({
  name: 'SQS',
  second: 1_000,
  async create(settings) {
    const client = new SQSClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const queue = await SqsWorkQueue.open<{ n: number }>({
      ...settings,
      name: `test-${randomUUID()}`,
      client,
    });
    return { queue, advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
  },
});
