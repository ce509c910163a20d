import type { Message, MessageToProduce } from '@platformatic/kafka';
import type { CloudEvent } from '../cloud-event.ts';

/** Keys, values and headers travel as UTF-8 strings. */
export type KafkaMessage = Message<string, string, string, string>;
export type KafkaRecordToSend = MessageToProduce<string, string, string, string>;

/** Why an event was dead-lettered: extra headers on the `<topic>.dlq` copy. */
export interface DeadLetterHeaders {
  group: string;
  error: string;
  attempts: number;
  failedAt: string;
}

/**
 * CloudEvents Kafka protocol binding, binary content mode: the value is the JSON of
 * `data` alone and the attributes are `ce_` headers, so non-CloudEvents tools (Kafka
 * UI, ksqlDB) still see plain JSON. The key is the partition key, so every event of an
 * aggregate lands in one partition, which keeps their order.
 */
export function toKafkaRecord(event: CloudEvent, topic: string): KafkaRecordToSend {
  const headers: Record<string, string> = {
    ce_specversion: event.specversion,
    ce_id: event.id,
    ce_source: event.source,
    ce_type: event.type,
    ce_subject: event.subject,
    ce_time: event.time,
    ce_partitionkey: event.partitionkey,
    'content-type': event.datacontenttype,
  };
  if (event.traceparent) headers['ce_traceparent'] = event.traceparent;
  if (event.dataschema) headers['ce_dataschema'] = event.dataschema;
  return { topic, key: event.partitionkey, value: JSON.stringify(event.data ?? null), headers };
}

export function fromKafkaMessage(message: KafkaMessage): CloudEvent {
  const header = (name: string): string => {
    const value = message.headers.get(name);
    if (value === undefined) throw new Error(`Kafka message without the ${name} header`);
    return value;
  };
  const traceparent = message.headers.get('ce_traceparent');
  const dataschema = message.headers.get('ce_dataschema');
  return {
    specversion: '1.0',
    id: header('ce_id'),
    source: header('ce_source'),
    type: header('ce_type'),
    subject: header('ce_subject'),
    time: header('ce_time'),
    datacontenttype: 'application/json',
    data: message.value ? (JSON.parse(message.value) as unknown) : null,
    partitionkey: message.headers.get('ce_partitionkey') ?? message.key,
    ...(traceparent ? { traceparent } : {}),
    ...(dataschema ? { dataschema } : {}),
  };
}

/** The dead-letter copy keeps key, value and headers (so Kafka tools can replay it as is). */
export function toDeadLetterRecord(
  message: KafkaMessage,
  topic: string,
  why: DeadLetterHeaders,
): KafkaRecordToSend {
  return {
    topic,
    key: message.key,
    value: message.value,
    headers: {
      ...Object.fromEntries(message.headers),
      ce_dlqgroup: why.group,
      ce_dlqerror: why.error,
      ce_dlqattempts: String(why.attempts),
      ce_dlqfailedat: why.failedAt,
    },
  };
}

export function deadLetterHeaders(message: KafkaMessage): DeadLetterHeaders | undefined {
  const group = message.headers.get('ce_dlqgroup');
  if (group === undefined) return undefined;
  return {
    group,
    error: message.headers.get('ce_dlqerror') ?? '',
    attempts: Number(message.headers.get('ce_dlqattempts') ?? 0),
    failedAt: message.headers.get('ce_dlqfailedat') ?? new Date(0).toISOString(),
  };
}
