/**
 * The before-first-paint step: read stored preferences, resolve them over the environment's
 * defaults and put the result on the document root, so the page never flashes the wrong theme
 * or size. Bundled into an inline head script; imports only from this folder. Never throws.
 *
 * @example
 * applyStoredSettings(document.documentElement, () => window.localStorage,
 *   environmentFromMatchMedia((q) => window.matchMedia(q)));
 */
import { defaultSettings, type SettingsEnvironment } from './defaults.ts';
import { resolveSettings } from './effective.ts';
import { parsePreferences } from './preferences.ts';
import { createLocalStore, SETTINGS_STORAGE_KEY, type KeyValueStorage } from './storage.ts';
import { applyStyle, settingsToStyle, type StyleRoot } from './style.ts';
import type { ReadingSettings } from './types.ts';

/**
 * Applies stored settings (or the defaults, when storage is absent, blocked or holds garbage)
 * to `root` and returns the effective settings. `storage` may be a storage object or a getter;
 * prefer the getter (`() => window.localStorage`), because reading `localStorage` can throw.
 */
export function applyStoredSettings(
  root: StyleRoot,
  storage: KeyValueStorage | (() => KeyValueStorage | undefined | null) | undefined | null,
  env: SettingsEnvironment,
  key: string = SETTINGS_STORAGE_KEY,
  defaultOverrides: Partial<ReadingSettings> = {},
): ReadingSettings {
  const getStorage = typeof storage === 'function' ? storage : () => storage;
  const prefs = parsePreferences(createLocalStore(getStorage, key).load());
  const settings = resolveSettings(prefs, Object.assign(defaultSettings(env), defaultOverrides));
  try {
    applyStyle(root, settingsToStyle(settings));
  } catch {
    // A half-applied root still renders: tokens.css has no-attribute fallbacks.
  }
  return settings;
}
