import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';

/**
 * Labelled steps of a browser scenario: each leaves a screenshot `NN-<prefix><name>.png`
 * in `dir`, and a failed one `...-failed.png` with the platform's last output in the error.
 */
export function createSteps(options: {
  page: () => Page;
  dir: string;
  prefix?: string;
  lastOutput: () => string | undefined;
}) {
  let shot = 0;
  async function screenshot(name: string): Promise<void> {
    shot += 1;
    const file = join(
      options.dir,
      `${options.prefix ?? ''}${String(shot).padStart(2, '0')}-${name}.png`,
    );
    await options.page().screenshot({ path: file, fullPage: true });
  }
  async function step(name: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
      await screenshot(name);
    } catch (error) {
      await screenshot(`${name}-failed`).catch(() => undefined);
      const last = options.lastOutput();
      const output = last === undefined ? '' : `\nplatform output:\n  ${last}`;
      throw new Error(`step "${name}": ${(error as Error).message}${output}`, { cause: error });
    }
  }
  return { step, screenshot };
}

/** Matches an API answer by method and path. */
export function isCall(method: string, path: RegExp) {
  return (response: Response) =>
    response.request().method() === method && path.test(new URL(response.url()).pathname);
}

/** Waits until an element matching `selector` has exactly `text` (trimmed) as its text. */
export async function waitForText(page: Page, selector: string, text: string): Promise<void> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page
    .locator(selector)
    .filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) })
    .first()
    .waitFor();
}
