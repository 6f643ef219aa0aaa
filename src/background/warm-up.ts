// The analyser made ready while a page is still finding its article. A reader's background is most often a stopped
// one (a service worker stops after 30 s idle, and reading an article takes longer), and its first analysis after a
// start used to pay, while the reader waited for the highlights, for reading the packs, parsing the pack and
// compiling the analyser's code: about half of that analysis in Chromium (bench/README.md, "A stopped background").
import { analyzeWithPack, type PackLookup } from '../core/pack-choice';

/** Exercises the analyser's paths: a named and an unnamed source, a reported verb, a loaded term, quotes. */
export const WARM_UP_SAMPLE = [
  'Officials in the capital said on Monday that the talks would resume, according to Reuters.',
  '“We will not be silenced,” Anna Meyer, a spokeswoman for the group, told reporters after mobs gathered outside.',
].join('\n');

let scheduled = false;
let analysed = false;

/**
 * Once per start of the background: the packs read, the pack parsed and the analyser run once on the sample. In a task
 * of its own, so that the page's config request that asked for it is answered first.
 */
export function warmAnalyser(packs: () => Promise<PackLookup>): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    packs()
      .then((packFor) => {
        if (!analysed) analyzeWithPack(WARM_UP_SAMPLE, 'en', packFor);
      })
      .catch(() => undefined);
  }, 0);
}

/**
 * A page's article is being analysed: that warms the analyser, so the sample need not run. The packs can arrive after
 * the page has sent its article (reading them is most of a start's warm-up), and the sample would then hold the page's
 * analysis up.
 */
export function analysisStarted(): void {
  analysed = true;
}
