import { closeOnSignals } from '@emporium/kit';
import { loadGatewayConfig } from './config.ts';
import { createGatewayService } from './service.ts';

const gateway = await createGatewayService(loadGatewayConfig());
closeOnSignals(gateway, gateway.app.log);
await gateway.listen();
