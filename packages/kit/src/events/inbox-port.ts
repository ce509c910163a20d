/**
 * Event ids a consumer group has already handled. Delivery is at least once (the
 * outbox relay republishes after a crash, Kafka redelivers after a rebalance), so a
 * bus asks the inbox before handing an event to a group and records it afterwards.
 */
export interface Inbox {
  has(group: string, eventId: string): Promise<boolean>;
  record(group: string, eventId: string): Promise<void>;
}

export interface InboxSchema {
  event_inbox: { grp: string; event_id: string; processed_at: number };
}
