import { decodeCursor, encodeCursor } from '../pagination.ts';
import type { CloudEvent } from './cloud-event.ts';
import type { DeadLetter } from './event-bus.ts';

/** The columns both buses keep for a dead letter (SQLite rows). */
export interface DeadLetterRow {
  id: string;
  grp: string;
  envelope: string;
  error: string;
  attempts: number;
  failed_at: number;
  status: 'dead' | 'redriven';
  redriven_at: number | null;
}

export function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: row.id,
    group: row.grp,
    event: JSON.parse(row.envelope) as CloudEvent,
    error: row.error,
    attempts: row.attempts,
    failedAt: new Date(row.failed_at).toISOString(),
    status: row.status,
    redrivenAt: row.redriven_at === null ? null : new Date(row.redriven_at).toISOString(),
  };
}

/** The id after which a listing resumes, from its opaque cursor. */
export function deadLetterCursor(cursor: string | undefined): string | undefined {
  return decodeCursor(cursor, (value): value is string => typeof value === 'string');
}

/** A page from `limit + 1` rows ordered by id: the extra row only says there is more. */
export function deadLetterPage(
  rows: DeadLetterRow[],
  limit: number,
): { items: DeadLetter[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return {
    items: page.map(toDeadLetter),
    nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null,
  };
}
