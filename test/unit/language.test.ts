// Language of an article: lang attribute subtags, stop-word detection on real text, and the pack chosen from both.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { packForArticle } from '../../src/core/builtin-packs';
import { detectLanguage, OTHER_LANGUAGE, primaryLanguage } from '../../src/core/language';

const fixtures = new URL('../fixtures/', import.meta.url);
const german = readFileSync(new URL('de/strassenbahn.txt', fixtures), 'utf8');
/** The seed article's visible text, tags stripped: real English news prose with its navigation and boilerplate. */
const english = readFileSync(new URL('pages/seed-kazakhstan.html', fixtures), 'utf8')
  .replace(/<(script|style)[^]*?<\/\1>/gi, ' ')
  .replace(/<[^>]+>/g, ' ');
// Written for these tests: ordinary news prose in French, and a passage of Chinese (no stop word of ours at all).
const french = 'Le conseil municipal a débattu mardi de la construction d’une nouvelle ligne de tramway vers le sud de la ville. Les habitants sont inquiets pour leur quartier, mais le maire estime que le projet est nécessaire.';
const chinese = '在采访中，我们了解到不少学子在出国前就每年守在电脑前观看两会直播。但是，随着年龄和阅历的增长，学子对两会的关注点在出国前后发生了很大的变化。'.repeat(8);

describe('primaryLanguage', () => {
  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['EN_us', 'en'],
    [' en-GB ', 'en'],
    ['', undefined],
    [null, undefined],
    ['x', undefined],
    ['12-34', undefined],
  ])('%j -> %j', (tag, expected) => {
    expect(primaryLanguage(tag)).toBe(expected);
  });
});

describe('detectLanguage', () => {
  it('reads the German fixture article as German', () => {
    expect(detectLanguage(german)).toBe('de');
  });

  it('reads the English seed article as English', () => {
    expect(detectLanguage(english)).toBe('en');
  });

  it('reads a single German paragraph as German and a single English one as English', () => {
    expect(detectLanguage(german.split('\n')[1]!)).toBe('de');
    expect(detectLanguage('The council said on Tuesday that the new line would cost about 140 million euros and that it was needed for the growing districts of the town.')).toBe('en');
  });

  it('does not guess on a headline', () => {
    expect(detectLanguage('Stadtrat streitet über neue Straßenbahnlinie')).toBeUndefined();
    expect(detectLanguage('Breaking: council votes on tram line')).toBeUndefined();
  });

  // Written for this test: a few sentences of ordinary news prose in each language.
  it.each([
    ['fr', french],
    ['es', 'El ayuntamiento aprobó el martes la construcción de una nueva línea de tranvía hacia el sur de la ciudad. Los vecinos están preocupados por sus barrios, pero el alcalde dijo que el proyecto es necesario.'],
    ['it', 'Il consiglio comunale ha discusso martedì della costruzione di una nuova linea del tram verso il sud della città. Gli abitanti sono preoccupati per il quartiere, ma il sindaco ritiene che il progetto sia necessario e che non ci sono alternative.'],
    ['pt', 'A câmara municipal aprovou na terça-feira a construção de uma nova linha de elétrico para o sul da cidade. Os moradores estão preocupados com o bairro, mas o presidente disse que o projeto é necessário e que não há alternativa.'],
    ['nl', 'De gemeenteraad heeft dinsdag het plan voor een nieuwe tramlijn naar het zuiden van de stad besproken. De bewoners maken zich zorgen over hun wijk, maar de burgemeester zegt dat het project nodig is en dat er geen alternatief is.'],
    ['sv', 'Kommunfullmäktige diskuterade på tisdagen planerna för en ny spårvagnslinje till den södra delen av staden. De boende är oroliga för sina kvarter, men borgmästaren säger att projektet är nödvändigt och att det inte finns något alternativ.'],
    ['pl', 'Rada miasta we wtorek dyskutowała nad budową nowej linii tramwajowej na południe miasta. Mieszkańcy są zaniepokojeni, ale prezydent miasta powiedział, że projekt jest potrzebny i że nie ma innej możliwości, która byłaby tańsza.'],
    ['cs', 'Zastupitelstvo v úterý jednalo o stavbě nové tramvajové trati na jih města. Obyvatelé se obávají o svou čtvrť, ale starosta řekl, že je projekt nutný a že jiná možnost, která by byla levnější, není.'],
    ['ru', 'Городской совет во вторник обсудил строительство новой трамвайной линии на юг города. Жители обеспокоены, но мэр сказал, что это необходимо и что другого пути нет, как он сказал на встрече с ними.'],
    ['tr', 'Belediye meclisi salı günü şehrin güneyine yeni bir tramvay hattı yapılmasını görüştü. Mahalle sakinleri bu proje için endişeli, ancak belediye başkanı projenin çok önemli olduğunu ve başka bir seçenek olmadığını söyledi.'],
  ])('reads a paragraph in %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('says "some other language" of a long text with none of its stop words', () => {
    expect(detectLanguage(chinese)).toBe(OTHER_LANGUAGE);
  });
});

describe('packForArticle', () => {
  it('takes the language the lang attribute names when the text does not say otherwise', () => {
    expect(packForArticle('de-DE', 'too short')?.language).toBe('de');
    expect(packForArticle('en', 'Breaking news')?.language).toBe('en');
    expect(packForArticle('en', english)?.language).toBe('en');
  });

  it('follows the text when there is no lang attribute, one we have no pack for, or a wrong one', () => {
    expect(packForArticle(null, german)?.language).toBe('de');
    expect(packForArticle('fr', german)?.language).toBe('de');
    expect(packForArticle(undefined, english)?.language).toBe('en');
    // A template copied from an English site: the German text decides.
    expect(packForArticle('en', german)?.language).toBe('de');
  });

  it('gives no pack to an article in another language, even under a wrong lang attribute', () => {
    expect(packForArticle('fr', french)).toBeUndefined();
    expect(packForArticle(null, french)).toBeUndefined();
    expect(packForArticle('en', french)).toBeUndefined();
    expect(packForArticle(null, chinese)).toBeUndefined();
  });

  it('reads an undecidable text without lang as English', () => {
    expect(packForArticle(null, 'Breaking')?.language).toBe('en');
  });
});
