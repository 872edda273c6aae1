// Word times of the recording: which word is heard at a time (binary search, checked against a
// linear search), the checks on a sentence's `words`, and a damaged list dropped at load with the
// rest of the manifest kept.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateWords, type ManifestEntry, type ManifestWord } from '../../../src/narration/audio-manifest.ts';
import { wordIndexAt } from '../../../src/narration/audio-timeline.ts';
import { dropDamagedWords, loadRecordingManifest } from '../../../src/narration/backends/recording-manifest.ts';
import { testManifest } from './fake-howl.ts';
import { prng } from './helpers.ts';

const word = (start: number, end: number, from = 0, to = 1): ManifestWord => ({ start, end, from, to });

/** The obvious O(n) definition. */
const linearWordAt = (words: ManifestWord[], ms: number) => words.findIndex((w) => w.start <= ms && ms < w.end);

describe('wordIndexAt', () => {
  const words = [word(100, 200), word(200, 350), word(400, 500)];

  it('finds the word whose [start, end) holds the time; none before, between and after', () => {
    expect(wordIndexAt(words, 99)).toBe(-1);
    expect(wordIndexAt(words, 100)).toBe(0);
    expect(wordIndexAt(words, 199.9)).toBe(0);
    expect(wordIndexAt(words, 200)).toBe(1); // the end belongs to the next word
    expect(wordIndexAt(words, 349)).toBe(1);
    expect(wordIndexAt(words, 360)).toBe(-1); // a pause between words
    expect(wordIndexAt(words, 450)).toBe(2);
    expect(wordIndexAt(words, 500)).toBe(-1);
    expect(wordIndexAt([], 10)).toBe(-1);
  });

  it('agrees with a linear search on random word lists', () => {
    const random = prng(12);
    for (let run = 0; run < 200; run++) {
      const list: ManifestWord[] = [];
      let t = Math.floor(random() * 50);
      for (let i = Math.floor(random() * 30); i > 0; i--) {
        const start = t + Math.floor(random() * 3) * 40; // sometimes a pause
        const end = start + 1 + Math.floor(random() * 300);
        list.push(word(start, end));
        t = end;
      }
      for (let probe = 0; probe < 40; probe++) {
        const ms = random() * (t + 100) - 50;
        expect(wordIndexAt(list, ms)).toBe(linearWordAt(list, ms));
      }
    }
  });
});

describe('validateWords', () => {
  const entry = (words: unknown): ManifestEntry =>
    ({ start: 1000, end: 2000, speaker: 'narrator', spans: [], hash: 'h', words }) as ManifestEntry;

  it('accepts sound words, no words, and words touching the sentence ends', () => {
    expect(validateWords('s', entry(undefined))).toEqual([]);
    expect(validateWords('s', entry([word(1000, 1400, 0, 4), word(1400, 2000, 5, 9)]), 9)).toEqual([]);
  });

  it('names each kind of damage', () => {
    const problems = (words: unknown, length?: number) => validateWords('s-1', entry(words), length).join('\n');
    expect(problems('nope')).toMatch(/s-1: words is not a list/);
    expect(problems([{ start: '1000', end: 1200, from: 0, to: 2 }])).toMatch(/word 0: start\/end\/from\/to not numbers/);
    expect(problems([word(1000, 1200, 0, Number.NaN)])).toMatch(/not numbers/);
    expect(problems([null])).toMatch(/word 0: start\/end\/from\/to not numbers/);
    expect(problems([word(900, 1200)])).toMatch(/outside the sentence \[1000, 2000\]/);
    expect(problems([word(1500, 2100)])).toMatch(/outside the sentence/);
    expect(problems([word(1300, 1200)])).toMatch(/end 1200 < start 1300/);
    expect(problems([word(1000, 1500, 0, 2), word(1400, 1600, 3, 5)])).toMatch(/word 1 starts at 1400, before the previous word ends \(1500\)/);
    expect(problems([word(1000, 1100, 4, 6), word(1200, 1300, 0, 2)])).toMatch(/word 1 offsets \[0, 2\) not increasing/);
    expect(problems([word(1000, 1100, 3, 3)])).toMatch(/offsets \[3, 3\) not increasing/);
    expect(problems([word(1000, 1100, -1, 2)])).toMatch(/not increasing/);
    expect(problems([word(1000, 1100, 0, 12)], 10)).toMatch(/beyond the text \(10 characters\)/);
    expect(problems([word(1000, 1100, 0, 12)])).toBe(''); // no text to check against: the player checks later
  });
});

describe('damaged word times at load', () => {
  afterEach(() => vi.restoreAllMocks());

  it('drops the words of a damaged sentence, reports it, and keeps the manifest and the other words', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const manifest = testManifest();
    manifest.sentences.s1!.words![2] = { start: 1750, end: 'late', from: 10, to: 12 } as unknown as ManifestWord;
    manifest.sentences.s2!.words = [word(3000, 3500, 0, 3)];
    const loaded = await loadRecordingManifest('/m.json', async () => manifest, new AbortController().signal);
    expect(loaded.sentences.s1!.words).toBeUndefined();
    expect(loaded.sentences.s1!.start).toBe(1200); // the sentence itself still plays
    expect(loaded.sentences.s2!.words).toEqual([word(3000, 3500, 0, 3)]);
    expect(errors.mock.calls.join('\n')).toMatch(/\/m\.json has damaged word times .*s1: word 2: start\/end\/from\/to not numbers/);
    expect(dropDamagedWords(loaded, '/m.json')).toEqual([]); // nothing left to drop
  });
});
