/**
 * User preferences: what the reader chose, each value optional and nullable (null or absent =
 * "use the default"). `parsePreferences` turns anything read back from storage into valid
 * preferences and never throws; values are validated against the descriptors.
 */
import { SETTING_DESCRIPTORS, SETTING_KEYS, stepDecimals, type RangeDescriptor } from './descriptors.ts';
import type { ReadingSettings, SettingKey } from './types.ts';

/** The reader's choices; a missing or null value falls back to the default. */
export type ReadingPreferences = { [K in keyof ReadingSettings]?: ReadingSettings[K] | null };

/**
 * Clamps a number to the descriptor's range and snaps it to the nearest step from `min`.
 * `±Infinity` clamps to the ends; `NaN` returns undefined.
 */
export function clampToRange(d: Pick<RangeDescriptor, 'min' | 'max' | 'step'>, value: number): number | undefined {
  if (Number.isNaN(value)) return undefined;
  const clamped = Math.min(d.max, Math.max(d.min, value));
  const steps = Math.round((clamped - d.min) / d.step);
  const snapped = Math.min(d.max, d.min + steps * d.step);
  return Number(snapped.toFixed(stepDecimals(d.step)));
}

/**
 * Validates one value for one setting: a valid value (clamped and snapped for ranges) or
 * undefined when the value cannot be used (wrong type, unknown choice, NaN).
 */
export function normalizeSetting<K extends SettingKey>(key: K, value: unknown): ReadingSettings[K] | undefined {
  const d = SETTING_DESCRIPTORS[key];
  switch (d.kind) {
    case 'choice':
      return typeof value === 'string' && d.options.some((o) => o.value === value)
        ? (value as ReadingSettings[K])
        : undefined;
    case 'range':
      return typeof value === 'number' ? (clampToRange(d, value) as ReadingSettings[K] | undefined) : undefined;
    case 'toggle':
      return typeof value === 'boolean' ? (value as ReadingSettings[K]) : undefined;
  }
}

/**
 * Turns anything (parsed JSON, garbage, a non-object) into valid preferences. Only known keys
 * are read, as own properties, so `__proto__`/`constructor` keys cannot pollute anything;
 * invalid values are dropped, numbers are clamped and snapped. Never throws.
 */
export function parsePreferences(raw: unknown): ReadingPreferences {
  const prefs: ReadingPreferences = {};
  if (typeof raw !== 'object' || raw === null) return prefs;
  try {
    if (Array.isArray(raw)) return prefs;
  } catch {
    return prefs; // a revoked proxy
  }
  for (const key of SETTING_KEYS) {
    let value: unknown;
    try {
      if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
      value = (raw as Record<string, unknown>)[key];
    } catch {
      continue; // a throwing getter or proxy trap
    }
    const normalized = normalizeSetting(key, value);
    if (normalized !== undefined) (prefs as Record<SettingKey, unknown>)[key] = normalized;
  }
  return prefs;
}

/**
 * Returns new preferences with one value set (validated like `parsePreferences`); `null`
 * or an invalid value removes the preference so the default applies.
 */
export function withPreference<K extends SettingKey>(
  prefs: ReadingPreferences,
  key: K,
  value: ReadingSettings[K] | null,
): ReadingPreferences {
  const next: ReadingPreferences = Object.assign({}, prefs);
  const normalized = value === null ? undefined : normalizeSetting(key, value);
  if (normalized === undefined) delete next[key];
  else (next as Record<SettingKey, unknown>)[key] = normalized;
  return next;
}
