// The popup asks a page again while nobody listens there yet, and gives up when the time is up.
import { describe, expect, it } from 'vitest';
import { askUntilListening } from '../../src/popup/ask-tab';

const NOBODY = new Error('Could not establish connection. Receiving end does not exist.');

/** A clock that moves only when the popup waits. */
function clock() {
  let t = 0;
  return { now: () => t, wait: async (ms: number) => void (t += ms) };
}

describe('askUntilListening', () => {
  it('asks again while nobody listens, and returns the first answer', async () => {
    let asked = 0;
    const answer = await askUntilListening(async () => {
      if (++asked < 4) throw NOBODY;
      return 'state';
    }, clock());
    expect(answer).toBe('state');
    expect(asked).toBe(4);
  });

  it('gives up once the time is up, with the last failure', async () => {
    let asked = 0;
    const asking = askUntilListening(async () => {
      asked++;
      throw NOBODY;
    }, { ...clock(), withinMs: 1000, everyMs: 100 });
    await expect(asking).rejects.toBe(NOBODY);
    expect(asked).toBe(11);
  });

  it('passes any other failure on at once', async () => {
    let asked = 0;
    const broken = new Error('the page answered with an error');
    const asking = askUntilListening(async () => {
      asked++;
      throw broken;
    }, clock());
    await expect(asking).rejects.toBe(broken);
    expect(asked).toBe(1);
  });
});
