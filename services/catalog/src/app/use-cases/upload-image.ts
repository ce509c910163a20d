import { CatalogErrors } from '../../domain/errors.ts';
import type { ProductImage } from '../../domain/product.ts';
import type { CatalogDeps } from '../deps.ts';
import type { StoredMedia } from '../ports/media-store.ts';
import { updateProduct } from './update-product.ts';

export interface ImageUpload {
  bytes: Buffer;
  /** The content type the client gave the file, checked against what it decodes as. */
  declaredType?: string;
  alt?: string;
}

/**
 * Stores the image under a fresh key and appends it to the product. The file is
 * decoded and re-encoded first (deps.images): its type and size are the decoded
 * image's, never the client's word or the first bytes.
 */
export async function uploadImage(
  deps: CatalogDeps,
  productId: string,
  upload: ImageUpload,
): Promise<StoredMedia> {
  const product = await deps.products.get(productId);
  if (!product) throw CatalogErrors.PRODUCT_NOT_FOUND.create(`No product ${productId}`);
  const image = await deps.images.prepare(upload.bytes, upload.declaredType);
  const key = `products/${productId}/${deps.clock.now().toString(36)}-${product.images.length + 1}.${image.extension}`;
  const stored = await deps.media.put(key, image.bytes, image.contentType);
  const entry: ProductImage = {
    key: stored.key,
    url: stored.url,
    ...(upload.alt ? { alt: upload.alt } : {}),
  };
  try {
    await updateProduct(
      deps,
      productId,
      { images: [...product.images, entry] },
      (version) => version === product.version,
    );
  } catch (error) {
    await deps.media.delete(key);
    throw error;
  }
  return stored;
}
