// The German pack on a German news text (test/fixtures/de/): its attributions and loaded terms, and no English-lexicon flags.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import { BUILTIN_DE_META, BUILTIN_DE_SOURCES, compileBuiltin, serialiseCompiled } from '../../src/core/builtin-sources';
import { analyzeArticle, builtinPackFor } from '../../src/core/builtin-packs';
import { parseSourcePack, phraseWords, type LoadedTermsSource } from '../../src/core/compile';
import type { Finding } from '../../src/core/findings';

const dataDir = new URL('../../src/data/', import.meta.url);
const fixtures = new URL('../fixtures/de/', import.meta.url);
const text = readFileSync(new URL('strassenbahn.txt', fixtures), 'utf8').trimEnd();
const expected = JSON.parse(readFileSync(new URL('strassenbahn.expected.json', fixtures), 'utf8')) as { findings: Record<string, unknown>[] };
const de = builtinPackFor('de')!;

/** Each attribution's source and its type. */
const sources = (s: string) => analyze(s, de).findings.filter((f) => f.kind === 'attribution').map((f) => [f.source?.text, f.source?.type]);
/** Each attribution's cue, source and source type. */
const cuesAndSources = (s: string) => analyze(s, de).findings.filter((f) => f.kind === 'attribution').map((f) => [f.text, f.source?.text, f.source?.type]);

const summary = (f: Finding) => {
  const o: Record<string, unknown> = { kind: f.kind, text: f.text, ruleId: f.ruleId };
  if (f.source) ((o.source = f.source.text), (o.sourceType = f.source.type));
  if (f.quoted) o.quoted = true;
  return o;
};

