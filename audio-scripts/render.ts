/**
 * Renders the recorded narration (`npm run audio`) or checks that the committed one is current
 * (`npm run audio:check`, no TTS, exits 1 listing missing/stale sentence and aside ids).
 *
 * Pipeline: edition → narration script (default lexicon, so the words are exactly what the browser
 * narration speaks) → one clip per spoken span with its speaker's offline voice (cached by content
 * hash, rendered in parallel) → mono 24 kHz, silence trimmed → a static gain per speaker to
 * -16 LUFS → assembled with data-driven pauses → two-pass loudnorm → Opus/WebM + MP3 →
 * `public/audio/manifest.json` with every sentence's and span's start/end. The Editor's asides
 * (glossary entries and notes, uncertain-attribution warnings: `script.asides`) go through the same
 * steps into a file pair of their own (`asides.webm` + `asides.mp3`, the manifest's `asides`), so
 * the downloadable narration MP3 stays the text alone.
 *
 * Options: `--check`, `--prune` (delete cached clips this text no longer uses), `--jobs N`,
 * `--keep-build` (keep the assembled and normalised WAVs in `.cache/build/` for inspection);
 * `--recording <file or folder> --narrator "<Name>" [--alignment <file.json>] [--out <dir>]` makes
 * a human narrator's take the narration instead (`recording.ts`; `--check` follows the manifest).
 */
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEdition } from '../src/content/load.ts';
import { SPEAKER_IDS, type SpeakerId } from '../src/content/model.ts';
import {
  checkAsides,
  checkManifest,
  clipHash,
  contentHash,
  lexiconVersion,
  validateAsides,
  validateTimeline,
  validateWords,
  type AsideClip,
  type AsidesRecording,
  type AudioManifest,
  type ManifestEntry,
  type ManifestWord,
  type OfflineCast,
  type OfflineVoice,
} from '../src/narration/audio-manifest.ts';
import { defaultLexicon } from '../src/narration/lexicon.ts';
import { buildNarrationScript } from '../src/narration/script.ts';
import type { NarrationItem, NarrationScript, SpokenSpan } from '../src/narration/types.ts';
import { measureLoudness, probeDurationMs, readWav, writeWavFloat, type Loudness } from './audio-tools.ts';
import { engineText } from './engines.ts';
import { pool, synthesizeClip } from './clips.ts';
import { ENCODED_TRUE_PEAK_MAX, ENCODING as DELIVERY_ENCODING, normaliseAndEncode, SAMPLE_RATE, serialiseManifest } from './delivery.ts';
import { recordingCommand } from './recording.ts';
import { sentenceWordTimes, WORD_TIMES_VERSION } from './word-times.ts';

// ---------------------------------------------------------------------------------------------
// Settings (data, not code paths)

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PATHS = {
  source: join(ROOT, 'src/content/source/kollontai-1939.edition.md'),
  voices: join(ROOT, 'audio-scripts/voices.json'),
  cache: join(ROOT, 'audio-scripts/.cache'),
  out: join(ROOT, 'public/audio'),
};
const FILES = { opus: 'narration.webm', mp3: 'narration.mp3' } as const;
const ASIDE_FILES = { opus: 'asides.webm', mp3: 'asides.mp3' } as const;

/** Silence inserted after a span, by what comes next (ms). */
const PAUSES_MS = { span: 60, sentence: 350, paragraph: 750, section: 1300 } as const;
/** Silence before the first and after the last sentence (ms): room for decoder pre-roll. */
const LEAD_IN_MS = 250;
const TAIL_MS = 600;
/**
 * Silence between two asides in the asides file (ms): each is played on its own and paused at its
 * end, so this is only a margin for a late pause (a frame) and the codec's smearing.
 */
const ASIDE_GAP_MS = 600;

/** Loudness target of each speaker (the whole file's, its limiter and passes: `delivery.ts`). */
const SPEAKER_TARGET_LUFS = -16;
/**
 * The asides are espeak-ng alone, whose plosives are peakier than the narration's mix of voices:
 * with the narration's limiter loudnorm falls back to its dynamic (pumping) mode, so they get the
 * interface sprite's 0.3 (≈ -10.5 dBFS). And Opus at 20 kbps overshoots espeak's bursts by 2–3 dB
 * whatever the limiter does (measured on these clips: a pre-encode true peak of -2 to -6 dBTP
 * decodes at about 0 dBTP, at 20 or 32 kbps, voip or audio mode), so lowering the limiter cannot
 * help: the asides keep -16 LUFS, like the narration, and accept encoded peaks up to +1 dBTP (as
 * `render-interface.ts` does for the same voice); above that the report warns.
 */
