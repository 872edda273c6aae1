/**
 * Loads the narration on demand (a separate chunk, so the first load stays small): fetches the
 * public document model (`edition.json`), builds the spoken script through the lexicon, and
 * creates a session over the browser's speech synthesis, the recorded narration (its code and
 * Howler load only when it is first played) and localStorage.
 */
import type { Edition } from '../content/model.ts';
import { defaultLexicon } from '../narration/lexicon.ts';
import { createNarrationStore, createPositionStore } from '../narration/preferences.ts';
import { buildNarrationScript } from '../narration/script.ts';
import { NarrationSession } from '../narration/session.ts';
import { SpeechSynthesisBackend } from '../narration/backends/speech-synthesis-backend.ts';
import type { NarrationSource } from '../narration/narration-source.ts';
import { cacheRecordedNarration } from '../offline/register.ts';

/** Options of {@link loadNarration}. */
export interface NarrationLoadOptions {
  editionUrl: string;
  /** The recorded narration's manifest (`audio/manifest.json`). */
  manifestUrl: string;
  startId?: string | null;
  /** Device voice or recorded narration forced by the page (URL parameter, embed attribute). */
  forcedSource?: NarrationSource | null;
  getStorage: () => Storage | undefined;
}

/** Fetches the edition and builds a narration session; rejects with a readable message. */
export async function loadNarration(options: NarrationLoadOptions): Promise<NarrationSession> {
  let edition: Edition;
  try {
    const response = await fetch(options.editionUrl);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    edition = (await response.json()) as Edition;
  } catch (error) {
    throw new Error(`The narration could not be loaded (${(error as Error).message}). The text is still here to read.`);
  }
  return new NarrationSession({
    script: buildNarrationScript(edition, defaultLexicon()),
    createDeviceBackend: () => new SpeechSynthesisBackend(),
    loadRecordedBackend: async () => {
      const { HowlerBackend } = await import('../narration/backends/howler-backend.ts');
      cacheRecordedNarration(); // from now on the recording also plays offline
      return new HowlerBackend({ manifestUrl: options.manifestUrl });
    },
    speechAvailable: typeof globalThis.speechSynthesis !== 'undefined' && globalThis.speechSynthesis !== null,
    forcedSource: options.forcedSource ?? null,
    preferences: createNarrationStore(options.getStorage),
    positions: createPositionStore(options.getStorage),
    startId: options.startId,
  });
}
