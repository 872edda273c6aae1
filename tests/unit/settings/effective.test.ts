// resolveSettings: preferences over defaults.
import { describe, expect, it } from 'vitest';
import { defaultSettings, resolveSettings, type ReadingPreferences } from '../../../src/settings/index.ts';

const defaults = defaultSettings({ prefersDark: true, prefersMoreContrast: false, prefersReducedMotion: true });

describe('resolveSettings', () => {
  it('returns the defaults for no preferences', () => {
    expect(resolveSettings({}, defaults)).toEqual(defaults);
  });

  it('lets set preferences win and null fall back to the default', () => {
    const s = resolveSettings({ theme: 'cream', textSize: 200, reduceMotion: false, font: null }, defaults);
    expect(s.theme).toBe('cream');
    expect(s.textSize).toBe(200);
    expect(s.reduceMotion).toBe(false);
    expect(s.font).toBe('atkinson');
    expect(s.lineHeight).toBe(defaults.lineHeight);
  });

  it('keeps false and 0 preferences (they are not "unset")', () => {
    const s = resolveSettings({ reduceMotion: false, letterSpacing: 0 }, { ...defaults, letterSpacing: 0.1 });
    expect(s.reduceMotion).toBe(false);
    expect(s.letterSpacing).toBe(0);
  });

  it('re-validates unchecked preferences', () => {
    const unchecked = { theme: 'neon', textSize: 9999 } as unknown as ReadingPreferences;
    const s = resolveSettings(unchecked, defaults);
    expect(s.theme).toBe('hc-dark');
    expect(s.textSize).toBe(300);
  });

  it('mutates neither argument', () => {
    const prefs: ReadingPreferences = { textSize: 150 };
    const before = { ...defaults };
    const s = resolveSettings(prefs, defaults);
    s.textSize = 120;
    expect(defaults).toEqual(before);
    expect(prefs).toEqual({ textSize: 150 });
  });
});
