export {
  accountsService,
  accountsService as serviceDefinition,
  defineAccountsService,
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
