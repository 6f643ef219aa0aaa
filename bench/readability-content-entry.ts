// Readability as an extension would run it: the content script of a bench-only extension (bench/build.ts), injected at
// document_idle into a world of its own, as ours is. It times `new Readability(document.cloneNode(true)).parse()` in
// a task of its own and then leaves the sample on the page's root element for the runner
// (bench/readability-extension.ts): the only change it makes to the page, after the measurement.
import { measureReadability, SAMPLE_ATTRIBUTE } from './readability-entry';

const leave = (sample: unknown) => document.documentElement.setAttribute(SAMPLE_ATTRIBUTE, JSON.stringify(sample));
measureReadability().then(leave, (error: unknown) => leave({ error: String(error) }));
