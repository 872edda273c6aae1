/**
 * Renders the kiosk's recorded spoken help (`npm run audio`, after the narration) or checks that
 * the committed one is current (`--check`, no TTS, exits 1 naming missing/stale phrases).
 *
 * Pipeline: the edition's phrase catalogue (`editionPhrases`) → one clip per phrase with the prompt
 * voice (`"interface"` in voices.json), spoken text = the default lexicon's form, cleaned like the
 * narration's clips (mono 24 kHz, silence trimmed) and cached by content hash → concatenated
 * sample-exactly with 120 ms gaps → a static gain to -16 LUFS, then the narration's two-pass
 * loudnorm → Opus/WebM 16 kbps + MP3 32 kbps (`public/audio/interface.webm|mp3`) →
 * `public/audio/interface.json`, an `InterfaceSprite` (start/duration/hash of every phrase, ms).
 * Every step is repeatable (sox runs with `-R`), so the same phrases render byte-identical files,
 * from a warm or an empty cache.
 *
 * Options: `--check`, `--prune` (delete cached clips no phrase uses), `--jobs N`, `--keep-build`
 * (keep the assembled and normalised WAVs in `.cache/interface-build/`).
 */
import { availableParallelism } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { interfaceVoice } from '../src/build/interface-sprite-check.ts';
import { loadEdition } from '../src/content/load.ts';
import { editionPhrases, type Phrase } from '../src/kiosk/speech/phrases.ts';
import {
  checkSpriteMap,
  parseSpriteMap,
  phraseHash,
  SpriteMapError,
  type InterfaceSprite,
  type SpriteClip,
} from '../src/kiosk/speech/sprite-map.ts';
import { contentHash, lexiconVersion, type OfflineVoice } from '../src/narration/audio-manifest.ts';
import { defaultLexicon, type Lexicon } from '../src/narration/lexicon.ts';
import {
  encodeDeliveryFiles,
  loudnormTwoPass,
  measureLoudness,
  probeDurationMs,
  readWav,
  writeWavFloat,
} from './audio-tools.ts';
import { engineText } from './engines.ts';
import { pool, synthesizeClip } from './clips.ts';

// ---------------------------------------------------------------------------------------------
// Settings (data, not code paths)

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PATHS = {
  source: join(ROOT, 'src/content/source/kollontai-1939.edition.md'),
  voices: join(ROOT, 'audio-scripts/voices.json'),
  clips: join(ROOT, 'audio-scripts/.cache/interface-clips'),
  tmp: join(ROOT, 'audio-scripts/.cache/interface-tmp'),
  build: join(ROOT, 'audio-scripts/.cache/interface-build'),
  out: join(ROOT, 'public/audio'),
};
const FILES = { opus: 'interface.webm', mp3: 'interface.mp3' } as const;
const MAP_FILE = 'interface.json';

/** Sample rate of every clip and of the sprite. */
const SAMPLE_RATE = 24_000;
/** Silence between two phrases' clips (ms): a clip never bleeds into the next one's start. */
const GAP_MS = 120;
/** Silence before the first clip (decoder pre-roll) and after the last (ms). */
const LEAD_IN_MS = 100;
const TAIL_MS = 250;

/** Loudness: a static gain brings the clips to this, then the whole file is normalised to it. */
const TARGET_LUFS = -16;
const FINAL_TARGET = { integratedLufs: TARGET_LUFS, truePeakDbtp: -2, lra: 20 } as const;
/**
 * Sample-peak ceiling of the look-ahead limiter before loudnorm (0.3 ≈ -10.5 dBFS). espeak's
 * plosives are peakier than the narration voices: with the narration's 0.52, loudnorm cannot keep
 * its linear (static gain) mode and would pump the short phrases.
 */
