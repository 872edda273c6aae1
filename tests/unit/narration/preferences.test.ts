// Narration preferences and the saved position: parsing garbage, clamping, storage that throws.
import { describe, expect, it } from 'vitest';
import {
  createNarrationStore,
  createPositionStore,
  defaultNarrationPreferences,
  normalizeRate,
  parseNarrationPreferences,
  parsePosition,
} from '../../../src/narration/preferences.ts';
import type { KeyValueStorage } from '../../../src/settings/storage.ts';

function fakeStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const throwing: KeyValueStorage = {
  getItem: () => {
    throw new Error('blocked');
  },
  setItem: () => {
    throw new Error('quota');
  },
  removeItem: () => {
    throw new Error('blocked');
  },
};

describe('parseNarrationPreferences', () => {
  it.each([undefined, null, 0, 'fast', true, [], [1], () => 1])('returns the defaults for %s', (raw) => {
    expect(parseNarrationPreferences(raw)).toEqual(defaultNarrationPreferences());
  });

  it('keeps valid values', () => {
    const raw = {
      rate: 1.25,
      voices: { stalin: 'Tom', editor: 'Jenny' },
      shortcuts: false,
      followAlong: false,
      tabToSentences: true,
      source: 'recorded',
      volume: 0.6,
    };
    expect(parseNarrationPreferences(raw)).toEqual(raw);
  });

  it('keeps a valid narration source and drops anything else', () => {
    expect(parseNarrationPreferences({ source: 'device' }).source).toBe('device');
    expect(parseNarrationPreferences({ source: 'recorded' }).source).toBe('recorded');
    expect(parseNarrationPreferences({ source: 'tape' }).source).toBe('auto');
    expect(parseNarrationPreferences({ source: 1 }).source).toBe('auto');
  });

  it('clamps and snaps the rate; drops non-numbers', () => {
    expect(parseNarrationPreferences({ rate: 9 }).rate).toBe(2);
    expect(parseNarrationPreferences({ rate: 0 }).rate).toBe(0.5);
    expect(parseNarrationPreferences({ rate: 1.13 }).rate).toBe(1.15);
    expect(parseNarrationPreferences({ rate: -Infinity }).rate).toBe(0.5);
    expect(parseNarrationPreferences({ rate: NaN }).rate).toBe(1);
    expect(parseNarrationPreferences({ rate: '1.5' }).rate).toBe(1);
    expect(normalizeRate(1.05)).toBe(1.05);
  });

  it('drops garbage voices, unknown speakers and inherited keys', () => {
    const voices = Object.create({ narrator: 'Inherited' }) as Record<string, unknown>;
    Object.assign(voices, { stalin: '  Tom  ', lenin: 'Daniel', molotov: 3, kollontai: '', secretary: 'x'.repeat(500) });
    const prefs = parseNarrationPreferences({ voices, shortcuts: 'yes', followAlong: 1, tabToSentences: null });
    expect(prefs.voices).toEqual({ stalin: 'Tom' });
    expect(prefs.shortcuts).toBe(true);
    expect(prefs.followAlong).toBe(true);
    expect(prefs.tabToSentences).toBe(false);
    expect(parseNarrationPreferences({ voices: ['Tom'] }).voices).toEqual({});
  });

  it('survives throwing getters and __proto__ keys', () => {
    const nasty = JSON.parse('{"__proto__": {"rate": 2}, "voices": {"__proto__": {"stalin": "X"}}}') as unknown;
    expect(parseNarrationPreferences(nasty)).toEqual(defaultNarrationPreferences());
    const getter = {
      get rate(): number {
        throw new Error('no');
      },
    };
    expect(parseNarrationPreferences(getter).rate).toBe(1);
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    expect(parseNarrationPreferences(revoked.proxy)).toEqual(defaultNarrationPreferences());
  });
});

describe('createNarrationStore', () => {
  it('round-trips under its own versioned key, separate from reading settings', () => {
    const storage = fakeStorage({ 'ne-reading-settings:v1': '{"theme":"cream"}' });
    const store = createNarrationStore(() => storage);
    store.save({ ...defaultNarrationPreferences(), rate: 1.5, voices: { narrator: 'Daniel' } });
    expect([...storage.data.keys()].sort()).toEqual(['ne-narration:v1', 'ne-reading-settings:v1']);
    expect(store.load()).toMatchObject({ rate: 1.5, voices: { narrator: 'Daniel' } });
    store.clear();
    expect(storage.data.has('ne-narration:v1')).toBe(false);
    expect(store.load()).toEqual(defaultNarrationPreferences());
  });

  it('validates on save and load (garbage in storage → defaults)', () => {
    const storage = fakeStorage({ 'ne-narration:v1': '{not json' });
    const store = createNarrationStore(() => storage);
    expect(store.load()).toEqual(defaultNarrationPreferences());
    store.save({ ...defaultNarrationPreferences(), rate: 7 });
    expect(JSON.parse(storage.data.get('ne-narration:v1')!).rate).toBe(2);
  });

  it('survives throwing and absent storage', () => {
    for (const get of [() => throwing, () => undefined, () => {
      throw new Error('SecurityError');
    }]) {
      const store = createNarrationStore(get);
      expect(store.load()).toEqual(defaultNarrationPreferences());
      expect(() => store.save(defaultNarrationPreferences())).not.toThrow();
      expect(() => store.clear()).not.toThrow();
    }
  });
});

describe('createPositionStore', () => {
  it('saves and loads the last sentence with a timestamp', () => {
    const storage = fakeStorage();
    const store = createPositionStore(() => storage);
    expect(store.load()).toBeNull();
    store.save('s-42', 1234);
    expect(JSON.parse(storage.data.get('ne-position:v1')!)).toEqual({ id: 's-42', savedAt: 1234 });
    expect(store.load()).toEqual({ id: 's-42', savedAt: 1234 });
    store.save('');
    expect(store.load()).toEqual({ id: 's-42', savedAt: 1234 });
    store.clear();
    expect(store.load()).toBeNull();
  });

  it.each([null, 'x', [], { id: 3, savedAt: 1 }, { id: '', savedAt: 1 }, { id: 'a', savedAt: 'now' }, { id: 'a', savedAt: -1 }, { id: 'a' }])(
    'parsePosition rejects %j',
    (raw) => {
      expect(parsePosition(raw)).toBeNull();
    },
  );

  it('survives throwing storage', () => {
    const store = createPositionStore(() => throwing);
    expect(store.load()).toBeNull();
    expect(() => store.save('a')).not.toThrow();
  });
});