const ASIDES_LIMITER_LINEAR = 0.3;
const ASIDES_TRUE_PEAK_MAX = 1;
/** Largest per-speaker correction we trust (dB); more means a broken clip. */
const MAX_SPEAKER_GAIN_DB = 24;

const ENCODING = {
  ...DELIVERY_ENCODING,
  comment: 'Synthetic narration (flite, festival, espeak-ng voices), rendered by audio-scripts/render.ts',
};
const ASIDE_ENCODING = {
  ...ENCODING,
  title: 'Stalin’s Conversation with A.M. Kollontai (November, 1939): the editor’s notes',
  comment: 'Synthetic voice (espeak-ng), the edition’s glossary and notes, rendered by audio-scripts/render.ts',
};
const OPUS_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * Version of the clip pipeline (engine text clean-up, sox trim/fade, format). Part of the cache
 * key: change it when the per-clip processing changes so cached clips are re-rendered.
 */
const CLIP_PIPELINE = 'clip-v1 ascii-text mono 24k s16 trim(0.05s,0.5%) fade(5ms,10ms)';

/** The shortest clip we accept as real speech (ms). */
const MIN_CLIP_MS = 50;

// ---------------------------------------------------------------------------------------------
// Helpers

const log = (message: string) => process.stdout.write(`${message}\n`);
const ms = (samples: number) => Math.round((samples * 1000) / SAMPLE_RATE);
const samplesOf = (millis: number) => Math.round((millis * SAMPLE_RATE) / 1000);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
const rel = (path: string) => relative(ROOT, path);
const round = (l: Loudness): Loudness => ({
  integratedLufs: Number(l.integratedLufs.toFixed(2)),
  truePeakDbtp: Number(l.truePeakDbtp.toFixed(2)),
});

/** Reads and checks `voices.json`: a known engine and a voice name for every speaker. */
function loadCast(path: string): OfflineCast {
  const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, OfflineVoice>;
  for (const speaker of SPEAKER_IDS) {
    const voice = data[speaker];
    if (!voice || !['flite', 'festival', 'espeak-ng'].includes(voice.engine) || typeof voice.voice !== 'string') {
      throw new Error(`${rel(path)}: speaker "${speaker}" needs { engine: flite|festival|espeak-ng, voice }`);
    }
  }
  return Object.fromEntries(SPEAKER_IDS.map((s) => [s, data[s]])) as OfflineCast;
}

/** The edition's narration script, exactly as the browser builds it. */
function loadScript(): { script: NarrationScript; lexVersion: string } {
  const lexicon = defaultLexicon();
  const script = buildNarrationScript(loadEdition(PATHS.source), lexicon);
  return { script, lexVersion: lexiconVersion(lexicon.data) };
}

// ---------------------------------------------------------------------------------------------
// --check

