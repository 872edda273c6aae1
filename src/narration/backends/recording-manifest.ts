/**
 * Loading the recorded narration's manifest for the player: fetch, shape check and timeline
 * validation (non-numeric or out-of-range times would play the wrong place or never end), the
 * Editor's asides recording checked apart (a damaged one leaves the narration playable), the
 * audio file URLs resolved against the manifest, and the messages a visitor reads when the
 * recording cannot play. Details of what is wrong go to the console, never to the visitor.
 */
import { validateAsides, validateTimeline, validateWords, type AsidesRecording, type AudioManifest } from '../audio-manifest.ts';
import { NarrationError } from '../types.ts';

/** What a visitor reads when the recording fails (written for people; details go to the console). */
export const RECORDING_MESSAGES = {
  loadFailed: 'The recorded narration could not be loaded. The text is still here to read, and the device voice may still work.',
  noRecording: 'This sentence has no recording.',
  stopped: 'The recorded narration stopped unexpectedly.',
  blocked: 'The browser did not let the recorded narration play. Press Play to try again.',
  notReady: 'The recorded narration is not ready yet. Press Play to try again.',
  damaged:
    'The recording’s index is damaged, so the recording cannot be played. The text is still here to read, and the device voice may still work (Voices…).',
  incomplete:
    'The recording is incomplete (its file is shorter than the text), so it cannot be played. The text is still here to read, and the device voice may still work (Voices…).',
  /** A fault found while playing: an early end, a seek that did not land, a clock that jumped back. */
  incompleteHere:
    'The recording is incomplete or damaged at this point, so the narration stopped. The text is still here to read, and the device voice may still work (Voices…).',
  /** The asides file (the editor's notes) is missing, damaged or shorter than its index says. */
  notesFailed:
    'The editor’s note could not be played from the recording (its audio is missing or damaged). The notes are still on the page, and the recording of the text itself is not affected.',
  /** An aside the recording has no clip for (a recording made before the note was written). */
  noteMissing: 'The recording has no audio for this editor’s note. It is still on the page to read.',
} as const;

/** A file this much shorter than the manifest's timeline is a truncated recording. */
export const TRUNCATION_TOLERANCE_MS = 1500;

/** Default manifest loader: `fetch` + `json()`, throwing on a non-OK response. */
export async function fetchManifest(url: string, signal: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return (await response.json()) as unknown;
}

/** A minimal shape check of a parsed manifest. */
export function isManifest(value: unknown): value is AudioManifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<AudioManifest>;
  return (
    m.version === 1 &&
    typeof m.files?.opus === 'string' &&
    typeof m.files.mp3 === 'string' &&
    Array.isArray(m.order) &&
    typeof m.sentences === 'object' &&
    m.sentences !== null
  );
}

/**
 * Loads and validates the manifest at `url`. Rejects with `audio-failed` and a message for people:
 * `loadFailed` when it cannot be fetched or is not a manifest, `damaged` when its timeline is not
 * usable (the problems are logged to the console).
 */
export async function loadRecordingManifest(
  url: string,
  load: (url: string, signal: AbortSignal) => Promise<unknown>,
  signal: AbortSignal,
): Promise<AudioManifest> {
  let manifest: unknown;
  try {
    manifest = await load(url, signal);
  } catch (error) {
    console.error(`recorded narration: ${url} could not be loaded:`, error);
    throw new NarrationError('audio-failed', RECORDING_MESSAGES.loadFailed);
  }
  if (!isManifest(manifest)) {
    console.error(`recorded narration: ${url} is not a narration manifest (version 1, files, order, sentences)`);
    throw new NarrationError('audio-failed', RECORDING_MESSAGES.loadFailed);
  }
  const problems = validateTimeline(manifest);
  if (problems.length) {
    console.error(`recorded narration: ${url} is damaged: ${problems.slice(0, 5).join('; ')}`);
    throw new NarrationError('audio-failed', RECORDING_MESSAGES.damaged);
  }
  dropDamagedWords(manifest, url);
  return manifest;
}

/**
 * Removes the word times of every sentence whose words are damaged (`validateWords`), reporting
 * them to the console: those sentences keep their sentence highlight, the rest of the recording
 * its word highlight. Returns the ids of the sentences whose words were dropped.
 */
export function dropDamagedWords(manifest: AudioManifest, url: string): string[] {
  const dropped: string[] = [];
  for (const id of manifest.order) {
    const entry = manifest.sentences[id];
    if (!entry || entry.words === undefined) continue;
    const problems = validateWords(id, entry);
    if (problems.length === 0) continue;
    console.error(`recorded narration: ${url} has damaged word times (no word highlight there): ${problems.slice(0, 5).join('; ')}`);
    delete entry.words;
    dropped.push(id);
  }
  return dropped;
}

/**
 * The manifest's asides recording when it is usable; null when there is none or it is damaged
 * (then `damaged` is true and the problems go to the console). Never throws: the narration of the
 * text plays without its asides.
 */
export function usableAsides(manifest: AudioManifest, url: string): { asides: AsidesRecording | null; damaged: boolean } {
  if (manifest.asides === undefined) return { asides: null, damaged: false };
  const problems = validateAsides(manifest);
  if (problems.length) {
    console.error(`recorded narration: the asides of ${url} are damaged: ${problems.slice(0, 5).join('; ')}`);
    return { asides: null, damaged: true };
  }
  return { asides: manifest.asides, damaged: false };
}

/** Rejects a file that is much shorter than the timeline (it would end long before the text). */
export function checkFileLength(fileMs: number, timeline: { durationMs: number }, message: string = RECORDING_MESSAGES.incomplete): void {
  if (fileMs > 0 && fileMs < timeline.durationMs - TRUNCATION_TOLERANCE_MS) {
    console.error(`recorded narration: the file lasts ${Math.round(fileMs)} ms, the timeline ${timeline.durationMs} ms`);
    throw new NarrationError('audio-failed', message);
  }
}

/** Howler's format name for a file, from its extension. */
export function formatOf(file: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  if (ext === 'ogg' || ext === 'oga' || ext === 'opus') return 'opus';
  if (ext === 'weba') return 'webm';
  return ext;
}

/** Resolves `file` against the manifest's URL (absolute when possible, else a relative path). */
export function resolveAudioUrl(file: string, manifestUrl: string): string {
  try {
    return new URL(file, new URL(manifestUrl, globalThis.location?.href)).href;
  } catch {
    if (/^[a-z][a-z0-9+.-]*:/i.test(file) || file.startsWith('/')) return file;
    // No base to resolve against (node): keep it relative to the manifest's folder.
    const folder = manifestUrl.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
    return folder + file;
  }
}
