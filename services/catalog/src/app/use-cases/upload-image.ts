import { CatalogErrors } from '../../domain/errors.ts';
import type { ProductImage } from '../../domain/product.ts';
import type { CatalogDeps } from '../deps.ts';
import type { StoredMedia } from '../ports/media-store.ts';
import { updateProduct } from './update-product.ts';

const SIGNATURES: { type: string; extension: string; matches(bytes: Buffer): boolean }[] = [
  {
    type: 'image/jpeg',
    extension: 'jpg',
    matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    type: 'image/png',
    extension: 'png',
    matches: (b) =>
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    type: 'image/gif',
    extension: 'gif',
    matches: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  },
  {
    type: 'image/webp',
    extension: 'webp',
    matches: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' &&
      b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

export interface ImageUpload {
  bytes: Buffer;
  alt?: string;
}

/**
 * Stores the image under a fresh key and appends it to the product. The type is
 * sniffed from the bytes, not trusted from the client.
 */
export async function uploadImage(
  deps: CatalogDeps,
  productId: string,
  upload: ImageUpload,
): Promise<StoredMedia> {
  const product = await deps.products.get(productId);
  if (!product) throw CatalogErrors.PRODUCT_NOT_FOUND.create(`No product ${productId}`);
  const kind = SIGNATURES.find((signature) => signature.matches(upload.bytes));
  if (!kind)
    throw CatalogErrors.UNSUPPORTED_IMAGE.create(
      'Only JPEG, PNG, GIF and WebP images are accepted',
    );
  const key = `products/${productId}/${deps.clock.now().toString(36)}-${product.images.length + 1}.${kind.extension}`;
  const stored = await deps.media.put(key, upload.bytes, kind.type);
  const image: ProductImage = {
    key: stored.key,
    url: stored.url,
    ...(upload.alt ? { alt: upload.alt } : {}),
  };
  try {
    await updateProduct(
      deps,
      productId,
      { images: [...product.images, image] },
      (version) => version === product.version,
    );
  } catch (error) {
    await deps.media.delete(key);
    throw error;
  }
  return stored;
}
