import { closeOnSignals } from '@emporium/kit';
import { loadAccountsConfig } from './config.ts';
import { createAccountsService } from './service.ts';

const service = await createAccountsService(loadAccountsConfig());
closeOnSignals(service, service.app.log);
await service.listen();
