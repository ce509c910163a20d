export {
  createOrdersService,
  ordersService,
  ordersService as serviceDefinition,
  type OrdersStores,
  type OrdersService,
  type OrdersPortOverrides,
} from './service.ts';
export { loadOrdersConfig, OrdersConfigSchema, type OrdersConfig } from './config.ts';
