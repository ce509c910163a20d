import type { Sharp, SharpOptions } from 'sharp';
import { CatalogErrors } from '../../../domain/errors.ts';
import type { ImageProcessor, PreparedImage } from '../../../app/ports/image-processor.ts';

type Format = 'jpeg' | 'png' | 'gif' | 'webp';

const FORMATS: Record<Format, Pick<PreparedImage, 'contentType' | 'extension'>> = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  gif: { contentType: 'image/gif', extension: 'gif' },
  webp: { contentType: 'image/webp', extension: 'webp' },
};

/** What the first bytes claim: the decoder must then agree. */
function claimedFormat(bytes: Buffer): Format | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (/^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'gif';
  if (
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return undefined;
}

export interface SharpImageProcessorOptions {
  /** Largest width or (page) height accepted. */
  maxDimension: number;
  /** Largest pixel count decoded (sharp's limitInputPixels): a guard against pixel floods. */
  maxPixels: number;
}

type SharpFactory = (input: Buffer, options: SharpOptions) => Sharp;
let loading: Promise<SharpFactory> | undefined;

/** libvips is loaded on the first upload, so a catalog that never receives one never pays for it. */
function loadSharp(): Promise<SharpFactory> {
  loading ??= import('sharp').then((module) => module.default as unknown as SharpFactory);
  return loading;
}

/**
 * Decodes uploads with sharp (libvips): only JPEG, PNG, GIF and WebP whose decoded format
 * is what the bytes claim, within bounded dimensions, decoded whole (a truncated or
 * corrupt file fails: failOn 'warning'). The stored file is the re-encoded image, so
 * metadata (EXIF, GPS) and anything appended to the image (a polyglot's script or
 * archive) are dropped.
 */
export class SharpImageProcessor implements ImageProcessor {
  private readonly options: SharpImageProcessorOptions;

  constructor(options: SharpImageProcessorOptions) {
    this.options = options;
  }

  async prepare(bytes: Buffer, declaredType?: string): Promise<PreparedImage> {
    const claimed = claimedFormat(bytes);
    if (!claimed)
      throw CatalogErrors.UNSUPPORTED_IMAGE.create(
        'Only JPEG, PNG, GIF and WebP images are accepted',
      );
    const declared = declaredType?.toLowerCase();
    if (declared?.startsWith('image/') && declared !== FORMATS[claimed].contentType)
      throw CatalogErrors.IMAGE_TYPE_MISMATCH.create(
        `The file was sent as ${declared.slice(0, 40)} but is ${FORMATS[claimed].contentType}`,
      );
    const sharp = await loadSharp();
    const input: SharpOptions = {
      limitInputPixels: this.options.maxPixels,
      failOn: 'warning',
      animated: claimed === 'gif' || claimed === 'webp',
    };
    const { width, height } = await this.inspect(sharp(bytes, input), claimed);
    const encoded = await this.reencode(sharp(bytes, input), claimed);
    return { bytes: encoded, ...FORMATS[claimed], width, height };
  }

  private async inspect(image: Sharp, claimed: Format): Promise<{ width: number; height: number }> {
    const metadata = await image.metadata().catch((error: unknown) => {
      throw decodeError(error);
    });
    if (metadata.format !== claimed)
      throw CatalogErrors.CORRUPT_IMAGE.create(
        `The file starts as ${claimed} but decodes as ${metadata.format ?? 'nothing'}`,
      );
    const width = metadata.width ?? 0;
    const height = metadata.pageHeight ?? metadata.height ?? 0;
    const { maxDimension } = this.options;
    if (width < 1 || height < 1)
      throw CatalogErrors.CORRUPT_IMAGE.create('The image has no pixels');
    if (width > maxDimension || height > maxDimension)
      throw CatalogErrors.IMAGE_TOO_LARGE.create(
        `The image is ${width}×${height}; at most ${maxDimension}×${maxDimension} is accepted`,
      );
    return { width, height };
  }

  /** Decoding every pixel is what finds a truncated or corrupt file. */
  private async reencode(image: Sharp, format: Format): Promise<Buffer> {
    const oriented = format === 'jpeg' ? image.rotate() : image;
    return oriented
      .toFormat(format, format === 'jpeg' || format === 'webp' ? { quality: 90 } : {})
      .toBuffer()
      .catch((error: unknown) => {
        throw decodeError(error);
      });
  }
}

function decodeError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message))
    return CatalogErrors.IMAGE_TOO_LARGE.create('The image has more pixels than accepted');
  if (/unsupported image format/i.test(message))
    return CatalogErrors.UNSUPPORTED_IMAGE.create('The file is not a supported image');
  return CatalogErrors.CORRUPT_IMAGE.create(
    'The image is truncated or corrupt and cannot be decoded',
  );
}
