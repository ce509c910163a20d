export {
  gatewayService,
  gatewayService as serviceDefinition,
  type GatewayStores,
  type GatewayService,
} from './service.ts';
export { loadGatewayConfig, GatewayConfigSchema, type GatewayConfig } from './config.ts';
