/**
 * The narration's delivery files: whole-file loudness, encoding, the manifest's layout. Shared by
 * the synthetic render (`render.ts`) and a narrator's recording (`recording.ts`), so a recording
 * sounds as loud as the synthetic narration and its manifest reads the same (render.ts runs its
 * command when imported, so what both use lives here).
 */
import type { AudioManifest } from '../src/narration/audio-manifest.ts';
import {
  encodeDeliveryFiles,
  loudnormTwoPass,
  measureLoudness,
  type EncodeOptions,
  type Loudness,
  type LoudnormResult,
} from './audio-tools.ts';

/** Sample rate of the delivered narration (every clip, the assembled file, a recording's take). */
export const SAMPLE_RATE = 24_000;

/** Loudness target of the whole file after assembly. */
export const FINAL_TARGET = { integratedLufs: -16, truePeakDbtp: -2, lra: 20 } as const;
/** Sample-peak ceiling of the look-ahead limiter before loudnorm, first try (0.52 ≈ -5.7 dBFS). */
export const LIMITER_LINEAR = 0.52;
/** Low-pass before the limiter (Hz): Opus at 20 kbps and MP3 at 32 kbps keep less than this. */
export const LOWPASS_HZ = 7600;
/** The highest true peak accepted in an encoded file (dBTP); above it the limiter is lowered. */
export const ENCODED_TRUE_PEAK_MAX = -1.2;
/** Most loudness passes (each lowers the limiter by the last pass's excess and re-encodes). */
export const MAX_LOUDNESS_PASSES = 4;

/** The delivery files' bitrates and title; each writer adds its own `comment`. */
export const ENCODING = {
  opusKbps: 20,
  mp3Kbps: 32,
  title: 'Stalin’s Conversation with A.M. Kollontai (November, 1939)',
} as const;

/** The result of `normaliseAndEncode`. */
export interface Encoded {
  norm: LoudnormResult;
  opusLoud: Loudness;
  mp3Loud: Loudness;
}

/** How `normaliseAndEncode` runs. */
export interface NormaliseOptions {
  /** The limiter's first ceiling (default `LIMITER_LINEAR`). */
  limiterLinear?: number;
  /** Most passes (default `MAX_LOUDNESS_PASSES`). */
  passes?: number;
  /** Where each pass's line goes (default: stdout). */
  log?: (line: string) => void;
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : String(n));

/**
 * Whole-file loudness (two-pass, linear) and encoding. Lossy codecs overshoot the input's true
 * peak (Opus at low rates by up to ~1.5 dB), so the encoded files are measured and, when a peak is
 * above the ceiling, the limiter is lowered by the excess and the step is redone.
 * @param label names the file in each pass's log line (`''`: none)
 */
export async function normaliseAndEncode(
  label: string,
  assembled: string,
  normalised: string,
  opusPath: string,
  mp3Path: string,
  encoding: EncodeOptions,
  {
    limiterLinear = LIMITER_LINEAR,
    passes = MAX_LOUDNESS_PASSES,
    log = (line: string) => process.stdout.write(`${line}\n`),
  }: NormaliseOptions = {},
): Promise<Encoded> {
  let limiter = limiterLinear;
  for (let attempt = 1; ; attempt += 1) {
    const norm = await loudnormTwoPass(assembled, normalised, FINAL_TARGET, SAMPLE_RATE, limiter, LOWPASS_HZ);
    await encodeDeliveryFiles(normalised, opusPath, mp3Path, encoding);
    const [opusLoud, mp3Loud] = await Promise.all([measureLoudness(opusPath), measureLoudness(mp3Path)]);
    const worst = Math.max(opusLoud.truePeakDbtp, mp3Loud.truePeakDbtp);
    log(`  ${label ? `${label} ` : ''}loudness pass ${attempt}: limiter ${fmt(20 * Math.log10(limiter))} dBFS → opus ${fmt(opusLoud.integratedLufs)} LUFS / ${fmt(opusLoud.truePeakDbtp)} dBTP, mp3 ${fmt(mp3Loud.truePeakDbtp)} dBTP`);
    if (worst <= ENCODED_TRUE_PEAK_MAX || attempt >= passes) return { norm, opusLoud, mp3Loud };
    limiter = Math.max(0.0625, limiter * 10 ** ((ENCODED_TRUE_PEAK_MAX - 0.3 - worst) / 20));
  }
}

/** The manifest, serialised one sentence per line (readable diffs, small file). */
export function serialiseManifest(manifest: AudioManifest): string {
  const { order, sentences, asides, ...head } = manifest;
  const headJson = JSON.stringify(head, null, 2).replace(/\n\}$/u, '');
  const orderJson = order.map((id) => `    ${JSON.stringify(id)}`).join(',\n');
  const sentencesJson = order.map((id) => `    ${JSON.stringify(id)}: ${JSON.stringify(sentences[id])}`).join(',\n');
  let asidesJson = '';
  if (asides) {
    const { clips, ...asidesHead } = asides;
    const headLines = Object.entries(asidesHead).map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
    const clipLines = Object.entries(clips).map(([id, clip]) => `      ${JSON.stringify(id)}: ${JSON.stringify(clip)}`);
    asidesJson = `,\n  "asides": {\n${headLines.join(',\n')},\n    "clips": {\n${clipLines.join(',\n')}\n    }\n  }`;
  }
  return `${headJson},\n  "order": [\n${orderJson}\n  ],\n  "sentences": {\n${sentencesJson}\n  }${asidesJson}\n}\n`;
}
