import { CursorSchema, LimitSchema, Text } from '@emporium/kit';
import { Type } from 'typebox';

const Id = (prefix: string) =>
  Type.String({ pattern: `^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`, description: `${prefix}_ id` });
const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 100 });
const Sku = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  description: 'Stock keeping unit: letters, digits, dot, dash, underscore',
});
// Every name-like field people type goes through the kit's Text: no control characters,
// ANSI escapes or bidi overrides reach the store, the search index or an admin's terminal.
const Name = (maxLength: number) => Text({ minLength: 1, maxLength });
const Key = (maxLength: number) => Text({ minLength: 1, maxLength });
const AttributeValue = Type.Union([Text({ maxLength: 500 }), Type.Number(), Type.Boolean()]);
const AttributeValueOut = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

export const ProductStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('active'),
  Type.Literal('archived'),
]);

export const VariantSchema = Type.Object(
  {
    sku: Sku,
    options: Type.Record(Type.String(), Name(100), {
      propertyNames: Key(50),
      maxProperties: 10,
      default: {},
    }),
  },
  { additionalProperties: false },
);

const VariantOutSchema = Type.Object({
  sku: Type.String(),
  options: Type.Record(Type.String(), Type.String()),
});

const ImageSchema = Type.Object({
  key: Type.String(),
  url: Type.String(),
  alt: Type.Optional(Type.String()),
});

export const ProductSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  brand: Type.String(),
  categoryIds: Type.Array(Type.String()),
  attributes: Type.Record(Type.String(), AttributeValueOut),
  variants: Type.Array(VariantOutSchema),
  images: Type.Array(ImageSchema),
  status: ProductStatusSchema,
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const productFields = {
  name: Name(200),
  description: Text({ maxLength: 5000, multiline: true }),
  brand: Name(100),
  categoryIds: Type.Array(Id('cat'), { maxItems: 20 }),
  attributes: Type.Record(Type.String(), AttributeValue, {
    propertyNames: Key(50),
    maxProperties: 50,
  }),
  variants: Type.Array(VariantSchema, { minItems: 1, maxItems: 100 }),
  status: ProductStatusSchema,
  slug: Slug,
};

export const CreateProductBody = Type.Object(
  {
    name: productFields.name,
    description: Type.Optional(productFields.description),
    brand: productFields.brand,
    categoryIds: Type.Optional(productFields.categoryIds),
    attributes: Type.Optional(productFields.attributes),
    variants: productFields.variants,
    status: Type.Optional(productFields.status),
    slug: Type.Optional(productFields.slug),
  },
  { additionalProperties: false },
);

export const PatchProductBody = Type.Object(
  Object.fromEntries(
    Object.entries(productFields).map(([key, schema]) => [key, Type.Optional(schema)]),
  ) as {
    [K in keyof typeof productFields]: ReturnType<typeof Type.Optional<(typeof productFields)[K]>>;
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ProductIdParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 120, description: 'Product id or slug' }),
});

export const ListProductsQuery = Type.Object({
  category: Type.Optional(
    Type.String({ maxLength: 120, description: 'Category id or slug; includes subcategories' }),
  ),
  brand: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(ProductStatusSchema),
  limit: LimitSchema,
  cursor: Type.Optional(CursorSchema),
  skus: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(,[A-Za-z0-9][A-Za-z0-9._-]{0,63}){0,99}$',
      errorMessage: 'must be 1 to 100 comma-separated SKUs',
      description:
        'Up to 100 comma-separated SKUs: the products owning them, in one page (other filters and the cursor are ignored)',
    }),
  ),
});

export const ProductPageSchema = Type.Object({
  items: Type.Array(ProductSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const CategorySchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const CreateCategoryBody = Type.Object(
  {
    name: Name(100),
    description: Type.Optional(Text({ maxLength: 2000, multiline: true })),
    parentId: Type.Optional(Type.Union([Id('cat'), Type.Null()])),
    slug: Type.Optional(Slug),
  },
  { additionalProperties: false },
);

export const PatchCategoryBody = Type.Object(
  {
    name: Type.Optional(Name(100)),
    description: Type.Optional(Text({ maxLength: 2000, multiline: true })),
    parentId: Type.Optional(Type.Union([Id('cat'), Type.Null()])),
    slug: Type.Optional(Slug),
  },
  { additionalProperties: false, minProperties: 1 },
);

const MoneySchema = Type.Object({ amount: Type.Integer(), currency: Type.String() });

export const SearchQuerySchema = Type.Object({
  q: Type.String({ maxLength: 200, default: '' }),
  category: Type.Optional(Type.String({ maxLength: 120 })),
  brand: Type.Optional(Type.String({ maxLength: 100 })),
  minPrice: Type.Optional(Type.Integer({ minimum: 0, description: 'Minor units' })),
  maxPrice: Type.Optional(Type.Integer({ minimum: 0, description: 'Minor units' })),
  inStock: Type.Optional(Type.Boolean()),
  sort: Type.Union(
    [
      Type.Literal('relevance'),
      Type.Literal('price_asc'),
      Type.Literal('price_desc'),
      Type.Literal('newest'),
    ],
    { default: 'relevance' },
  ),
  limit: LimitSchema,
  cursor: Type.Optional(CursorSchema),
});

const FacetCountSchema = Type.Object({ value: Type.String(), count: Type.Integer() });

export const SearchResponseSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      productId: Type.String(),
      name: Type.String(),
      brand: Type.String(),
      image: Type.Union([Type.String(), Type.Null()]),
      price: Type.Union([MoneySchema, Type.Null()], {
        description:
          'Lowest current price among the variants (CATALOG_PRICE_CURRENCY), null while unpriced',
      }),
      compareAtPrice: Type.Union([MoneySchema, Type.Null()], {
        description: 'The struck-through "was" price of that variant while it is on sale',
      }),
      inStock: Type.Boolean({ description: 'Some variant has units available' }),
      score: Type.Number(),
    }),
  ),
  total: Type.Integer(),
  facets: Type.Object({
    category: Type.Array(
      Type.Object({
        value: Type.String(),
        label: Type.String({ description: 'Category name' }),
        count: Type.Integer(),
      }),
    ),
    brand: Type.Array(FacetCountSchema),
    price: Type.Array(
      Type.Object({
        from: Type.Integer(),
        to: Type.Union([Type.Integer(), Type.Null()]),
        count: Type.Integer(),
      }),
    ),
  }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const SuggestQuery = Type.Object({
  q: Type.String({ maxLength: 100 }),
  limit: Type.Integer({ minimum: 1, maximum: 20, default: 8 }),
});

export const SuggestResponse = Type.Object({
  suggestions: Type.Array(
    Type.Object({ text: Type.String(), productId: Type.Optional(Type.String()) }),
  ),
});

/** Alt text of an uploaded image (a multipart field, checked with the same rule as names). */
export const ImageAltSchema = Text({ maxLength: 200 });
