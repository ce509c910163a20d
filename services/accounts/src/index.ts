export {
  accountsService,
  accountsService as serviceDefinition,
  refuseDefaultAdminPassword,
  type AccountsStores,
  type AccountsService,
} from './service.ts';
export {
  loadAccountsConfig,
  AccountsConfigSchema,
  DEFAULT_ADMIN_PASSWORD,
  type AccountsConfig,
} from './config.ts';
