/**
 * Typed events of the reading-settings UI. Controls send intent up with these; the root element
 * owns the settings model and hands the new state back down. All bubble and are composed, so they
 * cross shadow roots (../../ui/intent-event.ts). They are dispatched on user action only, never
 * when a property is set.
 */
import type { ReadingSettings, SettingChange, SettingKey } from '../../settings/types.ts';
import { intentEvent } from '../../ui/intent-event.ts';

/** The reader changed one setting (a slider moved, a radio or checkbox toggled, a preset applied). */
export class SettingChangeEvent<K extends SettingKey = SettingKey> extends intentEvent('setting-change') {
  constructor(
    /** The setting that changed. */
    readonly key: K,
    /** Its new value (already valid for the setting's descriptor). */
    readonly value: ReadingSettings[K],
  ) {
    super();
  }

  /** The change as a discriminated `{ key, value }` union, e.g. for `ReadingSettingsModel.set`. */
  get change(): SettingChange {
    return { key: this.key, value: this.value } as SettingChange;
  }

  /** Narrows the event to one setting: `if (e.is('theme')) e.value // Theme`. */
  is<T extends SettingKey>(key: T): this is SettingChangeEvent<T> {
    return (this.key as SettingKey) === key;
  }
}

/** The reader asked to reset every setting to its default ("Reset to defaults"). */
export class SettingsResetEvent extends intentEvent('settings-reset') {}

/** The reader asked to open the settings dialog (toolbar button). */
export class SettingsOpenRequestEvent extends intentEvent('settings-open-request') {}

declare global {
  interface GlobalEventHandlersEventMap {
    'setting-change': SettingChangeEvent;
    'settings-reset': SettingsResetEvent;
    'settings-open-request': SettingsOpenRequestEvent;
  }
}
