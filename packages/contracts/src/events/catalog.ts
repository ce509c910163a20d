import { Type, type Static } from 'typebox';
import { defineEvent } from './define-event.ts';

/** Topics of the catalog: one per aggregate, keyed by its id (per-aggregate order). */
export const CatalogTopics = {
  product: 'catalog.product',
  category: 'catalog.category',
} as const;

export const CatalogEventTypes = {
  productCreated: 'catalog.product.created',
  productUpdated: 'catalog.product.updated',
  productArchived: 'catalog.product.archived',
  categoryCreated: 'catalog.category.created',
  categoryUpdated: 'catalog.category.updated',
} as const;

export const CATALOG_SOURCE = 'emporium/catalog';

const Timestamp = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const ProductStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('active'),
  Type.Literal('archived'),
]);

export const VariantPayload = Type.Object({
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  options: Type.Record(Type.String(), Type.String()),
});

export const ImagePayload = Type.Object({
  key: Type.String(),
  url: Type.String(),
  alt: Type.Optional(Type.String()),
});

/**
 * A product as other services see it (search projection, cart and recommendations):
 * what a shopper is shown and what identifies a sellable unit. `version` orders the
 * changes of one product, so a consumer can drop an older copy that arrives late.
 */
export const ProductPayload = Type.Object({
  id: Id,
  slug: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  description: Type.String(),
  brand: Type.String({ minLength: 1 }),
  status: ProductStatusSchema,
  categoryIds: Type.Array(Id),
  attributes: Type.Record(
    Type.String(),
    Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
  ),
  variants: Type.Array(VariantPayload, { minItems: 1 }),
  images: Type.Array(ImagePayload),
  version: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type ProductPayload = Static<typeof ProductPayload>;

export const CategoryPayload = Type.Object({
  id: Id,
  slug: Type.String({ minLength: 1 }),
  name: Type.String({ minLength: 1 }),
  description: Type.String(),
  parentId: Type.Union([Id, Type.Null()]),
  version: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CategoryPayload = Static<typeof CategoryPayload>;

export const ProductCreatedV1 = defineEvent({
  type: CatalogEventTypes.productCreated,
  version: 1,
  schema: Type.Object({ product: ProductPayload }),
});

export const ProductUpdatedV1 = defineEvent({
  type: CatalogEventTypes.productUpdated,
  version: 1,
  schema: Type.Object({
    product: ProductPayload,
    /** The fields this change touched. */
    changed: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  }),
});

/** The product left the shop (DELETE archives): carts drop its SKUs, search hides it. */
export const ProductArchivedV1 = defineEvent({
  type: CatalogEventTypes.productArchived,
  version: 1,
  schema: Type.Object({
    productId: Id,
    skus: Type.Array(Type.String({ minLength: 1 })),
    version: Type.Integer({ minimum: 1 }),
    archivedAt: Timestamp,
  }),
});

export const CategoryCreatedV1 = defineEvent({
  type: CatalogEventTypes.categoryCreated,
  version: 1,
  schema: Type.Object({ category: CategoryPayload }),
});

export const CategoryUpdatedV1 = defineEvent({
  type: CatalogEventTypes.categoryUpdated,
  version: 1,
  schema: Type.Object({ category: CategoryPayload }),
});

/** Every event the catalog publishes, in its current version. */
export const CatalogEvents = [
  ProductCreatedV1,
  ProductUpdatedV1,
  ProductArchivedV1,
  CategoryCreatedV1,
  CategoryUpdatedV1,
] as const;
