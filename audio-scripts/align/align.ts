/**
 * Forced alignment of a narrator's take to the edition's sentences: a reference is synthesized
 * word by word with espeak-ng (so every word's place in it is known), both are turned into MFCC
 * features, DTW maps the reference onto the take, and each sentence's and word's start/end are read
 * off the path. A sentence whose path costs nearly what unrelated speech costs, or whose audio is
 * squeezed to almost nothing against the take's pace, could not be placed.
 */
import type { NarrationItem } from '../../src/narration/types.ts';
import { sentenceWordOffsets } from '../../src/narration/word-offsets.ts';
import { RATE, REFERENCE_VOICE, mapPool, peakRms, synthesizeWord, type WordVoice } from './audio.ts';
import { alignFeatures, backgroundCost } from './dtw.ts';
import { HOP_MS, mfcc } from './mfcc.ts';

/** One aligned word: ms on the take's timeline, and its range in the displayed sentence text. */
export interface AlignedWord {
  start: number;
  end: number;
  from: number;
  to: number;
}

/** One aligned sentence (ms on the take's timeline). */
export interface AlignedSentence {
  start: number;
  end: number;
  words: AlignedWord[];
  /** 0–1, the lower of a cost score and a pace score: 1 is a clean match, 0 is refused. */
  confidence: number;
}

/** What `npm run align` writes. */
export interface Alignment {
  sentences: Record<string, AlignedSentence>;
}

/** A word of the synthesized reference: samples in the reference, range in the displayed text. */
export interface PlacedWord {
  spoken: string;
  start: number;
  end: number;
  from: number;
  to: number;
}

/** A sentence of a concatenated word-by-word synthesis. */
export interface PlacedSentence {
  id: string;
  paragraph: string;
  words: PlacedWord[];
}

/** Pauses of a concatenated synthesis, in ms. */
export interface Pauses {
  lead: number;
  /** Between words: a number, or a function giving each gap. */
  word: number | (() => number);
  sentence: number | ((next: PlacedSentence | undefined, current: PlacedSentence) => number);
  tail: number;
}

/**
 * Synthesizes `items` word by word with `voice` and concatenates the words with the given pauses;
 * returns the samples and where every word lies in them (the ground truth of a test take, or the
 * reference of an alignment).
 */
export async function synthesizeWords(
  items: readonly NarrationItem[],
  voice: WordVoice,
  pauses: Pauses,
  jobs = 2,
): Promise<{ samples: Float32Array; sentences: PlacedSentence[] }> {
  const words = items.map((item) => sentenceWordOffsets(item.spans));
  const unique = [...new Set(words.flat().map((w) => w.spoken))];
  const audio = new Map<string, Float32Array>();
  const clips = await mapPool(unique, jobs, (word) => synthesizeWord(word, voice));
  unique.forEach((word, i) => audio.set(word, clips[i]));
  const ms = (value: number) => Math.round((value * RATE) / 1000);
  const parts: Float32Array[] = [];
  let length = 0;
  const push = (samples: Float32Array) => {
    parts.push(samples);
    length += samples.length;
  };
  const silence = (duration: number) => push(new Float32Array(ms(duration)));
  const value = (pause: number | (() => number)) => (typeof pause === 'number' ? pause : pause());
  silence(pauses.lead);
  const sentences: PlacedSentence[] = items.map((item) => ({ id: item.id, paragraph: item.paragraph, words: [] }));
  items.forEach((_, s) => {
    words[s].forEach((word, w) => {
      if (w > 0) silence(value(pauses.word));
      const clip = audio.get(word.spoken) ?? new Float32Array(0);
      sentences[s].words.push({ spoken: word.spoken, start: length, end: length + clip.length, from: word.from, to: word.to });
      push(clip);
    });
    if (s < items.length - 1) {
      silence(typeof pauses.sentence === 'number' ? pauses.sentence : pauses.sentence(sentences[s + 1], sentences[s]));
    }
  });
  silence(pauses.tail);
  const samples = new Float32Array(length);
  let at = 0;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length;
  }
  return { samples, sentences };
}

/** Settings of the refusal test. */
export interface AlignOptions {
  /**
   * Costs are fractions of what matching unrelated speech costs (about 0.72 for a matching take in
   * another voice, 0.86 for the wrong text). Above this median the take as a whole is refused.
   */
  maxTakeCost?: number;
  /** A sentence costing more than this is not placed (0.06 more for a sentence under 1.5 s). */
  maxSentenceCost?: number;
  /**
   * A sentence squeezed to less than this fraction of the take's typical pace (duration in the
   * take over duration in the reference) is not placed: its audio is missing.
   */
  minPace?: number;
  /** Return the alignment even with sentences not placed (their confidence says so); for the bench. */
  refuse?: boolean;
  jobs?: number;
}

