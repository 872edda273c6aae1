/**
 * A human narrator's recording as the edition's narration, in place of the synthetic voices:
 * `npm run audio -- --recording <file or folder> --narrator "<Name>" [--alignment <file.json>] [--out <dir>]`
 * (`render.ts` hands `--recording` here; `--check` too when the manifest is a recording's).
 *
 * The take (one file, or a folder's audio files in name order, 1 s of silence between them) →
 * mono 24 kHz → aligned to the text (`--alignment`, the output of `npm run align` for this take, or
 * `alignTake` here) → every sentence placed or a refusal naming the missing ones → the same
 * whole-file loudness and encoding as `render.ts` (`delivery.ts`: two-pass loudnorm to -16 LUFS,
 * Opus/WebM 20 kbps + MP3 32 kbps) → `manifest.json` with sentence, span and word times, `recording: { narrator }`,
 * and the current manifest's asides (the editor's synthetic voice) kept. Everything is written to
 * a staging folder inside `--out` and renamed into place at the end: a failure changes nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadEdition } from '../src/content/load.ts';
import { SPEAKER_IDS } from '../src/content/model.ts';
import {
  checkAsides,
  lexiconVersion,
  validateAsides,
  validateTimeline,
  type AudioManifest,
  type OfflineCast,
  type OfflineVoice,
} from '../src/narration/audio-manifest.ts';
import { defaultLexicon } from '../src/narration/lexicon.ts';
import { buildNarrationScript } from '../src/narration/script.ts';
import type { NarrationItem } from '../src/narration/types.ts';
import { AlignmentError, alignTake, type Alignment } from './align/align.ts';
import { decodeAudio } from './align/audio.ts';
import { EDITION_SOURCE } from './align/text.ts';
import { probeDurationMs, readWav, run, writeWavFloat, type Loudness } from './audio-tools.ts';
import { ENCODED_TRUE_PEAK_MAX, ENCODING, FINAL_TARGET, MAX_LOUDNESS_PASSES, normaliseAndEncode, SAMPLE_RATE, serialiseManifest } from './delivery.ts';
import { buildRecordingManifest, checkRecording, describeSentences, RECORDING_FILES, RecordingError } from './recording-manifest.ts';

export { RecordingError } from './recording-manifest.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_OUT = join(ROOT, 'public/audio');
const VOICES = join(ROOT, 'audio-scripts/voices.json');

/** Silence between the files of a folder (ms). */
export const TAKE_GAP_MS = 1000;
/** What counts as audio in a folder (anything else, e.g. notes or cue sheets, is left out). */
const AUDIO_EXTENSIONS = new Set(['.wav', '.wave', '.flac', '.mp3', '.opus', '.ogg', '.oga', '.webm', '.m4a', '.aac', '.aif', '.aiff', '.wv']);

/** What `renderRecording` needs. */
export interface RecordingOptions {
  /** An audio file, or a folder whose audio files (in name order) are the take. */
  recording: string;
  /** Who reads: the credits name them. */
  narrator: string;
  /** `npm run align`'s output for this take (for a folder: of the files joined `TAKE_GAP_MS` apart); default: align here. */
  alignment?: string;
  /** Where the files go (default `public/audio/`). */
  out?: string;
  /** The sentences the take must read (default: the whole text); the tests use a few. */
  items?: readonly NarrationItem[];
  /** The manifest whose asides are kept (default: `<out>/manifest.json` if it has asides, else `public/audio/manifest.json`). */
  asidesFrom?: string;
  /** Progress lines (default: stdout). */
  log?: (line: string) => void;
  /** Most loudness passes (default `MAX_LOUDNESS_PASSES`, as render.ts; the tests take 1: each pass re-encodes the take). */
  loudnessPasses?: number;
}

/** What `renderRecording` wrote. */
export interface RecordingResult {
  manifest: AudioManifest;
  /** The files of the take, in the order they were joined. */
  parts: string[];
  /** Paths written (the delivery files, asides copied, the manifest). */
  written: string[];
  /** Sentences the aligner placed with a confidence under 0.5: to check by ear. */
  lowConfidence: string[];
}

/**
 * The take's files: the file itself, or a folder's audio files in name order (numbers compared as
 * numbers, so `part-2` comes before `part-10`).
 * @throws RecordingError when there is no such file or no audio file in the folder
 */
