import { runMain } from '@emporium/kit';
import { catalogService } from './service.ts';

await runMain(catalogService);
