/**
 * Effective settings = user preferences over defaults (Readium's Preferences + Defaults →
 * Settings). Preferences are re-validated, so unchecked input cannot leak through.
 */
import { SETTING_KEYS } from './descriptors.ts';
import { normalizeSetting, type ReadingPreferences } from './preferences.ts';
import type { ReadingSettings, SettingKey } from './types.ts';

/**
 * Resolves every setting: the preference when it is set and valid, else the default.
 * Returns a new object; neither argument is mutated.
 */
export function resolveSettings(prefs: ReadingPreferences, defaults: ReadingSettings): ReadingSettings {
  const settings = Object.assign({}, defaults);
  for (const key of SETTING_KEYS) {
    const value = prefs[key];
    if (value === null || value === undefined) continue;
    const normalized = normalizeSetting(key, value);
    if (normalized !== undefined) (settings as Record<SettingKey, unknown>)[key] = normalized;
  }
  return settings;
}
