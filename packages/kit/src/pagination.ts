import { CommonErrors } from './errors.ts';
import { Type } from 'typebox';

/** Cursors are opaque to clients: base64url JSON of the last item's sort key. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T>(
  cursor: string | undefined,
  isValid: (value: unknown) => value is T,
): T | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(value)) return value;
  } catch {
    // falls through to the coded error below
  }
  throw CommonErrors.INVALID_CURSOR.create(`The cursor "${cursor.slice(0, 40)}" is not valid`);
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const LimitSchema = Type.Integer({
  minimum: 1,
  maximum: 100,
  default: 20,
  description: 'Page size',
});
export const CursorSchema = Type.String({
  maxLength: 512,
  description: 'Opaque cursor from the previous page',
});
