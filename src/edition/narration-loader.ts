/**
 * Loads the narration on demand (a separate chunk, so the first load stays small): fetches the
 * public document model (`edition.json`), builds the spoken script through the lexicon, and
 * creates a session over the browser's speech synthesis, the recorded narration (its code and
 * Howler load only when it is first played, through `loadChunk`: one retry, then the reload
 * notice and a message for people in the controls) and localStorage.
 */
import type { Edition } from '../content/model.ts';
import { defaultLexicon } from '../narration/lexicon.ts';
import type { NarrationStore, PositionStore } from '../narration/preferences.ts';
import { buildNarrationScript } from '../narration/script.ts';
import { NarrationSession } from '../narration/session.ts';
import { SpeechSynthesisBackend } from '../narration/backends/speech-synthesis-backend.ts';
import type { NarrationSource } from '../narration/narration-source.ts';
import { NarrationError } from '../narration/types.ts';
import type { HowlLike, HowlOptionsLike } from '../narration/backends/howler-backend.ts';
import { cacheRecordedNarration } from '../offline/register.ts';
import { ChunkLoadError, loadChunk } from '../ui/chunk-loader.ts';

/** Options of {@link loadNarration}. */
export interface NarrationLoadOptions {
  editionUrl: string;
  /** The recorded narration's manifest (`audio/manifest.json`). */
  manifestUrl: string;
  startId?: string | null;
  /** Device voice or recorded narration forced by the page (URL parameter, embed attribute). */
  forcedSource?: NarrationSource | null;
  /** Where preferences and the position are kept (the controller's stores: one of each per page). */
  preferences: NarrationStore;
  positions: PositionStore;
}

/** What a visitor reads when the narration cannot start (details go to the console). */
export const NARRATION_UNAVAILABLE = 'The narration could not be loaded. The text is still here to read.';

/** `new Howl(…)` from Howler's own chunk, loaded on first use (retried once; see `loadChunk`). */
async function createHowl(options: HowlOptionsLike): Promise<HowlLike> {
  const { Howl } = await loadChunk('audio player', () => import('howler'));
  return new Howl(options);
}

/** Fetches the edition and builds a narration session; rejects with a message written for people. */
export async function loadNarration(options: NarrationLoadOptions): Promise<NarrationSession> {
  let script;
  try {
    const response = await fetch(options.editionUrl);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${options.editionUrl}`);
    const edition = (await response.json()) as Edition;
    script = buildNarrationScript(edition, defaultLexicon());
  } catch (error) {
    console.error('[narration] the document model (edition.json) could not be loaded or read:', error);
    throw new Error(NARRATION_UNAVAILABLE);
  }
  return new NarrationSession({
    script,
    createDeviceBackend: () => new SpeechSynthesisBackend(),
    loadRecordedBackend: async () => {
      const { HowlerBackend } = await loadChunk('recorded narration', () => import('../narration/backends/howler-backend.ts')).catch(
        (error: unknown) => {
          // The controls show the engine's error message: the one for people, not the import's.
          throw error instanceof ChunkLoadError ? new NarrationError('audio-failed', error.message) : error;
        },
      );
      cacheRecordedNarration(); // from now on the recording also plays offline
      return new HowlerBackend({ manifestUrl: options.manifestUrl, createHowl });
    },
    speechAvailable: typeof globalThis.speechSynthesis !== 'undefined' && globalThis.speechSynthesis !== null,
    forcedSource: options.forcedSource ?? null,
    preferences: options.preferences,
    positions: options.positions,
    startId: options.startId,
  });
}
