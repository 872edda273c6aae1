/**
 * The recorded narration's manifest: where each sentence lies in the rendered audio, keyed by the
 * stable sentence id, and where each Editor's aside lies in a file of its own, with a hash per clip
 * so a stale or incomplete manifest is caught by a test.
 * Written by `audio-scripts/`, read by the Howler backend, the WebVTT generator and the tests.
 * Pure: no Lit, no DOM, no node modules.
 */
import type { SpeakerId } from '../content/model.ts';
import { fnv1a32 } from '../content/ids.ts';
import type { LexiconData } from './lexicon.ts';
import type { NarrationScript } from './types.ts';

/** How one speaker is rendered offline (see `audio-scripts/voices.json`). */
export interface OfflineVoice {
  /** `flite`, `festival` or `espeak-ng`. */
  engine: 'flite' | 'festival' | 'espeak-ng';
  /** Engine voice name: flite `slt`/`rms`/`awb`/`kal`, festival `voice_cmu_us_slt_arctic_hts`, espeak `en-us+f3`… */
  voice: string;
  /** Speed factor applied when rendering (1 = engine default). */
  tempo?: number;
}

/** The offline cast: a voice per speaker. */
export type OfflineCast = Record<SpeakerId, OfflineVoice>;

/** One speaker run inside a sentence's clip. */
export interface ManifestSpan {
  speaker: SpeakerId;
  /** Milliseconds from the start of the narration file. */
  start: number;
  end: number;
}

/** When one word of a sentence is heard, and which characters of the sentence's displayed text it is. */
export interface ManifestWord {
  /** Milliseconds from the start of the narration file, like the sentence's times. */
  start: number;
  end: number;
  /** UTF-16 offsets into the sentence's displayed `text` (edition.json): the word is `text.slice(from, to)`. */
  from: number;
  to: number;
}

/** Where one sentence lies in the narration file. */
export interface ManifestEntry {
  /** Milliseconds from the start of the narration file: first and last sound of the sentence. */
  start: number;
  end: number;
  speaker: SpeakerId;
  spans: ManifestSpan[];
  /** Word times, in reading order (optional: a recording without them highlights sentences only). */
  words?: ManifestWord[];
  /** Hash of the spoken text of each span, its offline voice and the lexicon version (see `clipHash`). */
  hash: string;
}

/** Where one Editor's aside lies in the asides file. */
export interface AsideClip {
  /** Milliseconds from the start of the asides file: first and last sound of the aside. */
  start: number;
  end: number;
  /** Same meaning as a sentence's `hash` (`clipHash` of the aside's spans). */
  hash: string;
}

/**
 * The Editor's asides (`NarrationScript.asides`: glossary entries and notes read on request, the
 * uncertain-attribution warnings), rendered into a file of their own so that the downloadable
 * narration stays the text alone.
 */
export interface AsidesRecording {
  /** File names relative to the manifest, best first: Opus then MP3. */
  files: { opus: string; mp3: string };
  /** Total length of the asides file in milliseconds. */
  durationMs: number;
  /** Aside id (`note-<entry>`, `uncertain-<block>`) → its clip. */
  clips: Record<string, AsideClip>;
  /** Loudness measured in the encoded files. */
  loudness?: { opus: { integratedLufs: number; truePeakDbtp: number }; mp3: { integratedLufs: number; truePeakDbtp: number } };
}

