import type { Migration } from 'kysely/migration';

export interface EmbeddedBusSchema {
  bus_events: {
    seq: number | null;
    id: string;
    topic: string;
    partition_key: string;
    envelope: string;
    published_at: number;
  };
  bus_offsets: { grp: string; seq: number };
  bus_inbox: { grp: string; event_id: string; processed_at: number };
  bus_dead_letters: {
    id: string;
    grp: string;
    event_id: string;
    envelope: string;
    error: string;
    attempts: number;
    failed_at: number;
    status: 'dead' | 'redriven';
    redriven_at: number | null;
  };
}

export const embeddedBusMigrations: Record<string, Migration> = {
  '0001_bus': {
    async up(db) {
      await db.schema
        .createTable('bus_events')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('partition_key', 'text', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .addColumn('published_at', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('bus_events_topic_seq')
        .on('bus_events')
        .columns(['topic', 'seq'])
        .execute();
      await db.schema
        .createTable('bus_offsets')
        .addColumn('grp', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('bus_inbox')
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('processed_at', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('bus_inbox_pk', ['grp', 'event_id'])
        .execute();
      await db.schema
        .createTable('bus_dead_letters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('grp', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('failed_at', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('redriven_at', 'integer')
        .execute();
    },
  },
};
