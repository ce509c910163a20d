import { etagOf, requireInternal, type HttpServer } from '@emporium/kit';
import { Type } from 'typebox';
import type { AccountsDeps } from '../../app/deps.ts';
import { getAddress } from '../../app/use-cases/read-addresses.ts';
import { AddressParams, AddressSchema } from './address-schemas.ts';

/** What another service reads: the address and the user it belongs to. */
export const UserAddressSchema = Type.Object({
  ...AddressSchema.properties,
  userId: Type.String({ description: 'The owner of the address' }),
});

const UserAddressParams = Type.Object({
  userId: Type.String({ minLength: 1, maxLength: 64 }),
  ...AddressParams.properties,
});

/**
 * (internal) One address of a named user, for other services (orders resolves the
 * `addressId` of a checkout with it): a service token for audience `accounts`, or an
 * admin. An address of another user answers 404 exactly like an unknown id.
 */
export function registerInternalAddressRoutes(app: HttpServer, deps: AccountsDeps): void {
  app.get(
    '/accounts/users/:userId/addresses/:id',
    {
      onRequest: requireInternal('accounts'),
      schema: {
        tags: ['addresses'],
        security: [{ bearer: [] }],
        summary: '(internal) One address of a user, for other services',
        params: UserAddressParams,
        response: { 200: UserAddressSchema },
      },
    },
    async (request, reply) => {
      const address = await getAddress(deps, request.params.userId, request.params.id);
      reply.header('etag', etagOf(address.version));
      return address;
    },
  );
}
