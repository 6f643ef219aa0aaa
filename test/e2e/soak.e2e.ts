// The background may die at any moment: a short run of the soak (scripts/soak.ts, `npm run soak` makes 200 saves)
// in both browsers. Saves are retried with the same id until acknowledged while the background is stopped at random
// moments; every acknowledged save must then be stored once, exactly as sent, and read back by a new background.
import { describe, expect, test } from 'vitest';
import { describeSoak, runSoak, soakLaunchOptions } from '../../scripts/soak';
import { BROWSERS, useBrowser } from './harness';

describe.each(BROWSERS)('soak, background stopped at random moments: %s', (name) => {
  const browser = useBrowser(name, soakLaunchOptions(name));

  test('25 saves: acknowledged 25, lost 0, no duplicates, nothing damaged; the first message after a stop succeeds', { timeout: 90_000 }, async () => {
    const b = browser.current;
    // Stops every 10 to 120 ms: saves take a few ms, a restart tens, so stops land before, during and after saves.
    // Within the test's 90 s: a reply is awaited 3 s (a message a stop cut off is retried sooner), and stops are
    // forced in the first 45 s only (a run that slow still finishes its saves; all its checks stay). A background that
    // never comes back fails the run after 30 s without an acknowledgement, with the browser's reason.
    const result = await runSoak(b, { saves: 25, killGapMs: [10, 120], idlePauseChance: 0.3, replyTimeoutMs: 3_000, stopForMs: 45_000, stallMs: 30_000 });
    process.stdout.write(`${describeSoak(result)}\n`);
    expect(result).toMatchObject({ acknowledged: 25, lost: 0, duplicates: 0, damaged: 0, unexpected: 0, gaveUp: 0 });
    // How many stops land in a short run depends on the machine's speed; at least one must, and the worker must come back.
    expect(result.kills, 'forced stops of the background').toBeGreaterThanOrEqual(1);
    expect(result.restarts, 'background restarts').toBeGreaterThanOrEqual(1);
    expect(result.failedFirstAfterStop, 'first messages after a stop that failed').toBe(0);
    // Firefox: the event page also idled out between saves (extensions.background.idle.timeout = 300 ms).
    if (name === 'firefox') expect(result.idleStops, 'idle stops').toBeGreaterThanOrEqual(1);
    b.network.assertNoExternalRequests();
  });
});
