/**
 * Word times of the rendered narration (`npm run audio`). The offline engines do not all hand them
 * over (festival's Word relation has them; flite's and espeak-ng's command lines do not), so every
 * sentence's assembled audio (its spans' clips and the gaps between them, as placed in the file) is
 * aligned against its own text with the forced aligner of `npm run align` (align/align.ts): one
 * method for every voice. The text is known to match, so nothing is refused; the times are then
 * made whole, ordered and kept inside the sentence (`tidyWords`), as the manifest requires.
 */
import type { ManifestWord } from '../src/narration/audio-manifest.ts';
import type { NarrationItem } from '../src/narration/types.ts';
import { alignTake, type AlignedWord } from './align/align.ts';
import { RATE, resample } from './align/audio.ts';

/**
 * Version of the word-time method: part of the cache key of a sentence's words (change it when the
 * aligner or this module changes what it finds).
 */
export const WORD_TIMES_VERSION = 'words-v2 padded 300 ms, espeak-ng en-us reference, mfcc, banded dtw';

/** Silence around a sentence's audio for the alignment (ms): as much as the reference has. */
const PAD_MS = 300;

/**
 * The manifest's words from aligned ones: whole milliseconds inside `[start, end]`, in order and not
 * overlapping in time; spoken words that read the same displayed words (a respelled name spoken as
 * two words) merged into one, so the displayed ranges only increase. Pure.
 */
export function tidyWords(words: readonly AlignedWord[], start: number, end: number): ManifestWord[] {
  const tidy: ManifestWord[] = [];
  for (const word of words) {
    const previous = tidy[tidy.length - 1];
    const wordEnd = Math.min(end, Math.max(start, Math.round(word.end)));
    if (previous && word.from < previous.to) {
      previous.to = Math.max(previous.to, word.to);
      previous.end = Math.max(previous.end, wordEnd);
      continue;
    }
    const wordStart = Math.min(end, Math.max(start, Math.round(word.start), previous?.end ?? start));
    tidy.push({ start: wordStart, end: Math.max(wordStart, wordEnd), from: word.from, to: word.to });
  }
  return tidy;
}

/**
 * When each word of `item` is spoken in `audio` (its whole sentence, from its first sound):
 * ms from the start of `audio`, offsets in the sentence's displayed text.
 * @param audio mono samples at `sampleRate`
 * @param jobs how many reference words to synthesize at once
 */
export async function sentenceWordTimes(
  audio: Float32Array,
  sampleRate: number,
  item: NarrationItem,
  jobs = 2,
): Promise<ManifestWord[]> {
  const sentence = resample(audio, sampleRate, RATE);
  const durationMs = Math.round((sentence.length * 1000) / RATE);
  // The aligner's reference has silence before and after the words; so must the take, or the path
  // spends the reference's lead-in on the first word's sound and starts it late.
  const pad = Math.round((PAD_MS * RATE) / 1000);
  const take = new Float32Array(sentence.length + 2 * pad);
  take.set(sentence, pad);
  const alignment = await alignTake(take, [item], { refuse: false, maxTakeCost: Number.POSITIVE_INFINITY, jobs });
  const words = (alignment.sentences[item.id]?.words ?? []).map((w) => ({ ...w, start: w.start - PAD_MS, end: w.end - PAD_MS }));
  return tidyWords(words, 0, durationMs);
}
