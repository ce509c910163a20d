import { runMain } from '@emporium/kit';
import { accountsService } from './service.ts';

await runMain(accountsService);
