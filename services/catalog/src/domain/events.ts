import { createEvent, type CloudEvent } from '@emporium/kit';
import type { Category } from './category.ts';
import type { Product } from './product.ts';

const SOURCE = 'emporium/catalog';

export function productCreated(product: Product, now: number): CloudEvent {
  return createEvent({
    source: SOURCE,
    type: 'catalog.product.created',
    subject: product.id,
    data: { product },
    time: now,
  });
}

export function productUpdated(product: Product, changed: string[], now: number): CloudEvent {
  return createEvent({
    source: SOURCE,
    type: 'catalog.product.updated',
    subject: product.id,
    data: { product, changed },
    time: now,
  });
}

export function productDeleted(product: Product, now: number): CloudEvent {
  const data = {
    productId: product.id,
    skus: product.variants.map((variant) => variant.sku),
    version: product.version,
  };
  return createEvent({
    source: SOURCE,
    type: 'catalog.product.deleted',
    subject: product.id,
    data,
    time: now,
  });
}

export function categoryChanged(
  category: Category,
  kind: 'created' | 'updated',
  now: number,
): CloudEvent {
  return createEvent({
    source: SOURCE,
    type: `catalog.category.${kind}`,
    subject: category.id,
    data: { category },
    time: now,
  });
}
