// parsePreferences accepts anything and returns only valid, clamped, snapped preferences.
import { describe, expect, it } from 'vitest';
import { clampToRange, parsePreferences, withPreference } from '../../../src/settings/index.ts';

describe('parsePreferences', () => {
  it.each([undefined, null, 0, 42, NaN, 'cream', '', true, [], [1, 2], () => 1, Symbol('x')])(
    'returns {} for a non-object: %s',
    (raw) => {
      expect(parsePreferences(raw)).toEqual({});
    },
  );

  it('keeps valid values of every kind', () => {
    const raw = {
      theme: 'hc-dark',
      font: 'lexend',
      textSize: 150,
      lineHeight: 1.8,
      letterSpacing: 0.12,
      wordSpacing: 0.44,
      lineLength: 70,
      readingFocus: true,
      reduceMotion: false,
    };
    expect(parsePreferences(raw)).toEqual(raw);
  });

  it('drops wrong types and unknown enum values', () => {
    expect(
      parsePreferences({
        theme: 'sepia',
        font: 'Comic Sans',
        textSize: '150',
        lineHeight: [1.8],
        letterSpacing: { v: 1 },
        wordSpacing: null,
        lineLength: true,
        readingFocus: 'true',
        reduceMotion: 1,
      }),
    ).toEqual({});
    expect(parsePreferences({ theme: 'HC-DARK', font: 'lexend' })).toEqual({ font: 'lexend' });
  });

  it('drops NaN and clamps infinities and huge numbers to the range', () => {
    expect(parsePreferences({ textSize: NaN, lineHeight: Infinity, letterSpacing: -Infinity })).toEqual({
      lineHeight: 2.5,
      letterSpacing: 0,
    });
    expect(parsePreferences({ textSize: 1e308, lineLength: -1e308 })).toEqual({ textSize: 300, lineLength: 45 });
    expect(parsePreferences(JSON.parse('{"textSize": 1e999}'))).toEqual({ textSize: 300 });
  });

  it('clamps out-of-range numbers and snaps them to the step', () => {
    expect(parsePreferences({ textSize: 5, lineHeight: 9, letterSpacing: -1, wordSpacing: 0.61, lineLength: 81 })).toEqual({
      textSize: 100,
      lineHeight: 2.5,
      letterSpacing: 0,
      wordSpacing: 0.6,
      lineLength: 80,
    });
    expect(parsePreferences({ textSize: 154, lineHeight: 1.74, letterSpacing: 0.13, lineLength: 62 })).toEqual({
      textSize: 150,
      lineHeight: 1.7,
      letterSpacing: 0.14,
      lineLength: 60,
    });
  });

  it('snaps without floating-point noise', () => {
    const { lineHeight, wordSpacing } = parsePreferences({ lineHeight: 1.5 + 0.1 + 0.1 + 0.1, wordSpacing: 0.04 * 3 });
    expect(lineHeight).toBe(1.8);
    expect(wordSpacing).toBe(0.12);
    expect(clampToRange({ min: 0, max: 0.2, step: 0.02 }, 0.06000000001)).toBe(0.06);
  });

  it('ignores prototype-pollution keys and unknown keys', () => {
    const raw = JSON.parse('{"__proto__": {"polluted": true, "theme": "hc-dark"}, "constructor": {"prototype": {"x": 1}}, "extra": 1, "font": "lexend"}');
    const prefs = parsePreferences(raw);
    expect(prefs).toEqual({ font: 'lexend' });
    expect(Object.keys(prefs)).toEqual(['font']);
    expect(Object.getPrototypeOf(prefs)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prefs.theme).toBeUndefined();
  });

  it('ignores inherited values (only own properties count)', () => {
    const raw = Object.create({ theme: 'hc-dark' }) as object;
    expect(parsePreferences(raw)).toEqual({});
  });

  it('never throws, even for throwing getters and proxies', () => {
    const getter = Object.defineProperty({ font: 'lexend' }, 'theme', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(parsePreferences(getter)).toEqual({ font: 'lexend' });
    const proxy = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
      },
    );
    expect(parsePreferences(proxy)).toEqual({});
    const { proxy: revoked, revoke } = Proxy.revocable({ theme: 'cream' }, {});
    revoke();
    expect(parsePreferences(revoked)).toEqual({});
  });
});

describe('withPreference', () => {
  it('sets a validated value without mutating the input', () => {
    const prefs = Object.freeze({ theme: 'cream' as const });
    expect(withPreference(prefs, 'textSize', 157)).toEqual({ theme: 'cream', textSize: 160 });
    expect(prefs).toEqual({ theme: 'cream' });
  });

  it('removes the preference for null', () => {
    expect(withPreference({ theme: 'cream', font: 'lexend' }, 'theme', null)).toEqual({ font: 'lexend' });
  });
});