/** Verifies the committed manifest and files without any TTS; returns the exit code. */
function check(script: NarrationScript, cast: OfflineCast, lexVersion: string): number {
  const manifestPath = join(PATHS.out, 'manifest.json');
  if (!existsSync(manifestPath)) {
    log(`audio:check: ${rel(manifestPath)} does not exist; all ${script.items.length} sentences are missing. Run npm run audio.`);
    return 1;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as AudioManifest;
  const result = checkManifest(manifest, script, cast, lexVersion);
  const asides = checkAsides(manifest, script, cast, lexVersion);
  const timeline = [...validateTimeline(manifest), ...validateAsides(manifest)];
  // Every sentence has its word times (the read-along by word), and they are sound.
  const words = script.items.flatMap((item) => {
    const entry = manifest.sentences[item.id];
    if (!entry) return [];
    return entry.words?.length ? validateWords(item.id, entry, item.text.length) : [`${item.id}: no word times`];
  });
  const files = [...Object.values(manifest.files), ...Object.values(manifest.asides?.files ?? {})];
  const absentFiles = files.filter((file) => !existsSync(join(PATHS.out, file)));
  const ok =
    result.missing.length + result.stale.length + result.extra.length + timeline.length + words.length + absentFiles.length === 0 &&
    asides.missing.length + asides.stale.length + asides.extra.length === 0 &&
    !result.outOfOrder;
  const byId = new Map(script.items.map((item) => [item.id, item]));
  const describe = (id: string) => {
    const item = byId.get(id);
    return item ? `  ${id}  ${item.text.length > 70 ? `${item.text.slice(0, 67)}…` : item.text}` : `  ${id}`;
  };
  if (result.missing.length) log(`missing (${result.missing.length}):\n${result.missing.map(describe).join('\n')}`);
  if (result.stale.length) log(`stale (${result.stale.length}):\n${result.stale.map(describe).join('\n')}`);
  if (result.extra.length) log(`extra, no longer in the text (${result.extra.length}):\n${result.extra.map(describe).join('\n')}`);
  const describeAside = (id: string) => {
    const text = script.asides[id]?.text;
    return text ? `  ${id}  ${text.length > 70 ? `${text.slice(0, 67)}…` : text}` : `  ${id}`;
  };
  if (asides.missing.length) log(`asides missing (${asides.missing.length}):\n${asides.missing.map(describeAside).join('\n')}`);
  if (asides.stale.length) log(`asides stale (${asides.stale.length}):\n${asides.stale.map(describeAside).join('\n')}`);
  if (asides.extra.length) log(`asides extra, no longer in the script (${asides.extra.length}):\n${asides.extra.map(describeAside).join('\n')}`);
  if (result.outOfOrder) log('order: the manifest is not in reading order');
  if (timeline.length) log(`timeline problems (${timeline.length}):\n  ${timeline.join('\n  ')}`);
  if (words.length) log(`word time problems (${words.length}):\n  ${words.slice(0, 20).join('\n  ')}${words.length > 20 ? '\n  …' : ''}`);
  if (absentFiles.length) log(`files missing from ${rel(PATHS.out)}: ${absentFiles.join(', ')}`);
  if (manifest.lexiconVersion && manifest.lexiconVersion !== lexVersion) {
    log(`lexicon changed since the render (${manifest.lexiconVersion} → ${lexVersion})`);
  }
  log(
    ok
      ? `audio:check: ok — ${script.items.length} sentences, ${fmt(manifest.durationMs / 60000, 1)} min, and ${Object.keys(script.asides).length} asides, current`
      : 'audio:check: the recorded narration is out of date; run npm run audio',
  );
  return ok ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** One span to synthesize, with where it is used (for error messages). */
interface ClipJob {
  key: string;
  voice: OfflineVoice;
  text: string;
  file: string;
  /** `sentenceId#span` of every use (the same words in the same voice share a clip). */
  uses: string[];
}

/** Cache key of a span's clip: pipeline version, voice and engine text (not the lexicon version). */
function clipKey(voice: OfflineVoice, text: string): string {
  return contentHash(JSON.stringify([CLIP_PIPELINE, voice.engine, voice.voice, voice.tempo ?? 1, text]));
}

/** Plans one clip per distinct (voice, text) of the sentences and asides; returns the jobs and each span's key. */
function planClips(script: NarrationScript, cast: OfflineCast, clipDir: string) {
  const jobs = new Map<string, ClipJob>();
  const spanKeys = new Map<SpokenSpan, string>();
  for (const item of [...script.items, ...Object.values(script.asides)]) {
    item.spans.forEach((span, i) => {
      const voice = cast[span.speaker];
      const text = engineText(span.text);
      const key = clipKey(voice, text);
      spanKeys.set(span, key);
      const job = jobs.get(key) ?? { key, voice, text, file: join(clipDir, `${key}.wav`), uses: [] };
      job.uses.push(`${item.id}#${i}`);
      jobs.set(key, job);
    });
  }
  return { jobs: [...jobs.values()], spanKeys };
}

/** Synthesizes and cleans one clip into the cache. */
function renderClip(job: ClipJob, tmpDir: string): Promise<void> {
  return synthesizeClip({ key: job.key, voice: job.voice, text: job.text, file: job.file, tmpDir, sampleRate: SAMPLE_RATE, minMs: MIN_CLIP_MS });
}

/**
 * A sentence's word times (ms from its first sound), from the cache or computed and cached. The key
 * is the sentence's clip hash (its spans' text, voices, lexicon), the clip pipeline, the pause between
 * its spans and the word-time method: the same clips in the same places give the same words.
 */
async function cachedWordTimes(dir: string, sentenceHash: string, compute: () => Promise<ManifestWord[]>): Promise<ManifestWord[]> {
  const key = contentHash(JSON.stringify([WORD_TIMES_VERSION, CLIP_PIPELINE, sentenceHash, PAUSES_MS.span]));
  const file = join(dir, `${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ManifestWord[];
  const words = await compute();
  await mkdir(dir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(words));
  await rename(temp, file);
  return words;
}

/** Which pause follows `item` given the next item (or the tail after the last). */
function pauseAfter(item: NarrationItem, next: NarrationItem | undefined): number {
  if (!next) return TAIL_MS;
  if (next.section !== item.section) return PAUSES_MS.section;
  if (next.paragraph !== item.paragraph) return PAUSES_MS.paragraph;
  return PAUSES_MS.sentence;
}

/** Mixes placed clips into one buffer of `length` samples. */
function mix(length: number, placements: ReadonlyArray<{ at: number; clip: Float32Array; gain: number }>): Float32Array {
  const total = new Float32Array(length);
  for (const { at, clip, gain } of placements) {
    for (let i = 0; i < clip.length; i += 1) total[at + i] = clip[i]! * gain;
  }
  return total;
}

async function render(script: NarrationScript, cast: OfflineCast, lexVersion: string, jobsLimit: number, prune: boolean, keepBuild: boolean): Promise<number> {
  const started = performance.now();
  const clipDir = join(PATHS.cache, 'clips');
  const tmpDir = join(PATHS.cache, 'tmp');
  const buildDir = join(PATHS.cache, 'build');
  await Promise.all([clipDir, tmpDir, buildDir, PATHS.out].map((dir) => mkdir(dir, { recursive: true })));

  // 1. Clips: synthesize what the cache lacks, in parallel.
  const { jobs, spanKeys } = planClips(script, cast, clipDir);
  const todo = jobs.filter((job) => !existsSync(job.file));
  const asideItems = Object.values(script.asides);
  log(`${script.items.length} sentences and ${asideItems.length} asides, ${spanKeys.size} spans, ${jobs.length} distinct clips; ${todo.length} to synthesize (${jobsLimit} at a time)`);
  const failures: string[] = [];
  let done = 0;
  await pool(todo, jobsLimit, async (job) => {
    try {
      await renderClip(job, tmpDir);
    } catch (error) {
      failures.push(`sentence ${job.uses.join(', ')} (${job.voice.engine} ${job.voice.voice}): ${(error as Error).message}`);
    }
    done += 1;
    if (done % 25 === 0 || done === todo.length) log(`  synthesized ${done}/${todo.length}`);
  });
  if (failures.length) {
    process.stderr.write(`\n${failures.length} clip(s) failed:\n${failures.join('\n\n')}\n`);
    return 1;
  }
  const synthSeconds = (performance.now() - started) / 1000;

  // 2. Read the clips; measure each speaker's loudness over all their spans.
  const clips = new Map<string, Float32Array>();
  for (const job of jobs) clips.set(job.key, (await readWav(job.file)).samples);
  const bySpeaker = new Map<SpeakerId, Float32Array[]>();
  for (const item of script.items) {
    for (const span of item.spans) {
      const list = bySpeaker.get(span.speaker) ?? [];
      list.push(clips.get(spanKeys.get(span)!)!);
      bySpeaker.set(span.speaker, list);
    }
  }
  const speakerLoudness: NonNullable<AudioManifest['speakerLoudness']> = {};
  const gains = new Map<SpeakerId, number>();
  for (const [speaker, list] of bySpeaker) {
    const joined = new Float32Array(list.reduce((n, s) => n + s.length, 0));
    let at = 0;
    for (const s of list) {
      joined.set(s, at);
      at += s.length;
    }
    const file = join(buildDir, `speaker-${speaker}.wav`);
    await writeWavFloat(file, joined, SAMPLE_RATE);
    const { integratedLufs } = await measureLoudness(file);
    const gainDb = SPEAKER_TARGET_LUFS - integratedLufs;
    if (!(Math.abs(gainDb) <= MAX_SPEAKER_GAIN_DB)) {
      process.stderr.write(`speaker ${speaker}: measured ${integratedLufs} LUFS, a ${gainDb} dB correction is implausible\n`);
      return 1;
    }
    gains.set(speaker, gainDb);
    speakerLoudness[speaker] = { measuredLufs: Number(integratedLufs.toFixed(2)), gainDb: Number(gainDb.toFixed(2)) };
  }

  // 3. Timeline and assembly (sample-exact; ms in the manifest).
  let cursor = samplesOf(LEAD_IN_MS);
  const placements: Array<{ at: number; clip: Float32Array; gain: number }> = [];
  const sentences: Record<string, ManifestEntry> = {};
  const sentenceSamples = new Map<string, { start: number; end: number }>();
  script.items.forEach((item, index) => {
    const start = cursor;
    const spans = item.spans.map((span, i) => {
      if (i > 0) cursor += samplesOf(PAUSES_MS.span);
      const clip = clips.get(spanKeys.get(span)!)!;
      placements.push({ at: cursor, clip, gain: 10 ** (gains.get(span.speaker)! / 20) });
      const spanStart = cursor;
      cursor += clip.length;
      return { speaker: span.speaker, start: ms(spanStart), end: ms(cursor) };
    });
    sentences[item.id] = {
      start: ms(start),
      end: ms(cursor),
      speaker: item.speaker,
      spans,
      hash: clipHash(item.spans, cast, lexVersion),
    };
    sentenceSamples.set(item.id, { start, end: cursor });
    cursor += samplesOf(pauseAfter(item, script.items[index + 1]));
  });
  const total = mix(cursor, placements);

  // 3b. Word times: each sentence's audio aligned against its own text (cached per sentence).
  const wordsStarted = performance.now();
  const wordFailures: string[] = [];
  let aligned = 0;
  await pool(script.items, jobsLimit, async (item) => {
    const entry = sentences[item.id]!;
    const range = sentenceSamples.get(item.id)!;
    try {
      const words = await cachedWordTimes(join(PATHS.cache, 'words'), entry.hash, () =>
        sentenceWordTimes(total.subarray(range.start, range.end), SAMPLE_RATE, item, 1),
      );
      entry.words = words.map((w) => ({ ...w, start: entry.start + w.start, end: Math.min(entry.end, entry.start + w.end) }));
      const problems = validateWords(item.id, entry, item.text.length);
      if (entry.words.length === 0) problems.push(`${item.id}: no words found`);
      wordFailures.push(...problems);
    } catch (error) {
      wordFailures.push(`${item.id}: ${(error as Error).message}`);
    }
    aligned += 1;
    if (aligned % 50 === 0 || aligned === script.items.length) log(`  word times ${aligned}/${script.items.length}`);
  });
  if (wordFailures.length) {
    process.stderr.write(`word times failed for ${wordFailures.length} sentence(s):\n  ${wordFailures.join('\n  ')}\n`);
    return 1;
  }
  const wordsSeconds = (performance.now() - wordsStarted) / 1000;
  const assembled = join(buildDir, 'assembled.wav');
  const normalised = join(buildDir, 'normalised.wav');
  await writeWavFloat(assembled, total, SAMPLE_RATE);

  // 4. Whole-file loudness and encoding.
  const opusPath = join(PATHS.out, FILES.opus);
  const mp3Path = join(PATHS.out, FILES.mp3);
  const { norm, opusLoud, mp3Loud } = await normaliseAndEncode('narration', assembled, normalised, opusPath, mp3Path, ENCODING);
  const [opusMs, mp3Ms, opusSize, mp3Size] = await Promise.all([
    probeDurationMs(opusPath),
    probeDurationMs(mp3Path),
    stat(opusPath).then((s) => s.size),
    stat(mp3Path).then((s) => s.size),
  ]);

  // 4b. The Editor's asides: the same clips, gains and loudness steps, into a file of their own,
  // one after the other with ASIDE_GAP_MS between them, at the editor's static gain (measured over
  // the editor's words in the text, so a note sounds like the editor's note before the text).
  let asideCursor = samplesOf(LEAD_IN_MS);
  const asidePlacements: Array<{ at: number; clip: Float32Array; gain: number }> = [];
  const asideClips: Record<string, AsideClip> = {};
  for (const [id, item] of Object.entries(script.asides)) {
    if (asideCursor > samplesOf(LEAD_IN_MS)) asideCursor += samplesOf(ASIDE_GAP_MS);
    const start = asideCursor;
    item.spans.forEach((span, i) => {
      if (i > 0) asideCursor += samplesOf(PAUSES_MS.span);
      const clip = clips.get(spanKeys.get(span)!)!;
      asidePlacements.push({ at: asideCursor, clip, gain: 10 ** ((gains.get(span.speaker) ?? 0) / 20) });
      asideCursor += clip.length;
    });
    asideClips[id] = { start: ms(start), end: ms(asideCursor), hash: clipHash(item.spans, cast, lexVersion) };
  }
  let asides: AsidesRecording | undefined;
  let asideReport: { ms: number; opusMs: number; opusSize: number; mp3Size: number; opus: Loudness; mp3: Loudness; normalizationType: string } | undefined;
  if (asideItems.length > 0) {
    asideCursor += samplesOf(TAIL_MS);
    const asidesAssembled = join(buildDir, 'asides-assembled.wav');
    const asidesNormalised = join(buildDir, 'asides-normalised.wav');
    await writeWavFloat(asidesAssembled, mix(asideCursor, asidePlacements), SAMPLE_RATE);
    const asideOpus = join(PATHS.out, ASIDE_FILES.opus);
    const asideMp3 = join(PATHS.out, ASIDE_FILES.mp3);
    const encoded = await normaliseAndEncode('asides', asidesAssembled, asidesNormalised, asideOpus, asideMp3, ASIDE_ENCODING, {
      limiterLinear: ASIDES_LIMITER_LINEAR,
      passes: 1,
    });
    const [asideOpusMs, asideOpusSize, asideMp3Size] = await Promise.all([
      probeDurationMs(asideOpus),
      stat(asideOpus).then((s) => s.size),
      stat(asideMp3).then((s) => s.size),
    ]);
    asides = {
      files: { ...ASIDE_FILES },
      durationMs: ms(asideCursor),
      clips: asideClips,
      loudness: { opus: round(encoded.opusLoud), mp3: round(encoded.mp3Loud) },
    };
    asideReport = { ms: asides.durationMs, opusMs: asideOpusMs, opusSize: asideOpusSize, mp3Size: asideMp3Size, opus: encoded.opusLoud, mp3: encoded.mp3Loud, normalizationType: encoded.norm.normalizationType };
  }

  // 5. The manifest.
  const manifest: AudioManifest = {
    version: 1,
    files: { ...FILES },
    durationMs: ms(total.length),
    order: script.items.map((item) => item.id),
    sentences,
    loudness: round(opusLoud),
    voices: cast,
    lexiconVersion: lexVersion,
    speakerLoudness,
    encodedLoudness: { opus: round(opusLoud), mp3: round(mp3Loud) },
    pausesMs: { ...PAUSES_MS },
    ...(asides ? { asides } : {}),
  };
  const problems = [...validateTimeline(manifest), ...validateAsides(manifest)];
  if (problems.length) {
    process.stderr.write(`timeline problems:\n  ${problems.join('\n  ')}\n`);
    return 1;
  }
  await writeFile(join(PATHS.out, 'manifest.json'), serialiseManifest(manifest));

  if (prune) {
    const used = new Set(jobs.map((job) => `${job.key}.wav`));
    const stale = (await readdir(clipDir)).filter((name) => !used.has(name));
    await Promise.all(stale.map((name) => rm(join(clipDir, name), { force: true })));
    log(`pruned ${stale.length} unused cached clip(s)`);
  }
  if (!keepBuild) await rm(buildDir, { recursive: true, force: true });

  // 6. Report.
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  const warnings: string[] = [];
  if (opusSize > OPUS_BUDGET_BYTES) warnings.push(`Opus file is over the ${mb(OPUS_BUDGET_BYTES)} budget`);
  if (norm.normalizationType !== 'linear') warnings.push(`loudnorm fell back to ${norm.normalizationType} mode`);
  if (Math.max(opusLoud.truePeakDbtp, mp3Loud.truePeakDbtp) > ENCODED_TRUE_PEAK_MAX) warnings.push(`true peak above ${ENCODED_TRUE_PEAK_MAX} dBTP`);
  if (Math.abs(opusMs - manifest.durationMs) > 100) warnings.push(`Opus duration ${opusMs} ms differs from the timeline ${manifest.durationMs} ms`);
  if (asideReport && Math.abs(asideReport.opusMs - asideReport.ms) > 100) warnings.push(`asides Opus duration ${asideReport.opusMs} ms differs from their timeline ${asideReport.ms} ms`);
  if (asideReport && Math.max(asideReport.opus.truePeakDbtp, asideReport.mp3.truePeakDbtp) > ASIDES_TRUE_PEAK_MAX) warnings.push(`asides: true peak above ${ASIDES_TRUE_PEAK_MAX} dBTP`);
  if (asideReport && asideReport.normalizationType !== 'linear') warnings.push(`asides: loudnorm fell back to ${asideReport.normalizationType} mode`);
  const minutes = (millis: number) => `${Math.floor(millis / 60000)}:${String(Math.round((millis % 60000) / 1000)).padStart(2, '0')}`;
  log('');
  log(`duration   ${minutes(manifest.durationMs)} (${manifest.durationMs} ms; opus ${opusMs} ms, mp3 ${mp3Ms} ms)`);
  log(`files      ${rel(opusPath)} ${mb(opusSize)} (${ENCODING.opusKbps} kbps), ${rel(mp3Path)} ${mb(mp3Size)} (${ENCODING.mp3Kbps} kbps)`);
  log(`loudness   opus ${fmt(opusLoud.integratedLufs)} LUFS / ${fmt(opusLoud.truePeakDbtp)} dBTP; mp3 ${fmt(mp3Loud.integratedLufs)} LUFS / ${fmt(mp3Loud.truePeakDbtp)} dBTP; loudnorm ${norm.normalizationType} (${fmt(norm.inputLufs)} → ${fmt(norm.outputLufs)} LUFS)`);
  if (asideReport) {
    log(`asides     ${asideItems.length} clips, ${minutes(asideReport.ms)}: ${rel(join(PATHS.out, ASIDE_FILES.opus))} ${mb(asideReport.opusSize)}, ${rel(join(PATHS.out, ASIDE_FILES.mp3))} ${mb(asideReport.mp3Size)}; opus ${fmt(asideReport.opus.integratedLufs)} LUFS / ${fmt(asideReport.opus.truePeakDbtp)} dBTP, mp3 ${fmt(asideReport.mp3.integratedLufs)} LUFS / ${fmt(asideReport.mp3.truePeakDbtp)} dBTP; loudnorm ${asideReport.normalizationType}`);
  }
  for (const [speaker, l] of Object.entries(speakerLoudness)) {
    const voice = cast[speaker as SpeakerId];
    log(`  ${speaker.padEnd(10)} ${voice.engine} ${voice.voice}${voice.tempo && voice.tempo !== 1 ? ` ×${voice.tempo}` : ''}: measured ${fmt(l.measuredLufs)} LUFS, gain ${l.gainDb >= 0 ? '+' : ''}${fmt(l.gainDb)} dB`);
  }
  log(`time       ${fmt((performance.now() - started) / 1000)} s (synthesis ${fmt(synthSeconds)} s, word times ${fmt(wordsSeconds)} s)`);
  log(`words      ${Object.values(sentences).reduce((n, e) => n + (e.words?.length ?? 0), 0)} word times in ${script.items.length} sentences`);
  log(`manifest   ${rel(join(PATHS.out, 'manifest.json'))}`);
  for (const warning of warnings) log(`WARNING    ${warning}`);
  return 0;
}

// ---------------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  const recorded = await recordingCommand(argv); // --recording, or --check of a recording's manifest: recording.ts
  if (recorded !== undefined) return recorded;
  const jobsArg = argv.indexOf('--jobs');
  const jobsLimit = jobsArg >= 0 ? Math.max(1, Number(argv[jobsArg + 1]) || 1) : availableParallelism();
  const cast = loadCast(PATHS.voices);
  const { script, lexVersion } = loadScript();
  if (argv.includes('--check')) return check(script, cast, lexVersion);
  return render(script, cast, lexVersion, jobsLimit, argv.includes('--prune'), argv.includes('--keep-build'));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
