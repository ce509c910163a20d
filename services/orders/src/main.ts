import { runMain } from '@emporium/kit';
import { ordersService } from './service.ts';

await runMain(ordersService);
