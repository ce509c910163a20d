import type { TObject } from 'typebox';
import { closeOnSignals } from '../lifecycle.ts';
import type { ServiceDefinition, ServiceStores } from './define-service.ts';
import { startService, type RunningService, type StartOptions } from './start-service.ts';

/** A service's whole `main.ts`: start it alone, listen, stop gracefully on SIGTERM/SIGINT. */
export async function runMain<Schema extends TObject, Stores extends ServiceStores>(
  definition: ServiceDefinition<Schema, Stores>,
  options: StartOptions = {},
): Promise<RunningService> {
  const service = await startService(definition, options);
  closeOnSignals(service, service.logger);
  await service.listen();
  return service as unknown as RunningService;
}
