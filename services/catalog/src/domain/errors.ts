import { defineErrors } from '@emporium/kit/domain';

export const CatalogErrors = defineErrors('CATALOG', {
  PRODUCT_NOT_FOUND: { kind: 'not_found', title: 'No such product' },
  CATEGORY_NOT_FOUND: { kind: 'not_found', title: 'No such category' },
  MEDIA_NOT_FOUND: { kind: 'not_found', title: 'No such media file' },
  UNKNOWN_CATEGORY: {
    kind: 'unprocessable',
    title: 'A category the product refers to does not exist',
  },
  UNKNOWN_PARENT: { kind: 'unprocessable', title: 'The parent category does not exist' },
  CATEGORY_CYCLE: { kind: 'unprocessable', title: 'A category cannot be its own ancestor' },
  DUPLICATE_SKU: { kind: 'conflict', title: 'A SKU is already used by another product' },
  DUPLICATE_VARIANT: { kind: 'unprocessable', title: 'Two variants of the product are the same' },
  SLUG_TAKEN: { kind: 'conflict', title: 'The slug is already used' },
  VERSION_MISMATCH: {
    kind: 'precondition_failed',
    title: 'The resource has changed since it was read',
  },
  UNSUPPORTED_IMAGE: { kind: 'unprocessable', title: 'The file is not a supported image' },
  CORRUPT_IMAGE: { kind: 'unprocessable', title: 'The image is truncated or corrupt' },
  IMAGE_TOO_LARGE: { kind: 'unprocessable', title: 'The image has too many pixels' },
  IMAGE_TYPE_MISMATCH: {
    kind: 'unsupported_media_type',
    title: 'The declared image type is not what the file is',
  },
  MALFORMED_MULTIPART: { kind: 'invalid', title: 'The multipart body is malformed' },
  MISSING_FILE: { kind: 'invalid', title: 'The upload has no file' },
  INVERTED_PRICE_RANGE: { kind: 'invalid', title: 'minPrice is above maxPrice' },
});
