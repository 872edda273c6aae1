/**
 * Test takes with a known answer: the text read word by word by a voice the project does not use
 * (flite `kal`), with uneven pauses (longer between paragraphs), leading and trailing room noise,
 * and the true start/end of every sentence and word. Used by the unit tests and the bench.
 */
import type { NarrationItem } from '../../src/narration/types.ts';
import { RATE, type WordVoice } from './audio.ts';
import { synthesizeWords, type Alignment, type PlacedSentence } from './align.ts';

/** The test voice: another synthesizer altogether. */
export const TEST_VOICE: WordVoice = { engine: 'flite', voice: 'kal' };

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A take and the truth about it (ms). */
export interface TestTake {
  samples: Float32Array;
  truth: Record<string, { start: number; words: number[] }>;
  durationMs: number;
}

/** Builds a test take of `items`: uneven pauses, 1.5 s of noise before and 2 s after. */
export async function makeTestTake(items: readonly NarrationItem[], seed = 1, jobs = 2): Promise<TestTake> {
  const rnd = random(seed);
  const { samples, sentences } = await synthesizeWords(
    items,
    TEST_VOICE,
    {
      lead: 1500,
      word: () => 10 + rnd() * 90,
      sentence: (next: PlacedSentence | undefined, current: PlacedSentence) =>
        next && next.paragraph !== current.paragraph ? 900 + rnd() * 1600 : 150 + rnd() * 1100,
      tail: 2000,
    },
    jobs,
  );
  for (let i = 0; i < samples.length; i++) samples[i] += (rnd() - 0.5) * 0.004;
  const ms = (sample: number) => (sample * 1000) / RATE;
  const truth: TestTake['truth'] = {};
  for (const sentence of sentences) {
    truth[sentence.id] = { start: ms(sentence.words[0]?.start ?? 0), words: sentence.words.map((w) => ms(w.start)) };
  }
  return { samples, truth, durationMs: ms(samples.length) };
}

/** Start errors (ms, absolute) of an alignment against a take's truth. */
export function startErrors(alignment: Alignment, truth: TestTake['truth']): { sentences: number[]; words: number[] } {
  const sentences: number[] = [];
  const words: number[] = [];
  for (const [id, known] of Object.entries(truth)) {
    const found = alignment.sentences[id];
    if (!found) continue;
    sentences.push(Math.abs(found.start - known.start));
    known.words.forEach((start, i) => {
      if (found.words[i]) words.push(Math.abs(found.words[i].start - start));
    });
  }
  return { sentences, words };
}

/** The `q` quantile (0–1) of some values. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
