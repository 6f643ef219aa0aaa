// The source table: outlet names and aliases with case rules, and hostnames through the public suffix list.
import { describe, expect, it } from 'vitest';
import { builtinPack } from '../../src/core/builtin-packs';
import { lookupDomain, lookupOutletName } from '../../src/core/sources';

describe('lookupOutletName', () => {
  it.each([
    ['RT', 'rt'],
    ['RT International', 'rt'],
    ['Russia Today', 'rt'],
    ['russia today', 'rt'],
    ['the BBC', 'bbc'],
    ['The Guardian', 'guardian'],
    ['Guardian', 'guardian'],
    ['Reuters', 'reuters'],
    ['AP', 'ap'],
    ['Associated Press', 'ap'],
    ['Xinhua', 'xinhua'],
    ['Press TV', 'press-tv'],
    ['21st Century Wire', '21st-century-wire'],
    ['The Onion', 'the-onion'],
    ['Daily Mail', 'daily-mail'],
    ['RT’s', 'rt'],
    ['rt.com', 'rt'],
    ['Breitbart.com', 'breitbart'],
    ['KCNA', 'kcna'],
    ['Korean Central News Agency', 'kcna'],
    ['IRNA', 'irna'],
    ['Fars', 'fars'],
    ['SANA', 'sana'],
    ['BelTA', 'belta'],
    ['Rossiya 1', 'russia-1'],
    ['Prensa Latina', 'prensa-latina'],
    ['Associated Press of Pakistan', 'app-pakistan'],
  ])('%s -> %s', (name, id) => {
    expect(lookupOutletName(name, builtinPack())?.id).toBe(id);
  });

  it.each(['rt', 'Rt', 'art', 'deviantART', 'ART', 'Hill', 'Atlantic', 'ap', 'Fox', 'Sana', 'sana', 'kuna', ''])('does not match %j', (name) => {
    expect(lookupOutletName(name, builtinPack())).toBeUndefined();
  });
});

describe('lookupDomain', () => {
  it.each([
    ['rt.com', 'rt'],
    ['www.rt.com', 'rt'],
    ['de.rt.com', 'rt'],
    ['RT.COM.', 'rt'],
    ['www.bbc.co.uk', 'bbc'],
    ['bbc.co.uk', 'bbc'],
    ['www.bbc.com', 'bbc'],
    ['news.sky.com', 'sky-news'],
    ['abcnews.go.com', 'abc-news-us'],
    ['edition.cnn.com', 'cnn'],
    ['www.theguardian.com', 'guardian'],
    ['21stcenturywire.com', '21st-century-wire'],
    ['sputnikglobe.com', 'sputnik'],
    ['www.kcna.kp', 'kcna'],
    ['en.irna.ir', 'irna'],
    ['sana.sy', 'sana'],
    ['www.tvzvezda.ru', 'zvezda'],
  ])('%s -> %s', (host, id) => {
    expect(lookupDomain(host, builtinPack())?.id).toBe(id);
  });

  it.each(['co.uk', 'sky.com', 'go.com', 'art.com', 'notrt.com', 'rt.com.evil.example', 'localhost', '127.0.0.1', ''])('does not match %j', (host) => {
    expect(lookupDomain(host, builtinPack())).toBeUndefined();
  });

  it('returns the public record only: type, country, owner, rating, rationale and provenance', () => {
    const rt = lookupDomain('www.rt.com', builtinPack())!;
    expect(rt).toMatchObject({ name: 'RT', type: 'state-affiliated', country: 'Russia', rating: 'deprecated' });
    expect(rt.rationale.length).toBeGreaterThan(20);
    expect(rt.provenance).toMatch(/CC BY-SA 4\.0/);
    expect(rt).not.toHaveProperty('aliases');
    expect(rt).not.toHaveProperty('domains');
  });
});
