export {
  catalogService,
  catalogService as serviceDefinition,
  type CatalogStores,
  type CatalogService,
} from './service.ts';
export { loadCatalogConfig, CatalogConfigSchema, type CatalogConfig } from './config.ts';
export {
  importCatalog,
  type ImportCategory,
  type ImportProduct,
} from './app/use-cases/import-catalog.ts';
