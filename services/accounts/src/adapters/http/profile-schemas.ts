import { Text } from '@emporium/kit';
import { Type } from 'typebox';

const Password = Type.String({ minLength: 1, maxLength: 1024 });

/**
 * Only `name` is writable. Other keys pass the schema so the handler can name them in a
 * clear "cannot be changed here" answer instead of a generic "additional properties".
 */
export const ProfilePatchBody = Type.Object(
  { name: Type.Optional(Text({ minLength: 1, maxLength: 100 })) },
  { additionalProperties: true },
);

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const ServiceTokenBody = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 40 }),
    clientSecret: Type.String({ minLength: 1, maxLength: 512 }),
    audience: Type.String({ minLength: 1, maxLength: 40, description: 'The service to call' }),
  },
  { additionalProperties: false },
);

export const ServiceTokenSchema = Type.Object({
  accessToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Seconds until the token expires' }),
  tokenType: Type.Literal('Bearer'),
});
