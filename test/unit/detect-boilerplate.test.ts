// Promotional boilerplate: decided per block, with a reason; appeals, join/follow, read-more, share, paywall, sponsored, link farms.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { classifyLine, readsAsAddress } from '../../src/core/boilerplate';
import { builtinPack } from '../../src/core/pack';

const pack = builtinPack();
const ruleOf = (line: string) => classifyLine(line, pack)?.ruleId;

describe('boilerplate: positive examples', () => {
  it.each([
    ['PLEASE HELP SUPPORT OUR INDEPENDENT MEDIA PLATFORM HERE', 'boilerplate:donation-appeal'],
    ['ALSO JOIN OUR TELEGRAM CHANNEL', 'boilerplate:join-follow'],
    ['READ MORE KAZAKHSTAN NEWS AT: 21st Century Wire Kazakhstan Files', 'boilerplate:read-more'],
    ['SIGN UP FOR OUR NEWSLETTER', 'boilerplate:newsletter-signup'],
    ['Subscribe now for unlimited access.', 'boilerplate:subscribe-paywall'],
    ['Share this article', 'boilerplate:share-prompt'],
    ['Sponsored content', 'boilerplate:sponsored-note'],
    ['Home | World | Politics | Business | Sport', 'boilerplate:link-farm'],
    ['A version of this article appears in print on , on Page A22 of the New York edition. Order Reprints | Today’s Paper | Subscribe', 'boilerplate:subscribe-paywall'],
    ['Tags: Kazakhstan • Russia • CSTO • Protests', 'boilerplate:link-farm'],
    ['Keep up with the news. Get New York Today in your inbox.', 'boilerplate:newsletter-signup'],
    ['Related: Rich are paying more in taxes but not as much as they used to', 'boilerplate:read-more'],
    ['Click here for the second half of this epic story.', 'boilerplate:click-here'],
    ['Follow us on Twitter and Facebook', 'boilerplate:join-follow'],
    ['Would you like to be part of the Fandom team? Join our Fan Contributor Program and share your voice on Fandom.com !', 'boilerplate:join-follow'],
  ])('%s', (line, rule) => {
    expect(ruleOf(line)).toBe(rule);
  });

  it('spans the whole block and reports the promotional share of the text', () => {
    const text = 'The council met on Tuesday and approved the budget for next year.\nFollow us on Twitter';
    const analysis = analyze(text);
    const [finding] = analysis.findings.filter((f) => f.kind === 'boilerplate');
    expect(finding).toMatchObject({ start: text.indexOf('Follow'), end: text.length, text: 'Follow us on Twitter', category: 'social' });
    expect(finding!.why.length).toBeGreaterThan(20);
    expect(analysis.promotionalShare).toBeCloseTo('Follow us on Twitter'.length / (text.length - 1), 5);
  });
});

describe('boilerplate: negative examples (ordinary news sentences)', () => {
  it.each([
    'The charity appealed for donations after the flood.',
    'The charity appealed for donations after the flood, and residents gave generously.',
    'Thousands of users joined the Telegram channel after the ban.',
    'The company did not share this information with regulators.',
    'The newspaper lost 10,000 subscribers last year.',
    'The bill was sponsored by Senator Smith.',
    'Related research suggests the effect is small.',
    '“Please donate to our fund,” the mayor said at the rally.',
    'NATO SUMMIT OPENS IN MADRID',
    'Investigators said the victim was found here.',
    'RT International reports…',
    'So even if you decide you need to join Facebook, remember that you might be giving the company information about you.',
    'In order to get the new version of the app, Google Play sends your device a patch that describes the difference.',
    'An example from 2011: http://www.businessinsider.com/marco-arment-2011-9',
    'The quality of our results are directly related to the parameters we set for the query. Later we will see how backtesting can help us find ideal values.',
    'Protests were quickly hijacked by radical elements and street violence and looting as mobs called for regime change in Almaty – despite significant government concessions.',
  ])('%s', (line) => {
    expect(ruleOf(line)).toBeUndefined();
  });

  it('does not fire on long paragraphs, whatever words they contain', () => {
    const long = `${'Officials discussed the newsletter, donations and subscriptions at length. '.repeat(10)}Share this article.`;
    expect(ruleOf(long)).toBeUndefined();
  });
});

describe('reader-address cues', () => {
  it.each([
    ['Please help us', true],
    ['Join our channel', true],
    ['YOU WILL NOT BELIEVE THIS', true],
    ['The minister resigned on Friday', false],
  ])('%s -> %s', (line, expected) => {
    expect(readsAsAddress(line)).toBe(expected);
  });
});
