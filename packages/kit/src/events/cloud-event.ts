import { newId } from '../ids.ts';
import { currentTrace, childContext, formatTraceparent } from '../observability/trace-context.ts';

/** CloudEvents 1.0 envelope, with the distributed-tracing and partitioning extensions. */
export interface CloudEvent<T = unknown> {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: T;
  /** Aggregate id: events with the same key are delivered in order. */
  partitionkey: string;
  traceparent?: string;
  /** Which version of its type's data schema `data` follows (set by @emporium/contracts). */
  dataschema?: string;
}

export interface NewEvent<T> {
  source: string;
  type: string;
  subject: string;
  data: T;
  partitionKey?: string;
  time?: number;
}

export function createEvent<T>(event: NewEvent<T>): CloudEvent<T> {
  const time = event.time ?? Date.now();
  const trace = currentTrace();
  return {
    specversion: '1.0',
    id: newId('evt', time),
    source: event.source,
    type: event.type,
    subject: event.subject,
    time: new Date(time).toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
    partitionkey: event.partitionKey ?? event.subject,
    ...(trace ? { traceparent: formatTraceparent(childContext(trace)) } : {}),
  };
}

/** Topic of an event type: its first two segments (`catalog.product.created` → `catalog.product`). */
export function topicOf(type: string): string {
  return type.split('.').slice(0, 2).join('.');
}
