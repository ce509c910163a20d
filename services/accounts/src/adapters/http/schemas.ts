import { Text } from '@emporium/kit';
import { Type } from 'typebox';

/**
 * Passwords are bounded here only against abuse (scrypt over megabytes); the policy's
 * own limits are checked by the domain so a short password gets WEAK_PASSWORD, not a 400.
 */
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Email = Type.String({ format: 'email', maxLength: 254 });
const RefreshToken = Type.String({ minLength: 1, maxLength: 200 });

export const RegisterBody = Type.Object(
  {
    email: Email,
    password: Password,
    // No control characters, ANSI escapes or bidi overrides: names end up in logs and admin UIs.
    name: Text({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);

// Login does not check the email's format: any mismatch is simply "wrong credentials".
// Emails of both arrive trimmed and lower-cased (see `normalizeEmailField`).
export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Password },
  { additionalProperties: false },
);

export const RefreshBody = Type.Object(
  { refreshToken: RefreshToken },
  { additionalProperties: false },
);

export const UserProfileSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const TokenPairSchema = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  refreshExpiresIn: Type.Integer({ description: 'Seconds until the refresh token expires' }),
  tokenType: Type.Literal('Bearer'),
});

export const JwksSchema = Type.Object({
  keys: Type.Array(
    Type.Object({
      kty: Type.String(),
      crv: Type.String(),
      x: Type.String(),
      y: Type.String(),
      kid: Type.String(),
      alg: Type.String(),
      use: Type.String(),
    }),
  ),
});
