import { randomBytes } from 'node:crypto';
import { createHttpServer, defineErrors, type HttpServer } from '@emporium/kit';
import { silentLogger } from '@emporium/kit/testing';

/** The fake reads its bodies as sent; a route without a body schema would refuse them. */
const ANY_BODY = { schema: { body: {} } };

const Errors = defineErrors('ACCOUNTS', {
  INVALID_CREDENTIALS: { kind: 'unauthenticated', title: 'Wrong email or password' },
  TOO_MANY_ATTEMPTS: { kind: 'rate_limited', title: 'Too many failed sign-ins' },
  INVALID_REFRESH_TOKEN: { kind: 'unauthenticated', title: 'Refresh token not valid' },
  EMAIL_TAKEN: { kind: 'conflict', title: 'Email taken' },
});

interface RefreshRecord {
  family: string;
  userId: string;
  status: 'active' | 'rotated' | 'revoked';
}

export interface FakeAccounts {
  app: HttpServer;
  url: string;
  /** Every call it received: path and the client address it concluded (kit trust rules). */
  calls: { path: string; ip: string }[];
  addUser(email: string, password: string, name?: string): void;
  close(): Promise<void>;
}

/**
 * The accounts service's session contract, kept small: login (throttled per email and
 * client address after 3 failures), register, refresh with rotation and reuse detection
 * (a spent token revokes its family), logout, and /accounts/me. Built on the kit, so it
 * believes X-Forwarded-For from loopback only, as the real service does.
 */
export async function startFakeAccounts(): Promise<FakeAccounts> {
  const { app } = await createHttpServer({ name: 'accounts', logger: silentLogger });
  const users = new Map<string, { id: string; password: string; name: string }>();
  const tokens = new Map<string, RefreshRecord>();
  const failures = new Map<string, number>();
  const access = new Map<string, string>();
  const calls: FakeAccounts['calls'] = [];
  let next = 0;
  const addUser = (email: string, password: string, name = 'Ann') =>
    users.set(email, { id: `usr_${++next}`, password, name });
  const pairFor = (userId: string, family: string) => {
    const refreshToken = randomBytes(32).toString('base64url');
    tokens.set(refreshToken, { family, userId, status: 'active' });
    const accessToken = `acc_${randomBytes(8).toString('hex')}`;
    access.set(accessToken, userId);
    return {
      accessToken,
      refreshToken,
      expiresIn: 900,
      refreshExpiresIn: 2_592_000,
      tokenType: 'Bearer',
    };
  };
  const revokeFamily = (family: string) => {
    for (const record of tokens.values()) if (record.family === family) record.status = 'revoked';
  };
  app.addHook('onRequest', async (request) => {
    calls.push({ path: request.url, ip: request.ip });
  });
  app.post('/auth/login', ANY_BODY, async (request) => {
    const { email, password } = request.body as { email: string; password: string };
    const key = `${email}|${request.ip}`;
    if ((failures.get(key) ?? 0) >= 3)
      throw Errors.TOO_MANY_ATTEMPTS.create('Too many failed sign-ins');
    const user = users.get(email);
    if (!user || user.password !== password) {
      failures.set(key, (failures.get(key) ?? 0) + 1);
      throw Errors.INVALID_CREDENTIALS.create();
    }
    return pairFor(user.id, `fam_${++next}`);
  });
  app.post('/auth/register', ANY_BODY, async (request, reply) => {
    const { email, password, name } = request.body as {
      email: string;
      password: string;
      name: string;
    };
    if (users.has(email)) throw Errors.EMAIL_TAKEN.create();
    addUser(email, password, name);
    const user = users.get(email)!;
    return reply.status(201).send({ id: user.id, email, name, roles: ['customer'] });
  });
  app.post('/auth/refresh', ANY_BODY, async (request) => {
    const { refreshToken } = request.body as { refreshToken: string };
    const record = tokens.get(refreshToken);
    if (!record || record.status === 'revoked') throw Errors.INVALID_REFRESH_TOKEN.create();
    if (record.status === 'rotated') {
      revokeFamily(record.family);
      throw Errors.INVALID_REFRESH_TOKEN.create('reused');
    }
    record.status = 'rotated';
    return pairFor(record.userId, record.family);
  });
  app.post('/auth/logout', ANY_BODY, async (request, reply) => {
    const record = tokens.get((request.body as { refreshToken: string }).refreshToken);
    if (record) revokeFamily(record.family);
    return reply.status(204).send();
  });
  app.get('/accounts/me', async (request) => {
    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const userId = access.get(token);
    if (!userId) throw Errors.INVALID_CREDENTIALS.create('no such access token');
    const [email, user] = [...users].find(([, candidate]) => candidate.id === userId)!;
    return { id: user.id, email, name: user.name, roles: ['customer'] };
  });
  app.addHook('onSend', async (request, reply) => {
    if (reply.statusCode === 429) reply.header('retry-after', '60');
  });
  await app.ready();
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, calls, addUser, close: () => app.close() };
}
