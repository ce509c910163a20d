/** An upload that decoded as a supported image, re-encoded without its metadata. */
export interface PreparedImage {
  bytes: Buffer;
  contentType: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
  extension: 'jpg' | 'png' | 'gif' | 'webp';
  width: number;
  height: number;
}

/**
 * Checks an uploaded file on its decoded image, not its first bytes: the format, the
 * dimensions and that it decodes whole. Fails with CATALOG.UNSUPPORTED_IMAGE,
 * CORRUPT_IMAGE, IMAGE_TOO_LARGE or IMAGE_TYPE_MISMATCH.
 */
export interface ImageProcessor {
  /** `declaredType` is the content type the client gave the file part, if any. */
  prepare(bytes: Buffer, declaredType?: string): Promise<PreparedImage>;
}
