// Sentence ↔ time mapping over the manifest: boundaries, gaps, before/after the file, and the
// binary search checked against a linear search on random manifests and times.
import { describe, expect, it } from 'vitest';
import type { AudioManifest } from '../../../src/narration/audio-manifest.ts';
import { displayWords, sentenceIndexAt, sentenceTime, timeOfIndex } from '../../../src/narration/audio-timeline.ts';
import { testManifest } from './fake-howl.ts';
import { prng } from './helpers.ts';

/** The obvious O(n) definition. */
function linearIndexAt(manifest: AudioManifest, ms: number): number {
  let found = -1;
  manifest.order.forEach((id, i) => {
    if (manifest.sentences[id]!.start <= ms) found = i;
  });
  return found;
}

/** A random manifest: n sentences with random lengths and gaps, starting after a lead-in. */
function randomManifest(random: () => number, n: number): AudioManifest {
  const base = testManifest();
  const sentences: AudioManifest['sentences'] = {};
  const order: string[] = [];
  let t = Math.floor(random() * 500);
  for (let i = 0; i < n; i++) {
    const id = `r${i}`;
    const start = t;
    const end = start + 1 + Math.floor(random() * 4000);
    sentences[id] = { start, end, speaker: 'narrator', spans: [{ speaker: 'narrator', start, end }], hash: id };
    order.push(id);
    t = end + Math.floor(random() * 800); // gaps of 0–800 ms (0: back to back)
  }
  return { ...base, order, sentences, durationMs: t + 500 };
}

describe('sentenceIndexAt', () => {
  const m = testManifest(); // s0 0–1000, s1 1200–2500, s2 3000–4000, s3 4100–6000, s4 6500–7000, s5 7100–8300

  it('maps starts, ends and gaps', () => {
    expect(sentenceIndexAt(m, 0)).toBe(0);
    expect(sentenceIndexAt(m, 999)).toBe(0);
    expect(sentenceIndexAt(m, 1000)).toBe(0); // end of s0: the gap belongs to s0
    expect(sentenceIndexAt(m, 1199)).toBe(0);
    expect(sentenceIndexAt(m, 1200)).toBe(1); // exactly the start
    expect(sentenceIndexAt(m, 2999.5)).toBe(1);
    expect(sentenceIndexAt(m, 3000)).toBe(2);
    expect(sentenceIndexAt(m, 7100)).toBe(5);
  });

  it('is −1 before the first start, the last index after the end', () => {
    const late = { ...m, sentences: { ...m.sentences, s0: { ...m.sentences.s0!, start: 300 } } };
    expect(sentenceIndexAt(late, 299)).toBe(-1);
    expect(sentenceIndexAt(late, -5)).toBe(-1);
    expect(sentenceIndexAt(m, 8300)).toBe(5);
    expect(sentenceIndexAt(m, 1e9)).toBe(5);
    expect(sentenceIndexAt({ ...m, order: [] }, 100)).toBe(-1);
  });

  it('agrees with a linear search on random manifests and times', () => {
    const random = prng(1939);
    for (let round = 0; round < 50; round++) {
      const manifest = randomManifest(random, 1 + Math.floor(random() * 60));
      const ids = manifest.order;
      for (let k = 0; k < 200; k++) {
        const ms = Math.floor(random() * (manifest.durationMs + 1000)) - 500;
        expect(sentenceIndexAt(manifest, ms)).toBe(linearIndexAt(manifest, ms));
      }
      // Every boundary, and one millisecond either side.
      for (const id of ids) {
        const { start, end } = manifest.sentences[id]!;
        for (const ms of [start - 1, start, start + 1, end - 1, end, end + 1]) {
          expect(sentenceIndexAt(manifest, ms)).toBe(linearIndexAt(manifest, ms));
        }
      }
    }
  });
});

describe('sentenceTime / timeOfIndex', () => {
  const m = testManifest();

  it('maps ids and indexes to times, and round-trips with sentenceIndexAt', () => {
    expect(sentenceTime(m, 's3')).toEqual({ start: 4100, end: 6000 });
    expect(sentenceTime(m, 'nope')).toBeNull();
    expect(sentenceTime(m, 'constructor')).toBeNull(); // not an inherited property
    expect(timeOfIndex(m, 0)).toEqual({ id: 's0', start: 0, end: 1000 });
    expect(timeOfIndex(m, 5)).toEqual({ id: 's5', start: 7100, end: 8300 });
    expect(timeOfIndex(m, 6)).toBeNull();
    expect(timeOfIndex(m, -1)).toBeNull();
    expect(timeOfIndex(m, 1.5)).toBeNull();
    m.order.forEach((id, i) => {
      const t = sentenceTime(m, id)!;
      expect(sentenceIndexAt(m, t.start)).toBe(i);
      expect(sentenceIndexAt(m, (t.start + t.end) / 2)).toBe(i);
      expect(sentenceIndexAt(m, t.end - 1)).toBe(i);
    });
  });
});

describe('displayWords', () => {
  it('counts words without edge punctuation, skipping punctuation-only tokens', () => {
    const text = '‘We shall overcome,’ he said — twenty-two don’t.';
    const words = displayWords(text).map((w) => text.slice(w.start, w.start + w.length));
    expect(words).toEqual(['We', 'shall', 'overcome', 'he', 'said', 'twenty-two', 'don’t']);
    expect(displayWords('')).toEqual([]);
    expect(displayWords('1939.')).toEqual([{ start: 0, length: 4 }]);
  });
});
