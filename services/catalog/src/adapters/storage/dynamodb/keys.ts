import type { Product, ProductStatus } from '../../../domain/product.ts';

/** Every status a product can have: scanning in id order merges one GSI1 partition per status. */
export const PRODUCT_STATUSES: readonly ProductStatus[] = ['draft', 'active', 'archived'];

/** GSI1: products by status (GSI1PK `STATUS#<status>`, GSI1SK = product id). */
export const STATUS_INDEX = 'GSI1';
/** GSI2: products by lower-cased brand (GSI2PK `BRAND#<brandKey>`, GSI2SK = product id). */
export const BRAND_INDEX = 'GSI2';

export type ItemKey = { PK: string; SK: string };

/** The key of every item kind in the catalog table; README.md shows the layout. */
export const keys = {
  product: (id: string): ItemKey => ({ PK: `PRODUCT#${id}`, SK: 'PRODUCT' }),
  sku: (sku: string): ItemKey => ({ PK: `SKU#${sku}`, SK: 'SKU' }),
  slug: (slug: string): ItemKey => ({ PK: `SLUG#${slug}`, SK: 'SLUG' }),
  membershipPartition: (categoryId: string): string => `CATEGORY#${categoryId}`,
  membership: (categoryId: string, productId: string): ItemKey => ({
    PK: `CATEGORY#${categoryId}`,
    SK: `PRODUCT#${productId}`,
  }),
  categories: 'CATEGORIES',
  category: (id: string): ItemKey => ({ PK: 'CATEGORIES', SK: `CATEGORY#${id}` }),
  categorySlug: (slug: string): ItemKey => ({ PK: `CATEGORY_SLUG#${slug}`, SK: 'CATEGORY_SLUG' }),
  /** Price and stock of a SKU as pricing and inventory announced them (ADR 0023). */
  offer: (sku: string): ItemKey => ({ PK: `OFFER#${sku}`, SK: 'OFFER' }),
};

export const statusPartition = (status: string): string => `STATUS#${status}`;
export const brandPartition = (brandKey: string): string => `BRAND#${brandKey}`;

/** What list and get read from a product item (or its GSI copy, projected ALL). */
export type ProductItem = ItemKey & {
  id: string;
  slug: string;
  status: ProductStatus;
  brandKey: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  doc: string;
  GSI1PK: string;
  GSI1SK: string;
  GSI2PK: string;
  GSI2SK: string;
};

export function productItem(product: Product): ProductItem {
  const brandKey = product.brand.toLowerCase();
  return {
    ...keys.product(product.id),
    id: product.id,
    slug: product.slug,
    status: product.status,
    brandKey,
    version: product.version,
    createdAt: Date.parse(product.createdAt),
    updatedAt: Date.parse(product.updatedAt),
    // Serialized exactly like the SQLite adapter, so getJson hands it out untouched.
    doc: JSON.stringify(product),
    GSI1PK: statusPartition(product.status),
    GSI1SK: product.id,
    GSI2PK: brandPartition(brandKey),
    GSI2SK: product.id,
  };
}

/** Category membership: status and brand are copied so a category listing filters without a read per product. */
export type MembershipItem = ItemKey & {
  productId: string;
  status: ProductStatus;
  brandKey: string;
};

export function membershipItem(categoryId: string, product: Product): MembershipItem {
  return {
    ...keys.membership(categoryId, product.id),
    productId: product.id,
    status: product.status,
    brandKey: product.brand.toLowerCase(),
  };
}
