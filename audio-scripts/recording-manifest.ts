/**
 * The manifest of a human narrator's recording, from an alignment of the take (`npm run align`'s
 * output) and the narration script: pure, no audio tools, so the unit tests run it directly.
 * `recording.ts` does the audio (concatenation, alignment, loudness, encoding) around it.
 *
 * Timeline: a sentence lasts from its first aligned word to its last, widened by up to `PAD_MS` on
 * each side (half the pause when the pause is shorter), so a sentence played alone does not clip
 * the narrator's first or last sound (the aligner places a boundary within ~0.2 s). Spans are split
 * at the aligned words: each of the text's speaker spans starts at its first word. Spoken words
 * that read the same displayed words (a respelled name) are one word in the manifest.
 * Hash: `recordingHash` of the sentence's displayed text — what the narrator read. Unlike the
 * synthetic voices' `clipHash` it ignores the lexicon and the cast: a respelling does not call for a
 * new recording, a changed sentence does.
 */
import {
  contentHash,
  validateTimeline,
  validateWords,
  type AsidesRecording,
  type AudioManifest,
  type ManifestCheck,
  type ManifestEntry,
  type ManifestSpan,
  type ManifestWord,
  type OfflineCast,
} from '../src/narration/audio-manifest.ts';
import type { NarrationItem } from '../src/narration/types.ts';
import { spanWordOffsets } from '../src/narration/word-offsets.ts';
import type { Alignment } from './align/align.ts';
import { tidyWords } from './word-times.ts';

/** The delivery files of the narration (the same names as the synthetic render's). */
export const RECORDING_FILES = { opus: 'narration.webm', mp3: 'narration.mp3' } as const;

/** Most silence kept before a sentence's first aligned word and after its last (ms). */
export const PAD_MS = 120;

/** A recording that cannot become the narration; names the sentences concerned, if any. */
export class RecordingError extends Error {
  constructor(
    message: string,
    readonly sentences: readonly string[] = [],
  ) {
    super(message);
    this.name = 'RecordingError';
  }
}

/** The hash of a recorded sentence: the displayed text it reads. */
export function recordingHash(item: Pick<NarrationItem, 'text'>): string {
  return contentHash(JSON.stringify(['recording-v1', item.text]));
}

/** Number of spoken words of an item, as the aligner counts them. */
const wordCount = (item: NarrationItem) => item.spans.reduce((n, span) => n + spanWordOffsets(span).length, 0);

/**
 * The sentences of `items` an alignment does not place: no entry, confidence 0, or fewer or more
 * words than the text has (an alignment of another version of the text).
 */
export function unplacedSentences(items: readonly NarrationItem[], alignment: Alignment): string[] {
  return items
    .filter((item) => {
      const found = Object.hasOwn(alignment.sentences, item.id) ? alignment.sentences[item.id] : undefined;
      if (!found) return true;
      const expected = wordCount(item);
      if (expected === 0) return false;
      return !(found.confidence > 0) || !Array.isArray(found.words) || found.words.length !== expected;
    })
    .map((item) => item.id);
}

/** A short description of some sentence ids for an error message: every id, and the first words of a few. */
export function describeSentences(items: readonly NarrationItem[], ids: readonly string[]): string {
  const byId = new Map(items.map((item) => [item.id, item]));
  const lines = ids.map((id) => {
    const text = byId.get(id)?.text ?? '';
    return `  ${id}  ${text.length > 60 ? `${text.slice(0, 57)}…` : text}`;
  });
  return lines.join('\n');
}

/** Sentence, span and word times of a recording: every item placed, or a RecordingError. */
export function placeSentences(items: readonly NarrationItem[], alignment: Alignment, durationMs: number): Record<string, ManifestEntry> {
  if (items.length === 0) throw new RecordingError('no sentences to place');
  const unplaced = unplacedSentences(items, alignment);
  if (unplaced.length > 0) {
    throw new RecordingError(
      `${unplaced.length} of ${items.length} sentence(s) are not in the recording (or could not be placed); ` +
        `a recording must read the whole text to replace the narration:\n${describeSentences(items, unplaced)}`,
      unplaced,
    );
  }
  const beyond = items.filter((item) => wordCount(item) > 0 && alignment.sentences[item.id]!.end > durationMs + 50).map((item) => item.id);
  if (beyond.length > 0) {
    throw new RecordingError(`the alignment places ${beyond.length} sentence(s) after the end of the take (${durationMs} ms): is it the alignment of this take?\n${describeSentences(items, beyond)}`, beyond);
  }

  // Raw bounds of the sentences with words, their words made monotonic (the DTW path lets a
  // word's end and the next word's start share a 10 ms frame).
  const spoken = items.filter((item) => wordCount(item) > 0);
  const raw = spoken.map((item) => {
    let last = 0;
    const words = alignment.sentences[item.id]!.words.map((w) => {
      const start = Math.max(Math.round(w.start), last);
      const end = Math.max(Math.round(w.end), start);
      last = end;
      return { start, end, from: w.from, to: w.to };
    });
    return { item, words, start: words[0]!.start, end: words[words.length - 1]!.end };
  });
  // Sentence bounds: widened into the pauses, never overlapping (an overlap meets in the middle).
  const bounds = raw.map(({ start, end }) => ({ start, end }));
  bounds[0]!.start = Math.max(0, raw[0]!.start - PAD_MS);
  bounds[bounds.length - 1]!.end = Math.min(durationMs, raw[raw.length - 1]!.end + PAD_MS);
  for (let i = 0; i + 1 < raw.length; i += 1) {
    const gap = raw[i + 1]!.start - raw[i]!.end;
    if (gap >= 0) {
      const pad = Math.min(PAD_MS, Math.floor(gap / 2));
      bounds[i]!.end = raw[i]!.end + pad;
      bounds[i + 1]!.start = raw[i + 1]!.start - pad;
    } else {
      const middle = Math.round((raw[i]!.end + raw[i + 1]!.start) / 2);
      bounds[i]!.end = middle;
      bounds[i + 1]!.start = middle;
    }
  }

  const sentences: Record<string, ManifestEntry> = {};
  const placed = new Map(raw.map((r, i) => [r.item.id, { ...r, ...bounds[i]! }]));
  let previousEnd = 0;
  for (const item of items) {
    const entry = placed.get(item.id);
    if (!entry) {
      // Nothing to say: an empty entry where the previous sentence ends.
      sentences[item.id] = { start: previousEnd, end: previousEnd, speaker: item.speaker, spans: [], hash: recordingHash(item) };
      continue;
    }
    const { start, end } = entry;
    const words: ManifestWord[] = entry.words.map((w) => {
      const ws = Math.min(Math.max(w.start, start), end);
      return { start: ws, end: Math.min(Math.max(w.end, ws), end), from: w.from, to: w.to };
    });
    sentences[item.id] = { start, end, speaker: item.speaker, spans: splitSpans(item, words, start, end), words: tidyWords(words, start, end), hash: recordingHash(item) };
    previousEnd = end;
  }
  return sentences;
}

