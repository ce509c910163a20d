import { CommonConfig, PortSchema, loadConfig } from '@emporium/kit';
import { GATEWAY, manifestEntry } from '@emporium/contracts';
import { Type, type Static } from 'typebox';

export const CatalogConfigSchema = Type.Object({
  ...CommonConfig,
  CATALOG_PORT: PortSchema(manifestEntry('catalog').defaultPort, 'Port of the catalog service'),
  CATALOG_DB_PATH: Type.String({
    default: '',
    description: 'SQLite file of the catalog (default: $DATA_DIR/catalog.sqlite)',
  }),
  MEDIA_DIR: Type.String({
    default: '',
    description: 'Where the disk media store keeps images (default: $DATA_DIR/media)',
  }),
  MEDIA_PUBLIC_URL: Type.String({
    default: `http://localhost:${manifestEntry(GATEWAY).defaultPort}/api/media`,
    description: 'Base URL of served media, as clients reach it',
  }),
  CATALOG_STORE: Type.Union([Type.Literal('sqlite'), Type.Literal('dynamodb')], {
    default: 'sqlite',
    description: 'Where products and categories live: SQLite, or DynamoDB',
  }),
  CATALOG_DYNAMODB_TABLE: Type.String({
    default: 'emporium-catalog',
    description: 'DynamoDB table of the catalog (CATALOG_STORE=dynamodb)',
  }),
  SEARCH: Type.Union([Type.Literal('embedded'), Type.Literal('opensearch')], {
    default: 'embedded',
    description: 'Search engine: in-process MiniSearch, or OpenSearch',
  }),
  OPENSEARCH_URL: Type.String({
    default: 'http://127.0.0.1:9200',
    description: 'OpenSearch node (SEARCH=opensearch)',
  }),
  OPENSEARCH_INDEX: Type.String({
    default: 'emporium-products',
    description: 'Alias of the product index (SEARCH=opensearch)',
  }),
  MEDIA: Type.Union([Type.Literal('disk'), Type.Literal('s3')], {
    default: 'disk',
    description: 'Where images live: local disk, or S3',
  }),
  S3_BUCKET: Type.String({
    default: 'emporium-media',
    description: 'Bucket of product images (MEDIA=s3)',
  }),
  CATALOG_MAX_IMAGE_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 50 * 1024 * 1024,
    default: 5 * 1024 * 1024,
    description: 'Largest image upload',
  }),
  CATALOG_MAX_IMAGE_DIMENSION: Type.Integer({
    minimum: 16,
    maximum: 100_000,
    default: 8_000,
    description: 'Largest width or height of an uploaded image, in pixels',
  }),
  CATALOG_MAX_IMAGE_PIXELS: Type.Integer({
    minimum: 256,
    maximum: 1_000_000_000,
    default: 40_000_000,
    description: 'Largest pixel count an upload may decode to (guards against pixel floods)',
  }),
  CATALOG_PRICE_CURRENCY: Type.String({
    pattern: '^[A-Z]{3}$',
    default: 'USD',
    description: 'Currency (ISO 4217) of the prices search shows, filters and sorts by',
  }),
  CATALOG_RESPONSE_CACHE_BYTES: Type.Integer({
    minimum: 0,
    maximum: 4 * 1024 * 1024 * 1024,
    default: 64 * 1024 * 1024,
    description: 'Bytes of encoded anonymous responses the catalog keeps in memory (0 = none)',
  }),
});

export type CatalogConfig = Static<typeof CatalogConfigSchema>;

export function loadCatalogConfig(
  env: Record<string, string | undefined> = process.env,
): CatalogConfig {
  return loadConfig(CatalogConfigSchema, env);
}
