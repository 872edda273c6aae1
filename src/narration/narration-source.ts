/**
 * The choice between the device's voice (Web Speech) and the recorded narration (Howler): the
 * URL parameter, the first source to use, and when a device failure falls back to the recording.
 * Pure: no Lit, no DOM.
 */

/** Where the sound comes from: the device's speech synthesis or the recorded narration. */
export type NarrationSource = 'device' | 'recorded';

/** The reader's stored choice; `auto` lets the page decide. */
export type SourcePreference = 'auto' | NarrationSource;

/** The status-line notice shown (once) when the device voice fails and the recording takes over. */
export const FALLBACK_NOTICE = 'Device voice unavailable. Playing the recorded narration from the same sentence.';

/**
 * How long narration waits after a notice is announced, so a screen reader says it before the
 * first words rather than over them: about 40 ms a character (a brisk screen-reader pace),
 * 1–3.5 s.
 */
export function noticeLeadMs(notice: string): number {
  return Math.min(3500, Math.max(1000, notice.length * 40));
}

/** Accepted values of the `narration` URL parameter. */
const PARAM_VALUES: Readonly<Record<string, NarrationSource>> = {
  recorded: 'recorded',
  audio: 'recorded',
  device: 'device',
  speech: 'device',
};

/**
 * The `narration` URL parameter: `recorded` (or `audio`) and `device` (or `speech`), any case,
 * surrounding spaces ignored. Anything else, or no parameter, → null.
 */
export function parseSourceParam(value: string | null): NarrationSource | null {
  if (value === null) return null;
  const key = value.trim().toLowerCase();
  return Object.hasOwn(PARAM_VALUES, key) ? PARAM_VALUES[key]! : null;
}

/** What decides the first source. */
export interface InitialSourceInput {
  /** Forced by the page (URL parameter, embed attribute): wins. */
  forced: NarrationSource | null;
  /** The reader's stored choice. */
  preference: SourcePreference;
  /** Whether `speechSynthesis` exists in this browser. */
  speechAvailable: boolean;
}

/** Forced source first, then an explicit preference; `auto` → device when speech exists, else recorded. */
export function initialSource({ forced, preference, speechAvailable }: InitialSourceInput): NarrationSource {
  if (forced) return forced;
  if (preference !== 'auto') return preference;
  return speechAvailable ? 'device' : 'recorded';
}

/** Device failures the recorded narration can stand in for. */
const FALLBACK_CODES: ReadonlySet<string> = new Set(['unsupported', 'no-voices', 'synthesis-failed', 'stalled']);

/**
 * Whether a failure of `source` should switch to the recorded narration: only device failures
 * that a recording fixes (`unsupported`, `no-voices`, `synthesis-failed`, `stalled`), never when
 * the page forced the device voice, never for `not-allowed` (Play again inside a click works),
 * and never for failures of the recording itself.
 */
export function shouldFallBack(error: { code: string }, source: NarrationSource, forced: NarrationSource | null): boolean {
  if (source !== 'device' || forced === 'device') return false;
  return FALLBACK_CODES.has(error.code);
}