const LIMITER_LINEAR = 0.3;
/** Low-pass before the limiter (Hz): Opus at 16 kbps keeps wideband (8 kHz) at most. */
const LOWPASS_HZ = 7600;
/**
 * True peak of an encoded file above which the report warns (dBTP). Opus at 16 kbps overshoots
 * espeak's plosive bursts by 2–3 dB whatever the limiter does (measured: the decoded peaks land
 * around 0 dBTP at -16 LUFS); only lowering the loudness would avoid that, and the prompts must be
 * as loud as the narration. Rare sub-decibel overs only matter at full volume.
 */
const ENCODED_TRUE_PEAK_WARN = 1;
/** Largest static correction we trust (dB); more means broken clips. */
const MAX_GAIN_DB = 24;

const ENCODING = {
  opusKbps: 16,
  mp3Kbps: 32,
  title: 'Kiosk spoken help (interface sprite)',
  comment: 'Synthetic prompt voice (espeak-ng), rendered by audio-scripts/render-interface.ts',
};
const OPUS_BUDGET_BYTES = 600 * 1024;

/**
 * Version of the clip pipeline (engine text clean-up, sox trim/fade, format). Part of the cache
 * key: change it when the per-clip processing changes so cached clips are re-rendered.
 */
const CLIP_PIPELINE = 'interface-clip-v2 ascii-text mono 24k s16 sox-R trim(0.05s,0.5%) fade(5ms,10ms)';

/** The shortest clip we accept as real speech (ms). */
const MIN_CLIP_MS = 50;

// ---------------------------------------------------------------------------------------------
// Helpers

const log = (message: string) => process.stdout.write(`${message}\n`);
const ms = (samples: number) => Math.round((samples * 1000) / SAMPLE_RATE);
const samplesOf = (millis: number) => Math.round((millis * SAMPLE_RATE) / 1000);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));
const rel = (path: string) => relative(ROOT, path);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const describe = (phrase: Phrase) => `${phrase.id} ${JSON.stringify(phrase.text)}`;

/** The catalogue, the prompt voice and the lexicon, exactly as the build checks them. */
function loadInputs(): { phrases: Phrase[]; voice: OfflineVoice; lexicon: Lexicon; lexVersion: string } {
  const edition = loadEdition(PATHS.source);
  const phrases = editionPhrases(Object.fromEntries(Object.values(edition.speakers).map((s) => [s.id, s.name])));
  const voice = interfaceVoice(readFileSync(PATHS.voices, 'utf8'), rel(PATHS.voices));
  const lexicon = defaultLexicon();
  return { phrases, voice, lexicon, lexVersion: lexiconVersion(lexicon.data) };
}

// ---------------------------------------------------------------------------------------------
// --check

