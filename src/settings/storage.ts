/**
 * Where preferences persist, behind an interface. `createLocalStore` wraps Web Storage and
 * survives everything storage can throw (SecurityError when storage is blocked, quota errors,
 * JSON garbage); `createMemoryStore` is for tests and kiosk sessions that must not persist.
 */
import type { ReadingPreferences } from './preferences.ts';

/** The storage key; bump the version when the stored shape changes incompatibly. */
export const SETTINGS_STORAGE_KEY = 'ne-reading-settings:v1';

/** Persists the reader's preferences. `load` returns raw data: pass it to `parsePreferences`. */
export interface PreferenceStore {
  /** The stored value, parsed from JSON but not validated; undefined when none or unreadable. */
  load(): unknown;
  /** Stores preferences; failures are swallowed. */
  save(p: ReadingPreferences): void;
  /** Forgets stored preferences; failures are swallowed. */
  clear(): void;
}

/** The subset of `Storage` used here, so fakes are easy. `window.localStorage` satisfies it. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * A store over Web Storage. `getStorage` is called on every operation, inside a try, because
 * merely reading `window.localStorage` throws a SecurityError when storage is blocked.
 */
export function createLocalStore(
  getStorage: () => KeyValueStorage | undefined | null,
  key: string = SETTINGS_STORAGE_KEY,
): PreferenceStore {
  return {
    load() {
      try {
        const raw = getStorage()?.getItem(key);
        return typeof raw === 'string' ? (JSON.parse(raw) as unknown) : undefined;
      } catch {
        return undefined;
      }
    },
    save(p) {
      try {
        getStorage()?.setItem(key, JSON.stringify(p));
      } catch {
        // Storage full, blocked or absent: the settings still apply for this visit.
      }
    },
    clear() {
      try {
        getStorage()?.removeItem(key);
      } catch {
        // As above.
      }
    },
  };
}

/**
 * An in-memory store. Values round-trip through JSON like the real store, so a test that
 * mutates the saved object afterwards cannot change what `load` returns.
 */
export function createMemoryStore(initial?: unknown): PreferenceStore {
  let json: string | undefined = initial === undefined ? undefined : JSON.stringify(initial);
  return {
    load: () => (json === undefined ? undefined : (JSON.parse(json) as unknown)),
    save(p) {
      json = JSON.stringify(p);
    },
    clear() {
      json = undefined;
    },
  };
}
