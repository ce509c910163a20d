export { createAccountsService, type AccountsService, type AccountsOverrides } from './service.ts';
export {
  loadAccountsConfig,
  AccountsConfigSchema,
  DEFAULT_ADMIN_PASSWORD,
  type AccountsConfig,
} from './config.ts';
