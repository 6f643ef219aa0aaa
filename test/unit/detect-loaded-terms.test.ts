// Loaded terms: whole-word trie matching, inflections, case rules, context exceptions, quoted vs. narrated.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { builtinPack, builtinPackFor } from '../../src/core/builtin-packs';

function loaded(text: string) {
  return analyze(text, builtinPack()).findings.filter((f) => f.kind === 'loaded');
}
const texts = (text: string) => loaded(text).map((f) => f.text);

describe('loaded terms: positive examples', () => {
  it.each([
    ['The protest was hijacked by outsiders.', ['hijacked']],
    ['Radical elements took over the square.', ['Radical elements']],
    ['A mob gathered outside.', ['mob']],
    ['Mobs roamed the streets.', ['Mobs']],
    ['The senator slammed the proposal.', ['slammed']],
    ['He lashed out at critics.', ['lashed out']],
    ['The minister lashes out again.', ['lashes out']],
    ['Thugs attacked the office.', ['Thugs']],
    ['The supposedly independent experts were wrong.', ['supposedly']],
    ['The self-styled leader spoke.', ['self-styled']],
    ['It was a brutally cold winter of draconian rules.', ['brutally', 'draconian']],
    ['Critics say the plan is flawed.', ['Critics say']],
    ['The strike caused collateral damage in the village.', ['collateral damage']],
    ['The award-winning, world-class chef opened a restaurant.', ['award-winning', 'world-class']],
    ['Unfortunately, the bridge collapsed.', ['Unfortunately']],
    ['The death tax debate returned.', ['death tax']],
    ['The government backpedalled on the plan.', ['backpedalled']],
    ['Illegal immigrants crossed the border; an illegal migrant was held.', ['Illegal immigrants', 'illegal migrant']],
    ['It was reported that talks failed. It is understood that they resume. It was claimed they had not.', ['It was reported', 'It is understood', 'It was claimed']],
    // With its agent the passive names a source.
    ['It was reported by the BBC that talks failed. He said it was understood by everyone.', []],
  ])('%s', (text, expected) => {
    expect(texts(text)).toEqual(expected);
  });

  it('carries rule id, category, why and a neutral alternative', () => {
    const [mob] = loaded('A mob gathered outside.');
    expect(mob).toMatchObject({ ruleId: 'loaded:mob', category: 'labelling' });
    expect(mob!.why).toMatch(/crowd/);
    expect(mob!.alternative).toMatch(/crowd/);
    expect(mob!.quoted).toBeUndefined();
  });
});

describe('loaded terms: negative examples', () => {
  it.each([
    'Mass protests and unrest followed massive price hikes.',
    'Street violence and looting were reported; security forces regained control.',
    'The regime made significant concessions.',
    'The peacekeepers arrived to guard the airport.',
    'The hijackers were arrested.',
    'Gunmen hijacked a plane over the sea.',
    'He joined the Mob Museum board.',
    'Mob heads for players now show both skin layers, and mob spawners stay in dungeons.',
    'Michael Savage spoke on the radio.',
    'The mobile network failed.',
    'She has a cult following among students.',
    'The blast killed four people.',
    'Terror threat levels were raised.',
    'The bill passed with collateral from the bank.',
    'The instructions were clearly stated on the form.',
    'Apps should clearly display which server they use. The chart is there to clearly show the effect.',
    'Reps document clearly all their activities, and the guide explained clearly what to bring.',
    'If he declined, and I supposed he would, we would wait. They supposed it was late.',
    'He was a mobster.',
    'It was the deadliest terrorist attack in the country in years.',
    'The firm holds the so-called Excalibur portfolio of patents.',
  ])('%s', (text) => {
    expect(texts(text)).toEqual([]);
  });

  it('never matches inside a longer word', () => {
    expect(texts('mobility hijackings thuggery terroristic')).toEqual([]);
  });
});

