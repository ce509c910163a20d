import { runMain } from '@emporium/kit';
import { inventoryService } from './service.ts';

await runMain(inventoryService);
