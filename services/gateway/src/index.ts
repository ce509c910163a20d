export {
  gatewayService,
  gatewayService as serviceDefinition,
  type GatewayStores,
  type GatewayService,
} from './service.ts';
export { loadGatewayConfig, GatewayConfigSchema, type GatewayConfig } from './config.ts';
export { EDGE_ACCESS_RULES, edgeAccessRuleOf, type EdgeAccessRule } from './app/edge-access.ts';
export { CSRF_HEADER, SESSION_PATH } from './app/browser-session.ts';
