/**
 * The pure rules of the browser session (ADR 0032, 0035): how a session answer reads, when
 * to refresh it, and what a failed sign-in tells the shopper. No tokens are ever stored:
 * the refresh token stays in the gateway's HttpOnly cookie, the access token in memory.
 */

/** The header every /api/session call carries (with a same-origin Origin) against CSRF. */
export const CSRF_HEADER = 'X-Emporium-CSRF';

/** Refresh this long before the access token expires (seconds), never sooner than MIN. */
export const REFRESH_EARLY_SECONDS = 30;
export const MIN_REFRESH_DELAY_MS = 5_000;

/** Codes that mean "no session": the page shows the shopper as signed out. */
const SIGNED_OUT_CODES = new Set([
  'GATEWAY.NO_SESSION',
  'ACCOUNTS.INVALID_REFRESH_TOKEN',
  'ACCOUNTS.UNAUTHENTICATED',
]);

/** `{ accessToken, expiresIn, user }` as the gateway answers; null when it is not one. */
export function readSession(answer, now = Date.now()) {
  if (!answer || typeof answer.accessToken !== 'string' || !answer.accessToken) return null;
  const user = answer.user;
  if (!user || typeof user.id !== 'string' || typeof user.email !== 'string') return null;
  const expiresIn =
    Number.isFinite(answer.expiresIn) && answer.expiresIn > 0 ? answer.expiresIn : 60;
  return {
    accessToken: answer.accessToken,
    expiresAt: now + expiresIn * 1000,
    user: {
      id: user.id,
      email: user.email,
      name: typeof user.name === 'string' ? user.name : '',
      roles: Array.isArray(user.roles) ? user.roles.filter((role) => typeof role === 'string') : [],
    },
  };
}

/** Milliseconds until the access token should be refreshed: before it expires, not in a loop. */
export function refreshDelay(session, now = Date.now()) {
  const due = session.expiresAt - REFRESH_EARLY_SECONDS * 1000 - now;
  return Math.max(MIN_REFRESH_DELAY_MS, due);
}

/** A refused refresh that means "signed out" rather than "try again later". */
export function isSignedOut(error) {
  if (!error || typeof error !== 'object') return false;
  if (SIGNED_OUT_CODES.has(error.code)) return true;
  return error.status === 401;
}

/** A display name for the header: the name, else the part of the email before the @. */
export function displayName(user) {
  if (!user) return '';
  const name = typeof user.name === 'string' ? user.name.trim() : '';
  if (name) return name;
  return String(user.email ?? '').split('@')[0] ?? '';
}

export const PASSWORD_MIN_LENGTH = 10;

/**
 * Checks a sign-up or sign-in form before it is sent: `{ field: message }`, empty when it can
 * go. The password policy itself is the server's (its 422 is shown as it is).
 */
export function validateCredentials({ email, password, name }, { signUp = false } = {}) {
  const errors = {};
  const trimmed = String(email ?? '').trim();
  if (!trimmed) errors.email = 'Enter your email address.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed))
    errors.email = 'Enter an email address like name@example.com.';
  if (!password) errors.password = 'Enter your password.';
  else if (signUp && String(password).length < PASSWORD_MIN_LENGTH)
    errors.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (signUp && !String(name ?? '').trim()) errors.name = 'Enter your name.';
  return errors;
}

/** What a refused sign-in or sign-up tells the shopper. */
export function sessionErrorMessage(error, { signUp = false } = {}) {
  if (error?.status === 401) return 'The email or password is wrong.';
  if (error?.status === 409) return 'An account with this email already exists. Sign in instead.';
  if (error?.status === 429)
    return error.retryAfter
      ? `Too many attempts. Try again in ${error.retryAfter} seconds.`
      : 'Too many attempts. Try again in a few minutes.';
  if (error?.status === 422 && error.message) return error.message;
  if (error?.message) return error.message;
  return signUp
    ? 'We could not create your account. Try again.'
    : 'We could not sign you in. Try again.';
}
