import { describe, expect, it } from 'vitest';

type Fn = (...args: unknown[]) => unknown;
const model = (await import(new URL('../public/session-model.js', import.meta.url).href)) as Record<
  string,
  unknown
>;
function fn(name: string): Fn {
  const found = model[name];
  if (typeof found !== 'function') throw new Error(`session-model.js exports no ${name}`);
  return found as Fn;
}

const readSession = fn('readSession');
const refreshDelay = fn('refreshDelay');
const isSignedOut = fn('isSignedOut');
const displayName = fn('displayName');
const validateCredentials = fn('validateCredentials');
const sessionErrorMessage = fn('sessionErrorMessage');

const user = { id: 'usr_1', email: 'ada@example.com', name: 'Ada', roles: ['customer'] };

describe('readSession', () => {
  it('when the gateway answers a session, then the token, its expiry and the user are kept', () => {
    expect(
      readSession({ accessToken: 'a.b.c', expiresIn: 900, tokenType: 'Bearer', user }, 1_000),
    ).toEqual({
      accessToken: 'a.b.c',
      expiresAt: 901_000,
      user,
    });
  });

  it('when the answer has no token or no user, then it is not a session', () => {
    expect(readSession({ expiresIn: 900, user })).toBeNull();
    expect(readSession({ accessToken: 'a.b.c', expiresIn: 900 })).toBeNull();
    expect(readSession(null)).toBeNull();
  });

  it('when a field the page never needs is present (a refresh token), then it is not kept', () => {
    const session = readSession(
      { accessToken: 't', refreshToken: 'secret', expiresIn: 60, user },
      0,
    );
    expect(JSON.stringify(session)).not.toContain('secret');
  });
});

describe('refreshDelay', () => {
  it('when the token lasts 15 minutes, then it is refreshed 30 s before it expires', () => {
    expect(refreshDelay({ expiresAt: 900_000 }, 0)).toBe(870_000);
  });

  it('when the token is about to expire or has, then the refresh waits the minimum, never 0', () => {
    expect(refreshDelay({ expiresAt: 10_000 }, 0)).toBe(model['MIN_REFRESH_DELAY_MS']);
    expect(refreshDelay({ expiresAt: 0 }, 50_000)).toBe(model['MIN_REFRESH_DELAY_MS']);
  });
});

describe('isSignedOut', () => {
  it('when the refresh is refused as no session or a spent token, then the shopper is signed out', () => {
    expect(isSignedOut({ status: 401, code: 'GATEWAY.NO_SESSION' })).toBe(true);
    expect(isSignedOut({ status: 401, code: 'ACCOUNTS.INVALID_REFRESH_TOKEN' })).toBe(true);
  });

  it('when the refresh fails for another reason (outage, rate limit), then the session is not dropped', () => {
    expect(isSignedOut({ status: 503, code: 'GATEWAY.UPSTREAM_UNAVAILABLE' })).toBe(false);
    expect(isSignedOut({ status: 429 })).toBe(false);
    expect(isSignedOut(null)).toBe(false);
  });
});

describe('displayName', () => {
  it('when the user has a name, then it is shown; else the email before the @', () => {
    expect(displayName(user)).toBe('Ada');
    expect(displayName({ ...user, name: '  ' })).toBe('ada');
    expect(displayName(null)).toBe('');
  });
});

describe('validateCredentials', () => {
  it('when signing in with an email and a password, then the form can go', () => {
    expect(validateCredentials({ email: 'ada@example.com', password: 'x' })).toEqual({});
  });

  it('when fields are missing or wrong, then each says what to fix', () => {
    expect(validateCredentials({ email: '', password: '' })).toEqual({
      email: 'Enter your email address.',
      password: 'Enter your password.',
    });
    expect(validateCredentials({ email: 'ada', password: 'x' })).toHaveProperty('email');
  });

  it('when signing up, then a name and a password of at least 10 characters are needed', () => {
    expect(
      validateCredentials({ email: 'a@b.co', password: 'short', name: '' }, { signUp: true }),
    ).toEqual({
      password: 'Use at least 10 characters.',
      name: 'Enter your name.',
    });
    expect(
      validateCredentials(
        { email: 'a@b.co', password: 'long-enough-1', name: 'Ada' },
        { signUp: true },
      ),
    ).toEqual({});
  });
});

describe('sessionErrorMessage', () => {
  it('when the server refuses, then the message names what happened', () => {
    expect(sessionErrorMessage({ status: 401 })).toBe('The email or password is wrong.');
    expect(sessionErrorMessage({ status: 409 }, { signUp: true })).toContain('already exists');
    expect(sessionErrorMessage({ status: 429, retryAfter: 30 })).toContain('30 seconds');
    expect(sessionErrorMessage({ status: 422, message: 'The password is too common' })).toBe(
      'The password is too common',
    );
  });
});
