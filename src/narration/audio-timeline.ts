/**
 * Sentence ↔ time mapping over the recorded narration's manifest: which sentence is sounding at
 * a given moment of the file (binary search over `manifest.order`), and where a sentence lies.
 * Also which word is heard at a given moment (binary search over a sentence's word times).
 * Pure: no Lit, no DOM.
 */
import type { AudioManifest, ManifestWord } from './audio-manifest.ts';

/** Start and end (ms from the start of the file) of one sentence. */
export interface SentenceTime {
  start: number;
  end: number;
}

/**
 * Index in `manifest.order` of the sentence whose `[start, next sentence's start)` contains `ms`:
 * −1 before the first sentence's start (or for an empty manifest); the last index from the last
 * sentence's start on, even after its end. A gap of silence belongs to the sentence before it.
 * `order` is the audio's order, so starts ascend; O(log n).
 */
export function sentenceIndexAt(manifest: AudioManifest, ms: number): number {
  const { order, sentences } = manifest;
  let lo = 0;
  let hi = order.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const start = sentences[order[mid]!]?.start ?? Number.POSITIVE_INFINITY;
    if (start <= ms) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Where sentence `id` lies in the file, or null when the manifest has no recording of it. */
export function sentenceTime(manifest: AudioManifest, id: string): SentenceTime | null {
  const entry = Object.hasOwn(manifest.sentences, id) ? manifest.sentences[id] : undefined;
  return entry ? { start: entry.start, end: entry.end } : null;
}

/** The sentence at `index` of `manifest.order` with its times, or null out of range. */
export function timeOfIndex(manifest: AudioManifest, index: number): (SentenceTime & { id: string }) | null {
  if (!Number.isInteger(index) || index < 0 || index >= manifest.order.length) return null;
  const id = manifest.order[index]!;
  const time = sentenceTime(manifest, id);
  return time ? { id, ...time } : null;
}

/**
 * Index of the word whose `[start, end)` contains `ms`, or −1 when none does (before the first
 * word, in a pause between words, after the last). `words` are in time order and do not overlap
 * (as `validateWords` requires); O(log n).
 */
export function wordIndexAt(words: readonly Pick<ManifestWord, 'start' | 'end'>[], ms: number): number {
  let lo = 0;
  let hi = words.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]!.start <= ms) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found >= 0 && ms < words[found]!.end ? found : -1;
}

/** One word of a displayed sentence: offsets into its text. */
export interface DisplayWord {
  start: number;
  length: number;
}

/**
 * The words of a displayed sentence: whitespace-separated tokens with at least one letter or
 * digit, without the punctuation at their edges (`‘We` → `We`, `overcome.` → `overcome`; a lone
 * dash is not a word). A tokenizer for the audio scripts that write the manifest's `words`.
 */
export function displayWords(text: string): DisplayWord[] {
  const words: DisplayWord[] = [];
  for (const token of text.matchAll(/\S+/g)) {
    const core = /[\p{L}\p{N}](?:.*[\p{L}\p{N}])?/u.exec(token[0]);
    if (!core) continue;
    words.push({ start: token.index + core.index, length: core[0].length });
  }
  return words;
}