describe('German pack', () => {
  it('compiled/builtin-de.ts is what scripts/compile-packs.ts writes now', () => {
    const raw = BUILTIN_DE_SOURCES.map((file) => JSON.parse(readFileSync(new URL(file, dataDir), 'utf8')) as unknown);
    const committed = readFileSync(new URL('compiled/builtin-de.ts', dataDir), 'utf8');
    expect(committed === serialiseCompiled(compileBuiltin(raw, BUILTIN_DE_SOURCES, BUILTIN_DE_META)), 'builtin-de.json is stale: run scripts/compile-packs.ts').toBe(true);
    expect(de.language).toBe('de');
  });

  it('finds the attributions and loaded terms of the German fixture, as reviewed in its expected JSON', () => {
    expect(analyze(text, de).findings.map(summary)).toEqual(expected.findings);
  });

  it('finds the attributions of the second German fixture, in the word orders German news uses, and nothing in its neutral sentences', () => {
    const haushalt = readFileSync(new URL('haushalt.txt', fixtures), 'utf8').trimEnd();
    const reviewed = JSON.parse(readFileSync(new URL('haushalt.expected.json', fixtures), 'utf8')) as { findings: Record<string, unknown>[] };
    const withOutlet = (f: Finding) => ({ ...summary(f), ...(f.source?.outlet ? { outlet: f.source.outlet.id } : {}) });
    expect(analyze(haushalt, de).findings.map(withOutlet)).toEqual(reviewed.findings);
  });

  it('finds "laut", "zufolge", "teilten mit", inverted "sagte X" and the sources they name', () => {
    const attributions = analyze(text, de).findings.filter((f) => f.kind === 'attribution');
    expect(attributions.map((f) => [f.text, f.source?.text])).toEqual(
      expect.arrayContaining([
        ['Laut den Verkehrsbetrieben', 'den Verkehrsbetrieben'],
        ['zufolge', 'Einem Gutachten des Umweltbundesamtes'],
        ['Die Verkehrsbetriebe teilten mit', 'Die Verkehrsbetriebe'],
        ['sagte Albers', 'Albers'],
      ]),
    );
  });

  it('knows state media by an adjective before the medium: "die staatliche Nachrichtenagentur", "der halbamtlichen", "der kremlnahe Sender"', () => {
    expect(sources('Die staatliche Nachrichtenagentur KCNA meldete, der Test sei gelungen. Der kremlnahe Sender NTV berichtete von Angriffen.')).toEqual([
      ['Die staatliche Nachrichtenagentur KCNA', 'state-affiliated'],
      ['Der kremlnahe Sender NTV', 'state-affiliated'],
    ]);
    expect(sources('Laut der halbamtlichen Nachrichtenagentur Fars wurde das Schiff festgesetzt. Das staatliche Fernsehen meldete, die Lage sei ruhig.')).toEqual([
      ['der halbamtlichen Nachrichtenagentur Fars', 'state-affiliated'],
      ['Das staatliche Fernsehen', 'state-affiliated'],
    ]);
    // A state authority is the government, not state media.
    expect(sources('Die staatliche Behörde teilte mit, die Lage sei ruhig.')).toEqual([['Die staatliche Behörde', 'government']]);
  });

  it('types the Foreign Office and the armed services as government, and a veteran of one as no longer theirs', () => {
    expect(sources('Ein Sprecher des Auswärtigen Amts sagte, man prüfe den Bericht. Die ukrainische Luftwaffe meldete, 40 Drohnen seien abgeschossen worden.')).toEqual([
      ['Ein Sprecher des Auswärtigen Amts', 'government'],
      ['Die ukrainische Luftwaffe', 'government'],
    ]);
    expect(sources('Die Marine erklärte, das Schiff sei gesunken. Ein Veteran der Marine sagte, die Lage sei ruhig.')).toEqual([
      ['Die Marine', 'government'],
      ['Ein Veteran der Marine', 'unknown'],
    ]);
  });

  it('reads past a number written with separators: "Die Gewerkschaft, die 5.000 Pflegekräfte vertritt, erklärte"', () => {
    expect(sources('Die Gewerkschaft, die 5.000 Pflegekräfte vertritt, erklärte, die Gespräche seien gescheitert.')).toEqual([['Die Gewerkschaft', 'expert-or-organisation']]);
  });

  it('finds a document that shows something ("Die Studie zeigt, dass", "legt nahe") and a report named with its outlet', () => {
    expect(sources('Die Studie zeigt, dass die Preise steigen. Eine Umfrage ergab, dass sie fallen. Ein Bericht der Zeitung legt nahe, dass sie steigen.')).toEqual([
      ['Die Studie', 'expert-or-organisation'],
      ['Eine Umfrage', 'expert-or-organisation'],
      ['Ein Bericht der Zeitung', 'news-outlet'],
    ]);
    expect(sources('Laut einem Bericht der Süddeutschen Zeitung ist der Vertrag gescheitert.')).toEqual([['einem Bericht der Süddeutschen Zeitung', 'news-outlet']]);
    // What people, pictures and teams show or take is no evidence: "zeigte sich zufrieden", "belegte den dritten Platz".
    expect(sources('Die Bilder zeigen einen Mann. Die Mannschaft belegte den dritten Platz. Der Minister zeigte sich zufrieden. Er legte die Karten auf den Tisch.')).toEqual([]);
  });

  it('ends an inverted source before a medium that may be who was told: "sagte der Minister der Zeitung"', () => {
    expect(sources('„Das ist falsch“, sagte der Minister der Zeitung. „Das stimmt“, sagte der Sprecher der Polizei.')).toEqual([
      ['der Minister', 'government'],
      ['der Sprecher der Polizei', 'government'],
    ]);
  });

  it('resolves "sie" to the role that spoke last, or to a body that spoke after it', () => {
    expect(sources('Die Ministerin sagte, die Straße sei gesperrt. Sie fügte hinzu, sie werde bald geöffnet.')).toEqual([
      ['Die Ministerin', 'government'],
      ['Sie', 'government'],
    ]);
    expect(sources('Die Ministerin sagte, die Straße sei gesperrt. Die Firma teilte mit, es gebe Verletzte. Sie sagte, der Fahrer sei geflohen.').map(([, type]) => type)).toEqual([
      'government',
      'expert-or-organisation',
      'expert-or-organisation',
    ]);
  });

  it('types a state or its capital speaking as its government, after an article too', () => {
    expect(sources('Russland teilte mit, die Gespräche seien gescheitert.')).toEqual([['Russland', 'government']]);
    expect(sources('Die USA teilten mit, die Grenze bleibe geschlossen.')).toEqual([['Die USA', 'government']]);
    expect(sources('Laut Moskau ist die Lage ruhig.')).toEqual([['Moskau', 'government']]);
  });

  it('types a party’s people as politicians, in compounds too ("CDU-Vorsitzende", "SPD-Chef", "Grünen-Politikerin")', () => {
    expect(sources('Der CDU-Vorsitzende Friedrich Merz sagte, die Lage sei ernst.')).toEqual([['Der CDU-Vorsitzende Friedrich Merz', 'government']]);
    expect(sources('SPD-Chef Lars Klingbeil sagte, die Lage sei ernst.')).toEqual([['SPD-Chef Lars Klingbeil', 'government']]);
    expect(sources('Die Grünen-Politikerin Anna Meier sagte, die Lage sei ernst.')).toEqual([['Die Grünen-Politikerin Anna Meier', 'government']]);
    // A title without a party says nothing of politics.
    expect(sources('Der Vorsitzende Friedrich Merz sagte, die Lage sei ernst.')).toEqual([['Der Vorsitzende Friedrich Merz', 'unknown']]);
  });

  it('types a source by the role before its name, between commas, and by the last part of a compound', () => {
    expect(sources('Der Präsident des Instituts, Paul Hartung, warnte vor neuen Schulden.')).toEqual([['Paul Hartung', 'expert-or-organisation']]);
    expect(sources('Der Sprecher des Innenministeriums, Paul Hartung, sagte, die Lage sei ruhig.')).toEqual([['Paul Hartung', 'government']]);
    expect(sources('Die Bundespolizei teilte mit, die Lage sei ruhig.')).toEqual([['Die Bundespolizei', 'government']]);
    expect(sources('Ein Wirtschaftsexperte sagte, die Lage sei ruhig.')).toEqual([['Ein Wirtschaftsexperte', 'expert-or-organisation']]);
    // A short word is no compound's end: a "Datenbank" is no bank, and its president is typed by his title.
    expect(sources('Der Präsident der Datenbank, Paul Hartung, sagte, die Lage sei ruhig.')).toEqual([['Paul Hartung', 'government']]);
  });

  it('finds outlets named after a word for a medium, without their article, or in lower case, and reads inflected adjectives', () => {
    const sources = (s: string) =>
      analyze(s, de).findings.filter((f) => f.kind === 'attribution').map((f) => [f.source?.text, f.source?.type, f.source?.outlet?.id ?? null]);
    expect(sources('Der staatliche Sender RT behauptete, die Gespräche seien gescheitert.')).toEqual([['Der staatliche Sender RT', 'state-affiliated', 'rt']]);
    expect(sources('Wie die Nachrichtenagentur dpa meldete, sind die Gespräche gescheitert.')).toEqual([['die Nachrichtenagentur dpa', 'wire-service', 'deutsche-presse-agentur']]);
    expect(sources('Die Agentur Reuters berichtete, die Lage sei ruhig.')).toEqual([['Die Agentur Reuters', 'wire-service', 'reuters']]);
    expect(sources('Das ZDF meldete, die Lage sei ruhig. Die taz schrieb, der Platz bleibe gesperrt.')).toEqual([
      ['Das ZDF', 'news-outlet', 'zdf'],
      ['Die taz', 'news-outlet', 'taz'],
    ]);
    expect(sources('Der russische Präsident Wladimir Putin sagte, die Gespräche seien gescheitert.')).toEqual([['Der russische Präsident Wladimir Putin', 'government', null]]);
    expect(sources('Laut der russischen Regierung sind die Gespräche gescheitert.')).toEqual([['der russischen Regierung', 'government', null]]);
    // Unnamed: a common noun is no name because German writes it with a capital (and a spokesman after no body the
    // text named speaks for no one it says).
    expect(sources('Ein Sprecher sagte, die Lage sei ernst. Informierte Kreise berichteten dasselbe.')).toEqual([
      ['Ein Sprecher', 'unknown', null],
      ['Informierte Kreise', 'anonymous', null],
    ]);
    expect(sources('Der Minister fügte hinzu, die Grenze bleibe offen. Die Firma meldete Insolvenz an.')).toEqual([['Der Minister', 'government', null]]);
  });

  it('finds the speaker after the verb when the clause opens with an adverbial or "Das", and a particle that closes the clause', () => {
    expect(cuesAndSources('Am Montag sagte der Minister, die Lage sei ernst.')).toEqual([['sagte der Minister', 'der Minister', 'government']]);
    expect(cuesAndSources('Nach der Sitzung berichtete die Zeitung, der Rat habe entschieden.')).toEqual([['berichtete die Zeitung', 'die Zeitung', 'news-outlet']]);
    expect(cuesAndSources('Das berichtete die FAZ am Montag.')).toEqual([['berichtete die FAZ', 'die FAZ', 'news-outlet']]);
    expect(cuesAndSources('Dies teilte das Ministerium mit.')).toEqual([['teilte das Ministerium', 'das Ministerium', 'government']]);
    expect(cuesAndSources('Die Stadt teilte am Mittwoch mit, die Linie werde eingestellt.')).toEqual([['Die Stadt teilte', 'Die Stadt', 'government']]);
    // The subject first: the dative after the verb is the listener, not the speaker; "an" that is no particle is no cue.
    expect(cuesAndSources('Das Ministerium sagte der Zeitung, die Lage sei ernst.')).toEqual([['Das Ministerium sagte', 'Das Ministerium', 'government']]);
    expect(cuesAndSources('Er kündigte seinen Job an der Universität.')).toEqual([]);
    // A particle that closes the clause of a verb of saying makes another verb; an adverbial opening a clause is no subject.
    expect(cuesAndSources('Der Minister sagte den Termin ab. Die Firma meldete im Juli Insolvenz an. Während der Sitzung sagte kaum jemand etwas.')).toEqual([]);
    expect(cuesAndSources('Die Fraktionschefin Katharina Dröge sprach von einem faulen Kompromiss.')).toEqual([
      ['Die Fraktionschefin Katharina Dröge sprach von', 'Die Fraktionschefin Katharina Dröge', 'government'],
    ]);
  });

  it('finds a separable verb written as one word at the end of a clause: „wie die Polizei mitteilte“', () => {
    expect(cuesAndSources('Wie die Polizei mitteilte, wurden drei Menschen verletzt.')).toEqual([['die Polizei mitteilte', 'die Polizei', 'government']]);
    expect(cuesAndSources('Die Linie wird eingestellt, wie die Stadt ankündigte.')).toEqual([['die Stadt ankündigte', 'die Stadt', 'government']]);
  });

  it('types sources and bare groups as unnamed, as in English; one researcher („ein Forscher“) is an expert', () => {
    expect(sources('Experten warnen vor einer Rezession.')).toEqual([['Experten', 'anonymous']]);
    expect(sources('Die Quelle sagte, der Plan sei tot.')).toEqual([['Die Quelle', 'anonymous']]);
    expect(sources('Einige Forscher sagten, die Daten seien falsch.')).toEqual([['Einige Forscher', 'anonymous']]);
    expect(sources('Ein Forscher sagte, die Daten seien falsch.')).toEqual([['Ein Forscher', 'expert-or-organisation']]);
    expect(sources('Die Forscher sagten, die Daten seien falsch.')).toEqual([['Die Forscher', 'expert-or-organisation']]);
    expect(sources('Anwohner berichteten von einem lauten Knall.')).toEqual([['Anwohner', 'anonymous']]);
  });

  it('knows the speaker of a quotation closed by “: „…?“, fragte sie; „…“, antwortete X; not „Die Kinder fragten nach dem Weg“', () => {
    const rules = (s: string) => analyze(s, de).findings.filter((f) => f.kind === 'attribution').map((f) => [f.text, f.ruleId]);
    expect(rules('Die Stadt plant eine Brücke über den Fluss. „Ist das nicht zu teuer?“, fragte sie. „Das Geld ist da“, antwortete Bürgermeister Klaus Meier.')).toEqual([
      ['fragte sie', 'attribution:quote-speaker'],
      ['antwortete Bürgermeister Klaus Meier', 'attribution:quote-speaker'],
    ]);
    expect(rules('Die Stadt plant eine Brücke über den Fluss. Die Kinder fragten nach dem Weg. Er rief die Polizei.')).toEqual([]);
  });

  it('gives „Viele von ihnen sagten“ the type of the group that spoke last', () => {
    expect(sources('Die Beamten des Innenministeriums sagten, die Lage sei ruhig. Viele von ihnen sagten, sie hätten es im Radio gehört.')).toEqual([
      ['Die Beamten des Innenministeriums', 'government'],
      ['Viele von ihnen', 'government'],
    ]);
  });

  it('knows the verbs of saying the English pack knows: zugeben, bestreiten, dementieren, hervorheben, feststellen, vorwerfen …', () => {
    expect(cuesAndSources('Kritiker werfen der Regierung Versagen vor.')).toEqual([['Kritiker werfen', 'Kritiker', 'anonymous']]);
    expect(cuesAndSources('Der Minister gab zu, Fehler gemacht zu haben.')).toEqual([['Der Minister gab zu', 'Der Minister', 'government']]);
    expect(cuesAndSources('Der Konzern bestritt die Vorwürfe.')).toEqual([['Der Konzern bestritt', 'Der Konzern', 'expert-or-organisation']]);
    expect(cuesAndSources('Die Ministerin hob hervor, die Lage sei ernst.')).toEqual([['Die Ministerin hob hervor', 'Die Ministerin', 'government']]);
    expect(cuesAndSources('Die Gewerkschaft beklagte, die Löhne seien zu niedrig.')).toEqual([['Die Gewerkschaft beklagte', 'Die Gewerkschaft', 'expert-or-organisation']]);
    // Another verb: a particle closes the clause ("ausgeben"), "stellte … vor" is no "feststellen", "beklagte sich" no claim.
    expect(cuesAndSources('Er gab zu viel Geld aus. Der Staat gab zu wenig Geld für Schulen aus. Er stellte das Buch vor. Der Vorstand beklagte sich über die Lage.')).toEqual([]);
  });

  it('types a company’s role joined to its name as the company’s, and a party’s as a politician’s', () => {
    expect(sources('Volkswagen-Chef Oliver Blume sagte, die Lage sei ernst.')).toEqual([['Volkswagen-Chef Oliver Blume', 'expert-or-organisation']]);
    expect(sources('Die Siemens-Chefin sagte, die Lage sei ernst.')).toEqual([['Die Siemens-Chefin', 'expert-or-organisation']]);
    expect(sources('CDU-Chef Friedrich Merz sagte, die Lage sei ernst.')).toEqual([['CDU-Chef Friedrich Merz', 'government']]);
  });

  it('types a bare company name the text shows to be a company’s, a company named by its trade, and a party speaking', () => {
    // What the text says elsewhere makes "Siemens" a company: its chief, its suffix, a spokesman "von Siemens".
    expect(sources('Siemens-Chef Roland Busch zeigte sich zufrieden. Siemens teilte am Montag mit, der Umsatz sei gestiegen.')).toEqual([['Siemens', 'expert-or-organisation']]);
    expect(sources('Die Siemens AG teilte mit, der Umsatz sei gestiegen. Siemens erklärte, man wolle wachsen.')).toEqual([
      ['Die Siemens AG', 'expert-or-organisation'],
      ['Siemens', 'expert-or-organisation'],
    ]);
    expect(sources('Der Chef von Infineon war nicht erreichbar. Infineon sagte, die Nachfrage sei hoch.')).toEqual([['Infineon', 'expert-or-organisation']]);
    // Without such a sign the name stays unknown, and a party's chief makes no company of the party.
    expect(sources('Siemens teilte am Montag mit, der Umsatz sei gestiegen.')).toEqual([['Siemens', 'unknown']]);
    expect(sources('Der Autobauer sagte, die Nachfrage sei schwach.')).toEqual([['Der Autobauer', 'expert-or-organisation']]);
    expect(sources('Die Fluggesellschaft Lufthansa sagte, die Flüge fielen aus.')).toEqual([['Die Fluggesellschaft Lufthansa', 'expert-or-organisation']]);
    expect(sources('CDU-Chef Friedrich Merz kritisierte das. Die CDU erklärte, man sei dagegen.')).toEqual([['Die CDU', 'government']]);
  });

  it('finds who spoke, not who was told: „Der Zeitung sagte er“, „Gegenüber der dpa sagte Müller“, „wie ein Sprecher auf Anfrage mitteilte“', () => {
    expect(sources('Der Zeitung sagte er, das sei falsch. Dem Sender sagte sie, das sei richtig.')).toEqual([
      ['er', 'unknown'],
      ['sie', 'unknown'],
    ]);
    expect(sources('Gegenüber der Deutschen Presse-Agentur sagte Müller, das sei falsch.')).toEqual([['Müller', 'unknown']]);
    // A pronoun after the verb of a subject that is no medium is its object: „Der Minister warnte sie“.
    expect(sources('Der Minister warnte sie, das sei gefährlich.')).toEqual([['Der Minister', 'government']]);
    expect(sources('Wie ein Sprecher des Konzerns auf Anfrage mitteilte, sind 500 Stellen betroffen.')).toEqual([['ein Sprecher des Konzerns', 'expert-or-organisation']]);
    expect(sources('Die Polizei teilte in einer Mitteilung mit, der Täter sei flüchtig.')).toEqual([['Die Polizei', 'government']]);
  });

  it('resolves „er“, „sie“ and „es“ to the person or the body they stand for, by title and article', () => {
    const antecedents = (s: string) =>
      analyze(s, de)
        .findings.filter((f) => f.kind === 'attribution')
        .map((f) => [f.source?.text, f.source?.type, f.source?.antecedent?.text]);
    // A man described in passing before his name; the woman quoted by her surname is not "er".
    expect(antecedents('Oberbürgermeisterin Katrin Albers sagte, die Linie bleibe. Der Fraktionschef der Bürgerliste, Michael Brandt, kritisierte die Pläne. Das sei zu teuer, erklärte er.')).toEqual([
      ['Oberbürgermeisterin Katrin Albers', 'government', undefined],
      ['er', 'government', 'Michael Brandt'],
    ]);
    // A body's pronoun agrees with its article: "die Polizei" is "sie", "das Ministerium" "es", "der Konzern" never "sie".
    expect(sources('Die Polizei sagte, der Täter sei flüchtig. Sie teilte außerdem mit, es gebe keine Verletzten.')).toEqual([
      ['Die Polizei', 'government'],
      ['Sie', 'government'],
    ]);
    expect(sources('Das Ministerium teilte mit, die Linie bleibe. Es erklärte, man prüfe alles.')).toEqual([
      ['Das Ministerium', 'government'],
      ['Es', 'government'],
    ]);
    expect(sources('Der Konzern teilte mit, die Linie bleibe. Sie erklärte, man prüfe alles.')).toEqual([
      ['Der Konzern', 'expert-or-organisation'],
      ['Sie', 'unknown'],
    ]);
    // "sie" with a plural verb is "they": the group that spoke last, never a body.
    expect(sources('Die Polizei sagte, der Täter sei flüchtig. Sie teilten mit, es gebe keine Verletzten.')).toEqual([
      ['Die Polizei', 'government'],
      ['Sie', 'unknown'],
    ]);
    expect(sources('Die Behörden teilten mit, die Lage sei ruhig. Sie erklärten außerdem, es gebe keine Verletzten.')).toEqual([
      ['Die Behörden', 'government'],
      ['Sie', 'government'],
    ]);
  });

  it('reads the word orders and forms of German news: „wie X die Vorwürfe zurückwies“, „Die Regierung in Moskau“, „des Spiegels“', () => {
    // In a clause whose verb comes last, the subject opens it; an object may stand before the verb.
    expect(sources('Wie die Regierung die Vorwürfe zurückwies, ist unklar.')).toEqual([['die Regierung', 'government']]);
    expect(sources('Die Regierung in Moskau wies die Vorwürfe zurück.')).toEqual([['Die Regierung in Moskau', 'government']]);
    // A name ends the source: "der Zeitung" is who was told, "in Berlin" where.
    expect(sources('Das sagte Müller der Bild-Zeitung. Das sagte Albers in Berlin.')).toEqual([
      ['Müller', 'unknown'],
      ['Albers', 'unknown'],
    ]);
    // An outlet in the genitive or in a compound: „nach Informationen des Spiegels“, „nach SZ-Informationen“, „Der ARD-Korrespondent“.
    expect(sources('Nach Informationen des Spiegels plant die Regierung neue Steuern.')).toEqual([['des Spiegels', 'news-outlet']]);
    expect(sources('Nach SZ-Informationen plant die Regierung neue Steuern.')).toEqual([['SZ-Informationen', 'news-outlet']]);
    expect(sources('Der ARD-Korrespondent berichtete, die Lage sei ruhig.')).toEqual([['Der ARD-Korrespondent', 'news-outlet']]);
    expect(sources('Er wies den Weg.')).toEqual([]);
    // A role's preposition after a name keeps the body: „Müller vom Verband“; where the statement came from: „hieß es von der Polizei“.
    expect(sources('Die Lage sei ernst, sagte Müller vom Verband.')).toEqual([['Müller vom Verband', 'expert-or-organisation']]);
    expect(sources('Der Täter sei geflohen, hieß es von der Polizei. Die Lage sei ernst, hieß es aus Regierungskreisen.')).toEqual([
      ['der Polizei', 'government'],
      ['Regierungskreisen', 'anonymous'],
    ]);
  });

  it('types an office whose name ends in a news "Agentur" as an office, and a news agency as a medium', () => {
    expect(sources('Wie die Bundesagentur für Arbeit mitteilte, sank die Zahl der Arbeitslosen.')).toEqual([['die Bundesagentur für Arbeit', 'government']]);
    expect(sources('Die Agentur für Arbeit teilte mit, die Zahl sei gesunken.')).toEqual([['Die Agentur für Arbeit', 'government']]);
    expect(sources('Die Agentur meldete, der Zug sei entgleist.')).toEqual([['Die Agentur', 'news-outlet']]);
  });

  it('reads the clause after "sagen," as the speaker’s words, and the plural present as a verb of saying', () => {
    const findings = analyze('Kritiker sagen, das Gesetz sei ein Debakel. Der Entwurf ist ein Debakel.', de).findings;
    expect(findings.filter((f) => f.kind === 'attribution').map((f) => f.text)).toEqual(['Kritiker sagen']);
    expect(findings.filter((f) => f.text === 'Debakel').map((f) => f.quoted ?? false)).toEqual([true, false]);
    expect(analyze('Er wollte dazu nichts sagen. Die Mannschaft behauptete sich.', de).findings.filter((f) => f.kind === 'attribution')).toEqual([]);
  });

  it('reads an outlet’s name in quotation marks as the name, and a quotation as a quotation', () => {
    const found = (s: string) =>
      analyze(s, de).findings.filter((f) => f.kind === 'attribution').map((f) => [f.text, f.source?.text, f.source?.outlet?.id ?? null]);
    expect(found('Wie der „Spiegel“ berichtet, sind die Gespräche gescheitert.')).toEqual([['der „Spiegel“ berichtet', 'der „Spiegel“', 'der-spiegel']]);
    expect(found('Laut „Bild“ sind die Gespräche gescheitert.')).toEqual([['Laut „Bild“', '„Bild“', 'bild']]);
    expect(found('Die „Süddeutsche Zeitung“ berichtete, die Lage sei ruhig.')).toEqual([['Die „Süddeutsche Zeitung“ berichtete', 'Die „Süddeutsche Zeitung“', 'sueddeutsche-zeitung']]);
    // A quotation stays one, and the speaker who tells a paper is found after it.
    const quoted = analyze('„Die Lage ist ernst“, sagte der Minister dem „Spiegel“.', de);
    expect(quoted.findings.filter((f) => f.kind === 'attribution').map((f) => [f.text, f.source?.text])).toEqual([['sagte der Minister', 'der Minister']]);
  });

  it('flags nothing on the German text with the English pack, and the lang attribute or detection picks the German one', () => {
    expect(analyze(text, builtinPackFor('en')!).findings).toEqual([]);
    expect(analyzeArticle(text, null).findings.map(summary)).toEqual(expected.findings);
    expect(analyzeArticle(text, 'de-DE').findings.length).toBe(expected.findings.length);
    expect(analyzeArticle('Der Stadtrat hat am Dienstag beraten. Le maire a dit que la ligne est un scandale.', 'fr').findings).toEqual([]);
  });

  it('follows a German paywall widget over its plan, its terms and its payment lines, from the pack’s own widget words', () => {
    const text = [
      'Der Bundestag hat am Donnerstag den Haushalt für das kommende Jahr beschlossen, und die Opposition hat dagegen gestimmt.',
      'Jetzt Digital-Abo abschließen und weiterlesen',
      'Monatlich',
      'Jederzeit kündbar',
      'Bezahlen Sie bequem mit PayPal oder Kreditkarte',
      'Die Ausgaben steigen demnach um drei Prozent auf 480 Milliarden Euro.',
    ].join('\n');
    const promotional = analyze(text, de).findings.filter((f) => f.kind === 'boilerplate').map((f) => f.text);
    expect(promotional.join(' / ')).toBe('Jetzt Digital-Abo abschließen und weiterlesen / Monatlich / Jederzeit kündbar / Bezahlen Sie bequem mit PayPal oder Kreditkarte');
  });

  it('flags a prompt to switch on notifications and a „Mehr aus …“ link line; not a report of either', () => {
    const text = [
      'Der Bundestag hat am Donnerstag den Haushalt für das kommende Jahr beschlossen, und die Opposition hat dagegen gestimmt.',
      'Aktivieren Sie Push-Benachrichtigungen, um nichts zu verpassen.',
      'Mehr aus Politik',
      'Die Behörde bat die Bürger, Warn-Benachrichtigungen zu aktivieren, sagte ein Sprecher.',
      'Mehr aus dem Ministerium war nicht zu erfahren.',
    ].join('\n');
    const promotional = analyze(text, de).findings.filter((f) => f.kind === 'boilerplate').map((f) => f.text);
    expect(promotional).toEqual(['Aktivieren Sie Push-Benachrichtigungen, um nichts zu verpassen.', 'Mehr aus Politik']);
  });

  it('flags the German words for the mission’s own examples: „Mob“, „radikale Elemente“, „unterwandert“, „Terroristen“, „Chaoten“', () => {
    const loaded = (s: string) => analyze(s, de).findings.filter((f) => f.kind === 'loaded').map((f) => f.text);
    expect(loaded('Die Proteste wurden von radikalen Elementen unterwandert, und der Mob zog durch die Straßen.')).toEqual(['radikalen Elementen', 'unterwandert', 'Mob']);
    expect(loaded('Die Terroristen griffen das Dorf an. Die Chaoten randalierten.')).toEqual(['Terroristen', 'Chaoten']);
    expect(loaded('Der Flashmob tanzte. Die Polizei nahm die Terrorverdächtigen fest.')).toEqual([]);
  });

  it('knows a party the text names one („die Tamra-Partei“, „die Partei Tamra“), and a relative as a private person', () => {
    for (const party of ['die Tamra-Partei', 'die Partei Tamra']) {
      expect(sources(`Bei der Wahl siegte ${party}. Der Vorsitzende der Tamra, Sami Haddad, sagte am Montag, das Ergebnis sei klar.`)).toEqual([['Sami Haddad', 'government']]);
    }
    expect(sources('Der Vorsitzende der Tamra, Sami Haddad, sagte am Montag, das Ergebnis sei klar.')).toEqual([['Sami Haddad', 'unknown']]);
    expect(sources('Die Frau des Ministers sagte am Montag, sie sei müde.')).toEqual([['Die Frau des Ministers', 'unknown']]);
  });

  it('finds one of a group speaking with its noun left out, after a quotation: „…“, sagte einer; „…“, sagte eine andere', () => {
    expect(sources('Die Beamten sagten, der Plan sei gescheitert. „Das ist schlimm“, sagte einer. „Wir sind müde“, sagte eine andere.')).toEqual([
      ['Die Beamten', 'government'],
      ['einer', 'government'],
      ['eine andere', 'government'],
    ]);
    expect(sources('„Das ist schlimm“, sagte eine Sprecherin.')).toEqual([['eine Sprecherin', 'unknown']]);
  });

  it('flags a claim passed on with no speaker, as the English pack flags "it is said": „Es hieß“, „es wurde berichtet“; not „was es heißt“', () => {
    const loaded = (s: string) => analyze(s, de).findings.filter((f) => f.kind === 'loaded').map((f) => f.ruleId);
    expect(loaded('Die Stadt plant eine Brücke. Es hieß, der Bau werde teurer. Es wurde berichtet, dass die Kosten steigen.')).toEqual(['loaded:es-hiess', 'loaded:es-wird-berichtet']);
    expect(loaded('Es ist kein Geheimnis, dass die Stadt sparen muss. Viele sagen, die Brücke sei unnötig.')).toEqual(['loaded:es-ist-kein-geheimnis', 'loaded:viele-sagen']);
    expect(loaded('Die Stadt plant eine Brücke. Sie weiß, was es heißt, zu sparen.')).toEqual([]);
  });

  it('matches German nouns only with their capital (exact case) and lets a neutral sentence pass', () => {
    const found = (s: string) => analyze(s, de).findings.filter((f) => f.kind === 'loaded').map((f) => f.text);
    expect(found('Die Opposition sprach von einem Skandal.')).toEqual(['Skandal']);
    expect(found('Die Asyltouristen kamen über die Grenze. Der Schurkenstaat drohte mit Raketen.')).toEqual(['Asyltouristen', 'Schurkenstaat']);
    expect(found('Der Stadtrat hat am Dienstag über den Haushalt beraten und ihn mit großer Mehrheit beschlossen.')).toEqual([]);
  });

  it('has a why, an alternative and its provenance for every loaded term, sorted by id, no form claimed twice', () => {
    const pack = parseSourcePack(JSON.parse(readFileSync(new URL('de/loaded-terms.json', dataDir), 'utf8')), 'de/loaded-terms.json') as LoadedTermsSource;
    expect(pack.language).toBe('de');
    expect(pack.description).toMatch(/written for this project/);
    expect(pack.entries.length).toBeGreaterThanOrEqual(30);
    const ids = pack.entries.map((entry) => entry.id);
    expect(ids).toEqual([...ids].sort());
    const forms = pack.entries.flatMap((entry) => [...new Set([entry.term, ...(entry.forms ?? [])])].map((form) => phraseWords(form).join(' ')));
    expect(forms.filter((form, i) => forms.indexOf(form) !== i), 'a surface form claimed by two entries').toEqual([]);
    for (const entry of pack.entries) {
      expect(entry.why, entry.id).toMatch(/^\S.*[.?!]$/);
      expect(entry.alternative.length, entry.id).toBeGreaterThan(2);
    }
  });
});

