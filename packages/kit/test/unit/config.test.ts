import { describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { CommonErrors } from '../../src/errors.ts';

const Schema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 4001 }),
  MODE: Type.Union([Type.Literal('embedded'), Type.Literal('kafka')], { default: 'embedded' }),
  NAME: Type.String({ default: 'x' }),
});

describe('loadConfig', () => {
  it('when nothing is set, then every default applies and the result is frozen', () => {
    const config = loadConfig(Schema, {});
    expect(config).toEqual({ PORT: 4001, MODE: 'embedded', NAME: 'x' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when values are set, then they are converted to their types', () => {
    expect(loadConfig(Schema, { PORT: '8080', MODE: 'kafka' })).toMatchObject({
      PORT: 8080,
      MODE: 'kafka',
    });
  });

  it('when values are bad, then start-up fails naming each variable and what was given', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig(Schema, { PORT: 'eighty', MODE: 'rabbit' });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toContain('PORT');
    expect(error!.message).toContain('"eighty"');
    expect(error!.message).toContain('MODE');
  });
});

describe('error catalogue', () => {
  it('when an error is created from the catalogue, then its code is the prefix and the key', () => {
    for (const [key, definition] of Object.entries(CommonErrors)) {
      expect(definition.code).toBe(`COMMON.${key}`);
      expect(definition.create().code).toBe(definition.code);
    }
  });
});
