export { createGatewayService, type GatewayService } from './service.ts';
export { loadGatewayConfig, GatewayConfigSchema, type GatewayConfig } from './config.ts';
