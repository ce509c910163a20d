import type { SQSClient } from '@aws-sdk/client-sqs';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { newId } from '../ids.ts';
import type { QueueMessage, ReceiveOptions, WorkQueue, WorkQueueSettings } from './work-queue.ts';

export interface SqsWorkQueueOptions extends WorkQueueSettings {
  client: SQSClient;
}

interface Envelope<T> {
  id: string;
  body: T;
}

const seconds = (ms: number, max: number) => Math.min(max, Math.max(0, Math.ceil(ms / 1000)));

/**
 * The work-queue port on SQS: a queue and its dead-letter queue joined by a redrive
 * policy. SQS counts time in whole seconds, so delays and timeouts round up. Our own
 * message id travels in the body, because SQS gives a redriven message a new one.
 */
export class SqsWorkQueue<T> implements WorkQueue<T> {
  private readonly client: SQSClient;
  private readonly queueUrl: string;
  private readonly deadLetterUrl: string;

  private constructor(client: SQSClient, queueUrl: string, deadLetterUrl: string) {
    this.client = client;
    this.queueUrl = queueUrl;
    this.deadLetterUrl = deadLetterUrl;
  }

  /** Creates the queue and its `-dlq` when missing (CreateQueue is idempotent). */
  static async open<T>(options: SqsWorkQueueOptions): Promise<SqsWorkQueue<T>> {
    const { client, name } = options;
    const dlq = await client.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queue = await client.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          VisibilityTimeout: String(seconds(options.visibilityTimeoutMs, 43_200)),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: Attributes?.['QueueArn'],
            maxReceiveCount: options.maxReceives,
          }),
        },
      }),
    );
    return new SqsWorkQueue<T>(client, queue.QueueUrl!, dlq.QueueUrl!);
  }

  async send(body: T, options: { delayMs?: number } = {}): Promise<string> {
    const id = newId('msg');
    await this.sendEnvelope(this.queueUrl, { id, body }, options.delayMs ?? 0);
    return id;
  }

  async receive({ max, waitMs = 0 }: ReceiveOptions): Promise<QueueMessage<T>[]> {
    const response = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.queueUrl,
        MaxNumberOfMessages: Math.min(10, Math.max(1, max)),
        WaitTimeSeconds: seconds(waitMs, 20),
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    return (response.Messages ?? []).map((message) => this.toMessage(message));
  }

  async ack(receipt: string): Promise<void> {
    await this.client.send(
      new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receipt }),
    );
  }

  async release(receipt: string, delayMs: number): Promise<void> {
    await this.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: this.queueUrl,
        ReceiptHandle: receipt,
        VisibilityTimeout: seconds(delayMs, 43_200),
      }),
    );
  }

  async deadLetters(limit: number): Promise<QueueMessage<T>[]> {
    // A zero visibility timeout peeks without hiding the messages from the next look.
    const response = await this.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.deadLetterUrl,
        MaxNumberOfMessages: Math.min(10, limit),
        VisibilityTimeout: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    return (response.Messages ?? []).map((message) => ({
      ...this.toMessage(message),
      receipt: '',
    }));
  }

  async redriveDeadLetters(): Promise<number> {
    let moved = 0;
    for (;;) {
      const response = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.deadLetterUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 30,
        }),
      );
      const messages = response.Messages ?? [];
      if (messages.length === 0) return moved;
      for (const message of messages) {
        await this.sendEnvelope(this.queueUrl, JSON.parse(message.Body ?? '{}') as Envelope<T>, 0);
        await this.client.send(
          new DeleteMessageCommand({
            QueueUrl: this.deadLetterUrl,
            ReceiptHandle: message.ReceiptHandle,
          }),
        );
        moved += 1;
      }
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async sendEnvelope(
    queueUrl: string,
    envelope: Envelope<T>,
    delayMs: number,
  ): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(envelope),
        DelaySeconds: seconds(delayMs, 900),
      }),
    );
  }

  private toMessage(message: Message): QueueMessage<T> {
    const envelope = JSON.parse(message.Body ?? '{}') as Envelope<T>;
    return {
      id: envelope.id,
      body: envelope.body,
      receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 1),
      receipt: message.ReceiptHandle ?? '',
    };
  }
}