/** Verifies the committed map and files without any TTS; returns the exit code. */
function check(phrases: readonly Phrase[], voice: OfflineVoice, lexicon: Lexicon, lexVersion: string): number {
  const mapPath = join(PATHS.out, MAP_FILE);
  if (!existsSync(mapPath)) {
    log(`audio:check: ${rel(mapPath)} does not exist; all ${phrases.length} phrases are missing. Run npm run audio.`);
    return 1;
  }
  let sprite: InterfaceSprite;
  try {
    sprite = parseSpriteMap(readFileSync(mapPath, 'utf8'));
  } catch (error) {
    if (!(error instanceof SpriteMapError)) throw error;
    log(`audio:check: ${rel(mapPath)} cannot be used:\n  ${error.problems.join('\n  ')}\nRun npm run audio.`);
    return 1;
  }
  const result = checkSpriteMap(sprite, phrases, (text) => lexicon.toSpoken(text), { voice, lexiconVersion: lexVersion });
  const byId = new Map(phrases.map((p) => [p.id, p]));
  const line = (id: string) => `  ${byId.get(id) ? describe(byId.get(id)!) : id}`;
  const absentFiles = [sprite.files.opus, sprite.files.mp3].filter((file) => !existsSync(join(PATHS.out, file)));
  if (result.missing.length) log(`missing (${result.missing.length}):\n${result.missing.map(line).join('\n')}`);
  if (result.stale.length) log(`stale (${result.stale.length}):\n${result.stale.map(line).join('\n')}`);
  if (result.extra.length) log(`extra, no longer in the catalogue (harmless) (${result.extra.length}): ${result.extra.join(', ')}`);
  if (sprite.lexiconVersion !== lexVersion) log(`lexicon changed since the render (${sprite.lexiconVersion} → ${lexVersion})`);
  if (sprite.voice.engine !== voice.engine || sprite.voice.voice !== voice.voice || (sprite.voice.tempo ?? 1) !== (voice.tempo ?? 1)) {
    log(`prompt voice changed since the render (${sprite.voice.engine}/${sprite.voice.voice} → ${voice.engine}/${voice.voice})`);
  }
  if (absentFiles.length) log(`files missing from ${rel(PATHS.out)}: ${absentFiles.join(', ')}`);
  const ok = result.missing.length + result.stale.length + absentFiles.length === 0;
  log(
    ok
      ? `audio:check: ok — interface sprite, ${phrases.length} phrases, current`
      : 'audio:check: the interface sprite (kiosk spoken help) is out of date; run npm run audio',
  );
  return ok ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// Rendering

/** One clip to synthesize, with the phrases that use it (for error messages). */
interface ClipJob {
  key: string;
  text: string;
  file: string;
  phrases: Phrase[];
}

/** Cache key of a clip: pipeline version, voice and engine text (not the lexicon version). */
function clipKey(voice: OfflineVoice, text: string): string {
  return contentHash(JSON.stringify([CLIP_PIPELINE, voice.engine, voice.voice, voice.tempo ?? 1, text]));
}

/** Synthesizes and cleans one clip into the cache, repeatably (the same phrase, the same bits). */
function renderClip(job: ClipJob, voice: OfflineVoice): Promise<void> {
  return synthesizeClip({
    key: job.key,
    voice,
    text: job.text,
    file: job.file,
    tmpDir: PATHS.tmp,
    sampleRate: SAMPLE_RATE,
    minMs: MIN_CLIP_MS,
    repeatable: true,
  });
}

/** The map, serialised one phrase per line (readable diffs), in catalogue order. */
function serialiseSprite(sprite: InterfaceSprite, order: readonly string[]): string {
  const { phrases, ...head } = sprite;
  const headJson = JSON.stringify(head, null, 2).replace(/\n\}$/u, '');
  const lines = order.map((id) => `    ${JSON.stringify(id)}: ${JSON.stringify(phrases[id])}`).join(',\n');
  return `${headJson},\n  "phrases": {\n${lines}\n  }\n}\n`;
}

