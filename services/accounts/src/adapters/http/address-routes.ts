import { etagOf, expectedVersion, type HttpServer } from '@emporium/kit';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { AccountsDeps } from '../../app/deps.ts';
import { addAddress } from '../../app/use-cases/add-address.ts';
import { getAddress, listAddresses } from '../../app/use-cases/read-addresses.ts';
import { removeAddress } from '../../app/use-cases/remove-address.ts';
import { updateAddress } from '../../app/use-cases/update-address.ts';
import type { Address } from '../../domain/address.ts';
import {
  AddressBody,
  AddressListSchema,
  AddressParams,
  AddressPatchBody,
  AddressSchema,
} from './address-schemas.ts';
import { callerOf, requireUser } from './require-user.ts';

const tags = ['addresses'];
const security = [{ bearer: [] }];
const BASE = '/accounts/me/addresses';

/** The caller's address book (owner only: another user's address answers 404). */
export function registerAddressRoutes(app: HttpServer, deps: AccountsDeps): void {
  app.get(
    BASE,
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'The caller’s addresses',
        response: { 200: AddressListSchema },
      },
    },
    async (request) => ({
      items: (await listAddresses(deps, callerOf(request).userId)).map(view),
      nextCursor: null,
    }),
  );

  app.post(
    BASE,
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'Add an address (at most 20 per account)',
        body: AddressBody,
        response: { 201: AddressSchema },
      },
    },
    async (request, reply) => {
      const address = await addAddress(deps, callerOf(request).userId, request.body);
      reply.status(201).header('location', `${BASE}/${address.id}`);
      return withEtag(reply, address);
    },
  );

  app.get(
    `${BASE}/:id`,
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'One address',
        params: AddressParams,
        response: { 200: AddressSchema },
      },
    },
    async (request, reply) =>
      withEtag(reply, await getAddress(deps, callerOf(request).userId, request.params.id)),
  );

  app.patch(
    `${BASE}/:id`,
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'Change an address; If-Match makes a stale version a 412',
        params: AddressParams,
        body: AddressPatchBody,
        response: { 200: AddressSchema },
      },
    },
    async (request, reply) => {
      const address = await updateAddress(
        deps,
        callerOf(request).userId,
        request.params.id,
        request.body,
        expectedVersion(request),
      );
      return withEtag(reply, address);
    },
  );

  app.delete(
    `${BASE}/:id`,
    {
      onRequest: requireUser,
      schema: {
        tags,
        security,
        summary: 'Delete an address; If-Match makes a stale version a 412',
        params: AddressParams,
        response: { 204: Type.Null({ description: 'The address is deleted' }) },
      },
    },
    async (request, reply) => {
      await removeAddress(
        deps,
        callerOf(request).userId,
        request.params.id,
        expectedVersion(request),
      );
      return reply.status(204).send(null);
    },
  );
}

function withEtag(reply: FastifyReply, address: Address) {
  reply.header('etag', etagOf(address.version));
  return view(address);
}

/** The owner is the caller, so the user id is not repeated in every answer. */
function view(address: Address) {
  const { userId: _owner, ...rest } = address;
  return rest;
}