/** The manifest file (`public/audio/manifest.json`). */
export interface AudioManifest {
  version: 1;
  /** File names relative to the manifest, best first: Opus (WebM or Ogg) then MP3. */
  files: { opus: string; mp3: string };
  /** Total length in milliseconds. */
  durationMs: number;
  /** Sentence ids in reading order (the order of the audio). */
  order: string[];
  sentences: Record<string, ManifestEntry>;
  /** Loudness target the files were normalised to. */
  loudness: { integratedLufs: number; truePeakDbtp: number };
  /** Credits: which synthetic voices were used. */
  voices: OfflineCast;
  /** The lexicon version the clips were rendered with (`lexiconVersion`), for diagnostics. */
  lexiconVersion?: string;
  /** Measured loudness of each speaker's spans before assembly, and the static gain applied. */
  speakerLoudness?: Partial<Record<SpeakerId, { measuredLufs: number; gainDb: number }>>;
  /** Loudness measured in each encoded file (the `loudness` field is the Opus file's). */
  encodedLoudness?: { opus: { integratedLufs: number; truePeakDbtp: number }; mp3: { integratedLufs: number; truePeakDbtp: number } };
  /** The pauses (ms) used between spans, sentences, paragraphs and sections. */
  pausesMs?: { span: number; sentence: number; paragraph: number; section: number };
  /** The Editor's asides, in a file of their own (absent in a recording made before them). */
  asides?: AsidesRecording;
  /**
   * Set when the narration is a human narrator's recording (`npm run audio -- --recording`), not
   * the synthetic voices: who reads it (the credits name them). `voices` then still names the
   * synthetic voice of the asides, and each sentence's `hash` is `recordingHash` of its displayed
   * text (`audio-scripts/recording-manifest.ts`): the words the narrator read.
   */
  recording?: { narrator: string };
}

/**
 * A 64-bit content hash as 16 hex digits: two FNV-1a passes with different prefixes. Enough to
 * tell clips apart (not a security hash).
 */
export function contentHash(text: string): string {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return hex(fnv1a32(text)) + hex(fnv1a32(`\u0001${text}`));
}

/**
 * Version of the pronunciation lexicon: a hash of the data that changes what is spoken — each
 * name's written and spoken form, each rule's id, pattern and replacement, the letter names. The
 * records beside them (`$comment`, a name's `guide` and `ipa`, a rule's description and example)
 * are ignored, so documenting a respelling does not make the recording stale.
 */
export function lexiconVersion(data: LexiconData): string {
  return contentHash(
    JSON.stringify({
      names: data.names.map(({ written, spoken }) => ({ written, spoken })),
      rules: data.rules.map(({ id, pattern, replace, letters }) => ({ id, pattern, replace, letters })),
      letters: data.letters,
    }),
  );
}

/** The parts of a spoken span the clip hash depends on. */
export interface HashedSpan {
  speaker: SpeakerId;
  /** Spoken text (lexicon applied), exactly as sent to the synthesizer. */
  text: string;
}

/** The offline voice of `speaker`; throws when the cast has none. */
function voiceOf(cast: OfflineCast, speaker: SpeakerId): OfflineVoice {
  const voice = cast[speaker];
  if (!voice) throw new Error(`offline cast has no voice for speaker "${speaker}"`);
  return voice;
}

/**
 * Hash of one sentence's clip: each span's speaker, spoken text and offline voice (engine, voice,
 * tempo), and the lexicon version. When any of them changes, the recorded clip is stale.
 */
export function clipHash(spans: readonly HashedSpan[], cast: OfflineCast, lexiconVersion: string): string {
  const parts = spans.map((span) => {
    const voice = voiceOf(cast, span.speaker);
    return [span.speaker, voice.engine, voice.voice, voice.tempo ?? 1, span.text];
  });
  return contentHash(JSON.stringify([lexiconVersion, parts]));
}

/** What `checkManifest` found. */
export interface ManifestCheck {
  /** Sentences of the script with no entry (or not listed in `order`). */
  missing: string[];
  /** Sentences whose entry's hash no longer matches their spoken text, voices or lexicon. */
  stale: string[];
  /** Entries (or `order` ids) for sentences the script no longer has. */
  extra: string[];
  /** `order` is not the script's reading order (or lists an id twice). */
  outOfOrder: boolean;
}

