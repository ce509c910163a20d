import type { AccountProfile, ForwardedFor, TokenPair } from '@emporium/contracts';

/**
 * What the browser session needs from the accounts service (the contracts' AccountsClient
 * is the adapter). Refusals are AppErrors with the accounts service's status and code.
 */
export interface SessionIssuer {
  login(
    credentials: { email: string; password: string },
    forwarded: ForwardedFor,
  ): Promise<TokenPair>;
  register(
    details: { email: string; password: string; name: string },
    forwarded: ForwardedFor,
  ): Promise<AccountProfile>;
  refresh(refreshToken: string, forwarded: ForwardedFor): Promise<TokenPair>;
  logout(refreshToken: string, forwarded: ForwardedFor): Promise<void>;
  me(accessToken: string): Promise<AccountProfile>;
}

/** What a browser gets: the access token and who it is; the refresh token goes to the cookie. */
export interface BrowserSession {
  accessToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
  user: AccountProfile;
  /** For the cookie only; never part of an answer. */
  refreshToken: string;
  refreshExpiresIn: number | undefined;
}

async function sessionOf(issuer: SessionIssuer, pair: TokenPair): Promise<BrowserSession> {
  const user = await issuer.me(pair.accessToken);
  return {
    accessToken: pair.accessToken,
    expiresIn: pair.expiresIn,
    tokenType: 'Bearer',
    user,
    refreshToken: pair.refreshToken,
    refreshExpiresIn: pair.refreshExpiresIn,
  };
}

/** Sign-in: the accounts service's login, throttles and all, for the forwarded client. */
export async function signIn(
  issuer: SessionIssuer,
  credentials: { email: string; password: string },
  forwarded: ForwardedFor,
): Promise<BrowserSession> {
  return sessionOf(issuer, await issuer.login(credentials, forwarded));
}

/** Sign-up followed by sign-in with the same credentials. */
export async function registerAndSignIn(
  issuer: SessionIssuer,
  details: { email: string; password: string; name: string },
  forwarded: ForwardedFor,
): Promise<BrowserSession> {
  await issuer.register(details, forwarded);
  return signIn(issuer, { email: details.email, password: details.password }, forwarded);
}

/** Rotates the cookie's refresh token (a spent one revokes its session, in accounts). */
export async function refreshBrowserSession(
  issuer: SessionIssuer,
  refreshToken: string,
  forwarded: ForwardedFor,
): Promise<BrowserSession> {
  return sessionOf(issuer, await issuer.refresh(refreshToken, forwarded));
}
