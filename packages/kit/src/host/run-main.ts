import type { TObject } from 'typebox';
import { ConfigError } from '../config.ts';
import { closeOnSignals } from '../lifecycle.ts';
import type { ServiceDefinition, ServiceStores } from './define-service.ts';
import { startService, type RunningService, type StartOptions } from './start-service.ts';

/**
 * A service's whole `main.ts`: start it alone, listen, stop gracefully on SIGTERM/SIGINT.
 * A bad configuration ends the process with exit code 1 and the variables named, not a stack.
 */
export async function runMain<Schema extends TObject, Stores extends ServiceStores>(
  definition: ServiceDefinition<Schema, Stores>,
  options: StartOptions = {},
): Promise<RunningService> {
  try {
    const service = await startService(definition, options);
    closeOnSignals(service, service.logger);
    await service.listen();
    return service as unknown as RunningService;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${definition.name} cannot start: ${error.message}\n`);
    process.exit(1);
  }
}