describe('German pack: a raised voice as a quotation’s tag, and "sagte nichts"', () => {
  it('finds „…“, schrie der Mann and „…“, skandierten die Demonstranten; only as a tag', () => {
    expect(sources('„Hau ab!“, schrie der Mann. „Wir sind das Volk“, skandierten die Demonstranten.')).toEqual([
      ['der Mann', 'unknown'],
      ['die Demonstranten', 'unknown'],
    ]);
    expect(sources('Der Mann schrie vor Schmerz.')).toEqual([]);
  });

  it('reads no claim in "sagte nichts", but one in "sagte, nichts habe sich geändert"', () => {
    expect(sources('Der Polizist sagte nichts. Der Sprecher sagte nichts dazu.')).toEqual([]);
    expect(sources('Der Polizist sagte, nichts habe sich geändert.')).toEqual([['Der Polizist', 'unknown']]);
  });
});

describe('German pack: the press named by where it is', () => {
  it('types „Russische Medien berichteten“ and „Örtliche Medien meldeten“ as news outlets', () => {
    expect(sources('Russische Medien berichteten, drei Menschen seien gestorben. Örtliche Medien meldeten, es seien mehr.')).toEqual([
      ['Russische Medien', 'news-outlet'],
      ['Örtliche Medien', 'news-outlet'],
    ]);
  });
});

