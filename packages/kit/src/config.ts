import { Type, type Static, type TObject, type TProperties } from 'typebox';
import { Value } from 'typebox/value';

export { Type };

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
    this.name = 'ConfigError';
  }
}

/**
 * Reads the variables a schema names from the environment, converts and defaults
 * them, and fails fast with every offending variable named. Each property of the
 * schema is one environment variable; its `description` documents it and its
 * `default` must work in embedded mode.
 */
export function loadConfig<T extends TProperties>(
  schema: TObject<T>,
  env: Record<string, string | undefined> = process.env,
): Readonly<Static<TObject<T>>> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const withDefaults = Value.Default(schema, raw);
  const converted = Value.Convert(schema, withDefaults);
  const problems = [...Value.Errors(schema, converted)].map((error) => {
    const name = error.instancePath.replace(/^\//, '') || 'configuration';
    const given = name in raw ? ` (got ${JSON.stringify(raw[name])})` : '';
    return `${name}: ${error.message}${given}`;
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(converted as Static<TObject<T>>);
}

/** Lists the variables of a schema with default and description, for docs and `.env.example`. */
export function describeConfig(
  schema: TObject,
): { name: string; default: unknown; description: string }[] {
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    default: (property as { default?: unknown }).default,
    description: (property as { description?: string }).description ?? '',
  }));
}

/** Port numbers: 0 lets the OS pick one (tests). */
export const PortSchema = (defaultPort: number, description: string) =>
  Type.Integer({ minimum: 0, maximum: 65535, default: defaultPort, description });
