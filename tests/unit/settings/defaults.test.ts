// Defaults per environment: theme from prefers-color-scheme / prefers-contrast, motion from prefers-reduced-motion.
import { describe, expect, it } from 'vitest';
import { defaultSettings, environmentFromMatchMedia, ENVIRONMENT_QUERIES } from '../../../src/settings/index.ts';

const env = (prefersDark: boolean, prefersMoreContrast: boolean, prefersReducedMotion = false) => ({
  prefersDark,
  prefersMoreContrast,
  prefersReducedMotion,
});

describe('defaultSettings', () => {
  it.each([
    [env(false, false), 'cream'],
    [env(true, false), 'hc-dark'],
    [env(false, true), 'hc-light'],
    [env(true, true), 'hc-dark'],
  ] as const)('%o → %s', (e, theme) => {
    expect(defaultSettings(e).theme).toBe(theme);
  });

  it('follows prefers-reduced-motion', () => {
    expect(defaultSettings(env(false, false, true)).reduceMotion).toBe(true);
    expect(defaultSettings(env(false, false, false)).reduceMotion).toBe(false);
  });

  it('has the fixed defaults from the brief', () => {
    expect(defaultSettings(env(false, false))).toEqual({
      theme: 'cream',
      font: 'atkinson',
      textSize: 100,
      lineHeight: 1.6,
      letterSpacing: 0,
      wordSpacing: 0,
      lineLength: 65,
      readingFocus: false,
      reduceMotion: false,
      highlightWords: true,
    });
  });

  it('returns a fresh object each time', () => {
    const a = defaultSettings(env(false, false));
    a.textSize = 300;
    expect(defaultSettings(env(false, false)).textSize).toBe(100);
  });
});

describe('environmentFromMatchMedia', () => {
  it('asks the injected matchMedia for each query', () => {
    const asked: string[] = [];
    const result = environmentFromMatchMedia((q) => {
      asked.push(q);
      return { matches: q === ENVIRONMENT_QUERIES.prefersDark || q === ENVIRONMENT_QUERIES.prefersReducedMotion };
    });
    expect(result).toEqual({ prefersDark: true, prefersMoreContrast: false, prefersReducedMotion: true });
    expect(asked).toContain('(prefers-contrast: more)');
  });

  it('is all false without matchMedia or when it throws', () => {
    const none = { prefersDark: false, prefersMoreContrast: false, prefersReducedMotion: false };
    expect(environmentFromMatchMedia(undefined)).toEqual(none);
    expect(
      environmentFromMatchMedia(() => {
        throw new Error('no');
      }),
    ).toEqual(none);
  });
});
