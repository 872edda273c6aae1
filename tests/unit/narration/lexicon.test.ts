// The pronunciation lexicon: every entry changes the spoken text of a sentence (or an Editor's
// aside) that contains it, the displayed text never changes, a sentence that explains a spelling
// keeps its names as written, number ranges read "to", and each respelling is the one checked
// with espeak-ng (its IPA is recorded in lexicon.json).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../../src/content/load.ts';
import { compileLexicon, defaultLexicon, explainsSpelling } from '../../../src/narration/lexicon.ts';
import { buildNarrationScript } from '../../../src/narration/script.ts';

const edition = loadEdition('src/content/source/kollontai-1939.edition.md');
const lexicon = defaultLexicon();
const script = buildNarrationScript(edition, lexicon);
const asides = Object.values(script.asides);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const containsWord = (text: string, word: string) => new RegExp(`(?<!\\p{L})${escape(word)}(?!\\p{L})`, 'u').test(text);

/** Every text the narration speaks: the edition's sentences and the Editor's asides. */
const texts = [...edition.sentences.map((s) => s.text), ...asides.map((a) => a.text)];

describe('lexicon names', () => {
  for (const entry of lexicon.data.names) {
    it(`"${entry.written}" is spoken as "${entry.spoken}" in the edition's own sentences and asides`, () => {
      const uses = texts.filter((text) => containsWord(text, entry.written) && !explainsSpelling(text));
      expect(uses.length, `no sentence or aside of the edition says ${entry.written}`).toBeGreaterThan(0);
      for (const text of uses) {
        const spoken = lexicon.toSpoken(text);
        expect(spoken).not.toBe(text);
        expect(spoken).toContain(entry.spoken);
        expect(containsWord(spoken, entry.written)).toBe(false);
      }
    });
  }

  it('spoken forms are lower case (capitals and hyphens are read letter by letter)', () => {
    for (const entry of lexicon.data.names) expect(entry.spoken).toMatch(/^[a-z ]+$/);
  });

  it('every name has a guide and the espeak-ng IPA it was checked with', () => {
    for (const entry of lexicon.data.names) {
      expect(entry.guide, entry.written).toMatch(/\S/);
      expect(entry.ipa, entry.written).toMatch(/\S/);
    }
  });

  // The respellings checked against ../shared/editorial/FACTS.md (and, for names it does not give,
  // the usual Russian or Finnish stress) with espeak-ng en-us/en-gb, flite -ps and festival.
  it.each([
    // written, spoken, espeak-ng -v en-us --ipa
    ['Vyacheslav', 'veeah chess laav', 'vˈiːə tʃˈɛs lˈɑːv'], // vya-cheh-SLAHV (was "vyacheh slahv": vˈaɪɐtʃˌeɪ, "vai-")
    ['Daladier', 'dahlahd yay', 'dˈɑːlɑːd jˈeɪ'], // da-la-DYAY (was "dahlah dyay": dˈaɪeɪ, "die-ay")
    ['Dmitri', 'dmitri', 'dəmˈiːtɹi'], // DMEE-tree (was "dimitri": dɪmˈɪtɹi; a capital D makes flite spell it)
    ['Tver', 'tuvyare', 'tˈʌvjɛɹ'], // tvyer (was "tuh vair": no palatal; "tver"/"tvyer" are read "T V…")
    ['Trush', 'troosh', 'tɹˈuːʃ'], // as written: tɹˈʌʃ ("trush" as in brush)
    ['Mikhail', 'mee kah yeel', 'mˈiː kˈɑː jˈiːl'], // as written: mˈɪkaɪl
    ['Soyuz', 'sah yooz', 'sˈɑː jˈuːz'], // as written: sˈɔɪʌz
    ['Informatsionno-izdatelskiy', 'infor mahtsee onno iz dahtel skee', 'ɪnfɔːɹ mˈɑːtsiː ˈɑːnoʊ ˈɪz dˈɑːɾəl skˈiː'],
    ['Sovetskaya', 'sah vee yet skaya', 'sˈɑː vˈiː jˈɛt skˈɑːjə'], // as written: soʊvtskˈɑːjɚ
    ['Rossiya', 'rah seeya', 'ɹˈɑː sˈiːjə'], // as written: ɹˈɔsɪjə
    ['Mainila', 'mynee lah', 'mˈaɪniː lˈɑː'], // as written: meɪnˈɪlə
    ['Hanko', 'hahnko', 'hˈɑːŋkoʊ'], // as written: hˈæŋkoʊ
    ['Kulikovo', 'koo lee kovo', 'kˈuː lˈiː kˈoʊvoʊ'], // as written: kjˌʊlɪkˈoʊvoʊ
    ['Mamai', 'mah my', 'mˈɑː mˈaɪ'], // as written: mˈæmaɪ
    ['Izmail', 'iz mah yeel', 'ˈɪz mˈɑː jˈiːl'], // as written: ˈɪzmeɪl
    ['oprichnina', 'ah preech nee nah', 'ˈɑː pɹˈiːtʃ nˈiː nˈɑː'], // as written: ˈɑːpɹɪtʃnˌɪnə
    ['Astrakhan', 'astra kahn', 'ˈæstɹə kˈɑːn'], // as written: ˈæstɹækhən
    ['Kazan', 'kah zahn', 'kˈɑː zˈɑːn'], // as written: kˈæzən
  ])('%s is spoken "%s" (espeak-ng: %s)', (written, spoken, ipa) => {
    const entry = lexicon.data.names.find((n) => n.written === written);
    expect(entry).toMatchObject({ spoken, ipa });
    expect(lexicon.toSpoken(`He met ${written}.`)).toBe(`He met ${spoken}.`);
  });

  const espeak = (() => {
    try {
      execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!espeak)('each recorded IPA is what espeak-ng says for the spoken form (re-check a respelling when it differs)', () => {
    for (const entry of lexicon.data.names) {
      const ipa = execFileSync('espeak-ng', ['-v', 'en-us', '--ipa', '-q', entry.spoken], { encoding: 'utf8' }).trim();
      expect(ipa, entry.written).toBe(entry.ipa);
    }
  }, 60_000);
});

describe('a sentence that explains a spelling keeps its names as written', () => {
  const explaining = edition.sentences.filter((s) => explainsSpelling(s.text));

  it('the edition has such a sentence (Trush, spelled “Trushe”), and it keeps both spellings', () => {
    const trush = explaining.find((s) => s.text.includes('spelled “Trushe”'));
    expect(trush, 'the editor’s note on Trush’s spelling').toBeDefined();
    const spoken = script.items.find((i) => i.id === trush!.id)!.spans.map((s) => s.text).join(' ');
    expect(spoken).toContain('Trush, spelled “Trushe”');
    expect(spoken).not.toContain('troosh');
  });

  it('no name is respelled in any sentence of the edition that talks about spelling', () => {
    expect(explaining.length).toBeGreaterThan(0);
    for (const sentence of explaining) {
      const item = script.items.find((i) => i.id === sentence.id)!;
      for (const span of item.spans) {
        for (const name of lexicon.data.names) {
          if (!containsWord(span.displayText, name.written)) continue;
          expect(containsWord(span.text, name.written), `${sentence.id}: ${name.written}`).toBe(true);
          expect(span.text, `${sentence.id}: ${name.written}`).not.toContain(name.spoken);
        }
      }
    }
  });

  it('the same names are respelled in the sentences around it', () => {
    expect(lexicon.toSpoken('A different version appeared in Trush’s article.')).toBe('A different version appeared in troosh’s article.');
    expect(lexicon.toSpoken('reproduced by historian M.I. Trushe.')).toBe('reproduced by historian em eye troosh.');
  });

  it.each([
    'The name is spelled “Kollontay” in some sources.',
    'Kollontai (also spelt Kollontay) wrote it.',
    'A spelling of Molotov’s name.',
    'Trushe, transliterated Trush elsewhere.',
  ])('%s', (sentence) => {
    expect(explainsSpelling(sentence)).toBe(true);
    const spoken = lexicon.toSpoken(sentence);
    for (const name of lexicon.data.names) if (containsWord(sentence, name.written)) expect(containsWord(spoken, name.written)).toBe(true);
  });

  it('uses the whole sentence: a span of a spelling sentence keeps its names too', () => {
    expect(lexicon.toSpoken('the historian M.I. Trush,', 'the historian M.I. Trush, spelled “Trushe” in the English text.')).toBe(
      'the historian em eye Trush,',
    );
    expect(explainsSpelling('a spell of cold weather')).toBe(false);
  });
});

describe('number ranges read "to", never with a pause', () => {
  it.each([
    ['Dialog, 1998, No. 8, pp. 92-94', 'Dialog, 1998, number 8, pages 92 to 94'],
    ['in 1998 (No. 8, pp. 92–94), as extracts', 'in 1998 (number 8, pages 92 to 94), as extracts'],
    ['Vol. 18, 1917-1953, Tver, 2006, pp. 606-611', 'volume 18, 1917 to 1953, tuvyare, 2006, pages 606 to 611'],
    ['Aleksandra Kollontai (1872–1952).', 'alek sahndra kollon tie (1872 to 1952).'],
    ['Alexander Suvorov (1729 or 1730–1800).', 'Alexander soo voroff (1729 or 1730 to 1800).'],
    ['the “Doctors’ Plot” of 1952–53.', 'the “Doctors’ Plot” of 1952 to 53.'],
    ['Alexander the Great (356–323 BC).', 'Alexander the Great (356 to 323 BC).'],
    ['Alexander Nevsky (about 1220 – 1263).', 'Alexander Nevsky (about 1220 to 1263).'],
    ['negotiations (May-August, 1939)', 'negotiations (May to August, 1939)'],
  ])('%s → %s', (display, spoken) => {
    expect(lexicon.toSpoken(display)).toBe(spoken);
  });

  it('every range in the edition and its asides is read "a to b"', () => {
    let ranges = 0;
    for (const text of texts) {
      for (const [, a, b] of text.matchAll(/(?<![\d.,:/–-])(\d{1,4})\s*[-–]\s*(\d{1,4})(?![\d:/–-]|[.,]\d)/gu)) {
        ranges += 1;
        expect(lexicon.toSpoken(text), text).toContain(`${a} to ${b}`);
      }
    }
    expect(ranges).toBeGreaterThan(20);
  });

  it('a dash between words is still a pause, and between joined words a space', () => {
    expect(lexicon.toSpoken('the imperialists – of England')).toBe('the imperialists, of England');
    expect(lexicon.toSpoken('Non-aggression pact (Molotov–Ribbentrop Pact)')).toBe('Non-aggression pact (mollotoff Ribbentrop Pact)');
    expect(lexicon.toSpoken('Soviet–Finnish negotiations')).toBe('Soviet Finnish negotiations');
  });
});

describe('lexicon rules', () => {
  for (const rule of lexicon.data.rules) {
    it(`rule ${rule.id} changes its example`, () => {
      expect(lexicon.toSpoken(rule.example)).not.toBe(rule.example);
    });
  }

  it.each([
    ['– Yes, I am listening to you.', 'Yes, I am listening to you.'],
    ['I.V. Stalin, ‘Sochinenia’, Vol. 18, 1917-1953', 'eye vee Stalin, ‘sochee nenya’, volume 18, 1917 to 1953'],
    ['Aleksandra Mikhailovna rang up V.M. Molotov.', 'alek sahndra mee kai lovna rang up vee em mollotoff.'],
    ['Molotov told A. M. Kollontai on parting.', 'mollotoff told ay em kollon tie on parting.'],
    ['‘I, – recalls Kollontai – sat and waited', '‘I, recalls kollon tie, sat and waited'],
    ['World War II became a fact.', 'World War Two became a fact.'],
    ['Ivan Kalita (Ivan I, died 1340).', 'ee vahn kah lee tah (ee vahn the First, died 1340).'],
    ['Ivan Grozny (Ivan IV, 1530–1584).', 'ee vahn Grozny (ee vahn the Fourth, 1530 to 1584).'],
  ])('%s → %s', (display, spoken) => {
    expect(lexicon.toSpoken(display)).toBe(spoken);
  });

  it('rejects an invalid pattern with the rule id', () => {
    expect(() =>
      compileLexicon({ names: [], letters: {}, rules: [{ id: 'broken', description: '', pattern: '(', example: '' }] }),
    ).toThrow(/lexicon rule "broken"/);
  });
});

describe('narration script', () => {
  it('covers every sentence in reading order with the displayed text unchanged', () => {
    expect(script.items.map((i) => i.id)).toEqual(edition.sentences.map((s) => s.id));
    expect(script.items.map((i) => i.text)).toEqual(edition.sentences.map((s) => s.text));
    for (const item of script.items) expect(item.spans.length).toBeGreaterThan(0);
  });

  it('gives a mixed sentence one spoken span per voice, with display offsets', () => {
    const item = script.items.find((i) => i.text.startsWith('And, in a softer voice, he said:'))!;
    expect(item.spans.map((s) => s.speaker)).toEqual(['kollontai', 'stalin']);
    expect(item.spans[1].displayStart).toBe(item.text.indexOf('‘We shall overcome.'));
    expect(item.spans[1].displayText).toBe('‘We shall overcome.');
  });

  it('never speaks a dialogue dash, in the text or in an aside', () => {
    for (const item of [...script.items, ...asides]) for (const span of item.spans) expect(span.text).not.toMatch(/[–—]/);
  });
});
