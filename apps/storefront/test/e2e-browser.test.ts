import { describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM, chromiumArgs, chromiumPath } from './e2e/browser.ts';

describe('the browser tests’ Chromium', () => {
  it('when E2E_CHROMIUM is set, then that binary is used, else Debian’s', () => {
    expect(chromiumPath({})).toBe(DEFAULT_CHROMIUM);
    expect(DEFAULT_CHROMIUM).toBe('/usr/bin/chromium');
    expect(chromiumPath({ E2E_CHROMIUM: '/opt/chrome/chrome' })).toBe('/opt/chrome/chrome');
  });

  it('when run as root, then the sandbox is off; always, then nothing reaches outside hosts', () => {
    const offline = [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ];
    expect(chromiumArgs(true)).toEqual(expect.arrayContaining(['--no-sandbox', ...offline]));
    expect(chromiumArgs(false)).toEqual(expect.arrayContaining(offline));
    expect(chromiumArgs(false)).not.toContain('--no-sandbox');
  });
});