export async function listTakeFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new RecordingError(`recording not found: ${path}`);
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path))
    .filter((name) => !name.startsWith('.') && AUDIO_EXTENSIONS.has(extname(name).toLowerCase()))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (names.length === 0) throw new RecordingError(`no audio files in ${path} (${[...AUDIO_EXTENSIONS].join(' ')})`);
  return names.map((name) => join(path, name));
}

/**
 * Decodes `files` to mono `SAMPLE_RATE` Hz and joins them, `TAKE_GAP_MS` of silence between two,
 * into the float WAV `out`; returns its length in ms.
 */
export async function assembleTake(files: readonly string[], out: string, work: string): Promise<number> {
  const parts: Float32Array[] = [];
  for (const [i, file] of files.entries()) {
    const wav = join(work, `part-${i}.wav`);
    try {
      await run('ffmpeg', ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-i', file, '-vn', '-ac', '1', '-ar', String(SAMPLE_RATE), '-c:a', 'pcm_f32le', wav]);
    } catch (error) {
      throw new RecordingError(`cannot read audio from ${file}: ${(error as Error).message}`);
    }
    const { samples } = await readWav(wav);
    if (samples.length < SAMPLE_RATE / 2) throw new RecordingError(`no audio (or under half a second) in ${file}`);
    parts.push(samples);
    await rm(wav, { force: true });
  }
  const gap = Math.round((TAKE_GAP_MS * SAMPLE_RATE) / 1000);
  const total = new Float32Array(parts.reduce((n, p) => n + p.length, 0) + gap * (parts.length - 1));
  let at = 0;
  for (const part of parts) {
    total.set(part, at);
    at += part.length + gap;
  }
  await writeWavFloat(out, total, SAMPLE_RATE);
  return Math.round((total.length * 1000) / SAMPLE_RATE);
}

/** Reads an alignment file (`npm run align`'s output). */
function readAlignment(path: string): Alignment {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new RecordingError(`cannot read the alignment ${path}: ${(error as Error).message}`);
  }
  const sentences = (data as Partial<Alignment> | null)?.sentences;
  if (typeof sentences !== 'object' || sentences === null) throw new RecordingError(`${path} is not an alignment (no "sentences"): the output of npm run align?`);
  return { sentences };
}

/** The speakers' synthetic cast of `voices.json` (the asides keep the editor's voice). */
function loadCast(): OfflineCast {
  const data = JSON.parse(readFileSync(VOICES, 'utf8')) as Record<string, OfflineVoice>;
  return Object.fromEntries(SPEAKER_IDS.map((s) => [s, data[s]])) as OfflineCast;
}

/** The whole text, as the narration speaks it, and the lexicon version. */
function loadScript() {
  const lexicon = defaultLexicon();
  return { script: buildNarrationScript(loadEdition(EDITION_SOURCE), lexicon), lexVersion: lexiconVersion(lexicon.data) };
}

const round = (l: Loudness): Loudness => ({ integratedLufs: Number(l.integratedLufs.toFixed(2)), truePeakDbtp: Number(l.truePeakDbtp.toFixed(2)) });

/**
 * Turns a narrator's take into the narration files and manifest in `out`.
 * @throws RecordingError (nothing written) for an unreadable take or alignment, a take the aligner
 *   refuses, or sentences of the text it does not place (named)
 */
