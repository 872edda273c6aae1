/**
 * Options a page URL (or an embed's attributes, turned into URL parameters) can set, read in this
 * one place: kiosk mode and its idle time, a starting theme, the kiosk's spoken help and its speed,
 * a forced narration source, and the sentence a hash names. Bad values fall back to the defaults;
 * nothing here throws. Pure.
 */
import { THEMES, type Theme } from '../settings/types.ts';
import { parseSourceParam, type NarrationSource } from '../narration/narration-source.ts';
import { isFlagOn } from './flags.ts';

export { isFlagOn };

/** Parsed page options. */
export interface PageOptions {
  /** `?kiosk`: museum kiosk mode. */
  kiosk: boolean;
  /** `?idle=<seconds>`: inactivity before the "Are you still there?" dialog (kiosk), 30–3600, default 120. */
  idleSeconds: number;
  /** `?theme=hc-dark|hc-light|cream`: the starting theme (the museum's default); the reader can change it. */
  theme: Theme | null;
  /**
   * `?speech`: the kiosk's spoken help — `on` (bare `speech`, `on`, `true`, `1`, `yes`: from the
   * first moment, and kept across resets), `off` (`off`, `false`, `0`, `no`: never turned on by a
   * key press; the visitor's toggle still works), else `auto` (on at the first key press).
   */
  speech: SpeechSetting;
  /** `?speech-rate=<0.5–2>`: speed of the kiosk's spoken help (default 1). */
  speechRate: number;
  /** `?narration=recorded|device` (or `audio`/`speech`): a narration source the page forces, else null. */
  narration: NarrationSource | null;
}

/** How a page sets the kiosk's spoken help. */
export type SpeechSetting = 'on' | 'auto' | 'off';

export const DEFAULT_SPEECH_RATE = 1;
export const MIN_SPEECH_RATE = 0.5;
export const MAX_SPEECH_RATE = 2;

/** `speech` values: see `PageOptions.speech`. Anything unknown → `auto`. */
export function parseSpeechSetting(value: string | null): SpeechSetting {
  if (value === null) return 'auto';
  const v = value.trim().toLowerCase();
  if (['', 'on', 'true', '1', 'yes'].includes(v)) return 'on';
  if (['off', 'false', '0', 'no'].includes(v)) return 'off';
  return 'auto';
}

/** `speech-rate` values: a number in 0.5–2 (clamped); anything else → 1. */
export function parseSpeechRate(value: string | null): number {
  return Math.round(clampedNumber(value, MIN_SPEECH_RATE, MAX_SPEECH_RATE, DEFAULT_SPEECH_RATE) * 100) / 100;
}

export const DEFAULT_IDLE_SECONDS = 120;
export const MIN_IDLE_SECONDS = 30;
export const MAX_IDLE_SECONDS = 3600;

/** A number option: NaN or nothing → `fallback`; ±Infinity and everything else clamped to [min, max]. */
function clampedNumber(value: string | null, min: number, max: number, fallback: number): number {
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value.trim());
  if (Number.isNaN(n) || n <= 0) return fallback;
  return Math.min(max, Math.max(min, n));
}

/** The names of the page options, as URL parameters (an embed's attributes use the same names, see `embed-element.ts`). */
export type PageOptionName = 'kiosk' | 'idle' | 'theme' | 'speech' | 'speech-rate' | 'narration';

/**
 * Reads the page options through `get`, which gives an option's raw value by name (a URL's
 * parameter, an embed's attribute) or null when it is absent. The one parser of every option.
 */
export function readPageOptions(get: (name: PageOptionName) => string | null): PageOptions {
  const theme = (get('theme') ?? '').trim() as Theme;
  return {
    kiosk: isFlagOn(get('kiosk')),
    idleSeconds: Math.round(clampedNumber(get('idle'), MIN_IDLE_SECONDS, MAX_IDLE_SECONDS, DEFAULT_IDLE_SECONDS)),
    theme: THEMES.includes(theme) ? theme : null,
    speech: parseSpeechSetting(get('speech')),
    speechRate: parseSpeechRate(get('speech-rate')),
    narration: parseSourceParam(get('narration')),
  };
}

/** Reads the page options from a query string (`location.search`). */
export function parsePageOptions(search: string): PageOptions {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    params = new URLSearchParams();
  }
  return readPageOptions((name) => params.get(name));
}

/**
 * Writes `options` as URL parameters into `params` (a framed page's URL), leaving out every
 * option at its default, so the page reads back exactly these options.
 */
export function writePageOptions(options: PageOptions, params: URLSearchParams): void {
  if (options.kiosk) params.set('kiosk', '');
  if (options.idleSeconds !== DEFAULT_IDLE_SECONDS) params.set('idle', String(options.idleSeconds));
  if (options.theme) params.set('theme', options.theme);
  if (options.speech !== 'auto') params.set('speech', options.speech);
  if (options.speechRate !== DEFAULT_SPEECH_RATE) params.set('speech-rate', String(options.speechRate));
  if (options.narration) params.set('narration', options.narration);
}

/**
 * The sentence id a location hash names (`#s-abc` → `s-abc`), decoded where it is percent-encoded.
 * A malformed escape (`#%`, `#100%25-sure%`) is taken as written instead of throwing; an empty
 * hash gives null. Whether the id exists is for the caller to check.
 */
export function hashTarget(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
