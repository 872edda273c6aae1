/**
 * Is the kiosk's interface sprite (`public/audio/interface.json` + `interface.webm|mp3`) current?
 * The build (edition plugin), `npm run audio:check` and the unit tests ask the same pure question:
 * every phrase of the catalogue must have a clip whose hash matches its spoken text, the prompt
 * voice of `audio-scripts/voices.json` and the current lexicon. Each problem names the phrase by
 * id and text. No file system here: callers pass the files' text.
 */
import type { Phrase } from '../kiosk/speech/phrases.ts';
import { checkSpriteMap, parseSpriteMap, SpriteMapError, type InterfaceSprite, type SpriteCheck } from '../kiosk/speech/sprite-map.ts';
import type { OfflineVoice } from '../narration/audio-manifest.ts';

const ENGINES: readonly string[] = ['flite', 'festival', 'espeak-ng'];

/** The `voices.json` key of the kiosk's prompt voice. */
export const INTERFACE_VOICE_KEY = 'interface';

/**
 * The prompt voice (`"interface"` entry) of a `voices.json` text. Throws naming `file` when the
 * entry is absent or malformed.
 */
export function interfaceVoice(voicesJson: string, file = 'audio-scripts/voices.json'): OfflineVoice {
  let data: unknown;
  try {
    data = JSON.parse(voicesJson);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const entry = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[INTERFACE_VOICE_KEY] : undefined;
  const voice = entry as Partial<OfflineVoice> | undefined;
  if (
    typeof voice !== 'object' ||
    voice === null ||
    !ENGINES.includes(String(voice.engine)) ||
    typeof voice.voice !== 'string' ||
    (voice.tempo !== undefined && typeof voice.tempo !== 'number')
  ) {
    throw new Error(`${file}: "${INTERFACE_VOICE_KEY}" needs { engine: flite|festival|espeak-ng, voice, tempo? } (the kiosk's prompt voice)`);
  }
  return { engine: voice.engine as OfflineVoice['engine'], voice: voice.voice, ...(voice.tempo !== undefined ? { tempo: voice.tempo } : {}) };
}

/** What {@link interfaceSpriteProblems} compares. */
export interface InterfaceSpriteInput {
  /** The text of `interface.json`, or `null` when the file does not exist. */
  json: string | null;
  /** The phrases the sprite must say (`editionPhrases(...)`), in catalogue order. */
  phrases: readonly Phrase[];
  /** A phrase's spoken form (the lexicon's `toSpoken`). */
  spoken: (text: string) => string;
  /** The current lexicon's version (`lexiconVersion(lexicon.data)`). */
  lexiconVersion: string;
  /** The configured prompt voice; defaults to the voice the map records. */
  voice?: OfflineVoice;
  /** Whether a file the map names (relative to the map) exists; not checked when omitted. */
  fileExists?: (name: string) => boolean;
}

/** `kiosk-welcome "Welcome. This kiosk…"`: a phrase by id and text. */
export function describePhrase(id: string, phrases: readonly Phrase[]): string {
  const phrase = phrases.find((p) => p.id === id);
  return phrase ? `${id} ${JSON.stringify(phrase.text)}` : id;
}

const voiceName = (v: OfflineVoice) => `${v.engine}/${v.voice}${(v.tempo ?? 1) !== 1 ? ` ×${v.tempo}` : ''}`;
const sameVoice = (a: OfflineVoice, b: OfflineVoice) => a.engine === b.engine && a.voice === b.voice && (a.tempo ?? 1) === (b.tempo ?? 1);

/**
 * Every reason the sprite cannot be shipped, one line each; `[]` when it is current. Missing and
 * outdated (stale) phrases are named by id and text; a changed voice or lexicon is said once as
 * well (it makes every phrase outdated). Clips nobody uses are harmless and not reported.
 */
export function interfaceSpriteProblems(input: InterfaceSpriteInput): string[] {
  if (input.json === null) return ['the file does not exist'];
  let sprite: InterfaceSprite;
  try {
    sprite = parseSpriteMap(input.json);
  } catch (error) {
    if (error instanceof SpriteMapError) return error.problems;
    throw error;
  }
  const problems: string[] = [];
  if (input.voice && !sameVoice(input.voice, sprite.voice)) {
    problems.push(`it was rendered with the voice ${voiceName(sprite.voice)}, the prompt voice is now ${voiceName(input.voice)}`);
  }
  if (sprite.lexiconVersion !== input.lexiconVersion) {
    problems.push(`it was rendered with lexicon ${sprite.lexiconVersion}, the lexicon is now ${input.lexiconVersion}`);
  }
  const check: SpriteCheck = checkSpriteMap(sprite, input.phrases, input.spoken, {
    voice: input.voice,
    lexiconVersion: input.lexiconVersion,
  });
  for (const id of check.missing) problems.push(`no clip for ${describePhrase(id, input.phrases)}`);
  for (const id of check.stale) problems.push(`outdated clip for ${describePhrase(id, input.phrases)}`);
  if (input.fileExists) {
    for (const name of [sprite.files.opus, sprite.files.mp3]) {
      if (!input.fileExists(name)) problems.push(`the audio file ${name} does not exist`);
    }
  }
  return problems;
}

/** The build's error message: the map's path, every problem, and what to run. */
export function interfaceSpriteError(file: string, problems: readonly string[]): string {
  return (
    `${file}: the kiosk's spoken-help recording (interface sprite) is out of date; run npm run audio ` +
    `and commit public/audio/interface.*\n${problems.map((p) => `  - ${p}`).join('\n')}`
  );
}