export async function renderRecording(options: RecordingOptions): Promise<RecordingResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const narrator = options.narrator.trim();
  if (!narrator) throw new RecordingError('the narrator’s name is missing: --narrator "<Name>"');
  const out = resolve(options.out ?? DEFAULT_OUT);
  const { script, lexVersion } = loadScript();
  const items = options.items ?? script.items;
  const cast = loadCast();
  const parts = await listTakeFiles(options.recording);

  // The asides of the current manifest stay: the narrator records the text, not the editor's notes.
  const readManifest = (path: string) => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as AudioManifest) : undefined);
  const asidesFrom = options.asidesFrom ?? [join(out, 'manifest.json'), join(DEFAULT_OUT, 'manifest.json')].find((p) => readManifest(p)?.asides);
  const current = asidesFrom ? readManifest(asidesFrom) : undefined;
  const asides = current?.asides;
  const asideFiles = asides ? Object.values(asides.files).map((name) => join(dirname(asidesFrom!), name)) : [];
  const absent = asideFiles.filter((file) => !existsSync(file));
  if (absent.length > 0) throw new RecordingError(`the asides' files of ${asidesFrom} are missing: ${absent.join(', ')}`);

  const work = await mkdtemp(join(tmpdir(), 'edition-recording-'));
  await mkdir(out, { recursive: true });
  const staging = await mkdtemp(join(out, '.recording-'));
  try {
    // 1. The take.
    const take = join(work, 'take.wav');
    const durationMs = await assembleTake(parts, take, work);
    log(`take: ${parts.length} file(s), ${(durationMs / 60_000).toFixed(1)} min; ${items.length} sentences to place`);

    // 2. The alignment: every sentence placed, or nothing written.
    let alignment: Alignment;
    if (options.alignment) {
      alignment = readAlignment(options.alignment);
    } else {
      const started = performance.now();
      try {
        alignment = await alignTake(await decodeAudio(take), items);
      } catch (error) {
        if (error instanceof AlignmentError) {
          throw new RecordingError(`the recording does not read the whole text: ${error.unplaced.length} sentence(s) could not be placed:\n${describeSentences(items, error.unplaced)}`, error.unplaced);
        }
        throw error;
      }
      log(`aligned in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    // Check the placement before the slow encoding (buildRecordingManifest checks it again).
    const target = { integratedLufs: FINAL_TARGET.integratedLufs, truePeakDbtp: FINAL_TARGET.truePeakDbtp };
    buildRecordingManifest({ items, alignment, durationMs, narrator, cast, encodedLoudness: { opus: target, mp3: target } });

    // 3. Loudness and encoding, into the staging folder.
    const opusPath = join(staging, RECORDING_FILES.opus);
    const mp3Path = join(staging, RECORDING_FILES.mp3);
    const comment = `Read by ${narrator}; aligned and encoded by audio-scripts/recording.ts`;
    const loud = await normaliseAndEncode('', take, join(work, 'normalised.wav'), opusPath, mp3Path, { ...ENCODING, comment }, {
      passes: options.loudnessPasses ?? MAX_LOUDNESS_PASSES,
      log,
    });
    if (loud.norm.normalizationType !== 'linear') log(`WARNING    loudnorm fell back to ${loud.norm.normalizationType} mode`);
    if (Math.max(loud.opusLoud.truePeakDbtp, loud.mp3Loud.truePeakDbtp) > ENCODED_TRUE_PEAK_MAX) log(`WARNING    true peak above ${ENCODED_TRUE_PEAK_MAX} dBTP`);
    const opusMs = await probeDurationMs(opusPath);
    if (Math.abs(opusMs - durationMs) > 100) log(`WARNING    Opus duration ${opusMs} ms differs from the take's ${durationMs} ms`);

    // 4. The manifest, and the asides' files when they come from elsewhere.
    const manifest = buildRecordingManifest({
      items,
      alignment,
      durationMs,
      narrator,
      cast,
      lexiconVersion: lexVersion,
      encodedLoudness: { opus: round(loud.opusLoud), mp3: round(loud.mp3Loud) },
      ...(asides ? { asides } : {}),
    });
    const problems = validateAsides(manifest);
    if (problems.length > 0) throw new RecordingError(`the asides kept from ${asidesFrom} are unsound:\n  ${problems.join('\n  ')}`);
    const staged: string[] = [RECORDING_FILES.opus, RECORDING_FILES.mp3];
    for (const file of asideFiles) {
      if (resolve(dirname(file)) === out) continue;
      await copyFile(file, join(staging, relative(dirname(asidesFrom!), file)));
      staged.push(relative(dirname(asidesFrom!), file));
    }
    await writeFile(join(staging, 'manifest.json'), serialiseManifest(manifest));
    staged.push('manifest.json');

    // 5. Into place (the manifest last).
    for (const name of staged) await rename(join(staging, name), join(out, name));
    const lowConfidence = items.filter((item) => (alignment.sentences[item.id]?.confidence ?? 1) < 0.5).map((item) => item.id);
    return { manifest, parts, written: staged.map((name) => join(out, name)), lowConfidence };
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

const USAGE = 'usage: npm run audio -- --recording <file or folder> --narrator "<Name>" [--alignment <file.json>] [--out <dir>]';

/** `--check` for a recording's manifest: the text's sentences, the asides, the files. */
function checkRecordingCommand(manifest: AudioManifest, dir: string, log: (line: string) => void): number {
  const { script, lexVersion } = loadScript();
  const result = checkRecording(manifest, script.items);
  const asides = checkAsides(manifest, script, loadCast(), lexVersion);
  const timeline = [...validateTimeline(manifest), ...validateAsides(manifest)];
  const files = [...Object.values(manifest.files), ...Object.values(manifest.asides?.files ?? {})].filter((file) => !existsSync(join(dir, file)));
  const list = (label: string, ids: string[]) => ids.length > 0 && log(`${label} (${ids.length}):\n${describeSentences(script.items, ids)}`);
  list('missing, not in the recording (record them and run npm run audio -- --recording again)', result.missing);
  list('stale, the text changed since the recording (re-record them)', result.stale);
  list('extra, no longer in the text', result.extra);
  if (result.outOfOrder) log('order: the manifest is not in reading order');
  if (result.words.length > 0) log(`word times (${result.words.length}):\n  ${result.words.join('\n  ')}`);
  if (asides.missing.length + asides.stale.length + asides.extra.length > 0) {
    log(`asides missing ${asides.missing.length}, stale ${asides.stale.length}, extra ${asides.extra.length}: run npm run audio (synthetic) to re-render them`);
  }
  if (timeline.length > 0) log(`timeline problems (${timeline.length}):\n  ${timeline.join('\n  ')}`);
  if (files.length > 0) log(`files missing from ${relative(ROOT, dir)}: ${files.join(', ')}`);
  const ok =
    result.missing.length + result.stale.length + result.extra.length + result.words.length + timeline.length + files.length === 0 &&
    asides.missing.length + asides.stale.length + asides.extra.length === 0 &&
    !result.outOfOrder;
  log(
    ok
      ? `audio:check: ok — ${script.items.length} sentences read by ${manifest.recording!.narrator}, ${(manifest.durationMs / 60_000).toFixed(1)} min, and ${Object.keys(script.asides).length} asides, current`
      : `audio:check: the recording (read by ${manifest.recording!.narrator}) does not match the text`,
  );
  return ok ? 0 : 1;
}

/**
 * `render.ts`'s dispatch: runs `--recording`, or `--check` when the manifest in `checkDir`
 * (`public/audio/`) is a recording's; returns the exit code, or undefined when render.ts should go on.
 */
export async function recordingCommand(
  argv: readonly string[],
  log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  checkDir = DEFAULT_OUT,
): Promise<number | undefined> {
  if (argv.includes('--check') && !argv.includes('--recording')) {
    const path = join(checkDir, 'manifest.json');
    const manifest = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as AudioManifest) : undefined;
    return manifest?.recording ? checkRecordingCommand(manifest, checkDir, log) : undefined;
  }
  if (!argv.includes('--recording')) return undefined;
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    options: { recording: { type: 'string' }, narrator: { type: 'string' }, alignment: { type: 'string' }, out: { type: 'string' } },
  });
  const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const recording = str(values.recording);
  const narrator = str(values.narrator);
  if (!recording || !narrator) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  const started = performance.now();
  try {
    const alignment = str(values.alignment);
    const outDir = str(values.out);
    const result = await renderRecording({ recording, narrator, log, ...(alignment ? { alignment } : {}), ...(outDir ? { out: outDir } : {}) });
    const { manifest } = result;
    log('');
    log(`narrator   ${manifest.recording!.narrator}`);
    log(`take       ${result.parts.map((p) => relative(process.cwd(), p)).join(', ')}`);
    log(`duration   ${(manifest.durationMs / 60_000).toFixed(1)} min, ${manifest.order.length} sentences placed`);
    log(`loudness   opus ${manifest.loudness.integratedLufs} LUFS / ${manifest.loudness.truePeakDbtp} dBTP`);
    log(`written    ${result.written.map((p) => relative(process.cwd(), p)).join(', ')}`);
    if (result.lowConfidence.length > 0) log(`low confidence (check by ear): ${result.lowConfidence.join(', ')}`);
    log(`time       ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    if (!(error instanceof RecordingError)) throw error;
    process.stderr.write(`audio --recording: ${error.message}\nnothing written.\n`);
    return 1;
  }
}
