export {
  cartService,
  cartService as serviceDefinition,
  type CartStores,
  type CartService,
} from './service.ts';
export { loadCartConfig, CartConfigSchema, type CartConfig } from './config.ts';
