/**
 * The interface sprite's map (`public/audio/interface.json`): where each phrase of the kiosk's
 * spoken help lies in `interface.webm` / `interface.mp3`, with a hash of its spoken text, voice
 * and lexicon so an outdated clip is caught — by the build (which fails naming the phrase) and
 * by the kiosk (which then stays silent with a visible notice rather than say the wrong words).
 * Pure: no DOM, no Lit.
 */
import { contentHash, type OfflineVoice } from '../../narration/audio-manifest.ts';
import type { Phrase } from './phrases.ts';

/** One phrase's clip: milliseconds into the sprite file, and its hash. */
export interface SpriteClip {
  start: number;
  duration: number;
  hash: string;
}

/** The sprite map file. */
export interface InterfaceSprite {
  version: 1;
  /** File names relative to the map: Opus (WebM) first, then MP3. */
  files: { opus: string; mp3: string };
  /** The offline voice every phrase was rendered with. */
  voice: OfflineVoice;
  /** The lexicon version the spoken texts were made with. */
  lexiconVersion: string;
  /** Phrase id → clip. */
  phrases: Record<string, SpriteClip>;
}

/** The sprite map cannot be used; `problems` says why, naming the phrases. */
export class SpriteMapError extends Error {
  constructor(readonly problems: string[]) {
    super(`The spoken-help recording (interface.json) cannot be used: ${problems.join('; ')}`);
    this.name = 'SpriteMapError';
  }
}

/** The hash of one phrase's clip: what is spoken, by which voice, with which lexicon. */
export function phraseHash(spokenText: string, voice: OfflineVoice, lexiconVersion: string): string {
  return contentHash(JSON.stringify(['interface-v1', spokenText, voice.engine, voice.voice, voice.tempo ?? 1, lexiconVersion]));
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * Reads a sprite map from its JSON text. Throws a `SpriteMapError` for text that is not JSON or
 * a map of the wrong shape (every problem listed, by phrase).
 */
export function parseSpriteMap(json: string): InterfaceSprite {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new SpriteMapError([`it is not valid JSON (${(error as Error).message})`]);
  }
  const problems: string[] = [];
  if (!isRecord(raw)) throw new SpriteMapError(['it is not a JSON object']);
  if (raw.version !== 1) problems.push('"version" must be 1');
  const files = raw.files;
  if (!isRecord(files) || typeof files.opus !== 'string' || typeof files.mp3 !== 'string') {
    problems.push('"files" must name the "opus" and "mp3" files');
  }
  const voice = raw.voice;
  if (!isRecord(voice) || typeof voice.engine !== 'string' || typeof voice.voice !== 'string') {
    problems.push('"voice" must give the engine and voice');
  }
  if (typeof raw.lexiconVersion !== 'string') problems.push('"lexiconVersion" must be a string');
  if (!isRecord(raw.phrases)) problems.push('"phrases" must map phrase ids to clips');
  else {
    for (const [id, clip] of Object.entries(raw.phrases)) {
      if (!isRecord(clip) || !isTime(clip.start) || !isTime(clip.duration) || clip.duration <= 0 || typeof clip.hash !== 'string') {
        problems.push(`phrase "${id}" needs a start, a positive duration (ms) and a hash`);
      }
    }
  }
  if (problems.length) throw new SpriteMapError(problems);
  return raw as unknown as InterfaceSprite;
}

/** Phrases the sprite lacks, holds with another text/voice/lexicon, or holds but nobody uses. */
export interface SpriteCheck {
  missing: string[];
  stale: string[];
  extra: string[];
}

/**
 * Compares a sprite with the phrases it must say. `spoken` turns a phrase's text into what the
 * engine speaks (the lexicon); `voice` and `lexiconVersion` default to the sprite's own (the
 * browser checks text only; the build also checks the configured voice and lexicon).
 */
export function checkSpriteMap(
  sprite: InterfaceSprite,
  phrases: readonly Phrase[],
  spoken: (text: string) => string,
  expected: { voice?: OfflineVoice; lexiconVersion?: string } = {},
): SpriteCheck {
  const voice = expected.voice ?? sprite.voice;
  const lexiconVersion = expected.lexiconVersion ?? sprite.lexiconVersion;
  const wanted = new Set(phrases.map((p) => p.id));
  const missing: string[] = [];
  const stale: string[] = [];
  for (const phrase of phrases) {
    const clip = sprite.phrases[phrase.id];
    if (!clip) missing.push(phrase.id);
    else if (clip.hash !== phraseHash(spoken(phrase.text), voice, lexiconVersion)) stale.push(phrase.id);
  }
  const extra = Object.keys(sprite.phrases).filter((id) => !wanted.has(id));
  return { missing, stale, extra };
}

/** Throws a `SpriteMapError` naming every missing or outdated phrase (extra clips are harmless). */
export function assertSpriteCurrent(check: SpriteCheck, describe: (id: string) => string = (id) => id): void {
  const problems: string[] = [];
  if (check.missing.length) problems.push(`no clip for ${check.missing.map(describe).join(', ')}`);
  if (check.stale.length) problems.push(`outdated clip for ${check.stale.map(describe).join(', ')}`);
  if (problems.length) throw new SpriteMapError(problems);
}
