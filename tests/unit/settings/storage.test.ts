// Preference stores: local storage that survives throwing/absent storage and garbage, and the memory store.
import { describe, expect, it } from 'vitest';
import {
  SETTINGS_STORAGE_KEY,
  createLocalStore,
  createMemoryStore,
  parsePreferences,
  type KeyValueStorage,
} from '../../../src/settings/index.ts';

/** A Map-backed fake of Web Storage. */
function fakeStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const securityError = () => {
  throw new DOMException('The operation is insecure.', 'SecurityError');
};

describe('createLocalStore', () => {
  it('round-trips preferences as JSON under the versioned key', () => {
    const storage = fakeStorage();
    const store = createLocalStore(() => storage);
    store.save({ theme: 'hc-light', textSize: 150 });
    expect(SETTINGS_STORAGE_KEY).toBe('ne-reading-settings:v1');
    expect(JSON.parse(storage.data.get('ne-reading-settings:v1')!)).toEqual({ theme: 'hc-light', textSize: 150 });
    expect(store.load()).toEqual({ theme: 'hc-light', textSize: 150 });
    store.clear();
    expect(storage.data.has(SETTINGS_STORAGE_KEY)).toBe(false);
    expect(store.load()).toBeUndefined();
  });

  it('uses a custom key', () => {
    const storage = fakeStorage();
    createLocalStore(() => storage, 'kiosk-1').save({ font: 'lexend' });
    expect([...storage.data.keys()]).toEqual(['kiosk-1']);
  });

  it('survives a getter that throws SecurityError', () => {
    const store = createLocalStore(securityError);
    expect(store.load()).toBeUndefined();
    expect(() => store.save({ theme: 'cream' })).not.toThrow();
    expect(() => store.clear()).not.toThrow();
  });

  it('survives absent storage', () => {
    const store = createLocalStore(() => undefined);
    expect(store.load()).toBeUndefined();
    expect(() => store.save({ theme: 'cream' })).not.toThrow();
    expect(() => store.clear()).not.toThrow();
  });

  it('survives storage whose methods throw (quota, blocked)', () => {
    const storage: KeyValueStorage = {
      getItem: securityError,
      setItem: () => {
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      },
      removeItem: securityError,
    };
    const store = createLocalStore(() => storage);
    expect(store.load()).toBeUndefined();
    expect(() => store.save({ textSize: 300 })).not.toThrow();
    expect(() => store.clear()).not.toThrow();
  });

  it.each(['{not json', 'undefined', '', '{"theme":'])('returns undefined for JSON garbage %j', (garbage) => {
    const store = createLocalStore(() => fakeStorage({ [SETTINGS_STORAGE_KEY]: garbage }));
    expect(store.load()).toBeUndefined();
  });

  it('returns valid-JSON garbage as is, for parsePreferences to clean', () => {
    const store = createLocalStore(() => fakeStorage({ [SETTINGS_STORAGE_KEY]: '[1,2,3]' }));
    expect(store.load()).toEqual([1, 2, 3]);
    expect(parsePreferences(store.load())).toEqual({});
  });
});

describe('createMemoryStore', () => {
  it('starts empty or with the initial value', () => {
    expect(createMemoryStore().load()).toBeUndefined();
    expect(createMemoryStore({ theme: 'cream' }).load()).toEqual({ theme: 'cream' });
  });

  it('saves a copy, loads it back, and clears', () => {
    const store = createMemoryStore();
    const prefs = { textSize: 200 };
    store.save(prefs);
    prefs.textSize = 100;
    expect(store.load()).toEqual({ textSize: 200 });
    store.clear();
    expect(store.load()).toBeUndefined();
  });
});
