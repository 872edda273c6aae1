/**
 * The recorded narration's manifest: where each sentence lies in the rendered audio, keyed by the
 * stable sentence id, with a hash per clip so a stale or incomplete manifest is caught by a test.
 * Written by `audio-scripts/`, read by the Howler backend, the WebVTT generator and the tests.
 * Pure: no Lit, no DOM, no node modules.
 */
import type { SpeakerId } from '../content/model.ts';

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

/** Where one sentence lies in the narration file. */
export interface ManifestEntry {
  /** Milliseconds from the start of the narration file: first and last sound of the sentence. */
  start: number;
  end: number;
  speaker: SpeakerId;
  spans: ManifestSpan[];
  /** Word times (ms), where the engine gives them. */
  words?: Array<{ start: number; end: number }>;
  /** Hash of the spoken text of each span, its offline voice and the lexicon version (see `clipHash`). */
  hash: string;
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
}