describe('quoted and reported speech', () => {
  it('marks a term inside quotation marks as quoted; its why is the entry’s own (the card says whose words they are)', () => {
    for (const text of ['He called them “terrorists” on Sunday.', 'He called them "terrorists" on Sunday.', 'He called them «terrorists» on Sunday.', 'He called them ‘terrorists’ on Sunday.']) {
      const [finding] = loaded(text);
      expect(finding, text).toMatchObject({ text: 'terrorists', quoted: true });
      expect(finding!.why).toBe(loaded('Terrorists attacked the post.')[0]!.why);
    }
  });

  it('marks a term in indirect speech after an attribution as reported', () => {
    const [finding] = loaded('The minister said that terrorists had attacked the post.');
    expect(finding).toMatchObject({ text: 'terrorists', quoted: true });
  });

  it('marks a term as reported where the "that" is dropped, and after "as X suggested,"', () => {
    expect(loaded('Analysts said the regime would return to its brutal tactics.')[0]).toMatchObject({ text: 'brutal', quoted: true });
    expect(loaded('Or maybe, as one reader suggested, they are just thugs.')[0]).toMatchObject({ text: 'thugs', quoted: true });
    // The narration before the attribution stays the reporter's.
    expect(loaded('The brutal tactics worried analysts, who said the talks would fail.')[0]!.quoted).toBeUndefined();
  });

  it('keeps the same term in narration unquoted', () => {
    const [finding] = loaded('Terrorists attacked the post.');
    expect(finding).toMatchObject({ text: 'Terrorists' });
    expect(finding!.quoted).toBeUndefined();
  });

  it('does not let an apostrophe open a quotation', () => {
    const [finding] = loaded('Kazakhstan’s mobs looted the shops’ windows.');
    expect(finding!.quoted).toBeUndefined();
  });
});

describe('loaded terms: said-synonyms, compounds, literal uses, quoted editorializing', () => {
  const loaded = (text: string) => analyze(text, builtinPack()).findings.filter((f) => f.kind === 'loaded').map((f) => [f.text, f.quoted ?? false]);

  it.each([
    ['President Barack Obama has admitted that his failure to pass the laws is his greatest frustration.', [['admitted', false]]],
    ['He also claimed the tax cuts would pay for themselves.', [['claimed', false]]],
    ['Many contracts, like the now-infamous one with Mozilla, have change-of-control terms.', [['now-infamous', false]]],
    ['It’s clear that Apple chose not to compromise on the display.', [['It’s clear that', false]]],
    ['Emery, a writer for a partisan website, retweeted the story.', [['partisan', false]]],
    ['Nintendo and Apple shocked the world earlier this year.', [['shocked the world', false]]],
    ['The console is clearly faster. Clearly, the other one is the better deal.', [['clearly', false], ['Clearly', false]]],
  ])('%s', (text, expected) => {
    expect(loaded(text)).toEqual(expected);
  });

  it.each([
    'She was admitted to hospital on Friday.',
    'The rebels claimed responsibility for the attack.',
    'The senator made it clear that she would run again.',
    'I could see the messages just as clearly as the text on the wall.',
    'The cracked main was spewing water onto the street.',
    'The lawyers involved will have nightmares for years.',
    'The fight over the bill made relations partisan on both sides.',
    'Partisan politics stalled the bill.',
    'A once-popular park reopened.',
    '“We are undoubtedly concerned over the sale of these pills,” said the inspector.',
  ])('nothing loaded in: %s', (text) => {
    expect(loaded(text)).toEqual([]);
  });
});

describe('loaded terms: opinion-essay vocabulary', () => {
  const loaded = (text: string) => analyze(text, builtinPack()).findings.filter((f) => f.kind === 'loaded').map((f) => f.text);

  it.each([
    ['Uber will soon enjoy a monopolistic stranglehold on car service rates.', ['stranglehold']],
    ['We can streamline sclerotic city regulators.', ['sclerotic']],
    ['The company also pushes sketchy loans onto its drivers.', ['sketchy']],
    ['Drivers feel no better than victimized passengers do.', ['victimized']],
    ['While Uber preaches libertarianism, it practises corporate welfare.', ['preaches']],
    ['A number of experts have challenged the idea.', ['A number of experts']],
  ])('%s', (text, expected) => {
    expect(loaded(text)).toEqual(expected);
  });

  it.each([
    'Sketchy details emerged from the scene on Monday.',
    'The pastor preaches every Sunday in the old church.',
    'Investigators gave sketchy information about the crash.',
  ])('nothing loaded in: %s', (text) => {
    expect(loaded(text)).toEqual([]);
  });
});

describe('loaded terms: "lies to" as an accusation, not a place or a noun', () => {
  const loaded = (text: string) => analyze(text, builtinPack()).findings.filter((f) => f.kind === 'loaded').map((f) => f.text);
  it('flags the accusation', () => expect(loaded('The company lies to its own employees.')).toEqual(['lies to']));
  it.each(['The village lies to the north of the lake.', 'He relied on lies to win the campaign.'])('not: %s', (text) => expect(loaded(text)).toEqual([]));
});

describe('loaded terms: from an audit of pages the rules were not tuned on', () => {
  const loaded = (text: string) => analyze(text, builtinPack()).findings.filter((f) => f.kind === 'loaded').map((f) => f.text);

  it.each([
    ['Yoon’s bewildering order shocked the country.', ['bewildering']],
    ['Users pay, not surprisingly, with Bitcoin.', ['not surprisingly']],
    ['Unsurprisingly, the vote failed.', ['Unsurprisingly']],
    ['Rumors abound about a sequel.', ['Rumors abound']],
    ['The beloved leader spoke for an hour.', ['beloved']],
  ])('%s', (text, expected) => {
    expect(loaded(text)).toEqual(expected);
  });

  it.each([
    'She was still grieving after losing her beloved husband.',
    'The rite ends with mud smeared on the foreheads of the dancers.',
  ])('nothing loaded in: %s', (text) => {
    expect(loaded(text)).toEqual([]);
  });
});

