export {
  pricingService,
  pricingService as serviceDefinition,
  type PricingStores,
  type PricingService,
} from './service.ts';
export { loadPricingConfig, PricingConfigSchema, type PricingConfig } from './config.ts';
