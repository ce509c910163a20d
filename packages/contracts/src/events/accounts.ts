import { Text } from '@emporium/kit';
import { Type } from 'typebox';
import { defineEvent } from './define-event.ts';

export const AccountsTopics = { user: 'accounts.user' } as const;

export const AccountsEventTypes = { userRegistered: 'accounts.user.registered' } as const;

/**
 * A new customer (notifications send the welcome, recommendations start a profile).
 * Defined ahead of its producer: accounts has no outbox yet, so nothing publishes it.
 */
export const UserRegisteredV1 = defineEvent({
  type: AccountsEventTypes.userRegistered,
  version: 1,
  schema: Type.Object({
    userId: Type.String({ minLength: 1, maxLength: 64 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Text({ minLength: 1, maxLength: 200 }),
    registeredAt: Type.String({ format: 'date-time' }),
  }),
});

export const AccountsEvents = [UserRegisteredV1] as const;
