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
});