/** Compares a manifest with the narration script it should cover. Pure. */
export function checkManifest(
  manifest: AudioManifest,
  script: NarrationScript,
  cast: OfflineCast,
  lexiconVersion: string,
): ManifestCheck {
  const scriptIds = script.items.map((item) => item.id);
  const inScript = new Set(scriptIds);
  const inOrder = new Set(manifest.order);
  const missing: string[] = [];
  const stale: string[] = [];
  for (const item of script.items) {
    const entry = Object.hasOwn(manifest.sentences, item.id) ? manifest.sentences[item.id] : undefined;
    if (!entry || !inOrder.has(item.id)) missing.push(item.id);
    else if (entry.hash !== clipHash(item.spans, cast, lexiconVersion)) stale.push(item.id);
  }
  const extra = [...new Set([...Object.keys(manifest.sentences), ...manifest.order])].filter((id) => !inScript.has(id));
  const common = manifest.order.filter((id) => inScript.has(id));
  const expected = scriptIds.filter((id) => inOrder.has(id));
  const outOfOrder =
    inOrder.size !== manifest.order.length ||
    common.length !== expected.length ||
    common.some((id, i) => id !== expected[i]);
  return { missing, stale, extra, outOfOrder };
}

/** What `checkAsides` found. */
export interface AsidesCheck {
  /** Asides of the script with no clip (or no asides recording at all). */
  missing: string[];
  /** Asides whose clip's hash no longer matches their spoken text, voice or lexicon. */
  stale: string[];
  /** Clips for asides the script no longer has. */
  extra: string[];
}

/** Compares the manifest's asides recording with the script's asides (like `checkManifest`). Pure. */
export function checkAsides(
  manifest: AudioManifest,
  script: NarrationScript,
  cast: OfflineCast,
  lexiconVersion: string,
): AsidesCheck {
  const clips = manifest.asides?.clips ?? {};
  const missing: string[] = [];
  const stale: string[] = [];
  for (const [id, item] of Object.entries(script.asides)) {
    const clip = Object.hasOwn(clips, id) ? clips[id] : undefined;
    if (!clip) missing.push(id);
    else if (clip.hash !== clipHash(item.spans, cast, lexiconVersion)) stale.push(id);
  }
  const extra = Object.keys(clips).filter((id) => !Object.hasOwn(script.asides, id));
  return { missing, stale, extra };
}

/**
 * Checks the asides recording's clips (when there is one); returns a list of problems (empty when
 * sound): a missing file name, times that are not numbers, empty or reversed clips, clips beyond
 * `durationMs` or overlapping each other. Pure.
 */
export function validateAsides(manifest: AudioManifest): string[] {
  const asides = manifest.asides;
  if (asides === undefined) return [];
  const problems: string[] = [];
  if (typeof asides !== 'object' || asides === null) return ['asides: not an object'];
  if (typeof asides.files?.opus !== 'string' || typeof asides.files.mp3 !== 'string') problems.push('asides: files.opus and files.mp3 must be file names');
  if (!(asides.durationMs > 0)) problems.push(`asides: durationMs is ${asides.durationMs}`);
  if (typeof asides.clips !== 'object' || asides.clips === null) return [...problems, 'asides: no clips'];
  const sorted: Array<{ id: string; start: number; end: number }> = [];
  for (const [id, clip] of Object.entries(asides.clips)) {
    const { start, end } = clip ?? ({} as AsideClip);
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
      problems.push(`asides ${id}: start/end not numbers`);
      continue;
    }
    if (start < 0) problems.push(`asides ${id}: starts before 0 (${start})`);
    if (end <= start) problems.push(`asides ${id}: end ${end} <= start ${start}`);
    if (end > asides.durationMs) problems.push(`asides ${id}: ends at ${end}, beyond durationMs ${asides.durationMs}`);
    sorted.push({ id, start, end });
  }
  sorted.sort((a, b) => a.start - b.start);
  sorted.forEach((clip, i) => {
    const previous = sorted[i - 1];
    if (previous && clip.start < previous.end) problems.push(`asides ${clip.id}: starts at ${clip.start}, overlapping ${previous.id} (ends ${previous.end})`);
  });
  return problems;
}

/**
 * Checks the manifest's timeline; returns a list of problems (empty when sound): entries that are
 * not in time order or overlap, empty or reversed ranges, spans outside their sentence or out of
 * order, anything beyond `durationMs`. Word times are checked apart (`validateWords`): a bad one
 * costs its sentence the word highlight, not the recording. Pure.
 */