describe('loaded terms: words that take a side in war, abortion and elections', () => {
  it.each([
    ['The army liberated the town on Friday.', ['liberated']],
    ['Pro-life activists rallied; pro-choice groups answered.', ['Pro-life', 'pro-choice']],
    ['The radical left wants a new constitution.', ['radical left']],
    ['The rigged election was annulled.', ['rigged']],
    ['The new levy is a tax grab.', ['tax grab']],
    ['The president unveiled a bold plan.', ['bold']],
  ])('%s', (text, expected) => expect(texts(text)).toEqual(expected));

  it.each([
    'The internet liberated new forms of art.',
    'The hostages were liberated from the basement.',
    'The car was rigged with explosives.',
    'The new terms are printed in bold.',
    'Bold type marks new terms.',
    'I will make bold to look within.',
  ])('not: %s', (text) => expect(texts(text)).toEqual([]));
});

describe('loaded terms: a name that refuses to name a state', () => {
  it('flags "the Zionist entity" and "the Zionist regime" in narration and in quotation; not "Zionist" alone', () => {
    expect(texts('State television called Israel the Zionist regime.')).toEqual(['Zionist regime']);
    expect(loaded('“The Zionist entity will pay,” the group said.').map((f) => [f.text, f.quoted])).toEqual([['Zionist entity', true]]);
    expect(texts('The Zionist movement was founded in 1897.')).toEqual([]);
  });
});

describe('loaded terms: the words of a term joined by hyphens', () => {
  it('matches "baby-killers", "cash-grab", "power-grab" as "baby killers", "cash grab", "power grab"', () => {
    expect(texts('The baby-killers gathered outside the clinic. The scheme was a cash-grab, a power-grab by the council.')).toEqual(['baby-killers', 'cash-grab', 'power-grab']);
  });

  it('flags "gender ideology", spaced or joined', () => {
    expect(texts('Gender ideology is taught in schools, parents said of the gender-ideology lessons.')).toEqual(['Gender ideology', 'gender-ideology']);
  });

  it('never splits a hyphenated term: "so called" is no "so-called"', () => {
    expect(texts('The river is so called because of its colour.')).toEqual([]);
  });
});

describe('loaded terms in a view the text ascribes to someone', () => {
  const quoted = (text: string) => loaded(text).map((f) => [f.text, f.quoted === true]);
  it('marks a term in what someone worries, fears, is concerned about or sees something as as theirs (quoted)', () => {
    expect(quoted('Tunisians worry that extremists can easily get arms.')).toEqual([['extremists', true]]);
    expect(quoted('Residents fear the mobs will return.')).toEqual([['mobs', true]]);
    expect(quoted('The Press Council is concerned the laws would crush investigative journalism.')).toEqual([['crush', true]]);
    expect(quoted('Ennahda came under fire for what many Tunisians saw as a failure to crack down on extremists.')).toEqual([['extremists', true]]);
    expect(quoted('Critics saw the move as a power grab.')).toEqual([['power grab', true]]);
  });

  it('leaves the writer’s own view, a view nobody holds, and a worry about something in narration', () => {
    expect(quoted('I worry that extremists will win. We believe that the mobs were paid.')).toEqual([
      ['extremists', false],
      ['mobs', false],
    ]);
    expect(quoted('The move was seen as a power grab.')).toEqual([['power grab', false]]);
    expect(quoted('The police are concerned about the mobs.')).toEqual([['mobs', false]]);
    expect(quoted('The extremists worry the town.')).toEqual([['extremists', false]]);
  });

  it('reads German views: „Anwohner befürchten, dass …“, „Die Polizei ist besorgt, dass …“; not „Ich fürchte, dass …“', () => {
    const de = builtinPackFor('de')!;
    const quotedDe = (text: string) => analyze(text, de).findings.filter((f) => f.kind === 'loaded').map((f) => [f.text, f.quoted === true]);
    expect(quotedDe('Anwohner befürchten, dass der Mob zurückkehrt.')).toEqual([['Mob', true]]);
    expect(quotedDe('Die Polizei ist besorgt, dass der Mob zurückkehrt.')).toEqual([['Mob', true]]);
    expect(quotedDe('Ich fürchte, dass der Mob zurückkehrt. Der Mob zog durch die Stadt.')).toEqual([
      ['Mob', false],
      ['Mob', false],
    ]);
  });
});
