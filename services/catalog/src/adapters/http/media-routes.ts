import multipart from '@fastify/multipart';
import { CommonErrors, requireAdmin, type HttpServer } from '@emporium/kit';
import { Type } from 'typebox';
import { CatalogErrors } from '../../domain/errors.ts';
import type { CatalogDeps } from '../../app/deps.ts';
import { uploadImage } from '../../app/use-cases/upload-image.ts';

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

function registerUploadRoute(app: HttpServer, deps: CatalogDeps): void {
  app.post(
    '/products/:id/images',
    {
      onRequest: requireAdmin,
      schema: {
        tags: ['products'],
        security: [{ bearer: [] }],
        summary: 'Upload a product image (multipart/form-data, field "file", optional field "alt")',
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Type.String({ pattern: '^prd_[0-9A-Z]{26}$' }) }),
        response: { 201: Type.Object({ url: Type.String(), key: Type.String() }) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw CommonErrors.UNSUPPORTED_MEDIA_TYPE.create('Send the image as multipart/form-data');
      const file = await request.file();
      if (!file) throw CatalogErrors.MISSING_FILE.create('The form has no file field');
      const bytes = await file.toBuffer();
      const alt = (file.fields['alt'] as { value?: unknown } | undefined)?.value;
      const stored = await uploadImage(deps, request.params.id, {
        bytes,
        ...(typeof alt === 'string' ? { alt: alt.slice(0, 200) } : {}),
      });
      return reply.status(201).send(stored);
    },
  );
}

function registerMediaReadRoute(app: HttpServer, deps: CatalogDeps): void {
  app.get('/media/*', { schema: { hide: true } }, async (request, reply) => {
    const key = (request.params as { '*': string })['*'];
    const media =
      /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,300}$/.test(key) && !key.includes('..')
        ? await deps.media.get(key)
        : undefined;
    if (!media) throw CatalogErrors.MEDIA_NOT_FOUND.create(`No media ${key}`);
    return reply
      .type(media.contentType)
      .header('content-length', media.size)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(media.body);
  });
}