export function validateTimeline(manifest: AudioManifest): string[] {
  const problems: string[] = [];
  const { durationMs } = manifest;
  if (!(durationMs > 0)) problems.push(`durationMs is ${durationMs}`);
  let previous: { id: string; start: number; end: number } | undefined;
  for (const id of manifest.order) {
    const entry = Object.hasOwn(manifest.sentences, id) ? manifest.sentences[id] : undefined;
    if (!entry) {
      problems.push(`${id}: listed in order but has no entry`);
      continue;
    }
    const { start, end } = entry;
    if (!Number.isFinite(start) || !Number.isFinite(end)) problems.push(`${id}: start/end not numbers`);
    if (start < 0) problems.push(`${id}: starts before 0 (${start})`);
    // A sentence with nothing to say (no spans) may be empty; any other must have a length.
    if (end < start || (end === start && entry.spans.length > 0)) problems.push(`${id}: end ${end} <= start ${start}`);
    if (end > durationMs) problems.push(`${id}: ends at ${end}, beyond durationMs ${durationMs}`);
    if (previous) {
      if (start < previous.start) problems.push(`${id}: starts at ${start}, before ${previous.id} (${previous.start}): not monotonic`);
      else if (start < previous.end) problems.push(`${id}: starts at ${start}, overlapping ${previous.id} (ends ${previous.end})`);
    }
    let spanEnd = start;
    entry.spans.forEach((span, i) => {
      if (span.end <= span.start) problems.push(`${id}: span ${i} end ${span.end} <= start ${span.start}`);
      if (span.start < start || span.end > end) problems.push(`${id}: span ${i} [${span.start}, ${span.end}] outside the sentence [${start}, ${end}]`);
      if (span.start < spanEnd) problems.push(`${id}: span ${i} starts at ${span.start}, before the previous span ends (${spanEnd})`);
      spanEnd = Math.max(spanEnd, span.end);
    });
    previous = { id, start, end };
  }
  return problems;
}

/**
 * Checks one sentence's word times (when it has any); returns a list of problems (empty when sound
 * or absent): `words` not a list, a start, end or offset that is not a number, a word that ends
 * before it starts or lies outside the sentence's `[start, end]`, words out of order or
 * overlapping, offsets outside `[0, textLength]` (when the displayed text's length is given) or
 * not increasing. Pure.
 */
export function validateWords(id: string, entry: ManifestEntry, textLength?: number): string[] {
  const words: unknown = entry.words;
  if (words === undefined) return [];
  if (!Array.isArray(words)) return [`${id}: words is not a list`];
  const problems: string[] = [];
  let timeEnd = entry.start;
  let textEnd = 0;
  words.forEach((word: unknown, i) => {
    const { start, end, from, to } = (typeof word === 'object' && word !== null ? word : {}) as Partial<ManifestWord>;
    if (![start, end, from, to].every((n) => typeof n === 'number' && Number.isFinite(n))) {
      problems.push(`${id}: word ${i}: start/end/from/to not numbers`);
      return;
    }
    const w = word as ManifestWord;
    if (w.end < w.start) problems.push(`${id}: word ${i} end ${w.end} < start ${w.start}`);
    if (w.start < entry.start || w.end > entry.end) problems.push(`${id}: word ${i} [${w.start}, ${w.end}] outside the sentence [${entry.start}, ${entry.end}]`);
    if (w.start < timeEnd) problems.push(`${id}: word ${i} starts at ${w.start}, before the previous word ends (${timeEnd})`);
    if (!Number.isInteger(w.from) || !Number.isInteger(w.to) || w.from < textEnd || w.to <= w.from) {
      problems.push(`${id}: word ${i} offsets [${w.from}, ${w.to}) not increasing whole numbers`);
    }
    if (textLength !== undefined && w.to > textLength) problems.push(`${id}: word ${i} offsets [${w.from}, ${w.to}) beyond the text (${textLength} characters)`);
    timeEnd = Math.max(timeEnd, w.end);
    textEnd = Math.max(textEnd, w.to);
  });
  return problems;
}
