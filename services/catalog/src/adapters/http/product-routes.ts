import {
  decodeCursor,
  encodeCursor,
  etagOf,
  isAdmin,
  isNotModified,
  requireAdmin,
  versionPrecondition,
  type HttpServer,
} from '@emporium/kit';
import { Type } from 'typebox';
import { CatalogErrors } from '../../domain/errors.ts';
import type { ChangeCounter, ResponseCache } from './response-cache.ts';
import type { CatalogDeps } from '../../app/deps.ts';
import { archiveProduct } from '../../app/use-cases/archive-product.ts';
import { createProduct } from '../../app/use-cases/create-product.ts';
import { listProducts, productsOfSkus } from '../../app/use-cases/list-products.ts';
import { updateProduct } from '../../app/use-cases/update-product.ts';
import {
  CreateProductBody,
  ListProductsQuery,
  PatchProductBody,
  ProductIdParams,
  ProductPageSchema,
  ProductSchema,
} from './schemas.ts';

const tags = ['products'];
const admin = { onRequest: requireAdmin };
const security = [{ bearer: [] }];
const JSON_TYPE = 'application/json; charset=utf-8';
const isProductId = (value: unknown): value is string =>
  typeof value === 'string' && /^prd_[0-9A-Z]{26}$/.test(value);

export function registerProductRoutes(
  app: HttpServer,
  deps: CatalogDeps,
  cache: ResponseCache,
  changes: ChangeCounter,
): void {
  app.post(
    '/products',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Create a product',
        body: CreateProductBody,
        response: { 201: ProductSchema },
      },
    },
    async (request, reply) => {
      const product = await createProduct(deps, request.body);
      return reply
        .status(201)
        .header('etag', etagOf(product.version))
        .header('location', `/products/${product.id}`)
        .send(product);
    },
  );

  app.get(
    '/products/:id',
    {
      schema: {
        tags,
        summary: 'A product with its variants and images (by id or slug)',
        params: ProductIdParams,
        response: {
          200: ProductSchema,
          304: Type.Null({ description: 'Not modified (If-None-Match)' }),
        },
      },
    },
    async (request, reply) => {
      const shared = !request.principal;
      let entry = shared ? cache.get(request.url) : undefined;
      if (!entry) {
        const generation = changes.value;
        const stored = await deps.products.getJson(request.params.id);
        const visible = stored && (stored.status === 'active' || isAdmin(request));
        if (!visible)
          throw CatalogErrors.PRODUCT_NOT_FOUND.create(`No product ${request.params.id}`);
        entry = shared
          ? cache.put(request.url, generation, stored.json, etagOf(stored.version))
          : { generation, body: Buffer.from(stored.json), etag: etagOf(stored.version) };
      }
      reply.header('etag', entry.etag);
      if (entry.etag && isNotModified(request, entry.etag))
        return reply.status(304 as 200).send(undefined as never);
      return reply.type(JSON_TYPE).send(entry.body as never);
    },
  );

  app.get(
    '/products',
    {
      schema: {
        tags,
        summary: 'Products, newest first',
        querystring: ListProductsQuery,
        response: { 200: ProductPageSchema },
      },
    },
    async (request, reply) => {
      const shared = !request.principal;
      const cached = shared ? cache.get(request.url) : undefined;
      if (cached) return reply.type(JSON_TYPE).send(cached.body as never);
      const generation = changes.value;
      const { cursor, skus, ...filters } = request.query;
      if (skus !== undefined) {
        const owners = await productsOfSkus(deps, skus.split(','), isAdmin(request));
        const json = `{"items":[${owners.map((item) => item.json).join(',')}],"nextCursor":null}`;
        const body = shared ? cache.put(request.url, generation, json).body : Buffer.from(json);
        return reply.type(JSON_TYPE).send(body as never);
      }
      const after = decodeCursor(cursor, isProductId);
      const page = await listProducts(deps, {
        ...filters,
        ...(after ? { after } : {}),
        isAdmin: isAdmin(request),
      });
      const next = page.nextAfter ? JSON.stringify(encodeCursor(page.nextAfter)) : 'null';
      // Stored documents are already JSON: the page is assembled, not re-serialized.
      const json = `{"items":[${page.items.map((item) => item.json).join(',')}],"nextCursor":${next}}`;
      const body = shared ? cache.put(request.url, generation, json).body : Buffer.from(json);
      return reply.type(JSON_TYPE).send(body as never);
    },
  );

  app.patch(
    '/products/:id',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Partially update a product (If-Match)',
        params: ProductIdParams,
        body: PatchProductBody,
        response: { 200: ProductSchema },
      },
    },
    async (request, reply) => {
      const product = await updateProduct(
        deps,
        request.params.id,
        request.body,
        versionPrecondition(request),
      );
      return reply.header('etag', etagOf(product.version)).send(product);
    },
  );

  app.delete(
    '/products/:id',
    {
      ...admin,
      schema: {
        tags,
        security,
        summary: 'Archive a product',
        params: ProductIdParams,
        response: { 200: ProductSchema },
      },
    },
    async (request, reply) => {
      const product = await archiveProduct(deps, request.params.id, versionPrecondition(request));
      return reply.header('etag', etagOf(product.version)).send(product);
    },
  );
}
