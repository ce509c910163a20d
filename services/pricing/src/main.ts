import { runMain } from '@emporium/kit';
import { pricingService } from './service.ts';

await runMain(pricingService);
