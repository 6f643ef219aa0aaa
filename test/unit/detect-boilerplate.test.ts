// Promotional boilerplate: decided per block, with a reason; appeals, join/follow, read-more, share, paywall, sponsored, link farms.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { classifyLine, readsAsAddress } from '../../src/core/boilerplate';
import { builtinPack } from '../../src/core/builtin-packs';

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
    ['This article is free to read. Please consider subscribing.', 'boilerplate:subscribe-paywall'],
    ['Please consider supporting our journalism.', 'boilerplate:donation-appeal'],
    ['Consider donating today.', 'boilerplate:donation-appeal'],
    ['Turn on notifications to get the latest updates.', 'boilerplate:app-download'],
    ['Enable push notifications for breaking news.', 'boilerplate:app-download'],
    ['More from Politics', 'boilerplate:read-more'],
  ])('%s', (line, rule) => {
    expect(ruleOf(line)).toBe(rule);
  });

  it('spans the whole block and reports the promotional share of the text', () => {
    const text = 'The council met on Tuesday and approved the budget for next year.\nFollow us on Twitter';
    const analysis = analyze(text, builtinPack());
    const [finding] = analysis.findings.filter((f) => f.kind === 'boilerplate');
    expect(finding).toMatchObject({ start: text.indexOf('Follow'), end: text.length, text: 'Follow us on Twitter', category: 'social' });
    expect(finding!.why.length).toBeGreaterThan(20);
    expect(analysis.promotionalShare).toBeCloseTo('Follow us on Twitter'.length / (text.length - 1), 5);
  });
});

describe('boilerplate: negative examples (ordinary news sentences)', () => {
  it.each([
    'The charity appealed for donations after the flood.',
    'Officials urged residents to turn on emergency alerts on their phones.',
    'Residents should enable notifications from the county.',
    'More from the minister later.',
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
    'Consider the case of a woman who donated a kidney to a stranger.',
    'Supporting our troops is a duty.',
    'He was considering subscribing to the service.',
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
    expect(readsAsAddress(line, builtinPack())).toBe(expected);
  });
});

describe('boilerplate: teaser links, sponsor credits, homepage prompts', () => {
  it.each([
    ['[Read: Why Tunisia, Arab Spring’s sole success story, suffers from Islamist violence]', 'boilerplate:bracketed-link'],
    ['[Bardo museum houses amazing Roman treasures]', 'boilerplate:bracketed-link'],
    ['Tech Enabled: CNET chronicles tech’s role in providing new kinds of accessibility. Check it out here.', 'boilerplate:link-teaser'],
    ['Original works of short fiction, exclusively on CNET. Here.', 'boilerplate:link-teaser'],
    ['Powered by SmartAsset.com', 'boilerplate:sponsored-note'],
    ['Make MSN my homepage', 'boilerplate:set-homepage'],
    ['More about the federal debt and the economy', 'boilerplate:read-more'],
    ['Read the full transcript of his interview', 'boilerplate:read-more'],
    ['Learn More: Video Marketing 101: 4 Basics Marketers Can’t Miss', 'boilerplate:read-more'],
    ['More about:', 'boilerplate:read-more'],
  ])('%s', (line, rule) => {
    expect(ruleOf(line)).toBe(rule);
  });

  it.each([
    '[This story has been updated with the minister’s response.]',
    '[Alden: Et tu, Lexi?]',
    '[figure SG06: Bob’s repo with one amendment]',
    'The protesters gathered here.',
    'Powered by coal, the plant supplies half the region.',
    'More about that later, the mayor said.',
    'Learn more about the disease before you travel, doctors advise.',
    'Read the full report, the researchers urged, before judging it.',
  ])('not: %s', (line) => {
    expect(ruleOf(line)).toBeUndefined();
  });
});

describe('boilerplate: a promotional widget spread over several lines', () => {
  const blocks = (text: string) => analyze(text, builtinPack()).findings.filter((f) => f.kind === 'boilerplate').map((f) => f.text);

  it('takes the plan table after a newsletter pitch, line by line', () => {
    const text = [
      'The display is the best I have seen in a headset.',
      'Sign up for Command Line, a paid weekly newsletter about the tech industry.',
      'Monthly',
      '$7/month',
      'A flexible plan you can cancel anytime.',
      'Corporate',
      '$60/person/year',
      'We accept credit card, Apple Pay and Google Pay.',
    ].join('\n');
    expect(blocks(text)).toEqual(text.split('\n').slice(1));
  });

  it('takes the set-up steps after a homepage prompt, and stops at the article', () => {
    const text = [
      'Make MSN my homepage',
      'On the toolbar, click Firefox Then, click Preferences.',
      'In the Preferences window, select General.',
      'The game launches on December 15 for a flat fee of $9.99, and a sample of its modes is free to play for everyone.',
    ].join('\n');
    expect(blocks(text)).toEqual(text.split('\n').slice(0, 3));
  });

  it('takes the headlines listed under "Read more:" but not the paragraph after them', () => {
    const text = ['Read more:', 'Tunisia’s Islamists get a sobering lesson in governing', 'Tunisia sends most foreign fighters to Islamic State in Syria', 'The museum reopened a week later.'].join('\n');
    expect(blocks(text)).toEqual(text.split('\n').slice(0, 3));
  });

  it('never continues a widget into quoted speech', () => {
    const text = ['Subscribe to our newsletter', '“Your plan is on the table,” the minister told you.'].join('\n');
    expect(blocks(text)).toEqual(['Subscribe to our newsletter']);
  });

  it('flags three or more related headlines in a row, not one subhead nor a table of contents', () => {
    const related = [
      'Pizza Man Making Special Delivery Pizza Delivery to Afghanistan During Super Bowl',
      'Redesigned Scopes Fail to Stop Superbug Outbreaks',
      'Antarctica Penguin Post Office Attracts Record Number of Applicants',
    ];
    expect(blocks(['Hicks said she was surprised.', ...related, 'She said she stayed up.'].join('\n'))).toEqual(related);
    expect(blocks(['Hicks said she was surprised.', related[0], 'She said she stayed up.'].join('\n'))).toEqual([]);
    const toc = ['Assess How Deep Is Your Content', 'Rewrite With Content Depth In Mind', 'Depth of Content Equals Quality Plus Frequency'];
    expect(blocks([...toc, 'Content depth is a score.', ...toc.map((t) => `${t}\nSome paragraph about it.`)].join('\n'))).toEqual([]);
  });
});