/** Thrown when some sentences could not be placed; names them. */
export class AlignmentError extends Error {
  constructor(
    message: string,
    readonly unplaced: string[],
  ) {
    super(message);
    this.name = 'AlignmentError';
  }
}

const clamp01 = (value: number) => Math.max(0, Math.min(1, value));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor(sorted.length / 2)];
};

/**
 * Aligns `take` (16 kHz mono samples) to the sentences `items`, in order.
 * @throws Error for silent audio; AlignmentError naming the sentences that could not be placed
 */
export async function alignTake(take: Float32Array, items: readonly NarrationItem[], options: AlignOptions = {}): Promise<Alignment> {
  const { maxTakeCost = 0.8, maxSentenceCost = 0.86, minPace = 0.6, refuse = true, jobs = 2 } = options;
  if (items.length === 0) throw new Error('no sentences to align');
  if (peakRms(take) < 1e-3) throw new Error('the audio is silent');
  const reference = await synthesizeWords(items, REFERENCE_VOICE, { lead: 300, word: 20, sentence: 300, tail: 300 }, jobs);
  const refFeatures = mfcc(reference.samples);
  const takeFeatures = mfcc(take);
  const path = alignFeatures(refFeatures, takeFeatures);
  const hop = (RATE * HOP_MS) / 1000;
  const frameOf = (sample: number) => Math.min(refFeatures.frames - 1, Math.round(sample / hop));
  const costs: number[] = [];
  const durations: number[] = [];
  const lengths: number[] = [];
  const sentences: Record<string, AlignedSentence> = {};
  for (const sentence of reference.sentences) {
    const words = sentence.words.map((word) => {
      const a = frameOf(word.start);
      const b = Math.max(a, frameOf(word.end) - 1);
      return { start: path.first[a] * HOP_MS, end: (path.last[b] + 1) * HOP_MS, from: word.from, to: word.to, a, b };
    });
    let cost = 0;
    let frames = 0;
    for (const word of words) {
      for (let f = word.a; f <= word.b; f++) cost += path.cost[f];
      frames += word.b - word.a + 1;
    }
    const refMs = frames * HOP_MS;
    const takeMs = words.length > 0 ? words[words.length - 1].end - words[0].start : 0;
    costs.push(frames > 0 ? cost / frames : 0);
    lengths.push(frames);
    durations.push(refMs > 0 ? takeMs / refMs : 1);
    sentences[sentence.id] = {
      start: words[0]?.start ?? 0,
      end: words[words.length - 1]?.end ?? 0,
      words: words.map(({ start, end, from, to }) => ({ start, end, from, to })),
      confidence: 0,
    };
  }
  // Costs are measured against what unrelated speech costs (voice-independent yardstick).
  const background = backgroundCost(refFeatures, takeFeatures);
  const ratios = costs.map((c) => c / background);
  const typical = median(ratios);
  const tempo = median(durations);
  if (process.env.ALIGN_DEBUG) {
    console.error(`typical ${typical.toFixed(3)}; cost/duration: ${ratios.map((r, i) => `${r.toFixed(2)}/${(durations[i] / tempo).toFixed(2)}`).join(' ')}`);
  }
  if (!(typical <= maxTakeCost)) {
    throw new AlignmentError(
      `the take does not match the text (typical cost ${typical.toFixed(2)} of unrelated speech's, over ${maxTakeCost}): wrong section or wrong text? No sentence could be placed: ${reference.sentences.map((s) => s.id).join(', ')}`,
      reference.sentences.map((s) => s.id),
    );
  }
  const unplaced: string[] = [];
  reference.sentences.forEach((sentence, i) => {
    const pace = durations[i] / tempo;
    // A sentence under 1.5 s ("Collect yourself.") has a noisier mean cost: more leeway.
    const limit = lengths[i] < 1500 / HOP_MS ? maxSentenceCost + 0.06 : maxSentenceCost;
    // Each score falls to 0 at its refusal limit: a sentence is refused exactly when its confidence is 0.
    const byCost = clamp01((limit - ratios[i]) / 0.14);
    const byPace = clamp01((pace - minPace) / 0.3);
    sentences[sentence.id].confidence = Math.round(Math.min(byCost, byPace) * 100) / 100;
    if (ratios[i] >= limit || pace <= minPace) {
      unplaced.push(sentence.id);
      if (process.env.ALIGN_DEBUG) console.error(`not placed: ${sentence.id} cost ${ratios[i].toFixed(2)} pace ${pace.toFixed(2)}`);
    }
  });
  if (refuse && unplaced.length > 0) {
    throw new AlignmentError(`${unplaced.length} sentence(s) could not be placed in the take (missing or different audio): ${unplaced.join(', ')}`, unplaced);
  }
  return { sentences };
}
