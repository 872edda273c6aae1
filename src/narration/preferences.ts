/**
 * Narration preferences (speed, voice per speaker, keyboard shortcuts, follow-along, Tab through
 * sentences) and the saved reading position, persisted apart from the reading settings. Parsing
 * never throws; storage failures are swallowed (the choices still apply for this visit).
 */
import { SPEAKER_IDS, type SpeakerId } from '../content/model.ts';
import { createLocalStore, type KeyValueStorage, type PreferenceStore } from '../settings/storage.ts';

/** What the reader chose for the narration. */
export interface NarrationPreferences {
  /** Overall speed, 0.5–2 in steps of 0.05 (default 1). */
  rate: number;
  /** Voice name per speaker (user overrides of the automatic casting). */
  voices: Partial<Record<SpeakerId, string>>;
  /** Single-key shortcuts (default true). */
  shortcuts: boolean;
  /** Scroll to keep the sentence being read in view (default true). */
  followAlong: boolean;
  /** Tab moves through sentences (default false). */
  tabToSentences: boolean;
  /** Device voice, recorded narration, or automatic (device when it works, else recorded). */
  source: 'auto' | 'device' | 'recorded';
  /** Narration volume, 0–1 in steps of 0.1 (default 1): the in-app control of kiosks. */
  volume: number;
}

/** The defaults (a fresh object each time). */
export function defaultNarrationPreferences(): NarrationPreferences {
  return { rate: 1, voices: {}, shortcuts: true, followAlong: true, tabToSentences: false, source: 'auto', volume: 1 };
}

export const NARRATION_RATE = { min: 0.5, max: 2, step: 0.05 } as const;
export const NARRATION_VOLUME = { min: 0, max: 1, step: 0.1 } as const;
export const NARRATION_STORAGE_KEY = 'ne-narration:v1';
export const POSITION_STORAGE_KEY = 'ne-position:v1';

/** Clamps a speed to 0.5–2 and snaps it to 0.05 steps; undefined for non-numbers and NaN. */
export function normalizeRate(value: unknown): number | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return undefined;
  const { min, max, step } = NARRATION_RATE;
  const clamped = Math.min(max, Math.max(min, value));
  return Number((min + Math.round((clamped - min) / step) * step).toFixed(2));
}

/** Clamps a volume to 0–1 and snaps it to 0.1 steps; undefined for non-numbers and NaN. */
export function normalizeVolume(value: unknown): number | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return undefined;
  const { min, max, step } = NARRATION_VOLUME;
  const clamped = Math.min(max, Math.max(min, value));
  return Number((Math.round(clamped / step) * step).toFixed(1));
}

/**
 * `createLocalStore` (reading settings) survives every storage failure and only JSON-serialises
 * what it is given, so it stores any JSON value; its `save` is merely typed for reading settings.
 */
function jsonStore(getStorage: () => KeyValueStorage | undefined | null, key: string) {
  const store: PreferenceStore = createLocalStore(getStorage, key);
  return { load: store.load, save: store.save as (value: unknown) => void, clear: store.clear };
}

/** Reads an own property, surviving throwing getters and proxies. */
function own(raw: object, key: string): unknown {
  try {
    return Object.prototype.hasOwnProperty.call(raw, key) ? (raw as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

function isPlainObject(raw: unknown): raw is object {
  if (typeof raw !== 'object' || raw === null) return false;
  try {
    return !Array.isArray(raw);
  } catch {
    return false; // a revoked proxy
  }
}

/**
 * Turns anything read back from storage into valid preferences, filling defaults. Never throws:
 * wrong types are dropped, the rate is clamped and snapped, unknown speakers and empty or
 * over-long voice names are dropped.
 */
export function parseNarrationPreferences(raw: unknown): NarrationPreferences {
  const prefs = defaultNarrationPreferences();
  if (!isPlainObject(raw)) return prefs;
  const rate = normalizeRate(own(raw, 'rate'));
  if (rate !== undefined) prefs.rate = rate;
  const volume = normalizeVolume(own(raw, 'volume'));
  if (volume !== undefined) prefs.volume = volume;
  for (const key of ['shortcuts', 'followAlong', 'tabToSentences'] as const) {
    const value = own(raw, key);
    if (typeof value === 'boolean') prefs[key] = value;
  }
  const source = own(raw, 'source');
  if (source === 'auto' || source === 'device' || source === 'recorded') prefs.source = source;
  const voices = own(raw, 'voices');
  if (isPlainObject(voices)) {
    for (const speaker of SPEAKER_IDS) {
      const name = own(voices, speaker);
      if (typeof name === 'string' && name.trim() !== '' && name.length <= 200) prefs.voices[speaker] = name.trim();
    }
  }
  return prefs;
}

/** Persists narration preferences; `load` returns parsed, valid preferences (defaults when none). */
export interface NarrationStore {
  load(): NarrationPreferences;
  save(prefs: NarrationPreferences): void;
  clear(): void;
}

/** A narration store over Web Storage (`getStorage` is called on every operation, inside a try). */
export function createNarrationStore(
  getStorage: () => KeyValueStorage | undefined | null,
  key: string = NARRATION_STORAGE_KEY,
): NarrationStore {
  const store = jsonStore(getStorage, key);
  return {
    load: () => parseNarrationPreferences(store.load()),
    save: (prefs) => store.save(parseNarrationPreferences(prefs)),
    clear: () => store.clear(),
  };
}

/** The last sentence read, for "Resume from sentence N". */
export interface SavedPosition {
  /** Stable sentence id. */
  id: string;
  /** `Date.now()` when it was saved. */
  savedAt: number;
}

/** Validates a stored position; null when unusable. */
export function parsePosition(raw: unknown): SavedPosition | null {
  if (!isPlainObject(raw)) return null;
  const id = own(raw, 'id');
  const savedAt = own(raw, 'savedAt');
  if (typeof id !== 'string' || id === '' || id.length > 200) return null;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt) || savedAt < 0) return null;
  return { id, savedAt };
}

/** Persists the reading position. */
export interface PositionStore {
  /** The saved position, or null. */
  load(): SavedPosition | null;
  /** Saves sentence `id` (at `now`, default `Date.now()`). */
  save(id: string, now?: number): void;
  clear(): void;
}

/** A position store over Web Storage. */
export function createPositionStore(
  getStorage: () => KeyValueStorage | undefined | null,
  key: string = POSITION_STORAGE_KEY,
): PositionStore {
  const store = jsonStore(getStorage, key);
  return {
    load: () => parsePosition(store.load()),
    save: (id, now = Date.now()) => {
      if (typeof id === 'string' && id !== '') store.save({ id, savedAt: now });
    },
    clear: () => store.clear(),
  };
}
