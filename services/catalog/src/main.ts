import { closeOnSignals } from '@emporium/kit';
import { loadCatalogConfig } from './config.ts';
import { createCatalogService } from './service.ts';

const service = await createCatalogService(loadCatalogConfig());
closeOnSignals(service, service.app.log);
await service.listen();
