export {
  catalogService,
  catalogService as serviceDefinition,
  type CatalogStores,
  type CatalogService,
} from './service.ts';
export { loadCatalogConfig, CatalogConfigSchema, type CatalogConfig } from './config.ts';
export { createProduct, type CreateProductInput } from './app/use-cases/create-product.ts';
export { slugify } from './domain/slug.ts';
export {
  importCatalog,
  type ImportCategory,
  type ImportProduct,
} from './app/use-cases/import-catalog.ts';
