import { CommonConfig, PortSchema, loadConfig } from '@emporium/kit';
import { Type, type Static } from 'typebox';

export const CatalogConfigSchema = Type.Object({
  ...CommonConfig,
  CATALOG_PORT: PortSchema(4001, 'Port of the catalog service'),
  CATALOG_DB_PATH: Type.String({
    default: '',
    description: 'SQLite file of the catalog (default: $DATA_DIR/catalog.sqlite)',
  }),
  MEDIA_DIR: Type.String({
    default: '',
    description: 'Where the disk media store keeps images (default: $DATA_DIR/media)',
  }),
  MEDIA_PUBLIC_URL: Type.String({
    default: 'http://localhost:8080/api/media',
    description: 'Base URL of served media, as clients reach it',
  }),
  CATALOG_MAX_IMAGE_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 50 * 1024 * 1024,
    default: 5 * 1024 * 1024,
    description: 'Largest image upload',
  }),
});

export type CatalogConfig = Static<typeof CatalogConfigSchema>;

export function loadCatalogConfig(
  env: Record<string, string | undefined> = process.env,
): CatalogConfig {
  return loadConfig(CatalogConfigSchema, env);
}
