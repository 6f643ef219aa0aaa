// @vitest-environment happy-dom
// Which changes of a live page start a new analysis (changesArticle in src/content/live-updates.ts), on real
// MutationRecords of a DOM.
import { beforeEach, describe, expect, it } from 'vitest';
import { changesArticle } from '../../src/content/live-updates';

let root: HTMLElement;
let story: HTMLElement;

beforeEach(() => {
  // As the extractor often answers: the root is the parent of the story and its siblings (here the body).
  document.body.replaceChildren();
  story = document.createElement('article');
  story.innerHTML = '<p>First paragraph of the story, long enough to read.</p><p>Second paragraph.</p><div id="reply" contenteditable="true">Draft</div>'; // test-only markup
  document.body.append(story);
  root = document.body;
});

/** Whether any record of what `change` does would start an analysis. */
async function starts(change: () => void): Promise<boolean> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((batch) => records.push(...batch));
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['contenteditable'] });
  change();
  await new Promise((resolve) => setTimeout(resolve, 0));
  records.push(...observer.takeRecords());
  observer.disconnect();
  expect(records.length, 'the change made records').toBeGreaterThan(0);
  return records.some((record) => changesArticle(record, root));
}

const element = (tag: string, text: string) => Object.assign(document.createElement(tag), { textContent: text });

describe('a change that starts a new analysis', () => {
  it('inside the story: a new paragraph, however short, a removed one, changed words', async () => {
    expect(await starts(() => story.append(element('p', 'Goal! 1-0.')))).toBe(true);
    expect(await starts(() => story.querySelector('p')!.remove())).toBe(true);
    expect(await starts(() => (story.querySelector('p')!.firstChild as Text).appendData(' More.'))).toBe(true);
  });

  it('at the top level: a block of text, or a sentence of it; an article made editable', async () => {
    expect(await starts(() => root.append(element('p', 'Short update.')))).toBe(true);
    expect(await starts(() => root.append(Object.assign(document.createElement('section'), { innerHTML: '<h2>Next story</h2>' })))).toBe(true); // test-only markup
    expect(await starts(() => root.append(element('div', 'The next story begins with a sentence this long.')))).toBe(true);
    expect(await starts(() => story.setAttribute('contenteditable', 'true'))).toBe(true);
  });
});

describe('a change that does not', () => {
  it('at the top level or outside: an ad’s label, a counter, a toast, a script, a style sheet', async () => {
    expect(await starts(() => root.append(element('div', 'Advertisement')))).toBe(false);
    expect(await starts(() => root.append(element('span', '3 new')))).toBe(false);
    expect(await starts(() => root.append(element('script', 'window.track = function () { /* a long tracking script of many characters */ };')))).toBe(false);
    expect(await starts(() => root.append(element('style', '.ad { display: block; color: red; background: white; margin: 0 auto; }')))).toBe(false);
    expect(await starts(() => document.head.append(element('style', 'p { color: red; }')))).toBe(false);
  });

  it('typing in an editable region inside the story', async () => {
    expect(await starts(() => (document.getElementById('reply')!.firstChild as Text).appendData(' and more words typed by the reader'))).toBe(false);
  });
});
