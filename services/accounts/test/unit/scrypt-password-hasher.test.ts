import { describe, expect, it } from 'vitest';
import { ScryptPasswordHasher } from '../../src/adapters/crypto/scrypt-password-hasher.ts';

describe('scrypt password hasher', () => {
  const hasher = new ScryptPasswordHasher();

  it('when a password is hashed, then only that password verifies', async () => {
    const hash = await hasher.hash('Correct-Horse-42');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toContain('Correct-Horse-42');
    expect(await hasher.verify('Correct-Horse-42', hash)).toBe(true);
    expect(await hasher.verify('correct-horse-42', hash)).toBe(false);
  });

  it('when the same password is hashed twice, then the salts differ', async () => {
    expect(await hasher.hash('Correct-Horse-42')).not.toBe(await hasher.hash('Correct-Horse-42'));
  });

  it('when a hash was made with other parameters, then it still verifies', async () => {
    const old = new ScryptPasswordHasher({ N: 1024, r: 8, p: 1, keyLength: 64, saltLength: 8 });
    expect(await hasher.verify('Correct-Horse-42', await old.hash('Correct-Horse-42'))).toBe(true);
  });

  it('when a password is typed in another Unicode form, then it verifies the same', async () => {
    const hash = await hasher.hash('Caf\u00e9-Secret-1');
    expect(await hasher.verify('Cafe\u0301-Secret-1', hash)).toBe(true);
  });

  it('when the stored hash is the decoy or malformed, then nothing verifies', async () => {
    expect(await hasher.verify('anything', hasher.decoyHash)).toBe(false);
    expect(await hasher.verify('anything', 'not-a-hash')).toBe(false);
    expect(await hasher.verify('anything', 'scrypt$x$8$1$c2FsdA$a2V5')).toBe(false);
  });
});
