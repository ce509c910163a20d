import multipart, { type MultipartFile } from '@fastify/multipart';
import { CommonErrors, isAdmin, requireAdmin, toAppError, type HttpServer } from '@emporium/kit';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { CatalogErrors } from '../../domain/errors.ts';
import type { CatalogDeps } from '../../app/deps.ts';
import { uploadImage } from '../../app/use-cases/upload-image.ts';
import { ImageAltSchema } from './schemas.ts';

export interface MediaRouteOptions {
  maxImageBytes: number;
}

export async function registerMediaRoutes(
  app: HttpServer,
  deps: CatalogDeps,
  options: MediaRouteOptions,
): Promise<void> {
  // Its own plugin scope: @fastify/multipart adds async onRequest and onResponse hooks,
  // which would otherwise run on every catalog request, the hot reads included.
  await app.register(async (upload: HttpServer) => {
    await upload.register(multipart, {
      limits: { fileSize: options.maxImageBytes, files: 1, fields: 5, fieldSize: 1000 },
      throwFileSizeLimit: true,
    });
    registerUploadRoute(upload, deps);
  });
  registerMediaReadRoute(app, deps);
}

/**
 * Reads the form's one file whole. Errors the multipart parser raises on a body that is
 * not well-formed multipart (a missing boundary, a truncated part) are plain errors:
 * they are a 400, not a 500; its coded limits keep their own status (413).
 */
async function readFile(request: FastifyRequest): Promise<{ file: MultipartFile; bytes: Buffer }> {
  try {
    const file = await request.file();
    if (!file) throw CatalogErrors.MISSING_FILE.create('The form has no file field');
    return { file, bytes: await file.toBuffer() };
  } catch (error) {
    throw (
      toAppError(error as Error) ??
      CatalogErrors.MALFORMED_MULTIPART.create(
        `The multipart body cannot be read: ${(error as Error).message}`,
      )
    );
  }
}

function altOf(file: MultipartFile): string | undefined {
  const alt = (file.fields['alt'] as { value?: unknown } | undefined)?.value;
  if (alt === undefined) return undefined;
  if (typeof alt !== 'string' || !Value.Check(ImageAltSchema, alt))
    throw CommonErrors.VALIDATION_FAILED.create(
      'Invalid body: alt must be at most 200 characters without control or bidirectional-override characters',
      { errors: [{ field: 'body.alt', message: 'is invalid' }] },
    );
  return alt;
}

function registerUploadRoute(app: HttpServer, deps: CatalogDeps): void {
  app.post(
    '/products/:id/images',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['products'],
        security: [{ bearer: [] }],
        summary:
          'Upload a product image (multipart/form-data, field "alt" first if given, then "file")',
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Type.String({ pattern: '^prd_[0-9A-Z]{26}$' }) }),
        response: { 201: Type.Object({ url: Type.String(), key: Type.String() }) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw CommonErrors.UNSUPPORTED_MEDIA_TYPE.create('Send the image as multipart/form-data');
      const { file, bytes } = await readFile(request);
      const alt = altOf(file);
      const stored = await uploadImage(deps, request.params.id, {
        bytes,
        declaredType: file.mimetype,
        ...(alt ? { alt } : {}),
      });
      return reply.status(201).send(stored);
    },
  );
}

const MEDIA_KEY = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,300}$/;
const PRODUCT_OF_KEY = /^products\/(prd_[0-9A-Z]{26})\//;

/**
 * Media is public only while its product is: a draft's or an archived product's images
 * answer 404 to anonymous callers and customers (admins still get them), whichever
 * store (disk or S3) holds the file.
 */
async function isVisible(
  deps: CatalogDeps,
  key: string,
  request: FastifyRequest,
): Promise<boolean> {
  if (isAdmin(request)) return true;
  const productId = PRODUCT_OF_KEY.exec(key)?.[1];
  if (!productId) return false;
  const product = await deps.products.getJson(productId);
  return product?.status === 'active';
}

function registerMediaReadRoute(app: HttpServer, deps: CatalogDeps): void {
  app.get('/media/*', { schema: { hide: true } }, async (request, reply) => {
    const key = (request.params as { '*': string })['*'];
    const wellFormed = MEDIA_KEY.test(key) && !key.includes('..');
    const media =
      wellFormed && (await isVisible(deps, key, request)) ? await deps.media.get(key) : undefined;
    if (!media) throw CatalogErrors.MEDIA_NOT_FOUND.create(`No media ${key}`);
    return (
      reply
        .type(media.contentType)
        .header('content-length', media.size)
        // Shared caches may keep a file only briefly: archiving its product must hide it.
        .header(
          'cache-control',
          isAdmin(request) ? 'private, no-store' : 'public, max-age=300, must-revalidate',
        )
        .send(media.body)
    );
  });
}