async function render(
  phrases: readonly Phrase[],
  voice: OfflineVoice,
  lexicon: Lexicon,
  lexVersion: string,
  jobsLimit: number,
  prune: boolean,
  keepBuild: boolean,
): Promise<number> {
  const started = performance.now();
  await Promise.all([PATHS.clips, PATHS.tmp, PATHS.build, PATHS.out].map((dir) => mkdir(dir, { recursive: true })));

  // 1. Clips: one per distinct engine text; synthesize what the cache lacks, in parallel.
  const jobs = new Map<string, ClipJob>();
  const keyOf = new Map<string, string>();
  const spokenOf = new Map<string, string>();
  for (const phrase of phrases) {
    const spoken = lexicon.toSpoken(phrase.text);
    const text = engineText(spoken);
    const key = clipKey(voice, text);
    spokenOf.set(phrase.id, spoken);
    keyOf.set(phrase.id, key);
    const job = jobs.get(key) ?? { key, text, file: join(PATHS.clips, `${key}.wav`), phrases: [] };
    job.phrases.push(phrase);
    jobs.set(key, job);
  }
  const todo = [...jobs.values()].filter((job) => !existsSync(job.file));
  log(`interface sprite: ${phrases.length} phrases, voice ${voice.engine} ${voice.voice}; ${todo.length} clip(s) to synthesize (${jobsLimit} at a time)`);
  const failures: string[] = [];
  let done = 0;
  await pool(todo, jobsLimit, async (job) => {
    try {
      if (!job.text) throw new Error('the engine text is empty');
      await renderClip(job, voice);
    } catch (error) {
      failures.push(`phrase ${job.phrases.map(describe).join(', ')} (${voice.engine} ${voice.voice}): ${(error as Error).message}`);
    }
    done += 1;
    if (done % 25 === 0 || done === todo.length) log(`  synthesized ${done}/${todo.length}`);
  });
  if (failures.length) {
    process.stderr.write(`\n${failures.length} phrase clip(s) failed:\n${failures.join('\n\n')}\n`);
    return 1;
  }
  const synthSeconds = (performance.now() - started) / 1000;

  // 2. Timeline (sample-exact; ms in the map), in catalogue order, every phrase its own clip.
  const clips = new Map<string, Float32Array>();
  for (const job of jobs.values()) clips.set(job.key, (await readWav(job.file)).samples);
  let cursor = samplesOf(LEAD_IN_MS);
  const placements: Array<{ at: number; clip: Float32Array }> = [];
  const entries: Record<string, SpriteClip> = {};
  phrases.forEach((phrase, index) => {
    if (index > 0) cursor += samplesOf(GAP_MS);
    const clip = clips.get(keyOf.get(phrase.id)!)!;
    placements.push({ at: cursor, clip });
    const start = ms(cursor);
    cursor += clip.length;
    // start + duration is the clip's end on the sample timeline, rounded like its start.
    entries[phrase.id] = { start, duration: ms(cursor) - start, hash: phraseHash(spokenOf.get(phrase.id)!, voice, lexVersion) };
  });
  cursor += samplesOf(TAIL_MS);

  // 3. A static gain to the target (measured over the clips alone), then assembly.
  const speech = join(PATHS.build, 'speech.wav');
  const joined = new Float32Array(placements.reduce((n, p) => n + p.clip.length, 0));
  let offset = 0;
  for (const { clip } of placements) {
    joined.set(clip, offset);
    offset += clip.length;
  }
  await writeWavFloat(speech, joined, SAMPLE_RATE);
  const measured = await measureLoudness(speech);
  const gainDb = TARGET_LUFS - measured.integratedLufs;
  if (!(Math.abs(gainDb) <= MAX_GAIN_DB)) {
    process.stderr.write(`interface clips: measured ${measured.integratedLufs} LUFS, a ${gainDb} dB correction is implausible\n`);
    return 1;
  }
  const gain = 10 ** (gainDb / 20);
  const total = new Float32Array(cursor);
  for (const { at, clip } of placements) {
    for (let i = 0; i < clip.length; i += 1) total[at + i] = clip[i]! * gain;
  }
  const assembled = join(PATHS.build, 'assembled.wav');
  const normalised = join(PATHS.build, 'normalised.wav');
  await writeWavFloat(assembled, total, SAMPLE_RATE);

  // 4. Whole-file loudness (the narration's two-pass loudnorm, static gain) and encoding.
  const opusPath = join(PATHS.out, FILES.opus);
  const mp3Path = join(PATHS.out, FILES.mp3);
  const norm = await loudnormTwoPass(assembled, normalised, FINAL_TARGET, SAMPLE_RATE, LIMITER_LINEAR, LOWPASS_HZ);
  const normalisedSamples = (await readWav(normalised)).samples.length;
  if (normalisedSamples !== total.length) {
    process.stderr.write(`loudness normalisation changed the length (${total.length} → ${normalisedSamples} samples): the timeline would be wrong\n`);
    return 1;
  }
  await encodeDeliveryFiles(normalised, opusPath, mp3Path, ENCODING);
  const [opusLoud, mp3Loud, opusMs, mp3Ms, opusSize, mp3Size] = await Promise.all([
    measureLoudness(opusPath),
    measureLoudness(mp3Path),
    probeDurationMs(opusPath),
    probeDurationMs(mp3Path),
    stat(opusPath).then((s) => s.size),
    stat(mp3Path).then((s) => s.size),
  ]);

  // 5. The map.
  const sprite: InterfaceSprite = {
    version: 1,
    files: { ...FILES },
    voice: { ...voice },
    lexiconVersion: lexVersion,
    phrases: entries,
  };
  const text = serialiseSprite(sprite, phrases.map((p) => p.id));
  parseSpriteMap(text); // the file must read back
  await writeFile(join(PATHS.out, MAP_FILE), text);

  if (prune) {
    const used = new Set([...jobs.keys()].map((key) => `${key}.wav`));
    const unused = (await readdir(PATHS.clips)).filter((name) => !used.has(name));
    await Promise.all(unused.map((name) => rm(join(PATHS.clips, name), { force: true })));
    log(`pruned ${unused.length} unused cached clip(s)`);
  }
  if (!keepBuild) await rm(PATHS.build, { recursive: true, force: true });
  await rm(PATHS.tmp, { recursive: true, force: true });

  // 6. Report.
  const durationMs = ms(total.length);
  const warnings: string[] = [];
  if (opusSize > OPUS_BUDGET_BYTES) warnings.push(`Opus file is ${kb(opusSize)}, over the ${kb(OPUS_BUDGET_BYTES)} budget`);
  if (norm.normalizationType !== 'linear') warnings.push(`loudnorm fell back to ${norm.normalizationType} mode`);
  if (Math.max(opusLoud.truePeakDbtp, mp3Loud.truePeakDbtp) > ENCODED_TRUE_PEAK_WARN) warnings.push(`true peak above ${ENCODED_TRUE_PEAK_WARN} dBTP`);
  if (Math.abs(opusMs - durationMs) > 100) warnings.push(`Opus duration ${opusMs} ms differs from the timeline ${durationMs} ms`);
  log('');
  log(`phrases    ${phrases.length} (${jobs.size} distinct clips), voice ${voice.engine} ${voice.voice}${(voice.tempo ?? 1) !== 1 ? ` ×${voice.tempo}` : ''}`);
  log(`duration   ${fmt(durationMs / 1000)} s (${durationMs} ms; opus ${opusMs} ms, mp3 ${mp3Ms} ms)`);
  log(`files      ${rel(opusPath)} ${kb(opusSize)} (${ENCODING.opusKbps} kbps), ${rel(mp3Path)} ${kb(mp3Size)} (${ENCODING.mp3Kbps} kbps)`);
  log(`loudness   clips ${fmt(measured.integratedLufs)} LUFS, gain ${gainDb >= 0 ? '+' : ''}${fmt(gainDb)} dB; opus ${fmt(opusLoud.integratedLufs)} LUFS / ${fmt(opusLoud.truePeakDbtp)} dBTP; mp3 ${fmt(mp3Loud.integratedLufs)} LUFS / ${fmt(mp3Loud.truePeakDbtp)} dBTP; loudnorm ${norm.normalizationType}`);
  log(`time       ${fmt((performance.now() - started) / 1000)} s (synthesis ${fmt(synthSeconds)} s)`);
  log(`map        ${rel(join(PATHS.out, MAP_FILE))}`);
  for (const warning of warnings) log(`WARNING    ${warning}`);
  return 0;
}

// ---------------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  const jobsArg = argv.indexOf('--jobs');
  const jobsLimit = jobsArg >= 0 ? Math.max(1, Number(argv[jobsArg + 1]) || 1) : availableParallelism();
  const { phrases, voice, lexicon, lexVersion } = loadInputs();
  if (argv.includes('--check')) return check(phrases, voice, lexicon, lexVersion);
  return render(phrases, voice, lexicon, lexVersion, jobsLimit, argv.includes('--prune'), argv.includes('--keep-build'));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
