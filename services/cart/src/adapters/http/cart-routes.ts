import { CART_TOKEN_HEADER } from '@emporium/contracts';
import { etagOf, versionPrecondition, type HttpServer } from '@emporium/kit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Caller } from '../../app/access.ts';
import type { CartViewModel } from '../../app/cart-view.ts';
import type { CartDeps } from '../../app/deps.ts';
import type { CartLineRecord } from '../../domain/cart.ts';
import { addItem } from '../../app/use-cases/add-item.ts';
import { changeItemQuantity, removeItem } from '../../app/use-cases/change-item.ts';
import { createCart } from '../../app/use-cases/create-cart.ts';
import { deleteCart } from '../../app/use-cases/delete-cart.ts';
import { mergeIntoCart } from '../../app/use-cases/merge-carts.ts';
import { applyPromotion, removePromotion } from '../../app/use-cases/promotion.ts';
import { readCart } from '../../app/use-cases/read-cart.ts';
import {
  AddItemBody,
  CartParams,
  CartSchema,
  CartTokenHeader,
  CreatedCartSchema,
  CurrencyQuery,
  ItemParams,
  LineSchema,
  MergeBody,
  PromotionBody,
  QuantityBody,
} from './schemas.ts';

const tags = ['carts'];
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * A cart view as its JSON body. `viewCart` builds the view field by field as CartSchema
 * describes it (nothing else is on it), so JSON.stringify writes exactly the schema's
 * fields; the route's generated serializer would check every nullable price and count
 * against its union branch on every line, the most expensive part of a warm read (ADR 0036).
 */
function sendView(reply: FastifyReply, view: CartViewModel) {
  return reply
    .header('etag', etagOf(view.version))
    .type(JSON_TYPE)
    .send(jsonOf(view) as never);
}

/**
 * A line as its JSON body (LineSchema's fields, picked): the generated serializer would
 * check the nullable image against its union branches and the options record on every add.
 */
function sendLine(reply: FastifyReply, line: CartLineRecord, status: 200 | 201) {
  const { id, sku, productId, name, image, options, quantity, addedAt } = line;
  const body = { id, sku, productId, name, image, options, quantity, addedAt };
  return reply
    .status(status)
    .type(JSON_TYPE)
    .send(JSON.stringify(body) as never);
}

/** A remembered warm view (frozen) is answered again: its body is encoded once. */
const bodies = new WeakMap<CartViewModel, string>();

function jsonOf(view: CartViewModel): string {
  const known = bodies.get(view);
  if (known !== undefined) return known;
  const json = JSON.stringify(view);
  if (Object.isFrozen(view)) bodies.set(view, json);
  return json;
}
const security = [{ bearer: [] }];
const NoContent = Type.Null({ description: 'Done' });

/** The caller as the use cases see it: the verified principal and the cart token sent. */
export function callerOf(request: FastifyRequest, serviceName: string): Caller {
  const principal = request.principal;
  const token = request.headers[CART_TOKEN_HEADER];
  return {
    userId: principal && !principal.roles.includes('service') ? principal.userId : null,
    admin: principal?.roles.includes('admin') ?? false,
    service: (principal?.roles.includes('service') ?? false) && principal?.audience === serviceName,
    cartToken: typeof token === 'string' ? token : undefined,
  };
}

/**
 * The cart routes of API.md. Owner checks live in the use cases: anyone but the owner
 * (the signed-in customer, or the holder of an anonymous cart's token), an admin (reads)
 * or the cart's service token gets 404.
 */
export function registerCartRoutes(app: HttpServer, deps: CartDeps, serviceName: string): void {
  const caller = (request: FastifyRequest) => callerOf(request, serviceName);

  app.post(
    '/carts',
    {
      schema: {
        tags,
        summary:
          'Create a cart: bound to the signed-in customer (their existing cart answers 200), or anonymous with a token',
        response: { 200: CreatedCartSchema, 201: CreatedCartSchema },
      },
    },
    async (request, reply) => {
      const created = await createCart(deps, caller(request));
      return reply
        .status(created.created ? 201 : 200)
        .header('location', `/carts/${created.id}`)
        .send({ id: created.id, ...(created.token ? { token: created.token } : {}) });
    },
  );

  app.get(
    '/carts/:id',
    {
      schema: {
        tags,
        security,
        summary: 'The cart with current product details, prices, totals and stock (owner)',
        params: CartParams,
        querystring: CurrencyQuery,
        headers: CartTokenHeader,
        response: { 200: CartSchema },
      },
    },
    async (request, reply) => {
      const view = await readCart(deps, request.params.id, caller(request), request.query.currency);
      return sendView(reply, view);
    },
  );

  app.delete(
    '/carts/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Delete the cart (owner; orders after checkout)',
        params: CartParams,
        headers: CartTokenHeader,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await deleteCart(deps, request.params.id, caller(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/carts/:id/items',
    {
      schema: {
        tags,
        security,
        summary: 'Add units of a SKU (the same SKU merges into its line)',
        params: CartParams,
        headers: CartTokenHeader,
        body: AddItemBody,
        response: { 201: LineSchema },
      },
    },
    async (request, reply) => {
      const line = await addItem(deps, request.params.id, caller(request), request.body);
      return sendLine(reply, line, 201);
    },
  );

  app.patch(
    '/carts/:id/items/:itemId',
    {
      schema: {
        tags,
        security,
        summary: "Set a line's quantity (0 removes it; If-Match guards the cart's version)",
        params: ItemParams,
        headers: CartTokenHeader,
        body: QuantityBody,
        response: { 200: LineSchema, 204: NoContent },
      },
    },
    async (request, reply) => {
      const { id, itemId } = request.params;
      const line = await changeItemQuantity(
        deps,
        id,
        itemId,
        caller(request),
        request.body.quantity,
        versionPrecondition(request),
      );
      return line ? sendLine(reply, line, 200) : reply.status(204).send(null);
    },
  );

  app.delete(
    '/carts/:id/items/:itemId',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a line',
        params: ItemParams,
        headers: CartTokenHeader,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { id, itemId } = request.params;
      await removeItem(deps, id, itemId, caller(request), versionPrecondition(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/carts/:id/promotion',
    {
      schema: {
        tags,
        security,
        summary: 'Apply a promotion code (422 with the reason when it does not apply)',
        params: CartParams,
        querystring: CurrencyQuery,
        headers: CartTokenHeader,
        body: PromotionBody,
        response: { 200: CartSchema },
      },
    },
    async (request, reply) => {
      const view = await applyPromotion(
        deps,
        request.params.id,
        caller(request),
        request.body.code,
        request.query.currency,
      );
      return sendView(reply, view);
    },
  );

  app.delete(
    '/carts/:id/promotion',
    {
      schema: {
        tags,
        security,
        summary: 'Remove the promotion code',
        params: CartParams,
        headers: CartTokenHeader,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await removePromotion(deps, request.params.id, caller(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/carts/:id/merge',
    {
      schema: {
        tags,
        security,
        summary:
          "Merge an anonymous cart (its token in X-Cart-Token) into the signed-in customer's cart",
        params: CartParams,
        querystring: CurrencyQuery,
        headers: CartTokenHeader,
        body: MergeBody,
        response: { 200: CartSchema },
      },
    },
    async (request, reply) => {
      const who = caller(request);
      await mergeIntoCart(deps, request.params.id, who, request.body.sourceCartId);
      const view = await readCart(
        deps,
        request.params.id,
        { ...who, cartToken: undefined },
        request.query.currency,
      );
      return sendView(reply, view);
    },
  );
}
