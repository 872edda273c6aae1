/**
 * The reader's settings during a visit: user preferences (nullable) over the defaults, persisted
 * through a PreferenceStore, with change notification. Pure: no DOM, no Lit.
 */
import type { ReadingSettings, SettingChange } from './types.ts';
import type { ReadingPreferences } from './preferences.ts';
import { parsePreferences } from './preferences.ts';
import { resolveSettings } from './effective.ts';
import type { PreferenceStore } from './storage.ts';

/** Called with the new effective settings after every change. */
export type SettingsListener = (settings: ReadingSettings) => void;

/** Holds preferences + defaults, persists changes, notifies subscribers. */
export class ReadingSettingsModel {
  private preferences: ReadingPreferences;
  private current: ReadingSettings;
  private readonly listeners = new Set<SettingsListener>();

  /**
   * @param store where preferences persist; garbage in it falls back to defaults.
   * @param defaults the defaults for this visitor (from their system preferences, or a museum's).
   */
  constructor(
    private readonly store: PreferenceStore,
    private readonly defaults: ReadingSettings,
  ) {
    this.preferences = parsePreferences(store.load());
    this.current = resolveSettings(this.preferences, defaults);
  }

  /** The effective settings. */
  get settings(): ReadingSettings {
    return this.current;
  }

  /** Applies one user choice and saves it. Invalid values are clamped or ignored. */
  set(change: SettingChange): void {
    this.preferences = parsePreferences({ ...this.preferences, [change.key]: change.value });
    this.store.save(this.preferences);
    this.update();
  }

  /** Forgets every user choice. */
  reset(): void {
    this.preferences = {};
    this.store.clear();
    this.update();
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: SettingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(): void {
    this.current = resolveSettings(this.preferences, this.defaults);
    for (const listener of this.listeners) listener(this.current);
  }
}
