import { runMain } from '@emporium/kit';
import { gatewayService } from './service.ts';

await runMain(gatewayService);
