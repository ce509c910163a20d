import { defineErrors } from '@emporium/kit/domain';

export const AccountsErrors = defineErrors('ACCOUNTS', {
  EMAIL_TAKEN: { kind: 'conflict', title: 'The email is already registered' },
  WEAK_PASSWORD: { kind: 'unprocessable', title: 'The password does not meet the password policy' },
  INVALID_CREDENTIALS: { kind: 'unauthenticated', title: 'The email or password is wrong' },
  TOO_MANY_ATTEMPTS: { kind: 'rate_limited', title: 'Too many failed sign-in attempts' },
  TOO_MANY_REGISTRATIONS: {
    kind: 'rate_limited',
    title: 'Too many accounts registered from this address',
  },
  BUSY: { kind: 'rate_limited', title: 'Too many sign-ins are being checked right now' },
  INVALID_REFRESH_TOKEN: { kind: 'unauthenticated', title: 'The refresh token is not valid' },
  USER_NOT_FOUND: { kind: 'not_found', title: 'No such user' },
  PROFILE_FIELD_READ_ONLY: { kind: 'invalid', title: 'Only the name of a profile can be changed' },
  // 403, not 401: the caller is signed in; a 401 would make clients refresh and retry.
  WRONG_CURRENT_PASSWORD: { kind: 'forbidden', title: 'The current password is wrong' },
  ADDRESS_NOT_FOUND: { kind: 'not_found', title: 'No such address' },
  ADDRESS_LIMIT_REACHED: { kind: 'conflict', title: 'The address book is full' },
  INVALID_COUNTRY: { kind: 'invalid', title: 'The country is not an ISO 3166-1 alpha-2 code' },
  VERSION_MISMATCH: { kind: 'precondition_failed', title: 'The resource has changed' },
  INVALID_CLIENT: { kind: 'unauthenticated', title: 'The client id or secret is wrong' },
  UNKNOWN_AUDIENCE: { kind: 'invalid', title: 'The audience is not a known service' },
});
