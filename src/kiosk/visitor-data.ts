/**
 * What the edition keeps about a visitor, by name, and forgetting it (a kiosk's reset). The
 * edition writes only these Web Storage keys: no cookies, no IndexedDB, no Cache Storage of its
 * own beyond the service worker's copies of the edition itself (content, not visitor data). Other
 * keys on the same origin belong to the host and are left alone. Pure apart from the storages
 * passed in.
 */
import { NARRATION_STORAGE_KEY, POSITION_STORAGE_KEY } from '../narration/preferences.ts';
import { SETTINGS_STORAGE_KEY } from '../settings/storage.ts';

/** Every Web Storage key the edition writes. */
export const VISITOR_STORAGE_KEYS: readonly string[] = [SETTINGS_STORAGE_KEY, NARRATION_STORAGE_KEY, POSITION_STORAGE_KEY];

/** The parts of `Storage` used here. */
export type RemovableStorage = Pick<Storage, 'removeItem'>;

/** Removes the edition's keys from each storage; a storage that is missing or blocked is skipped. */
export function forgetVisitor(storages: ReadonlyArray<() => RemovableStorage | null | undefined>): void {
  for (const get of storages) {
    try {
      const storage = get();
      for (const key of VISITOR_STORAGE_KEYS) storage?.removeItem(key);
    } catch {
      // Storage blocked: nothing was kept there.
    }
  }
}
