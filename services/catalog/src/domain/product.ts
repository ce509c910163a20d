/** A product as the catalog owns it: the sellable units are its variants (SKUs). */
export type ProductStatus = 'draft' | 'active' | 'archived';

export type AttributeValue = string | number | boolean;

export interface Variant {
  sku: string;
  options: Record<string, string>;
}

export interface ProductImage {
  key: string;
  url: string;
  alt?: string;
}

export interface Product {
  id: string;
  slug: string;
  name: string;
  description: string;
  brand: string;
  categoryIds: string[];
  attributes: Record<string, AttributeValue>;
  variants: Variant[];
  images: ProductImage[];
  status: ProductStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}
