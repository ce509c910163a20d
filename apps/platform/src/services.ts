import type { ServiceDefinition } from '@emporium/kit';
import { SERVICE_MANIFEST, type ServiceEntry } from '@emporium/contracts';

export interface LoadedService {
  entry: ServiceEntry;
  definition: ServiceDefinition;
}

/** Every service of the manifest with its definition, imported from the package it names. */
export async function loadServices(): Promise<LoadedService[]> {
  return Promise.all(
    SERVICE_MANIFEST.map(async (entry) => {
      const module = (await import(entry.packageName)) as { serviceDefinition?: ServiceDefinition };
      if (!module.serviceDefinition)
        throw new Error(`${entry.packageName} does not export serviceDefinition`);
      return { entry, definition: module.serviceDefinition };
    }),
  );
}