describe('German pack: a name that refuses to name a state', () => {
  it('flags „zionistisches Gebilde“ and „zionistisches Regime“ in their declined forms', () => {
    const found = (s: string) => analyze(s, de).findings.filter((f) => f.kind === 'loaded').map((f) => f.text);
    expect(found('Die Miliz drohte dem zionistischen Gebilde. Das Staatsfernsehen sprach vom zionistischen Regime.')).toEqual(['zionistischen Gebilde', 'zionistischen Regime']);
    expect(found('Die zionistische Bewegung entstand im 19. Jahrhundert.')).toEqual([]);
  });
});

describe('German pack: a judgement with "als"', () => {
  it('finds „bezeichnete die Berichte als falsch“ and „kritisierte den Plan als unzureichend“; not „kritisierte den Plan“', () => {
    expect(sources('Der Kreml bezeichnete die Berichte als falsch. Die Opposition kritisierte den Plan als unzureichend.')).toEqual([
      ['Der Kreml', 'government'],
      ['Die Opposition', 'government'],
    ]);
    expect(sources('Der Minister kritisierte den Plan. Sie bezeichnete sich selbst nie.')).toEqual([]);
  });
});

describe('German pack: a second verb of the subject after a comma', () => {
  it('finds „lehnte eine Stellungnahme ab, bestätigte aber die Festnahmen“ and „…, sagte jedoch, …“', () => {
    expect(sources('Der Polizeisprecher lehnte eine Stellungnahme ab, bestätigte aber die Festnahmen.')).toEqual([['Der Polizeisprecher', 'government']]);
    expect(sources('Die Ministerin wollte sich nicht äußern, sagte jedoch, die Gespräche gingen weiter.')).toEqual([['Die Ministerin', 'government']]);
  });
});

describe('German pack: whom a spokesperson speaks for', () => {
  it('types „Ein Sprecher“ by the body the text named last, and „sein Sprecher“ by the body „sein“ stands for', () => {
    expect(sources('Die Polizei nahm am Freitag zwei Männer fest. Ein Sprecher sagte, die Ermittlungen dauerten an.')).toEqual([['Ein Sprecher', 'government']]);
    expect(sources('Der Konzern wollte sich nicht äußern. Ein Sprecher sagte nur, man prüfe den Bericht.')).toEqual([['Ein Sprecher', 'expert-or-organisation']]);
    expect(sources('Das Ministerium wies die Berichte zurück. Sein Sprecher sagte, sie seien falsch.')).toEqual([
      ['Das Ministerium', 'government'],
      ['Sein Sprecher', 'government'],
    ]);
    expect(sources('Ein Konzernsprecher sagte, die Zahlen seien vorläufig.')).toEqual([['Ein Konzernsprecher', 'expert-or-organisation']]);
  });
});
