/* global window, navigator */
import { ApiError, sessionApi, setAuth } from './api.js';
import { isSignedOut, readSession, refreshDelay } from './session-model.js';

/** The lock every tab takes around a refresh: two refreshes at once look like token reuse. */
const LOCK_NAME = 'emporium.session.refresh';

/**
 * The shopper's session on this page (ADR 0035): the access token and user in memory only,
 * restored and renewed through the gateway's HttpOnly cookie (POST /api/session/refresh).
 * Only one refresh runs at a time: callers share the one in flight, and tabs queue on
 * navigator.locks, so a rotated cookie is never presented twice.
 */
function createSession() {
  let current = null;
  let inflight = null;
  let timer = null;
  const listeners = new Set();

  const emit = () => {
    for (const listener of listeners) listener(current?.user ?? null);
  };

  const schedule = () => {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
    if (!current) return;
    timer = window.setTimeout(() => {
      timer = null;
      void refresh().catch(() => undefined);
    }, refreshDelay(current));
  };

  const accept = (answer) => {
    const next = readSession(answer);
    if (!next) throw new ApiError('The server sent a session we could not read.');
    const changed = current?.user.id !== next.user.id;
    current = next;
    schedule();
    if (changed) emit();
    return next.user;
  };

  const clear = () => {
    const had = current !== null;
    current = null;
    schedule();
    if (had) emit();
  };

  const withLock = (task) =>
    navigator.locks?.request ? navigator.locks.request(LOCK_NAME, task) : task();

  /** Renews the access token through the cookie; resolves to the user, or null when signed out. */
  function refresh() {
    inflight ??= withLock(() => sessionApi.refresh())
      .then(accept, (error) => {
        if (isSignedOut(error)) {
          clear();
          return null;
        }
        throw error;
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  }

  setAuth({
    token: () => current?.accessToken ?? null,
    // On a 401 from the API: one refresh (shared), then the call is retried once.
    renew: async () => (await refresh().catch(() => null)) !== null,
  });

  return {
    get user() {
      return current?.user ?? null;
    },
    get signedIn() {
      return current !== null;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** On page load: a session kept in the cookie comes back; none reads as signed out. */
    restore: () => refresh().catch(() => null),
    refresh,
    async signIn(email, password) {
      return accept(await withLock(() => sessionApi.signIn({ email, password })));
    },
    async signUp(email, password, name) {
      return accept(await withLock(() => sessionApi.register({ email, password, name })));
    },
    async signOut() {
      try {
        await withLock(() => sessionApi.signOut());
      } finally {
        clear();
      }
    },
  };
}

export const session = createSession();