/**
 * The sentence's speaker spans on the recording: span k runs from its first word's start (the
 * sentence's start for the first) to the next span's start (the sentence's end for the last). A
 * span without words, or one that would last no time, joins the span before it.
 */
function splitSpans(item: NarrationItem, words: readonly ManifestWord[], start: number, end: number): ManifestSpan[] {
  const spans: ManifestSpan[] = [];
  let index = 0;
  for (const span of item.spans) {
    const count = spanWordOffsets(span).length;
    const first = words[index];
    index += count;
    if (count === 0 || !first) continue;
    const at = spans.length === 0 ? start : first.start;
    const previous = spans[spans.length - 1];
    if (previous && at <= previous.start) continue;
    if (previous) previous.end = at;
    spans.push({ speaker: span.speaker, start: at, end });
  }
  return spans.length > 0 ? spans : [{ speaker: item.speaker, start, end }];
}

/** What a recording's manifest is made of, besides the alignment. */
export interface RecordingManifestInput {
  items: readonly NarrationItem[];
  alignment: Alignment;
  /** Length of the take (= the delivery files) in ms. */
  durationMs: number;
  narrator: string;
  /** Loudness measured in the encoded files. */
  encodedLoudness: NonNullable<AudioManifest['encodedLoudness']>;
  /** The synthetic cast (the asides' editor voice), kept in `voices`. */
  cast: OfflineCast;
  lexiconVersion?: string;
  /** The asides of the current manifest, kept as they are. */
  asides?: AsidesRecording;
}

/**
 * The manifest of a recording: every sentence placed, in reading order, a sound timeline and sound
 * word times, or a RecordingError naming what is wrong.
 */
export function buildRecordingManifest(input: RecordingManifestInput): AudioManifest {
  const narrator = input.narrator.trim();
  if (!narrator) throw new RecordingError('the narrator’s name is empty: --narrator "<Name>"');
  const sentences = placeSentences(input.items, input.alignment, input.durationMs);
  const manifest: AudioManifest = {
    version: 1,
    files: { ...RECORDING_FILES },
    durationMs: input.durationMs,
    order: input.items.map((item) => item.id),
    sentences,
    loudness: input.encodedLoudness.opus,
    voices: input.cast,
    ...(input.lexiconVersion ? { lexiconVersion: input.lexiconVersion } : {}),
    encodedLoudness: input.encodedLoudness,
    recording: { narrator },
    ...(input.asides ? { asides: input.asides } : {}),
  };
  const problems = [
    ...validateTimeline(manifest),
    ...input.items.flatMap((item) => validateWords(item.id, sentences[item.id]!, item.text.length)),
  ];
  if (problems.length > 0) throw new RecordingError(`the alignment gives an unsound timeline:\n  ${problems.join('\n  ')}`);
  return manifest;
}

/** What `checkRecording` found: `checkManifest`'s lists, and word-time problems. */
export interface RecordingCheck extends ManifestCheck {
  /** `validateWords` problems of the sentences. */
  words: string[];
}

/**
 * `checkManifest` for a recording: every sentence of the script present, in reading order, none
 * extra; `stale` are sentences whose displayed text changed since the recording (to re-record);
 * word times sound. Voices and lexicon are not the recording's business. Pure.
 */
export function checkRecording(manifest: AudioManifest, items: readonly NarrationItem[]): RecordingCheck {
  const ids = items.map((item) => item.id);
  const inScript = new Set(ids);
  const inOrder = new Set(manifest.order);
  const missing: string[] = [];
  const stale: string[] = [];
  const words: string[] = [];
  for (const item of items) {
    const entry = Object.hasOwn(manifest.sentences, item.id) ? manifest.sentences[item.id] : undefined;
    if (!entry || !inOrder.has(item.id)) missing.push(item.id);
    else {
      if (entry.hash !== recordingHash(item)) stale.push(item.id);
      words.push(...validateWords(item.id, entry, item.text.length));
    }
  }
  const extra = [...new Set([...Object.keys(manifest.sentences), ...manifest.order])].filter((id) => !inScript.has(id));
  const common = manifest.order.filter((id) => inScript.has(id));
  const expected = ids.filter((id) => inOrder.has(id));
  const outOfOrder = inOrder.size !== manifest.order.length || common.length !== expected.length || common.some((id, i) => id !== expected[i]);
  return { missing, stale, extra, outOfOrder, words };
}
