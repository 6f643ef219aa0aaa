// Readability's side of `npm run bench` as a content script: the bench-only extension (bench/build.ts
// buildReadabilityExtension) in a Chromium of its own, launched and proxied as ours is, each measurement in a new tab
// under a host name of its own (a new renderer, nothing compiled), the sample read from the page once it is there.
import type { ExtensionBrowser } from '../test/e2e/harness';
import { withTimeout } from './browser';
import { SAMPLE_ATTRIBUTE, type ReadabilitySample } from './readability-entry';

export async function measureReadabilityAsContentScript(b: ExtensionBrowser, url: string, timeout: number): Promise<ReadabilitySample> {
  const page = await b.openPage(url, { timeout });
  try {
    const read = async () => {
      await page.waitForFunction((name) => document.documentElement.hasAttribute(name), { timeout }, SAMPLE_ATTRIBUTE);
      return page.evaluate((name) => document.documentElement.getAttribute(name)!, SAMPLE_ATTRIBUTE);
    };
    const sample = JSON.parse(await withTimeout(read(), timeout + 5_000, 'Readability content script')) as ReadabilitySample | { error: string };
    if ('error' in sample) throw new Error(`Readability content script: ${sample.error}`);
    return sample;
  } finally {
    await page.close();
  }
}
