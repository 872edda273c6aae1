// The pronunciation lexicon: every entry changes the spoken text of a sentence that contains it,
// and the displayed text never changes.
import { describe, expect, it } from 'vitest';
import { loadEdition } from '../../../src/content/load.ts';
import { compileLexicon, defaultLexicon } from '../../../src/narration/lexicon.ts';
import { buildNarrationScript } from '../../../src/narration/script.ts';

const edition = loadEdition('src/content/source/kollontai-1939.edition.md');
const lexicon = defaultLexicon();
const containsWord = (text: string, word: string) => new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'u').test(text);

describe('lexicon names', () => {
  for (const entry of lexicon.data.names) {
    it(`"${entry.written}" is spoken as "${entry.spoken}" in the edition's own sentences`, () => {
      const sentences = edition.sentences.filter((s) => containsWord(s.text, entry.written));
      expect(sentences.length, `no sentence of the edition contains ${entry.written}`).toBeGreaterThan(0);
      for (const sentence of sentences) {
        const spoken = lexicon.toSpoken(sentence.text);
        expect(spoken).not.toBe(sentence.text);
        expect(spoken).toContain(entry.spoken);
        expect(containsWord(spoken, entry.written)).toBe(false);
      }
    });
  }

  it('spoken forms are lower case (capitals and hyphens are read letter by letter)', () => {
    for (const entry of lexicon.data.names) expect(entry.spoken).toMatch(/^[a-z ]+$/);
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
    ['Dialog, 1998, No. 8, pp. 92-94', 'Dialog, 1998, number 8, pages 92 to 94'],
    ['I.V. Stalin, ‘Sochinenia’, Vol. 18, 1917-1953', 'eye vee Stalin, ‘sochee nenya’, volume 18, 1917 to 1953'],
    ['Aleksandra Mikhailovna rang up V.M. Molotov.', 'alek sahndra mee kai lovna rang up vee em mollotoff.'],
    ['Molotov told A. M. Kollontai on parting.', 'mollotoff told ay em kollon tie on parting.'],
    ['‘I, – recalls Kollontai – sat and waited', '‘I, recalls kollon tie, sat and waited'],
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
  const script = buildNarrationScript(edition, lexicon);

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

  it('never speaks a dialogue dash', () => {
    for (const item of script.items) for (const span of item.spans) expect(span.text).not.toMatch(/[–—]/);
  });
});
