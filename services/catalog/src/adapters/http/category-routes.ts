import {
  CursorSchema,
  etagOf,
  isNotModified,
  requireAdmin,
  versionPrecondition,
  type HttpServer,
} from '@emporium/kit';
import { Type } from 'typebox';
import type { CatalogDeps } from '../../app/deps.ts';
import { createCategory, getCategory, updateCategory } from '../../app/use-cases/categories.ts';
import { CategorySchema, CreateCategoryBody, PatchCategoryBody } from './schemas.ts';

const tags = ['categories'];
const security = [{ bearer: [] }];
const Params = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 120, description: 'Category id or slug' }),
});

export function registerCategoryRoutes(app: HttpServer, deps: CatalogDeps): void {
  app.get(
    '/categories',
    {
      schema: {
        tags,
        summary: 'Every category; the tree is given by parentId',
        querystring: Type.Object({
          parentId: Type.Optional(Type.String({ maxLength: 120 })),
          // Accepted for clients that page every list (the storefront); one page holds all.
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          cursor: Type.Optional(CursorSchema),
        }),
        response: {
          200: Type.Object({ items: Type.Array(CategorySchema), nextCursor: Type.Null() }),
        },
      },
    },
    async (request) => {
      const all = await deps.categoryTree.all();
      const { parentId } = request.query;
      const items =
        parentId === undefined
          ? all
          : all.filter((category) => category.parentId === (parentId === 'root' ? null : parentId));
      return { items, nextCursor: null };
    },
  );

  app.get(
    '/categories/:id',
    {
      schema: {
        tags,
        summary: 'A category (If-None-Match answers 304)',
        params: Params,
        response: {
          200: CategorySchema,
          304: Type.Null({ description: 'Not modified (If-None-Match)' }),
        },
      },
    },
    async (request, reply) => {
      const category = await getCategory(deps, request.params.id);
      const etag = etagOf(category.version);
      reply.header('etag', etag);
      if (isNotModified(request, etag)) return reply.status(304 as 200).send(undefined as never);
      return reply.send(category);
    },
  );

  app.post(
    '/categories',
    {
      onRequest: requireAdmin,
      schema: {
        tags,
        security,
        summary: 'Create a category',
        body: CreateCategoryBody,
        response: { 201: CategorySchema },
      },
    },
    async (request, reply) => {
      const category = await createCategory(deps, request.body);
      return reply
        .status(201)
        .header('etag', etagOf(category.version))
        .header('location', `/categories/${category.id}`)
        .send(category);
    },
  );

  app.patch(
    '/categories/:id',
    {
      onRequest: requireAdmin,
      schema: {
        tags,
        security,
        summary: 'Rename or move a category (If-Match)',
        params: Params,
        body: PatchCategoryBody,
        response: { 200: CategorySchema },
      },
    },
    async (request, reply) => {
      const category = await updateCategory(
        deps,
        request.params.id,
        request.body,
        versionPrecondition(request),
      );
      return reply.header('etag', etagOf(category.version)).send(category);
    },
  );
}
